// When each open forceUpdateId is refreshed, and how many may be refreshed at once. Devices move
// fast right after a push and slowly afterwards, so the cadence thins out: every 15 minutes for the
// first 2 hours after sending, then hourly for 2 days, then daily until Samsung forgets the id
// (3 months). At most 30 ids a minute, to stay a polite client. Pure: the clock is a number.
import type { TrackedUpdate } from '../store/history/history-model.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The cadence (see the file comment); each phase starts where the previous one ends. */
export const REFRESH_PHASES: ReadonlyArray<{ readonly until: number; readonly every: number }> = [
  { until: 2 * HOUR, every: 15 * MINUTE },
  { until: 2 * HOUR + 2 * DAY, every: HOUR },
  { until: Number.POSITIVE_INFINITY, every: DAY },
];

/** At most this many ids are refreshed … */
export const RATE_LIMIT = 30;
/** … in any window of this length. */
export const RATE_WINDOW_MS = MINUTE;

/** How long after sending Samsung keeps answering for an id. */
export const ID_VALIDITY_MONTHS = 3;

/** sentAt + 3 calendar months (UTC), when Samsung starts answering FUD_3038. */
export function expiryOf(sentAt: string): string {
  const d = new Date(sentAt);
  d.setUTCMonth(d.getUTCMonth() + ID_VALIDITY_MONTHS);
  return d.toISOString();
}

/** The refresh interval for an id that is `age` ms old. */
export function intervalAt(age: number): number {
  return (REFRESH_PHASES.find((p) => age < p.until) ?? REFRESH_PHASES[REFRESH_PHASES.length - 1])?.every ?? DAY;
}

/** The time of the next refresh of an open id (the interval is the one of the phase of the last attempt); null when it is not open. */
export function nextRefreshAt(update: TrackedUpdate): number | null {
  if (update.status !== 'open') return null;
  const sent = Date.parse(update.sentAt);
  if (update.lastAttempt === null) return sent;
  const last = Date.parse(update.lastAttempt.at);
  return last + intervalAt(Math.max(0, last - sent));
}

/** True when an open id has passed its expiry: it is closed without asking Samsung. */
export function isPastExpiry(update: TrackedUpdate, now: number): boolean {
  return update.status === 'open' && now >= Date.parse(update.expiresAt);
}

/** An id due for a refresh and how late it is. */
export interface DueRefresh<T> {
  readonly item: T;
  readonly dueAt: number;
}

/** The open ids due at `now` (not past expiry), most overdue first. */
export function dueRefreshes<T>(items: readonly T[], updateOf: (item: T) => TrackedUpdate, now: number): DueRefresh<T>[] {
  const due: DueRefresh<T>[] = [];
  for (const item of items) {
    const u = updateOf(item);
    if (isPastExpiry(u, now)) continue;
    const at = nextRefreshAt(u);
    if (at !== null && at <= now) due.push({ item, dueAt: at });
  }
  return due.sort((a, b) => a.dueAt - b.dueAt);
}

/** A sliding-window rate limit: at most `limit` takes in any `windowMs`. */
export class RateWindow {
  readonly limit: number;
  readonly windowMs: number;
  #taken: number[] = [];

  constructor(limit: number = RATE_LIMIT, windowMs: number = RATE_WINDOW_MS) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('the rate limit must be a whole number ≥ 1');
    this.limit = limit;
    this.windowMs = windowMs;
  }

  #prune(now: number): void {
    this.#taken = this.#taken.filter((t) => t > now - this.windowMs && t <= now);
  }

  /** How many takes are allowed at `now`. */
  available(now: number): number {
    this.#prune(now);
    return this.limit - this.#taken.length;
  }

  /** Takes one if allowed; false when the window is full. */
  take(now: number): boolean {
    if (this.available(now) <= 0) return false;
    this.#taken.push(now);
    return true;
  }

  /** When the next take will be allowed (now when one is). */
  nextFreeAt(now: number): number {
    this.#prune(now);
    if (this.#taken.length < this.limit) return now;
    return (this.#taken[this.#taken.length - this.limit] ?? now) + this.windowMs;
  }
}
