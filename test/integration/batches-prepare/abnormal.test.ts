// The dry run's abnormal-device check against the simulator over real HTTPS: reported serials move
// to Excluded (category verbatim), ≤100 serials per call, and the cleaned plan is what Samsung accepts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { takeBack } from '../../../common/batch/exclusions.ts';
import type { BatchDevice } from '../../../common/batch/model.ts';
import { dryRun } from '../../../main/batches/preview-inputs.ts';
import { NO_OPEN_PUSHES } from '../../../main/batches/open-pushes.ts';
import { INCLUDE_NONE } from '../../../common/batch/send-summary.ts';
import { createEfotaClient, type EfotaClient } from '../../../main/efota/client.ts';
import { FudError } from '../../../main/efota/errors.ts';
import { createNodeFetch, type NodeFetch } from '../../../main/efota/node-fetch.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { BatchStore } from '../../../main/store/batches/batch-store.ts';
import { batch, immediate, STAMP } from '../../unit/batch/batch-fixture.ts';

let sim: RunningSimulator;
let transport: NodeFetch;
let client: EfotaClient;
let dataDir: string;
const clock = new ManualClock(Date.parse('2026-11-01T12:00:00Z'));

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  transport = createNodeFetch({ extraCaPem: sim.caPem });
  const token = sim.issueToken();
  client = createEfotaClient({
    baseUrl: sim.url,
    identity: { mdmId: sim.tenant.mdmId, customerId: sim.tenant.customerId, license: sim.tenant.license },
    tokens: { getToken: () => Promise.resolve(token) },
    fetch: transport.fetch,
  });
  dataDir = mkdtempSync(path.join(tmpdir(), 'fota-abnormal-'));
});
afterAll(async () => {
  await transport.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The demo tenant's devices of a model and sales code, with what the tenant says about each. */
function fleet(model: string, salesCode: string): { devices: BatchDevice[]; abnormal: Map<string, string> } {
  const devices: BatchDevice[] = [];
  const abnormal = new Map<string, string>();
  for (const d of sim.state.devices()) {
    if (d.model !== model || d.salesCode !== salesCode) continue;
    devices.push({ serial: d.serialNumber, model, salesCode });
    const ours = sim.state.deviceLicense(d) === sim.tenant.license;
    if (!ours || d.state === 'Not Enrolled') abnormal.set(d.serialNumber, 'Not Enrolled');
    else if (d.state !== 'enrolled') abnormal.set(d.serialNumber, d.state);
  }
  return { devices, abnormal };
}

describe('the abnormal-device check of the dry run, against the simulator', () => {
  it('moves every reported serial to Excluded with its category, asking ≤100 serials per call', async () => {
    const phones = fleet('SM-G991B', 'BTU');
    const engineers = fleet('SM-A536B', 'XEU');
    const expected = new Map([...phones.abnormal, ...engineers.abnormal]);
    // The demo tenant has both categories; the test would prove nothing otherwise.
    expect([...new Set(expected.values())].sort()).toEqual(['Blocked, Insufficient License', 'Not Enrolled']);
    const all = [...phones.devices, ...engineers.devices];
    expect(all.length).toBeGreaterThan(100);

    const store = new BatchStore(dataDir);
    const b = await store.create(batch(all, [immediate('SM-G991B', 'BTU'), immediate('SM-A536B', 'XEU')], { id: 'b-abnormal0001', customerId: sim.tenant.customerId }));
    const before = sim.calls.length;
    const result = await dryRun({ store, batchId: b.id, license: null, connection: { kind: 'online', source: client }, dataDir, openPushes: NO_OPEN_PUSHES, include: INCLUDE_NONE, clock });

    const asked = sim.calls.slice(before).filter((c) => c.operation === 'abnormalDeviceList');
    expect(asked.map((c) => c.serials.length)).toEqual([100, all.length - 100]);
    expect(new Map(result.batch.excluded.map((x) => [x.serial, x.reason]))).toEqual(expected);
    expect(result.batch.excluded.every((x) => x.by === 'abnormalDeviceList')).toBe(true);
    expect(result.preview.abnormal).toMatchObject({ run: { kind: 'ran', newlyExcluded: expected.size, restored: 0 }, lastRanAt: '2026-11-01T12:00:00.000Z', checked: all.length, reported: expected.size });
    expect(result.plan.devices).toBe(all.length - expected.size);
    const planned = new Set(result.plan.calls.flatMap((c) => c.serials));
    for (const serial of expected.keys()) expect(planned.has(serial)).toBe(false);
    // The exclusion is stored with the batch.
    expect(new BatchStore(dataDir).get(b.id)?.excluded).toEqual(result.batch.excluded);

    // Why it matters: Samsung (here the simulator) accepts the cleaned call and refuses one with an abnormal serial.
    const first = result.plan.calls[0]!;
    const accepted = await client.forceUpdate({ model: first.model, salesCode: first.salesCode, targetFirmwareVersion: first.target, networkType: 'WIFIONLY', serials: first.serials });
    expect(accepted.forceUpdateId).toMatch(/-JEA/);
    const culprit = [...phones.abnormal.keys()].find((s) => sim.state.device(s)?.state === 'Not Enrolled')!;
    const refused = await client.forceUpdate({ model: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: 'Latest', networkType: 'WIFIONLY', serials: [...first.serials.slice(0, 5), culprit] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FudError);
    expect((refused as FudError).code).toBe('FUD_3031');
  });

  it('leaves a device the admin took back in on the next check, with a FUD_3031 warning; offline it says when the check last ran', async () => {
    const store = new BatchStore(dataDir);
    const stored = store.get('b-abnormal0001')!;
    const culprit = stored.excluded[0]!;
    await store.update(stored.id, (current) => takeBack(current, [culprit.serial], STAMP).batch);
    clock.advance(3_600_000);
    const online = await dryRun({ store, batchId: stored.id, license: null, connection: { kind: 'online', source: client }, dataDir, openPushes: NO_OPEN_PUSHES, include: INCLUDE_NONE, clock });
    expect(online.batch.excluded.map((x) => x.serial)).not.toContain(culprit.serial);
    expect(online.preview.abnormal.keptByAdmin).toEqual([{ serial: culprit.serial, category: culprit.reason }]);
    expect(online.preview.findings.find((f) => f.value === culprit.serial)).toMatchObject({ severity: 'warning', fud: 'FUD_3031' });

    clock.advance(3_600_000);
    const offline = await dryRun({ store, batchId: stored.id, license: null, connection: { kind: 'offline', reason: '--offline' }, dataDir, openPushes: NO_OPEN_PUSHES, include: INCLUDE_NONE, clock });
    expect(offline.preview.abnormal).toMatchObject({ run: { kind: 'skipped', reason: '--offline' }, lastRanAt: '2026-11-01T13:00:00.000Z', ageMs: 3_600_000 });
    expect(offline.batch).toEqual(online.batch);
  });

  it('a failed check changes nothing and is reported', async () => {
    const store = new BatchStore(dataDir);
    const before = store.get('b-abnormal0001')!;
    sim.faults = { serverErrorRate: 1 };
    try {
      const failed = await dryRun({ store, batchId: before.id, license: null, connection: { kind: 'online', source: client }, dataDir, openPushes: NO_OPEN_PUSHES, include: INCLUDE_NONE, clock });
      expect(failed.preview.abnormal.run.kind).toBe('failed');
      expect(failed.preview.findings.some((f) => f.where === 'abnormal' && /check failed/.test(f.message))).toBe(true);
      expect(store.get(before.id)).toEqual(before);
    } finally {
      sim.faults = {};
    }
  });
});
