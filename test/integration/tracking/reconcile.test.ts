// Per-device reconciliation against the simulator over HTTPS, its clock advancing: devices move
// from processing to downloaded or failed exactly as the simulator says; a detail answer the
// parser cannot read makes every device `unknown`, never downloaded, and its raw XML is kept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateWindow } from '../../../main/batches/refresh-schedule.ts';
import { refreshTargets } from '../../../main/batches/refresh.ts';
import { batchResults } from '../../../main/batches/results.ts';
import type { TrackedUpdate } from '../../../main/store/history/history-model.ts';
import { HOUR, MINUTE, phones, pushAndTrack, START, startRig, trackedBatch, truth, type TrackingRig } from './helpers.ts';

let rig: TrackingRig;
const SWITCHES = { progressMinMinutes: 10, progressMaxMinutes: 90, progressFailureRate: 0.3 };

beforeAll(async () => {
  rig = await startRig(SWITCHES);
});
afterAll(async () => {
  await rig.close();
});
beforeEach(() => {
  rig.clock.set(START);
  rig.sim.switches = SWITCHES;
  rig.sim.reset('demo');
});

async function refresh(batchId: string, forceUpdateId: string): Promise<TrackedUpdate> {
  const report = await refreshTargets([{ batchId, forceUpdateId }], { store: rig.store, client: rig.client, clock: rig.clock, rate: new RateWindow(), wait: null });
  expect(report.events.map((e) => e.outcome)).not.toContain('failed');
  const u = rig.store.get(batchId)?.updates.find((x) => x.forceUpdateId === forceUpdateId);
  if (!u) throw new Error('not tracked');
  return u;
}

describe('reconciliation with the simulator', () => {
  it('follows every device from processing to downloaded or failed as the clock advances', async () => {
    const batch = trackedBatch(rig, 'b-reconcile');
    const serials = phones(1, 30);
    const { forceUpdateId } = await pushAndTrack(rig, batch, serials);
    expect(rig.store.get('b-reconcile')?.updates[0]?.devices.every((d) => d.state === 'sent')).toBe(true);

    const seen = new Map<string, string[]>();
    for (const minutes of [0, 20, 45, 70, 120]) {
      rig.clock.set(START + minutes * MINUTE);
      const u = await refresh('b-reconcile', forceUpdateId);
      const expected = truth(rig, forceUpdateId);
      expect(u.asOf).toBe(new Date(START + minutes * MINUTE).toISOString());
      for (const d of u.devices) {
        const want = expected.get(d.serial);
        expect(want, d.serial).toBeDefined();
        expect(d.state, `${d.serial} at +${minutes} min`).toBe(want?.state);
        if (d.state === 'failed') expect(d.reason).toBe(want?.reason);
        seen.set(d.serial, [...(seen.get(d.serial) ?? []), d.state]);
      }
      // successCount is kept as "downloaded"
      expect(u.summary?.downloaded).toBe(u.devices.filter((d) => d.state === 'downloaded').length);
    }
    const final = rig.store.get('b-reconcile')?.updates[0];
    expect(final?.status).toBe('final');
    expect(final?.closedReason).toMatch(/nothing processing/);
    const states = [...seen.values()];
    // everyone started processing and ended downloaded or failed; some of each
    expect(states.every((s) => s[0] === 'processing' && (s.at(-1) === 'downloaded' || s.at(-1) === 'failed'))).toBe(true);
    expect(states.some((s) => s.at(-1) === 'failed')).toBe(true);
    expect(states.some((s) => s.at(-1) === 'downloaded')).toBe(true);
    expect(states.some((s) => s.includes('processing') && s.length > 1 && s[1] === 'processing')).toBe(true);
    // a device's `since` is the first time its last state was seen
    const d = final?.devices.find((x) => x.state === 'downloaded');
    expect(d && Date.parse(d.since)).toBeLessThanOrEqual(START + 120 * MINUTE);
  });

  it('an unrecognisable detail answer gives unknown (detail not understood), never downloaded, and keeps the raw XML', async () => {
    rig.sim.switches = { ...SWITCHES, detailShape: 'unrecognisable' };
    const batch = trackedBatch(rig, 'b-odd');
    const { forceUpdateId } = await pushAndTrack(rig, batch, phones(31, 20));
    rig.clock.set(START + 45 * MINUTE);
    const midway = await refresh('b-odd', forceUpdateId);
    expect(midway.devices.every((d) => d.state === 'unknown' && d.reason === 'detail not understood')).toBe(true);
    expect(midway.status).toBe('open');
    rig.clock.set(START + 3 * HOUR);
    const done = await refresh('b-odd', forceUpdateId);
    // Samsung's summary says most downloaded, but without a readable detail nobody is "downloaded".
    expect(done.summary?.downloaded).toBeGreaterThan(0);
    expect(done.devices.every((d) => d.state === 'unknown' && d.reason === 'detail not understood')).toBe(true);
    expect(done.detail?.understood).toBe(false);
    expect(done.detail?.raw).toContain('<rs>');
    expect(done.detail?.raw).toMatch(/<r><k>R58N1SP00\d\d<\/k><v>9<\/v><\/r>/);
    expect(done.detail?.note).toMatch(/no device list FOTA Desk recognises/);
    expect(batchResults(rig.store.get('b-odd') ?? (undefined as never)).filter((r) => r.state === 'downloaded')).toHaveLength(0);
  });

  it('a device a readable detail does not list stays unknown while the summary does not account for it', async () => {
    // unknownSerials=skip: Samsung silently leaves out a serial it does not know, so the summary
    // counts one device fewer than were submitted and the unlisted ones cannot all be downloads.
    rig.sim.switches = { ...SWITCHES, unknownSerials: 'skip', progressFailureRate: 0 };
    const batch = trackedBatch(rig, 'b-skip');
    const { forceUpdateId } = await pushAndTrack(rig, batch, [...phones(51, 5), 'R58N1NE0001']);
    rig.clock.set(START + 3 * HOUR);
    const u = await refresh('b-skip', forceUpdateId);
    expect(u.summary?.downloaded).toBe(5);
    expect(u.devices.every((d) => d.state === 'unknown')).toBe(true);
    expect(u.devices[0]?.reason).toMatch(/does not account for it/);
  });
});
