// GMT dates (`yyyyMMdd`) and hours (`HH`) of the v1 schedule (docs/efota-api.md §2.9), parsed without the
// host's time zone: every computation is done in UTC.

/** A parse result: the value, or why it is not one, phrased to follow the quoted value. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Epoch milliseconds of a GMT calendar day; unlike Date.UTC, years 0–99 are not moved to 19xx. */
function utcDay(year: number, monthIndex: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime();
}

/** Days in `month` (1–12) of `year`, Gregorian. */
function daysInMonth(year: number, month: number): number {
  return new Date(utcDay(year, month, 0)).getUTCDate();
}

/** Parses a GMT date `yyyyMMdd` into epoch milliseconds at 00:00 GMT of that day. */
export function parseGmtDate(value: string): Parsed<number> {
  if (!/^\d{8}$/.test(value)) {
    const separated = /^(\d{4})\D(\d{1,2})\D(\d{1,2})$/.exec(value);
    if (separated) {
      const [, y, m, d] = separated as unknown as [string, string, string, string];
      return { ok: false, problem: `has separators; write it as eight digits with none, yyyyMMdd: ${y}${m.padStart(2, '0')}${d.padStart(2, '0')}` };
    }
    if (/^\d+$/.test(value)) return { ok: false, problem: `has ${value.length} digits; a date needs 8, written yyyyMMdd (e.g. 20300601)` };
    return { ok: false, problem: 'is not a date written yyyyMMdd (eight digits, e.g. 20300601)' };
  }
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  if (month < 1 || month > 12) return { ok: false, problem: `is not a real date: there is no month ${value.slice(4, 6)} (write yyyyMMdd, year first)` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return { ok: false, problem: `is not a real date: ${MONTHS[month - 1] ?? ''} ${year} has ${days} days` };
  }
  return { ok: true, value: utcDay(year, month - 1, day) };
}

/** Parses a GMT hour `HH`, 00–24 (docs/efota-api.md §2.9 reads the documented range "0 to 24" inclusively). */
export function parseGmtHour(value: string): Parsed<number> {
  if (/^\d{2}$/.test(value)) {
    const hour = Number(value);
    if (hour <= 24) return { ok: true, value: hour };
    return { ok: false, problem: 'is not an hour of the day; use 00 to 23' };
  }
  if (/^\d$/.test(value)) return { ok: false, problem: `has one digit; write two: 0${value}` };
  const clock = /^(\d{1,2})[:.h](\d{2})$/.exec(value);
  if (clock) {
    const [, hh, mm] = clock as unknown as [string, string, string];
    const whole = mm === '00' ? '' : ' (the window always begins on the hour)';
    return { ok: false, problem: `is a time of day; write the hour only, as two digits: ${hh.padStart(2, '0')}${whole}` };
  }
  return { ok: false, problem: 'is not an hour written as two digits (00 to 23, e.g. 01)' };
}

/** Formats epoch milliseconds as `yyyy-MM-dd HH:mm GMT`. */
export function formatGmt(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} GMT`;
}
