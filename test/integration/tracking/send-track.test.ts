// End to end: a batch sent by the Sender is tracked from its journal, refreshed against the
// simulator as its clock advances, and its per-device results account for every device sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { createEfotaClient } from '../../../main/efota/client.ts';
import { createNodeFetch, type NodeFetch } from '../../../main/efota/node-fetch.ts';
import type { RunningSimulator } from '../../../main/simulator/index.ts';
import { RefreshScheduler } from '../../../main/batches/refresh-scheduler.ts';
import { batchResults } from '../../../main/batches/results.ts';
import { syncFromJournals } from '../../../main/batches/track.ts';
import { historyOpenPushes } from '../../../main/batches/open-pushes.ts';
import { TrackingService } from '../../../main/batches/track-service.ts';
import { BatchStore } from '../../../main/store/batches/batch-store.ts';
import { HistoryStore } from '../../../main/store/history/history-store.ts';
import { fleetSimulator, removeDir, senderFor, storeFleetBatch, tempDataDir } from '../sender/helpers.ts';
import { HOUR, MINUTE, PLANTED_TOKEN, START } from './helpers.ts';

const clock = new ManualClock(START);
let sim: RunningSimulator;
let transport: NodeFetch;
let dataDir: string;

beforeAll(async () => {
  sim = await fleetSimulator(300, { clock, fixedToken: PLANTED_TOKEN });
  sim.switches = { progressMinMinutes: 5, progressMaxMinutes: 90, progressFailureRate: 0.2 };
  transport = createNodeFetch({ extraCaPem: sim.caPem, env: {} });
  dataDir = tempDataDir();
});
afterAll(async () => {
  await transport.close();
  await sim.close();
  removeDir(dataDir);
});

describe('send → track → refresh → results', () => {
  it('every device the Sender pushed ends downloaded or failed, exactly as the simulator says', async () => {
    const { mdmId, customerId, license } = sim.tenant;
    const client = createEfotaClient({ baseUrl: sim.url, identity: { mdmId, customerId, license }, tokens: { getToken: () => Promise.resolve(PLANTED_TOKEN) }, fetch: transport.fetch, clock });
    const batch = await storeFleetBatch(dataDir, sim, 250, { id: 'e2e', target: 'Latest' });
    const opened = await senderFor(sim, dataDir, client, { clock }).open('e2e');
    const outcome = await opened.session.run();
    await opened.session.close();
    expect(outcome.reason).toBe('finished');
    expect(outcome.counts.accepted).toBe(3);

    const store = new HistoryStore(dataDir, { clock });
    const sync = await syncFromJournals(dataDir, store, new BatchStore(dataDir));
    expect(sync).toMatchObject({ journals: 1, added: 3, changed: ['e2e'], problems: [] });
    const tracked = store.get('e2e');
    expect(tracked?.batchName).toBe(batch.name);
    expect(tracked?.updates.map((u) => u.serials.length)).toEqual([100, 100, 50]);
    for (const u of tracked?.updates ?? []) {
      expect(u).toMatchObject({ target: 'Latest', network: 'WIFIONLY', sentAt: new Date(START).toISOString(), expiresAt: '2030-09-01T12:00:00.000Z', sendId: opened.session.sendId, status: 'open' });
    }
    // syncing again adds nothing
    expect((await syncFromJournals(dataDir, store)).added).toBe(0);
    // the dry run of another batch now holds these devices back: their force updates are open
    const ledger = historyOpenPushes(store, [], () => clock.now());
    const open = ledger.openPushes(['R5CT0000001', 'R5CT9999999']);
    expect([...open.keys()]).toEqual(['R5CT0000001']);
    expect(open.get('R5CT0000001')).toMatchObject({ state: 'sent', batchId: 'e2e', forceUpdateId: tracked?.updates[0]?.forceUpdateId });

    const scheduler = new RefreshScheduler({ dataDir, store, clock, clientFor: () => Promise.resolve(client) });
    for (let m = 0; m <= 180; m += 15) {
      clock.set(START + m * MINUTE);
      await scheduler.tick();
    }
    const after = store.get('e2e');
    expect(after?.updates.every((u) => u.status === 'final')).toBe(true);
    const rows = batchResults(after ?? (undefined as never));
    expect(rows).toHaveLength(250);
    const truth = new Map(after?.updates.flatMap((u) => sim.state.progress(u.forceUpdateId).map((p) => [p.serialNumber, p] as const)));
    for (const r of rows) {
      const t = truth.get(r.serial);
      expect(r.state, r.serial).toBe(t?.state === 'success' ? 'downloaded' : 'failed');
      if (r.state === 'failed') expect(r.reason).toBe(t?.reason);
      expect(Date.parse(r.asOf ?? '')).toBeLessThanOrEqual(START + 180 * MINUTE);
    }
    expect(rows.filter((r) => r.state === 'failed').length).toBeGreaterThan(0);
    // downloaded or failed, no device's latest push is open any more: a retry batch holds none back
    expect(ledger.openPushes(rows.map((r) => r.serial)).size).toBe(0);
    // the same results through the service the window uses: export and look-up
    const service = new TrackingService({ dataDir, clock });
    const csv = service.exportCsv('e2e', { delimiter: ';' });
    expect(csv?.fileName).toBe(`PRACTICE-${batch.name} results.csv`);
    expect(csv?.devices).toBe(250);
    expect(csv?.text.split('\r\n')[1]).toBe('Serial Number;Model;Sales Code;State;Reason;Batch;forceUpdateId;Target;Sent At (UTC);Expires At (UTC);As Of (UTC);Tracking');
    expect(service.lookUp('R5CT0000001')[0]?.state).toBe(rows.find((r) => r.serial === 'R5CT0000001')?.state);
    // nothing open is left: later ticks ask Samsung nothing
    const calls = sim.calls.length;
    clock.set(START + 5 * HOUR);
    await scheduler.tick();
    expect(sim.calls.length).toBe(calls);
  });
});
