// The dry run: everything a batch will do, shown before anything is sent. Pure — main gathers the
// inputs (stored licence facts, the abnormal-device check, open force updates) and the window and
// the CLI render the result.
import type { Clock } from '../clock.ts';
import { formatGmt } from '../efota/dates.ts';
import { MAX_WINDOW_DAYS, parseWindow } from '../efota/schedule-window.ts';
import { checkBatch, type BatchFinding } from './check.ts';
import { groupKey, type AbnormalSerial, type Batch, type ExcludedDevice } from './model.ts';
import type { GroupPlan, Plan } from './plan.ts';
import { openPushText, type OpenPush, type SendSummary } from './send-summary.ts';
import { formatAge, formatOffset, formatWall, hostUtcOffset, readableDate, type UtcOffset } from './time-text.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Licence facts older than this get a warning: the licence may have changed since. */
export const LICENSE_FACTS_STALE_MS = DAY;
/** A licence expiring within this time after the last immediate send gets a warning. */
export const LICENSE_EXPIRY_WARNING_MS = 7 * DAY;

/** The last licenseInfo answer known for the profile, with when it was fetched. */
export interface LicenseFacts {
  /** `Normal`, `Not Active`, `Cancelled`, `Terminated` or anything else, verbatim */
  readonly licenseStatus: string | null;
  /** `SA` or `EE` */
  readonly licenseType: string | null;
  /** `yyyy-MM-dd~yyyy-MM-dd` as Samsung sent it */
  readonly activePeriod: string | null;
  readonly purchasedQuantity: string | null;
  readonly remainingQuantity: string | null;
  /** ISO time of the answer */
  readonly fetchedAt: string;
}

/** What happened to the abnormal-device check during this preview. */
export type AbnormalRun =
  | { readonly kind: 'ran'; readonly newlyExcluded: number; readonly restored: number }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Everything the preview needs. */
export interface PreviewInput {
  /** the batch after any abnormal check was applied */
  readonly batch: Batch;
  readonly plan: Plan;
  readonly license: LicenseFacts | null;
  readonly abnormalRun: AbnormalRun;
  /** what the send will do: calls, held-back devices (their latest push is open), included ones */
  readonly summary: SendSummary;
  readonly clock: Clock;
  /** the admin's time zone; the host's by default */
  readonly utcOffset?: UtcOffset;
  /** for a practice batch: the practice server's rules where it is stricter than Samsung is known to be */
  readonly practiceServer?: PracticeServerRules;
}

/** What the practice server (the built-in simulator) refuses that the client only warns about. */
export interface PracticeServerRules {
  /** fewest days between a serverInit's start and end date (the error table's FUD_3002 minimum) */
  readonly minWindowDays: number;
}

/** A delivery window in GMT (as sent) and in the admin's local time. */
export interface WindowPreview {
  readonly startDate: string;
  readonly endDate: string;
  readonly startHour: string;
  readonly endHour: string;
  /** ISO times of the first possible and the last moment of delivery */
  readonly startsAt: string;
  readonly endsAt: string;
  /** e.g. `2030-12-01 to 2030-12-05, daily 01:00–04:00 GMT` */
  readonly gmt: string;
  /** e.g. `2030-12-01 02:00 to 2030-12-05 05:00, daily 02:00–05:00 local time (GMT+01:00)` */
  readonly local: string;
}

/** One group as the preview shows it. */
export interface GroupPreview extends GroupPlan {
  readonly targetSource: Batch['groups'][number]['targetSource'];
  /** the target before pinning, when a pinned firmware replaces `Latest` */
  readonly chosenTarget: string;
  readonly network: 'WIFIONLY' | 'ANY' | null;
  readonly groupId: string | null;
  readonly window: WindowPreview | null;
  /** devices of the group left out */
  readonly excluded: number;
  /** for a scheduled group: the imported serials, for information only (Samsung picks the devices) */
  readonly serialsForInformation: readonly string[];
}

/** The licence as last seen. */
export interface LicensePreview {
  readonly status: string | null;
  readonly type: string | null;
  readonly activePeriod: string | null;
  /** last day of the active period (`yyyy-MM-dd`), when it has that shape */
  readonly expiresOn: string | null;
  readonly purchasedQuantity: string | null;
  readonly remainingQuantity: string | null;
  readonly fetchedAt: string;
  readonly ageMs: number;
  /** group keys of scheduled groups whose window the licence ends inside */
  readonly expiresInsideWindowOf: readonly string[];
}

/** The abnormal-device check as of this preview. */
export interface AbnormalPreview {
  readonly run: AbnormalRun;
  /** ISO time of the last check, or null if never */
  readonly lastRanAt: string | null;
  readonly ageMs: number | null;
  readonly checked: number;
  readonly reported: number;
  /** reported serials the admin took back */
  readonly keptByAdmin: readonly AbnormalSerial[];
}

/** The dry run of a batch. */
export interface Preview {
  readonly batch: Pick<Batch, 'id' | 'name' | 'notes' | 'customerId' | 'created' | 'edited' | 'handoff'>;
  readonly totals: {
    readonly calls: number;
    readonly forceUpdateCalls: number;
    readonly serverInitCalls: number;
    readonly pilotCalls: number;
    /** devices in forceUpdate calls */
    readonly devicesToSend: number;
    /** devices the batch holds (all groups, excluded included) */
    readonly imported: number;
    readonly excluded: number;
  };
  readonly groups: readonly GroupPreview[];
  readonly license: LicensePreview | null;
  readonly abnormal: AbnormalPreview;
  readonly excluded: readonly ExcludedDevice[];
  /** what the send will do (the confirmation and the send show the same numbers) */
  readonly summary: SendSummary;
  readonly findings: readonly BatchFinding[];
  readonly errors: number;
  readonly warnings: number;
  /** false when any finding is an error */
  readonly sendable: boolean;
  /** ISO time the preview was made */
  readonly at: string;
}

const hh = (hour: number): string => String(hour).padStart(2, '0');

/** Describes a window in GMT and local time; null when it does not parse (the rules report why). */
export function describeWindow(window: { startDate: string; endDate: string; startHour: string; endHour: string }, utcOffset: UtcOffset): WindowPreview | null {
  const parsed = parseWindow({ deliveryStartDate: window.startDate, deliveryEndDate: window.endDate, dailyStartHour: window.startHour, dailyEndHour: window.endHour });
  if (!parsed) return null;
  const offset = utcOffset(parsed.startsAt);
  const localHour = (h: number): string => formatWall(Date.UTC(2000, 0, 1, h % 24), offset).slice(11);
  const overnight = parsed.crossesMidnight ? ' (each slot runs past midnight)' : '';
  return {
    ...window,
    startsAt: new Date(parsed.startsAt).toISOString(),
    endsAt: new Date(parsed.endsAt).toISOString(),
    gmt: `${readableDate(parsed.startDate)} to ${readableDate(parsed.endDate)}, daily ${hh(parsed.startHour)}:00–${hh(parsed.endHour % 24)}:00 GMT${overnight}`,
    local: `${formatWall(parsed.startsAt, offset)} to ${formatWall(parsed.endsAt, offset)}, daily ${localHour(parsed.startHour)}–${localHour(parsed.endHour)} local time (${formatOffset(offset)})`,
  };
}

/** The last day of `yyyy-MM-dd~yyyy-MM-dd`, and the moment it ends (end of that day, GMT). */
export function licenseExpiry(activePeriod: string | null): { day: string; endsAt: number } | null {
  const m = /^\s*\d{4}-\d{2}-\d{2}\s*~\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(activePeriod ?? '');
  if (!m) return null;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const start = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  if (Number.isNaN(start) || new Date(start).getUTCDate() !== Number(d)) return null;
  return { day: `${y}-${mo}-${d}`, endsAt: start + DAY };
}

const STATUS_FUD: Readonly<Record<string, { fud: string | null; words: string }>> = {
  'Not Active': { fud: null, words: 'is not active yet, so Samsung refuses updates until SLM activates it' },
  Cancelled: { fud: 'FUD_3020', words: 'was cancelled, so Samsung refuses every update' },
  Terminated: { fud: 'FUD_3021', words: 'was terminated, so Samsung refuses every update' },
};

function licenseFindings(license: LicensePreview | null, groups: readonly GroupPreview[], now: number): BatchFinding[] {
  const out: BatchFinding[] = [];
  const add = (severity: 'error' | 'warning', fud: string | null, value: string, message: string): void => {
    out.push({ where: 'licence', element: 'license', value, severity, fud, message });
  };
  if (!license) {
    add('warning', null, '', 'No licence information is known for this profile yet, so its status and expiry are unchecked. Run `fota license` (or open the licence view) while online.');
    return out;
  }
  const asOf = `as of ${formatGmt(Date.parse(license.fetchedAt))}, ${formatAge(license.ageMs)} ago`;
  if (license.ageMs > LICENSE_FACTS_STALE_MS) {
    add('warning', null, license.fetchedAt, `The licence information is ${formatAge(license.ageMs)} old; it may have changed. Refresh it with \`fota license\` while online.`);
  }
  const status = license.status ?? '';
  const known = STATUS_FUD[status];
  if (known) add('error', known.fud, status, `The licence ${known.words} (${asOf}). Renew or replace it with your Samsung reseller, then refresh the licence information.`);
  else if (status !== 'Normal') add('warning', null, status, `The licence status is '${status || 'not given'}' (${asOf}), which FOTA Desk does not know; Samsung may refuse updates. Check the licence in the Knox portal.`);
  const expiry = licenseExpiry(license.activePeriod);
  if (license.activePeriod !== null && !expiry) {
    add('warning', null, license.activePeriod, `The licence's active period '${license.activePeriod}' is not in the form yyyy-MM-dd~yyyy-MM-dd, so its expiry is unchecked.`);
  }
  if (!expiry) return out;
  if (expiry.endsAt <= now) {
    add('error', 'FUD_3017', expiry.day, `The licence expired on ${expiry.day} (${asOf}); Samsung refuses updates on an expired licence. Renew it, then refresh the licence information.`);
    return out;
  }
  const immediate = groups.some((g) => g.mode === 'immediate' && g.calls > 0);
  if (immediate && expiry.endsAt - now < LICENSE_EXPIRY_WARNING_MS) {
    add('warning', null, expiry.day, `The licence expires on ${expiry.day}, within ${formatAge(expiry.endsAt - now)}; send soon, and plan the renewal.`);
  }
  for (const g of groups) {
    if (!g.window) continue;
    const start = Date.parse(g.window.startsAt);
    const end = Date.parse(g.window.endsAt);
    if (expiry.endsAt <= start) {
      add('error', 'FUD_3017', expiry.day, `The licence expires on ${expiry.day}, before the delivery window of ${g.key} starts (${g.window.gmt}); no device would be updated. Renew the licence or choose an earlier window.`);
    } else if (expiry.endsAt < end) {
      add('warning', 'FUD_3017', expiry.day, `The licence expires on ${expiry.day}, inside the delivery window of ${g.key} (${g.window.gmt}); devices not reached by then will not be updated. Renew the licence or end the window earlier.`);
    }
  }
  return out;
}

/** Builds the dry run of a batch from its plan and what is known about the tenant. */
export function previewBatch(input: PreviewInput): Preview {
  const { batch, plan, clock } = input;
  const now = clock.now();
  const utcOffset = input.utcOffset ?? hostUtcOffset;
  const excludedByGroup = new Map<string, number>();
  for (const x of batch.excluded) excludedByGroup.set(groupKey(x.model, x.salesCode), (excludedByGroup.get(groupKey(x.model, x.salesCode)) ?? 0) + 1);

  const groups: GroupPreview[] = plan.groups.map((gp) => {
    const group = batch.groups.find((g) => groupKey(g.model, g.salesCode) === gp.key);
    const mode = group?.mode;
    return {
      ...gp,
      targetSource: group?.targetSource ?? 'typed',
      chosenTarget: group?.target ?? gp.target,
      network: mode?.kind === 'immediate' ? mode.network : null,
      groupId: mode?.kind === 'scheduled' ? mode.groupId : null,
      window: mode?.kind === 'scheduled' ? describeWindow(mode.window, utcOffset) : null,
      excluded: excludedByGroup.get(gp.key) ?? 0,
      serialsForInformation: mode?.kind === 'scheduled' ? scheduledSerials(batch, gp.key) : [],
    };
  });

  const findings: BatchFinding[] = checkBatch(batch, clock);
  for (const g of groups) {
    if (g.mode === 'scheduled') {
      findings.push({ where: g.key, element: 'groupId', value: g.groupId ?? '', severity: 'warning', fud: null,
        message: `Scheduled: Samsung will push to ${g.scope} inside the window, not only to the ${g.serialsForInformation.length} imported serial${g.serialsForInformation.length === 1 ? '' : 's'} (listed for information). No forceUpdateId comes back, so it cannot be tracked through the API.` });
    }
  }

  if (input.practiceServer) findings.push(...practiceFindings(groups, input.practiceServer));

  let license: LicensePreview | null = null;
  if (input.license) {
    const l = input.license;
    const expiry = licenseExpiry(l.activePeriod);
    license = {
      status: l.licenseStatus,
      type: l.licenseType,
      activePeriod: l.activePeriod,
      expiresOn: expiry?.day ?? null,
      purchasedQuantity: l.purchasedQuantity,
      remainingQuantity: l.remainingQuantity,
      fetchedAt: l.fetchedAt,
      ageMs: Math.max(0, now - Date.parse(l.fetchedAt)),
      expiresInsideWindowOf: expiry
        ? groups.filter((g) => g.window && expiry.endsAt > Date.parse(g.window.startsAt) && expiry.endsAt < Date.parse(g.window.endsAt)).map((g) => g.key)
        : [],
    };
  }
  findings.push(...licenseFindings(license, groups, now));

  const check = batch.abnormalCheck;
  const takenBack = new Set(batch.takenBack);
  const keptByAdmin = (check?.reported ?? []).filter((r) => takenBack.has(r.serial));
  const abnormal: AbnormalPreview = {
    run: input.abnormalRun,
    lastRanAt: check?.at ?? null,
    ageMs: check ? Math.max(0, now - Date.parse(check.at)) : null,
    checked: check?.checked ?? 0,
    reported: check?.reported.length ?? 0,
    keptByAdmin,
  };
  findings.push(...abnormalFindings(abnormal, plan.devices));

  findings.push(...openPushFindings(input.summary));

  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    batch: { id: batch.id, name: batch.name, notes: batch.notes, customerId: batch.customerId, created: batch.created, edited: batch.edited, handoff: batch.handoff },
    totals: {
      calls: plan.calls.length,
      forceUpdateCalls: plan.calls.filter((c) => c.operation === 'forceUpdate').length,
      serverInitCalls: plan.calls.filter((c) => c.operation === 'serverInit').length,
      pilotCalls: plan.pilotCalls,
      devicesToSend: plan.devices,
      imported: batch.devices.length,
      excluded: batch.excluded.length,
    },
    groups,
    license,
    abnormal,
    excluded: batch.excluded,
    summary: input.summary,
    findings,
    errors,
    warnings: findings.length - errors,
    sendable: errors === 0,
    at: new Date(now).toISOString(),
  };
}

// The client sends a short window with only a warning; the practice server refuses it, and the dry
// run of a practice batch must say so rather than let practice and preview disagree silently.
function practiceFindings(groups: readonly GroupPreview[], rules: PracticeServerRules): BatchFinding[] {
  const out: BatchFinding[] = [];
  for (const g of groups) {
    const w = g.window;
    if (!w) continue;
    const parsed = parseWindow({ deliveryStartDate: w.startDate, deliveryEndDate: w.endDate, dailyStartHour: w.startHour, dailyEndHour: w.endHour });
    if (!parsed || parsed.spanDays < 0 || parsed.spanDays >= rules.minWindowDays) continue;
    out.push({ where: g.key, element: 'deliveryEndDate', value: w.endDate, severity: 'error', fud: 'FUD_3002',
      message: `The practice server will refuse this schedule with FUD_3002: its delivery window runs ${parsed.spanDays} day${parsed.spanDays === 1 ? '' : 's'} (${w.startDate} to ${w.endDate}), and the practice server, like Samsung's error table, needs at least ${rules.minWindowDays}. Samsung's own server may accept it (its serverInit page sets only a maximum); in practice, end the window ${rules.minWindowDays} to ${MAX_WINDOW_DAYS} days after the start.` });
  }
  return out;
}

function scheduledSerials(batch: Batch, key: string): string[] {
  return batch.devices.filter((d) => groupKey(d.model, d.salesCode) === key).map((d) => d.serial);
}

function abnormalFindings(a: AbnormalPreview, devicesToSend: number): BatchFinding[] {
  const out: BatchFinding[] = [];
  const warn = (element: string, value: string, fud: string | null, message: string): void => {
    out.push({ where: 'abnormal', element, value, severity: 'warning', fud, message });
  };
  for (const k of a.keptByAdmin) {
    warn('serialNumber', k.serial, 'FUD_3031',
      `Serial ${k.serial} was reported as '${k.category}' but you took it back: Samsung will probably refuse its whole call of up to 100 devices (FUD_3031). Exclude it again unless you know it is enrolled now.`);
  }
  if (a.run.kind === 'failed') {
    warn('abnormalDeviceList', '', null, `The abnormal-device check failed: ${a.run.message}${a.lastRanAt ? ` The last successful check ran ${formatAge(a.ageMs ?? 0)} ago.` : ''}`);
  }
  if (devicesToSend > 0 && a.lastRanAt === null) {
    warn('abnormalDeviceList', '', 'FUD_3031',
      'The serials have never been checked with abnormalDeviceList. One serial that is not enrolled makes Samsung refuse its whole call (FUD_3031); run the dry run online before sending.');
  } else if (devicesToSend > 0 && a.run.kind !== 'ran' && a.ageMs !== null && a.ageMs > LICENSE_FACTS_STALE_MS) {
    warn('abnormalDeviceList', a.lastRanAt ?? '', null, `The abnormal-device check last ran ${formatAge(a.ageMs)} ago; devices may have changed since. Run the dry run online before sending.`);
  }
  return out;
}

function named(serials: readonly string[]): string {
  return serials.length > 20 ? `${serials.slice(0, 20).join(', ')} and ${serials.length - 20} more` : serials.join(', ');
}

/** Pushes grouped by the force update (or call) that holds them, in first-seen order. */
function byPush(pushes: readonly OpenPush[]): OpenPush[][] {
  const groups = new Map<string, OpenPush[]>();
  for (const p of pushes) {
    const key = `${p.batchId}\u0000${p.forceUpdateId ?? p.callId}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()];
}

/** One warning per open push that holds devices of this batch back, and per one included anyway; counts are devices of this batch. */
function openPushFindings(summary: SendSummary): BatchFinding[] {
  const out: BatchFinding[] = [];
  for (const list of byPush(summary.heldBack)) {
    const first = list[0] as OpenPush;
    const serials = list.map((p) => p.serial);
    out.push({ where: 'batch', element: 'serialNumber', value: serials.join(' '), severity: 'warning', fud: null,
      message: `${serials.length === 1 ? `Serial ${named(serials)} is` : `${serials.length} devices of this batch (${named(serials)}) are`} held back: ${serials.length === 1 ? 'its' : 'their'} latest push, ${openPushText(first)} sent ${formatGmt(Date.parse(first.at))}, is still open, so sending again could push the firmware twice. ${serials.length === 1 ? 'It is' : 'They are'} not sent unless you include ${serials.length === 1 ? 'it' : 'them'} explicitly.` });
  }
  for (const list of byPush(summary.includedOpen)) {
    const first = list[0] as OpenPush;
    const serials = list.map((p) => p.serial);
    out.push({ where: 'batch', element: 'serialNumber', value: serials.join(' '), severity: 'warning', fud: null,
      message: `${serials.length === 1 ? `Serial ${named(serials)} is` : `${serials.length} devices of this batch (${named(serials)}) are`} included although ${serials.length === 1 ? 'its' : 'their'} latest push, ${openPushText(first)} sent ${formatGmt(Date.parse(first.at))}, is still open: ${serials.length === 1 ? 'it' : 'they'} may be pushed twice.` });
  }
  return out;
}
