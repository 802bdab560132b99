// The helpdesk's serial look-up across three batches, and "new batch from failed": the retry batch
// holds exactly the devices the simulator failed, with the targets as sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateWindow } from '../../../main/batches/refresh-schedule.ts';
import { refreshTargets } from '../../../main/batches/refresh.ts';
import { lookUpSerial, stateLabel } from '../../../main/batches/results.ts';
import { buildRetryBatch } from '../../../main/batches/retry-batch.ts';
import { runCli } from '../../../main/cli/run.ts';
import { BatchStore } from '../../../main/store/batches/batch-store.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { DAY, HOUR, phones, pushAndTrack, START, startRig, trackedBatch, truth, type TrackingRig } from './helpers.ts';

let rig: TrackingRig;
const ids: Record<string, string> = {};

async function fota(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: { [DATA_DIR_ENV]: rig.dataDir }, cwd: rig.dataDir });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  rig = await startRig({ progressMinMinutes: 5, progressMaxMinutes: 60, progressFailureRate: 0.4 });
  const plan: Array<[string, string, string[], number]> = [
    ['b-a', 'Sales phones A', phones(1, 10), 0],
    ['b-b', 'Sales phones B', phones(5, 11), DAY],
    ['b-c', 'Sales phones C', phones(8, 5), 2 * DAY],
  ];
  for (const [id, name, serials, at] of plan) {
    rig.clock.set(START + at);
    ids[id] = (await pushAndTrack(rig, trackedBatch(rig, id, name), serials, { target: id === 'b-b' ? 'G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1' : 'Latest' })).forceUpdateId;
    rig.clock.set(START + at + 2 * HOUR);
    const report = await refreshTargets([{ batchId: id, forceUpdateId: ids[id] ?? '' }], { store: rig.store, client: rig.client, clock: rig.clock, rate: new RateWindow(), wait: null });
    expect(report.events[0]?.outcome).toBe('final');
  }
});
afterAll(async () => {
  await rig.close();
});

describe('looking up a serial', () => {
  it('finds it in all three batches, newest first, with state, batch, id, sent time and target', () => {
    const rows = lookUpSerial(rig.store, ' r58n1sp0009 ');
    expect(rows.map((r) => r.batchName)).toEqual(['Sales phones C', 'Sales phones B', 'Sales phones A']);
    expect(rows.map((r) => r.forceUpdateId)).toEqual([ids['b-c'], ids['b-b'], ids['b-a']]);
    expect(rows.map((r) => r.sentAt)).toEqual([START + 2 * DAY, START + DAY, START].map((t) => new Date(t).toISOString()));
    expect(rows[1]?.target).toBe('G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1');
    for (const r of rows) expect(r.state).toBe(truth(rig, r.forceUpdateId ?? '').get('R58N1SP0009')?.state);
    expect(lookUpSerial(rig.store, 'R58N1SP0001').map((r) => r.batchId)).toEqual(['b-a']);
    expect(lookUpSerial(rig.store, 'R58N1SP0090')).toEqual([]);
  });

  it('fota device prints the latest known state first, then the earlier ones', async () => {
    const r = await fota(['device', 'R58N1SP0009']);
    expect(r.code).toBe(0);
    const latest = lookUpSerial(rig.store, 'R58N1SP0009')[0];
    expect(r.out.split('\n')[0]).toBe(`R58N1SP0009: ${stateLabel(latest ?? (undefined as never))}`);
    expect(r.out).toMatch(new RegExp(`batch 'Sales phones C' \\(b-c\\), forceUpdateId ${ids['b-c'] ?? ''}, sent 2030-06-03 12:00 UTC, target Latest`));
    expect(r.out.indexOf('Sales phones B')).toBeGreaterThan(r.out.indexOf('Earlier:'));
    const json = await fota(['device', 'R58N1SP0009', '--json']);
    const parsed = JSON.parse(json.out) as { result: { history: unknown[]; latest: { batchId: string } } };
    expect(parsed.result.history).toHaveLength(3);
    expect(parsed.result.latest.batchId).toBe('b-c');
    const missing = await fota(['device', 'R58N1SP0090']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no sent batch and no history mentions R58N1SP0090/);
    expect((await fota(['device', 'R58-N1'])).code).toBe(2);
  });
});

describe('acting on failures', () => {
  it('fota batch retry --from failed makes a draft holding exactly the failed devices, with the target as sent', async () => {
    const failed = [...truth(rig, ids['b-b'] ?? '')].filter(([, t]) => t.state === 'failed').map(([s]) => s).sort();
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(11);
    const r = await fota(['batch', 'retry', 'Sales phones B', '--from', 'failed', '--name', 'B again']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`Created draft batch 'B again' \\(b-[0-9a-f]+\\) with ${failed.length} failed device\\(s\\)`));
    const draft = new BatchStore(rig.dataDir).find('B again');
    expect(draft.devices.map((d) => d.serial).sort()).toEqual(failed);
    expect(draft.groups).toEqual([{ model: 'SM-G991B', salesCode: 'BTU', target: 'G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1', targetSource: 'typed', mode: { kind: 'immediate', network: 'ANY' } }]);
    expect(draft.customerId).toBe(rig.sim.tenant.customerId);
    expect(draft.notes).toMatch(/Retry of batch 'Sales phones B' \(b-b\)/);
    // the same name again is refused; a bad --from is a usage error
    expect((await fota(['batch', 'retry', 'b-b', '--from', 'failed', '--name', 'b again'])).code).toBe(2);
    expect((await fota(['batch', 'retry', 'b-b', '--from', 'broken', '--name', 'x'])).code).toBe(2);
    expect((await fota(['batch', 'retry', 'b-b', '--from', 'failed', '--days', '3', '--name', 'x'])).code).toBe(2);
  });

  it('not downloaded after N days takes the devices of ids old enough that did not download', () => {
    const history = rig.store.get('b-a');
    if (!history) throw new Error('no history');
    const stamp = { at: new Date(START + 10 * DAY).toISOString(), by: { user: 't', host: 'h' } };
    const notDownloaded = [...truth(rig, ids['b-a'] ?? '')].filter(([, t]) => t.state !== 'downloaded').map(([s]) => s).sort();
    const draft = buildRetryBatch({ history, source: null, from: 'not-downloaded', days: 5, id: 'b-retry', name: 'A late', stamp, now: START + 10 * DAY });
    expect(draft.batch?.devices.map((d) => d.serial).sort()).toEqual(notDownloaded);
    expect(draft.batch?.groups[0]?.target).toBe('Latest');
    expect(draft.batch?.groups[0]?.targetSource).toBe('latest');
    const tooSoon = buildRetryBatch({ history, source: null, from: 'not-downloaded', days: 30, id: 'b-retry', name: 'A late', stamp, now: START + 10 * DAY });
    expect(tooSoon.batch).toBeNull();
  });
});
