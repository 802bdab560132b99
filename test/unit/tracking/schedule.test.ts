// The refresh cadence and the rate limit, on a controllable clock: what is refreshed when.
import { describe, expect, it } from 'vitest';
import { dueRefreshes, expiryOf, intervalAt, isPastExpiry, nextRefreshAt, RateWindow } from '../../../main/batches/refresh-schedule.ts';
import { newTrackedUpdate } from '../../../main/batches/track.ts';
import type { TrackedUpdate } from '../../../main/store/history/history-model.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2030, 5, 1, 12, 0, 0);

function tracked(id: string, sentAt = T0): TrackedUpdate {
  return newTrackedUpdate({ forceUpdateId: id, sendId: null, callId: 'SM-G991B/BTU#1', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'ANY', serials: ['R58N1SP0001'], sentAt: new Date(sentAt).toISOString() });
}

function attempted(u: TrackedUpdate, at: number): TrackedUpdate {
  return { ...u, lastAttempt: { at: new Date(at).toISOString(), ok: true, code: null, message: null } };
}

/** Walks the clock in `step`s from T0 to `until`, refreshing whenever due; returns the minutes of each refresh. */
function timeline(until: number, step: number): number[] {
  let u = tracked('id');
  const at: number[] = [];
  for (let now = T0; now <= T0 + until; now += step) {
    if (dueRefreshes([u], (x) => x, now).length > 0) {
      at.push((now - T0) / MINUTE);
      u = attempted(u, now);
    }
  }
  return at;
}

describe('refresh cadence', () => {
  it('every 15 minutes for the first 2 hours after sending', () => {
    expect(timeline(3 * HOUR, MINUTE)).toEqual([0, 15, 30, 45, 60, 75, 90, 105, 120, 180]);
  });

  it('then hourly for 2 days, then daily', () => {
    const hours = timeline(6 * DAY, 5 * MINUTE).map((m) => m / 60);
    const hourly = hours.filter((h) => h >= 2 && h <= 50);
    expect(hourly).toEqual(Array.from({ length: 49 }, (_, i) => i + 2));
    expect(hours.filter((h) => h > 50)).toEqual([74, 98, 122]);
  });

  it('intervals by age', () => {
    expect(intervalAt(0)).toBe(15 * MINUTE);
    expect(intervalAt(2 * HOUR - 1)).toBe(15 * MINUTE);
    expect(intervalAt(2 * HOUR)).toBe(HOUR);
    expect(intervalAt(50 * HOUR - 1)).toBe(HOUR);
    expect(intervalAt(50 * HOUR)).toBe(DAY);
    expect(intervalAt(80 * DAY)).toBe(DAY);
  });

  it('a new id is due at once; final and expired ids never; an id past its expiry is closed, not refreshed', () => {
    const u = tracked('a');
    expect(nextRefreshAt(u)).toBe(T0);
    expect(nextRefreshAt({ ...u, status: 'final' })).toBeNull();
    expect(nextRefreshAt({ ...u, status: 'expired' })).toBeNull();
    expect(u.expiresAt).toBe('2030-09-01T12:00:00.000Z');
    const late = Date.parse(u.expiresAt);
    expect(isPastExpiry(u, late - 1)).toBe(false);
    expect(isPastExpiry(u, late)).toBe(true);
    expect(dueRefreshes([u], (x) => x, late)).toEqual([]);
  });

  it('expiry is 3 calendar months after sending', () => {
    expect(expiryOf('2030-01-31T08:00:00.000Z')).toBe('2030-05-01T08:00:00.000Z');
    expect(expiryOf('2030-11-15T23:59:59.000Z')).toBe('2031-02-15T23:59:59.000Z');
  });

  it('due ids come most overdue first', () => {
    const a = attempted(tracked('a'), T0 + 10 * MINUTE);
    const b = attempted(tracked('b'), T0);
    const c = tracked('c', T0 + 30 * MINUTE);
    const due = dueRefreshes([a, b, c], (x) => x, T0 + 30 * MINUTE).map((d) => d.item.forceUpdateId);
    expect(due).toEqual(['b', 'a', 'c']);
  });
});

describe('rate limit', () => {
  it('allows 30 ids in any minute and frees them as the minute passes', () => {
    const rate = new RateWindow();
    let granted = 0;
    for (let i = 0; i < 45; i++) if (rate.take(T0)) granted++;
    expect(granted).toBe(30);
    expect(rate.available(T0 + 59_999)).toBe(0);
    expect(rate.nextFreeAt(T0 + 30_000)).toBe(T0 + 60_000);
    expect(rate.available(T0 + 60_000)).toBe(30);
  });

  it('is a sliding window, not a fixed minute', () => {
    const rate = new RateWindow(30, 60_000);
    for (let i = 0; i < 20; i++) rate.take(T0);
    for (let i = 0; i < 10; i++) rate.take(T0 + 40_000);
    expect(rate.take(T0 + 50_000)).toBe(false);
    // at T0+60 s the first 20 leave the window; the 10 from T0+40 s stay until T0+100 s
    expect(rate.available(T0 + 60_000)).toBe(20);
    expect(rate.available(T0 + 100_000)).toBe(30);
  });
});
