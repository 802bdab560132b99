// abnormalDeviceList (docs/efota-api.md §2.4).
import { requireTenant, value, type Handler } from '../business.ts';
import { xmlDocument, type XmlContent } from '../xml.ts';

/** The two titles seen in the documentation. */
export const BLOCKED = 'Blocked, Insufficient License';
export const NOT_ENROLLED = 'Not Enrolled';

/** abnormalDeviceList: which of the given serials are not enrolled, or blocked, under the licence. */
export const abnormalDeviceList: Handler = (request, ctx) => {
  const mdmId = value(request, 'mdmId');
  const customerId = value(request, 'customerId');
  const key = value(request, 'license');
  requireTenant(ctx, key, mdmId, customerId);
  return {
    commit: () => {
      const blocked: string[] = [];
      const notEnrolled: string[] = [];
      for (const serial of request.serials) {
        const device = ctx.state.device(serial);
        const ours = device !== undefined && ctx.state.deviceLicense(device) === key;
        if (ours && device.state === 'enrolled') continue;
        if (ours && device.state === BLOCKED) blocked.push(serial);
        else notEnrolled.push(serial);
      }
      const items: Array<readonly [string, XmlContent]> = [];
      for (const [title, serials] of [[BLOCKED, blocked], [NOT_ENROLLED, notEnrolled]] as const) {
        if (serials.length === 0) continue;
        items.push(['abnormalCategoryItem', [['abnormalCategoryTitle', title], ['abnormalDeviceList', serials.map((s) => ['serialNumber', s] as const)]]]);
      }
      const body = xmlDocument('B2bAbnormalDeviceListVO', [['abnormalCategoryList', items]]);
      return { body, details: { mdmId: mdmId.toUpperCase(), customerId, license: key, serials: [...request.serials] } };
    },
  };
};
