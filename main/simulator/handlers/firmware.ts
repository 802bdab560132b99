// firmwareList (docs/efota-api.md §2.5).
import { isoDateTime, isoDay } from '../dates.ts';
import { FudError } from '../errors.ts';
import { optional, requireCatalogue, requireTenant, samePair, value, type Handler } from '../business.ts';
import type { FirmwareVersion } from '../tenant-records.ts';
import { xmlDocument, type XmlContent } from '../xml.ts';

/** The placeholder firmwareList writes where it has nothing (docs/efota-api.md §1.5.11). */
const NONE = 'None';

function item(target: FirmwareVersion, from: FirmwareVersion | null): readonly [string, XmlContent] {
  return [
    'firmwareVersionItem',
    [
      ['firmwareId', from ? target.firmwareId : NONE],
      ['currentFirmwareVersion', from ? from.version : NONE],
      ['targetFirmwareVersion', target.version],
      ['description', target.description],
      ['osOldVersion', from ? from.osVersion : NONE],
      ['osVersion', target.osVersion],
      ['firmwareType', from ? target.firmwareType : NONE],
      ['openedDate', isoDateTime(target.openedDate)],
      ['samsungSecurityPatchDate', isoDay(target.securityPatchDate)],
    ],
  ];
}

/** firmwareList: the versions a model/sales code can move to (from the current one, if given). */
export const firmwareList: Handler = (request, ctx) => {
  const mdmId = value(request, 'mdmId');
  const customerId = value(request, 'customerId');
  const key = value(request, 'license');
  const model = value(request, 'deviceModelName');
  const salesCode = value(request, 'salesCode');
  const current = optional(request, 'currentFirmwareVersion');
  requireTenant(ctx, key, mdmId, customerId);
  if (!ctx.state.knowsModel(model)) throw new FudError('FUD_3027', `${model} is not in the allowed model group`);
  const versions = requireCatalogue(ctx, model, salesCode);
  const licensed = ctx.state.devices().filter((d) => d.state === 'enrolled' && ctx.state.deviceLicense(d) === key);
  // FWT: with no device registered to the licence, the list is empty.
  const empty = licensed.length === 0 || (ctx.switches.firmwareListUnusedModel === 'empty' && !licensed.some((d) => samePair(ctx, d, model, salesCode)));
  if (!empty && !licensed.some((d) => samePair(ctx, d, model, salesCode))) throw new FudError('FUD_3014', `no device of licence ${key} is a ${model}/${salesCode}`);
  let rank = -1;
  if (current !== undefined) {
    rank = ctx.state.firmwareRank(versions, current);
    if (rank === -1) throw new FudError('FUD_3029', `${current} is not a version of ${model}/${salesCode}`);
  }
  return {
    commit: () => {
      const from = current === undefined ? null : (versions[rank] ?? null);
      const targets = empty ? [] : versions.slice(rank + 1).reverse();
      const body = xmlDocument('B2bFirmwareInfoListVO', [['firmwareVersionList', targets.map((t) => item(t, from))]]);
      return { body, details: { mdmId: mdmId.toUpperCase(), customerId, license: key, model, salesCode, serials: [] } };
    },
  };
};
