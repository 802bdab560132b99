// What an admin must notice about a licence: a status other than Normal, an end date passed or
// within 30 days, no seats left, blocked devices. Statuses are Samsung's own words (docs/efota-api.md §2.3).
import type { LicenseInfoView, LicenseWarning } from '../../common/contract.ts';
import { licenseExpiry } from '../../common/batch/preview.ts';

/** Warn this many days before the active period ends. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY = 86_400_000;

const STATUS: Readonly<Record<string, LicenseWarning>> = {
  'Not Active': {
    kind: 'not-active',
    severity: 'error',
    message: 'The licence is not active yet (Not Active): Samsung refuses group registration and updates until it is activated. Activate it in Samsung SLM or ask your reseller.',
  },
  Cancelled: {
    kind: 'cancelled',
    severity: 'error',
    message: 'The licence was cancelled: Samsung refuses every update on it (FUD_3020). Move the groups to a valid licence or buy a new one.',
  },
  Terminated: {
    kind: 'terminated',
    severity: 'error',
    message: 'The licence was terminated (it expired): Samsung refuses every update on it (FUD_3021). Renew it with your reseller, then move the groups to the new licence.',
  },
};

/** Days from `now` to the last day of the active period (0 on the last day, negative after it), or null. */
export function daysLeft(info: LicenseInfoView | null, now: number): number | null {
  const expiry = licenseExpiry(info?.activePeriod ?? null);
  if (!expiry) return null;
  const today = Math.floor(now / DAY);
  return Math.floor((expiry.endsAt - DAY) / DAY) - today;
}

/** The warnings for a licence as last known. */
export function licenseWarnings(info: LicenseInfoView | null, now: number): LicenseWarning[] {
  if (info === null) return [];
  const out: LicenseWarning[] = [];
  const status = info.status ?? '';
  const known = STATUS[status];
  if (known) out.push(known);
  else if (status !== 'Normal') {
    out.push({ kind: 'unknown-status', severity: 'warning', message: `Samsung reports the licence status '${status || 'not given'}', which FOTA Desk does not know; updates may be refused. Check the licence in the Knox portal.` });
  }
  const left = daysLeft(info, now);
  const end = info.activeTo ?? '';
  if (left !== null && left < 0 && !known) {
    out.push({ kind: 'expired', severity: 'error', message: `The licence’s active period ended on ${end}: Samsung refuses updates on an expired licence (FUD_3017). Renew it with your reseller.` });
  } else if (left !== null && left >= 0 && left <= EXPIRY_WARNING_DAYS && !known) {
    const when = left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`;
    out.push({ kind: 'expiring', severity: 'warning', message: `The licence expires ${when} (${end}). Plan the renewal now; after that day Samsung refuses updates.` });
  }
  const remaining = count(info.remaining);
  const purchased = count(info.purchased);
  if (remaining === 0) {
    out.push({ kind: 'no-seats', severity: 'error', message: 'No seats are left: devices that enrol now are blocked (“Blocked, Insufficient License”). Buy more seats or move some groups to another licence.' });
  } else if (remaining !== null && purchased !== null && purchased > 0 && remaining < purchased * 0.05) {
    out.push({ kind: 'few-seats', severity: 'warning', message: `Only ${remaining} of ${purchased} seats are left. Devices beyond that will be blocked from enrolling.` });
  }
  const blocked = count(info.blocked);
  if (blocked !== null && blocked > 0) {
    out.push({ kind: 'blocked', severity: 'warning', message: `${blocked} device${blocked === 1 ? ' is' : 's are'} blocked from enrolling for lack of seats. Free or buy seats, then re-enrol them from the MDM.` });
  }
  return out;
}

function count(text: string | null): number | null {
  return text !== null && /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}
