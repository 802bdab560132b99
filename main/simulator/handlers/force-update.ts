// forceUpdate, forceUpdateSummary and forceUpdateDetail (docs/efota-api.md §2.6–2.8).
import { FudError } from '../errors.ts';
import { networkType, requireCatalogue, requireTenant, resolveTarget, samePair, value, type Handler, type SimContext } from '../business.ts';
import type { ForceUpdate } from '../tenant-records.ts';
import { xmlDocument, type XmlContent } from '../xml.ts';

/** forceUpdate: pushes a version to 1–100 enrolled devices now; answers a forceUpdateId. */
export const forceUpdate: Handler = (request, ctx) => {
  const mdmId = value(request, 'mdmId');
  const customerId = value(request, 'customerId');
  const key = value(request, 'license');
  const model = value(request, 'deviceModelName');
  const salesCode = value(request, 'salesCode');
  const target = value(request, 'targetFirmwareVersion');
  const network = networkType(request, ctx) ?? 'ANY';
  const license = requireTenant(ctx, key, mdmId, customerId);
  const { state } = ctx;
  const ours: string[] = [];
  const foreign: string[] = [];
  for (const serial of request.serials) {
    const d = state.device(serial);
    const licenseOfDevice = d ? state.deviceLicense(d) : null;
    if (d?.state === 'enrolled' && licenseOfDevice === license.license) ours.push(serial);
    else if (ctx.switches.forceUpdateRequiresGroup && d?.state === 'enrolled' && d.corp && licenseOfDevice === null && d.corp.mdmId === mdmId.toUpperCase() && d.corp.customerId === customerId) {
      throw new FudError('FUD_3013', `${serial} carries the corp ID of group ${d.corp.groupId}, which is not registered`);
    } else foreign.push(serial);
  }
  const versions = requireCatalogue(ctx, model, salesCode);
  const pairInUse = state.devices().some((d) => d.state === 'enrolled' && state.deviceLicense(d) === license.license && samePair(ctx, d, model, salesCode));
  if (!pairInUse) throw new FudError('FUD_3014', `no device of licence ${key} is a ${model}/${salesCode}`);
  const mismatched = ours.find((s) => !samePair(ctx, state.device(s) ?? { model: '', salesCode: '' }, model, salesCode));
  if (mismatched) throw new FudError('FUD_3014', `${mismatched} is not a ${model}/${salesCode}`);
  const resolved = resolveTarget(ctx, versions, target);
  if (foreign.length > 0 && (ctx.switches.unknownSerials === 'reject-call' || ours.length === 0)) {
    throw new FudError('FUD_3031', `${foreign.join(', ')} do(es) not belong to licence ${key}`);
  }
  return {
    commit: () => {
      const id = state.newForceUpdateId();
      const targetRank = state.firmwareRank(versions, resolved.version);
      const notNewer = ours.filter((s) => state.firmwareRank(versions, state.currentFirmware(s) ?? '') >= targetRank);
      state.addForceUpdate({
        forceUpdateId: id, createdAt: ctx.clock.now(), mdmId: mdmId.toUpperCase(), customerId, license: key, model, salesCode,
        requestedTarget: target, target: resolved.version, networkType: network, serials: ours, notNewer, plan: state.progressPlan(),
      });
      const details = { mdmId: mdmId.toUpperCase(), customerId, license: key, model, salesCode, target, resolvedTarget: resolved.version, networkType: network, serials: ours, forceUpdateId: id, ...(foreign.length > 0 ? { skippedSerials: foreign } : {}) };
      return { body: xmlDocument('B2bForceUpdateVO', [['forceUpdateId', id]]), details };
    },
  };
};

/** The force update an ID names for this MDM/customer/licence, while it is still answered. */
function findForceUpdate(ctx: SimContext, id: string, mdmId: string, customerId: string, key: string): ForceUpdate {
  const fu = ctx.state.forceUpdate(id);
  if (!fu || fu.mdmId !== mdmId.toUpperCase() || fu.customerId !== customerId || fu.license !== key) throw new FudError('FUD_3038', `no force update ${id} for this licence`);
  if (ctx.clock.now() >= ctx.state.validUntil(fu)) throw new FudError('FUD_3038', `force update ${id} is older than ${ctx.switches.forceUpdateValidityMonths} months`);
  return fu;
}

function lookup(request: Parameters<Handler>[0], ctx: SimContext): { fu: ForceUpdate; mdmId: string; customerId: string; key: string } {
  const mdmId = value(request, 'mdmId');
  const customerId = value(request, 'customerId');
  const key = value(request, 'license');
  requireTenant(ctx, key, mdmId, customerId);
  return { fu: findForceUpdate(ctx, value(request, 'forceUpdateId'), mdmId, customerId, key), mdmId, customerId, key };
}

/** forceUpdateSummary: processing/success/failed counts at the clock's time. */
export const forceUpdateSummary: Handler = (request, ctx) => {
  const { fu, mdmId, customerId, key } = lookup(request, ctx);
  return {
    commit: () => {
      const states = ctx.state.progress(fu.forceUpdateId);
      const count = (s: string): string => String(states.filter((x) => x.state === s).length);
      const body = xmlDocument('B2bForceUpdateSummaryVO', [
        ['targetFirmwareVersion', fu.target],
        ['processingCount', count('processing')],
        ['successCount', count('success')],
        ['failedCount', count('failed')],
      ]);
      return { body, details: { mdmId: mdmId.toUpperCase(), customerId, license: key, forceUpdateId: fu.forceUpdateId, serials: [] } };
    },
  };
};

/**
 * forceUpdateDetail: the devices still processing and those that failed, with reasons. The real
 * answer's schema is undocumented (docs/efota-api.md §2.8): this shape is a guess, not a spec.
 */
export const forceUpdateDetail: Handler = (request, ctx) => {
  const { fu, mdmId, customerId, key } = lookup(request, ctx);
  return {
    commit: () => {
      const states = ctx.state.progress(fu.forceUpdateId);
      const processing = states.filter((s) => s.state === 'processing');
      const failed = states.filter((s) => s.state === 'failed');
      let content: XmlContent;
      if (ctx.switches.detailShape === 'plausible') {
        content = [
          ['forceUpdateId', fu.forceUpdateId],
          ['targetFirmwareVersion', fu.target],
          ['processingDeviceList', processing.map((s) => ['deviceItem', [['serialNumber', s.serialNumber], ['status', 'Processing']]] as const)],
          ['failedDeviceList', failed.map((s) => ['deviceItem', [['serialNumber', s.serialNumber], ['status', 'Failed'], ['failReason', s.reason ?? '']]] as const)],
        ];
      } else {
        // Deliberately unlike anything a client could map: it must keep the raw answer and say so.
        content = [['rs', [...processing, ...failed].map((s) => ['r', [['k', s.serialNumber], ['v', s.state === 'processing' ? '2' : '9']]] as const)]];
      }
      return { body: xmlDocument('B2bForceUpdateDetailVO', content), details: { mdmId: mdmId.toUpperCase(), customerId, license: key, forceUpdateId: fu.forceUpdateId, serials: [] } };
    },
  };
};
