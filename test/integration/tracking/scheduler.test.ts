// The refresh scheduler against the simulator, on one ManualClock: which ids it refreshes when,
// the 30-ids-a-minute limit, and the end of tracking at expiry or on FUD_3038 with the last known
// state kept and labelled.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RefreshScheduler } from '../../../main/batches/refresh-scheduler.ts';
import { batchResults, stateLabel } from '../../../main/batches/results.ts';
import { DAY, HOUR, MINUTE, phones, pushAndTrack, START, startRig, trackedBatch, type TrackingRig } from './helpers.ts';

let rig: TrackingRig;
// Devices that never finish within the 3 months, so the id stays open until it expires.
const SLOW = { progressMinMinutes: 200 * 24 * 60, progressMaxMinutes: 200 * 24 * 60, progressFailureRate: 0 };

beforeAll(async () => {
  rig = await startRig(SLOW);
});
afterAll(async () => {
  await rig.close();
});
beforeEach(() => {
  rig.clock.set(START);
  rig.sim.switches = SLOW;
  rig.sim.reset('demo');
  rmSync(rig.store.dir, { recursive: true, force: true });
});

function scheduler(): RefreshScheduler {
  return new RefreshScheduler({
    dataDir: rig.dataDir,
    store: rig.store,
    clock: rig.clock,
    clientFor: (customerId) => Promise.resolve(customerId === rig.sim.tenant.customerId ? rig.client : null),
  });
}

const summaryCalls = (): number => rig.sim.calls.filter((c) => c.operation === 'forceUpdateSummary').length;

describe('the refresh scheduler', () => {
  it('refreshes an open id every 15 minutes for 2 hours, then hourly; at expiry it stops and keeps the last state, labelled', async () => {
    const { forceUpdateId } = await pushAndTrack(rig, trackedBatch(rig, 'b-sched'), phones(1, 3));
    const s = scheduler();
    const refreshedAt: number[] = [];
    for (let m = 0; m <= 240; m += 5) {
      rig.clock.set(START + m * MINUTE);
      const tick = await s.tick();
      if (tick.events.some((e) => e.forceUpdateId === forceUpdateId && e.outcome === 'refreshed')) refreshedAt.push(m);
    }
    expect(refreshedAt).toEqual([0, 15, 30, 45, 60, 75, 90, 105, 120, 180, 240]);
    expect(summaryCalls()).toBe(refreshedAt.length);

    // A day later: hourly until 50 h after sending, then daily.
    rig.clock.set(START + 2 * DAY + 2 * HOUR);
    await s.tick();
    const before = summaryCalls();
    rig.clock.set(START + 2 * DAY + 2 * HOUR + 30 * MINUTE);
    expect((await s.tick()).events).toEqual([]);
    rig.clock.set(START + 3 * DAY + 2 * HOUR);
    expect((await s.tick()).events.map((e) => e.outcome)).toEqual(['refreshed']);
    expect(summaryCalls()).toBe(before + 1);

    // Three months after sending: closed without asking Samsung; the last known state is kept.
    const last = rig.store.get('b-sched')?.updates[0];
    rig.clock.set(Date.parse(last?.expiresAt ?? ''));
    const calls = summaryCalls();
    const tick = await s.tick();
    expect(tick.events).toEqual([expect.objectContaining({ forceUpdateId, outcome: 'expired' })]);
    expect(summaryCalls()).toBe(calls);
    const after = rig.store.get('b-sched')?.updates[0];
    expect(after?.status).toBe('expired');
    expect(after?.asOf).toBe(last?.asOf);
    expect(after?.devices).toEqual(last?.devices);
    expect(after?.closedReason).toMatch(/3 months/);
    const row = batchResults(rig.store.get('b-sched') ?? (undefined as never))[0];
    expect(row?.state).toBe('processing');
    expect(stateLabel(row ?? (undefined as never))).toBe(`processing (as of ${(last?.asOf ?? '').slice(0, 10)} ${(last?.asOf ?? '').slice(11, 16)} UTC); the id has expired at Samsung, this is the last known state`);
    // and it is never refreshed again
    rig.clock.advance(30 * DAY);
    expect((await s.tick()).events).toEqual([]);
  });

  it('refreshes at most 30 ids a minute; the rest wait for a later tick', async () => {
    const batch = trackedBatch(rig, 'b-many');
    for (const serial of phones(1, 45)) await pushAndTrack(rig, batch, [serial]);
    const s = scheduler();
    const first = await s.tick();
    expect(first.events.filter((e) => e.outcome === 'refreshed')).toHaveLength(30);
    expect(first.deferred).toBe(15);
    rig.clock.advance(30_000);
    const second = await s.tick();
    expect(second.events.filter((e) => e.outcome === 'refreshed')).toHaveLength(0);
    expect(second.deferred).toBe(15);
    rig.clock.advance(30_000);
    const third = await s.tick();
    expect(third.events.filter((e) => e.outcome === 'refreshed')).toHaveLength(15);
    expect(third.deferred).toBe(0);
    expect(summaryCalls()).toBe(45);
    expect(rig.store.get('b-many')?.updates.every((u) => u.refreshes === 1)).toBe(true);
  });

  it('stops on FUD_3038 before the expected expiry and keeps the last known state', async () => {
    rig.sim.switches = { ...SLOW, forceUpdateValidityMonths: 1 };
    const { forceUpdateId } = await pushAndTrack(rig, trackedBatch(rig, 'b-gone'), phones(10, 2));
    const s = scheduler();
    await s.tick();
    const known = rig.store.get('b-gone')?.updates[0];
    expect(known?.devices.every((d) => d.state === 'processing')).toBe(true);
    rig.clock.set(START + 40 * DAY);
    const tick = await s.tick();
    expect(tick.events).toEqual([expect.objectContaining({ forceUpdateId, outcome: 'expired' })]);
    const gone = rig.store.get('b-gone')?.updates[0];
    expect(gone?.status).toBe('expired');
    expect(gone?.closedReason).toMatch(/FUD_3038/);
    expect(gone?.lastAttempt).toMatchObject({ ok: false, code: 'FUD_3038' });
    expect(gone?.devices).toEqual(known?.devices);
    expect(gone?.asOf).toBe(known?.asOf);
  });

  it('leaves a tenant it has no connection for, and says so', async () => {
    await pushAndTrack(rig, { ...trackedBatch(rig, 'b-other'), customerId: 'ANOTHER-CUSTOMER' }, phones(20, 1));
    const s = scheduler();
    const tick = await s.tick();
    expect(tick.unreachable).toEqual(['ANOTHER-CUSTOMER']);
    expect(tick.events).toEqual([]);
  });

  it('start() ticks at once and again after each interval; stop() ends it', async () => {
    await pushAndTrack(rig, trackedBatch(rig, 'b-timer'), phones(30, 1));
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const reports: number[] = [];
    const s = new RefreshScheduler({
      dataDir: rig.dataDir,
      store: rig.store,
      clock: rig.clock,
      clientFor: () => Promise.resolve(rig.client),
      tickMs: 60_000,
      timers: {
        setTimeout: (fn, ms) => {
          const t = { fn, ms };
          timers.push(t);
          return t;
        },
        clearTimeout: (h) => {
          const i = timers.indexOf(h as { fn: () => void; ms: number });
          if (i >= 0) timers.splice(i, 1);
        },
      },
      onTick: (r) => reports.push(r.events.length),
    });
    s.start();
    expect(timers.map((t) => t.ms)).toEqual([0]);
    timers.shift()?.fn();
    await expect.poll(() => reports.length).toBe(1);
    await expect.poll(() => timers.map((t) => t.ms)).toEqual([60_000]);
    expect(reports).toEqual([1]);
    await s.stop();
    expect(timers).toEqual([]);
    expect(s.started).toBe(false);
  });
});
