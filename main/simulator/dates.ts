// Calendar arithmetic in GMT, which is what E-FOTA speaks (docs/efota-api.md §2.9).

const DAY_MS = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `yyyy-MM-dd` of an instant (GMT). */
export function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `yyyyMMdd` of an instant (GMT). */
export function compactDay(ms: number): string {
  return isoDay(ms).replaceAll('-', '');
}

/** `yyyy-MM-dd HH:mm:ss` of an instant (GMT). */
export function isoDateTime(ms: number): string {
  const d = new Date(ms);
  return `${isoDay(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Midnight GMT of a real calendar day given as numbers, or null when no such day exists. */
export function dayStart(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms;
}

/** Parses `yyyyMMdd` (a real date) to midnight GMT, or null. */
export function parseCompactDay(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? dayStart(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Parses `yyyy-MM-dd` (a real date) to midnight GMT, or null. */
export function parseIsoDay(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? dayStart(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Parses `yyyy-MM-dd HH:mm:ss` (GMT), or null. */
export function parseIsoDateTime(text: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const day = parseIsoDay(m[1] ?? '');
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (day === null || h > 23 || min > 59 || s > 59) return null;
  return day + ((h * 60 + min) * 60 + s) * 1000;
}

/** Midnight GMT of the day holding `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** `ms` plus whole days. */
export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

/** `ms` plus calendar months (the day is clamped to the target month's length). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime();
}

/** Whole days from one midnight to another. */
export function daysBetween(fromDay: number, toDay: number): number {
  return Math.round((toDay - fromDay) / DAY_MS);
}

/**
 * Resolves a seed date: `yyyy-MM-dd` as written, or relative to the clock's day — `today`,
 * `+30d`, `-90d` (days). Returns midnight GMT, or null when the text is neither.
 */
export function resolveSeedDay(text: string, now: number): number | null {
  if (text === 'today') return startOfDay(now);
  const rel = /^([+-])(\d{1,5})d$/.exec(text);
  if (rel) return addDays(startOfDay(now), (rel[1] === '-' ? -1 : 1) * Number(rel[2]));
  return parseIsoDay(text);
}

/** Resolves a seed timestamp: `yyyy-MM-dd HH:mm:ss`, or a relative day as in resolveSeedDay (at 09:00 GMT). */
export function resolveSeedDateTime(text: string, now: number): number | null {
  const exact = parseIsoDateTime(text);
  if (exact !== null) return exact;
  const day = resolveSeedDay(text, now);
  return day === null ? null : day + 9 * 3_600_000;
}
