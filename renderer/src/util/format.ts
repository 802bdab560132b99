// Presentation of times and counts; no business rule lives here (the words are common/'s, shared with the CLI).
import { formatAgo } from '../../../common/batch/time-text.ts';
import { plural } from '../../../common/plural.ts';

/** "just now", "5 min ago", "3 h 20 min ago", "4 days ago"; "never" without a time. */
export function age(iso: string | null, now: number): string {
  return iso === null ? 'never' : formatAgo(Math.max(0, now - Date.parse(iso)));
}

/** A local date and time, e.g. "21 Nov 2026, 14:05". */
export function dateTime(iso: string | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "1 row" / "3 rows", with the reader's thousands separators. */
export function count(n: number, noun: string, many = `${noun}s`): string {
  return plural(n, noun, many, (x) => x.toLocaleString());
}
