// The v1 serverInit schedule rules FUD_3001–3005 (docs/efota-api.md §2.9, ERR). All times are GMT; the clock
// is injected so tests (and the simulator's practice tenant) can move time.
import type { Clock } from '../clock.ts';
import { parseGmtDate, parseGmtHour, formatGmt } from './dates.ts';
import type { Finding } from './finding.ts';
import { checkElement, normaliseElement } from './rules.ts';
import { finding } from './finding-words.ts';
import { plural } from '../plural.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Fewest days between start and end date in Samsung's error table (FUD_3002); fewer is only a warning. */
export const MIN_WINDOW_DAYS = 3;
/** Most days between start and end date (FUD_3002; all sources agree). */
export const MAX_WINDOW_DAYS = 7;
/** Longest daily slot in hours (FUD_3004); exactly 12 is only a warning. */
export const MAX_DAILY_HOURS = 12;
/** A start closer than this to "now" may be past by the time Samsung reads it (warning FUD_3005). */
export const START_MARGIN_MS = 10 * 60_000;

/** The four schedule elements of serverInit, as the user entered them. */
export interface WindowInput {
  readonly deliveryStartDate?: string | undefined;
  readonly deliveryEndDate?: string | undefined;
  readonly dailyStartHour?: string | undefined;
  readonly dailyEndHour?: string | undefined;
}

/** A parsed schedule, for the UI to explain (in the user's local time if it likes). */
export interface DeliveryWindow {
  /** `yyyyMMdd` as sent */
  readonly startDate: string;
  readonly endDate: string;
  /** 0–24 as sent */
  readonly startHour: number;
  readonly endHour: number;
  /** epoch ms: start date + start hour, GMT — the earliest moment delivery may begin */
  readonly startsAt: number;
  /** epoch ms: end of the last daily slot (on the end date, or the day after when it crosses midnight) */
  readonly endsAt: number;
  /** days from start date to end date (negative when the end is first) */
  readonly spanDays: number;
  /** hours in each daily slot, (end − start) mod 24; 0 when the hours are equal */
  readonly dailyHours: number;
  /** each daily slot runs past midnight GMT, e.g. 22 → 04 */
  readonly crossesMidnight: boolean;
}

/** The verdict on a schedule: findings (element format first, then FUD_3001–3005) and the window when it parses. */
export interface WindowCheck {
  readonly findings: Finding[];
  /** null when a date or hour does not parse; then no 30xx rule was checked */
  readonly window: DeliveryWindow | null;
}

/** Checks a serverInit schedule: the four elements' formats, then the window rules, against `clock`. */
export function checkWindow(input: WindowInput, clock: Clock): WindowCheck {
  const findings = [
    ...checkElement('deliveryStartDate', input.deliveryStartDate),
    ...checkElement('deliveryEndDate', input.deliveryEndDate),
    ...checkElement('dailyStartHour', input.dailyStartHour),
    ...checkElement('dailyEndHour', input.dailyEndHour),
  ];
  const rules = checkWindowRules(input, clock);
  return { findings: [...findings, ...rules.findings], window: rules.window };
}

/** Only the window rules FUD_3001–3005 (element formats are left to checkElement). */
export function checkWindowRules(input: WindowInput, clock: Clock): WindowCheck {
  const window = parseWindow(input);
  if (window === null) return { findings: [], window: null };
  return { findings: windowFindings(window, clock.now()), window };
}

/** Parses the four schedule elements, or null when any of them does not parse. */
export function parseWindow(input: WindowInput): DeliveryWindow | null {
  const startDate = normaliseElement('deliveryStartDate', input.deliveryStartDate ?? '');
  const endDate = normaliseElement('deliveryEndDate', input.deliveryEndDate ?? '');
  const start = parseGmtDate(startDate);
  const end = parseGmtDate(endDate);
  const startHour = parseGmtHour(normaliseElement('dailyStartHour', input.dailyStartHour ?? ''));
  const endHour = parseGmtHour(normaliseElement('dailyEndHour', input.dailyEndHour ?? ''));
  if (!start.ok || !end.ok || !startHour.ok || !endHour.ok) return null;
  const dailyHours = (((endHour.value - startHour.value) % 24) + 24) % 24;
  const startsAt = start.value + startHour.value * HOUR;
  return {
    startDate,
    endDate,
    startHour: startHour.value,
    endHour: endHour.value,
    startsAt,
    endsAt: end.value + (startHour.value + dailyHours) * HOUR,
    spanDays: Math.round((end.value - start.value) / DAY),
    dailyHours,
    crossesMidnight: (startHour.value % 24) + dailyHours > 24,
  };
}

const hh = (hour: number): string => String(hour).padStart(2, '0');

function windowFindings(w: DeliveryWindow, now: number): Finding[] {
  const out: Finding[] = [];
  const days = plural(w.spanDays, 'day');
  const latestEnd = formatDate(dateMs(w.startDate) + MAX_WINDOW_DAYS * DAY);
  const earliestEnd = formatDate(dateMs(w.startDate) + MIN_WINDOW_DAYS * DAY);
  if (w.spanDays < 0) {
    out.push(finding('deliveryEndDate', w.endDate, 'error', 'FUD_3001',
      `The delivery end date ${w.endDate} is before the start date ${w.startDate}. Choose an end date ${MIN_WINDOW_DAYS} to ${MAX_WINDOW_DAYS} days after the start (${earliestEnd} to ${latestEnd}).`));
  } else if (w.spanDays > MAX_WINDOW_DAYS) {
    out.push(finding('deliveryEndDate', w.endDate, 'error', 'FUD_3002',
      `The delivery window runs ${days} (${w.startDate} to ${w.endDate}); Samsung allows at most ${MAX_WINDOW_DAYS}. Choose an end date no later than ${latestEnd}.`));
  } else if (w.spanDays < MIN_WINDOW_DAYS) {
    out.push(finding('deliveryEndDate', w.endDate, 'warning', 'FUD_3002',
      `The delivery window runs ${days} (${w.startDate} to ${w.endDate}). The serverInit page only sets a ${MAX_WINDOW_DAYS}-day maximum, but Samsung's error table asks for at least ${MIN_WINDOW_DAYS} days, so Samsung may refuse it with FUD_3002. To be safe, choose an end date from ${earliestEnd} to ${latestEnd}.`));
  }
  if (w.dailyHours === 0) {
    out.push(finding('dailyEndHour', hh(w.endHour), 'error', 'FUD_3003',
      `The daily window starts and ends at the same hour (${hh(w.startHour)} GMT), so it is empty. Choose an end hour 1 to ${MAX_DAILY_HOURS} hours after the start, e.g. ${hh((w.startHour + 4) % 24)}.`));
  } else if (w.dailyHours > MAX_DAILY_HOURS) {
    out.push(finding('dailyEndHour', hh(w.endHour), 'error', 'FUD_3004',
      `The daily window ${hh(w.startHour)} to ${hh(w.endHour)} GMT lasts ${w.dailyHours} hours; Samsung allows at most ${MAX_DAILY_HOURS}. Choose an end hour no later than ${hh((w.startHour + MAX_DAILY_HOURS) % 24)}.`));
  } else if (w.dailyHours === MAX_DAILY_HOURS) {
    out.push(finding('dailyEndHour', hh(w.endHour), 'warning', 'FUD_3004',
      `The daily window ${hh(w.startHour)} to ${hh(w.endHour)} GMT lasts exactly ${MAX_DAILY_HOURS} hours. Samsung's error table only refuses "more than ${MAX_DAILY_HOURS} hours", but its own example is ambiguous about ${MAX_DAILY_HOURS} itself, so Samsung may refuse it with FUD_3004. To be safe, end at ${hh((w.startHour + MAX_DAILY_HOURS - 1) % 24)}.`));
  }
  if (w.startsAt < now) {
    out.push(finding('deliveryStartDate', w.startDate, 'error', 'FUD_3005',
      `The delivery window starts ${formatGmt(w.startsAt)}, which is already past (it is now ${formatGmt(now)}). Choose a later start date or hour.`));
  } else if (w.startsAt - now < START_MARGIN_MS) {
    out.push(finding('deliveryStartDate', w.startDate, 'warning', 'FUD_3005',
      `The delivery window starts ${formatGmt(w.startsAt)}, less than ${START_MARGIN_MS / 60_000} minutes from now; it may be past by the time Samsung receives the request (FUD_3005). Start at least an hour later.`));
  }
  return out;
}

function dateMs(yyyymmdd: string): number {
  const parsed = parseGmtDate(yyyymmdd);
  return parsed.ok ? parsed.value : Number.NaN;
}

/** Epoch ms to `yyyyMMdd` (GMT). */
function formatDate(ms: number): string {
  return formatGmt(ms).slice(0, 10).replaceAll('-', '');
}
