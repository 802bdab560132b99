// Times as an admin reads them: ages ("3 h ago"), GMT and the local equivalent.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A rough age, e.g. `just now`, `12 min`, `5 h`, `3 days`; with `minutes`, `5 h 20 min` below two days. */
export function formatAge(ms: number, detail: 'rough' | 'minutes' = 'rough'): string {
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} h${detail === 'minutes' ? ` ${Math.floor((ms % HOUR) / MINUTE)} min` : ''}`;
  return `${Math.floor(ms / DAY)} days`;
}

/** How long ago, for people: "just now", "5 min ago", "3 h 20 min ago", "4 days ago" (the window and the CLI). */
export function formatAgo(ms: number): string {
  const age = formatAge(ms, 'minutes');
  return age === 'just now' ? age : `${age} ago`;
}

/** Minutes east of GMT at a moment (e.g. 60 for CET); injected so tests do not depend on the host. */
export type UtcOffset = (epochMs: number) => number;

/** The host's offset, from Date (works in Node, Workers and Chromium). */
export const hostUtcOffset: UtcOffset = (ms) => -new Date(ms).getTimezoneOffset();

const pad = (n: number): string => String(n).padStart(2, '0');

/** `GMT+01:00`, `GMT-05:30`, `GMT`. */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `GMT${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `yyyy-MM-dd HH:mm` of a moment shifted by `offsetMinutes` (wall time in that zone). */
export function formatWall(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * MINUTE);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `yyyyMMdd` → `yyyy-MM-dd` for reading. */
export function readableDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}
