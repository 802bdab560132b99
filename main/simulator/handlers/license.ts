// licenseInfo (docs/efota-api.md §2.3).
import { isoDay } from '../dates.ts';
import { FudError } from '../errors.ts';
import { conditionCode, findLicense, requireIssued, requireRegistered, value, type Handler } from '../business.ts';
import { xmlDocument } from '../xml.ts';
import type { TenantState } from '../state.ts';
import type { License } from '../tenant-records.ts';

/** The `licenseStatus` text: an expired-by-date licence reads `Terminated` (LI's own definition). */
function statusText(state: TenantState, license: License): string {
  switch (state.condition(license)) {
    case 'active':
      return 'Normal';
    case 'expired':
    case 'terminated':
      return 'Terminated';
    case 'cancelled':
      return 'Cancelled';
    case 'not-active':
      return 'Not Active';
  }
}

/** licenseInfo: the licence's period, status, type and seat counts. */
export const licenseInfo: Handler = (request, ctx) => {
  const mdmId = value(request, 'mdmId');
  const customerId = value(request, 'customerId');
  const key = value(request, 'license');
  requireIssued(ctx, mdmId, customerId);
  if (ctx.switches.licenseInfoRequiresRegistration) requireRegistered(ctx, mdmId, customerId);
  const license = findLicense(ctx, key, mdmId, customerId);
  const code = conditionCode(ctx, license);
  if (code && ctx.switches.licenseInfoBadLicence === 'error') throw new FudError(code, `licence ${key} is not usable`);
  return {
    commit: () => {
      const free = ctx.state.freeSeats(key);
      const body = xmlDocument('B2bLicenseInfoVO', [
        ['activePeriod', `${isoDay(license.activeFrom)}~${isoDay(license.activeTo)}`],
        ['licenseStatus', statusText(ctx.state, license)],
        ['licenseType', license.type],
        ['purchasedQuantity', license.seats === null ? 'N/A' : String(license.seats)],
        ['remainingQuantity', license.remainingOverride ?? (free === null ? 'N/A' : String(free))],
        ['blockedDeviceCount', String(ctx.state.blockedCount(key))],
      ]);
      return { body, details: { mdmId: mdmId.toUpperCase(), customerId, license: key, serials: [] } };
    },
  };
};
