// FUD_3031 culprit finding and re-planning, and the re-checks made at send time (licence, schedule
// window, what `Latest` means now), against the simulator.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BatchStore } from '../../../main/store/batches/batch-store.ts';
import type { SendEvent } from '../../../main/batches/send-events.ts';
import type { RunningSimulator } from '../../../main/simulator/index.ts';
import { batch, dayAfter, devices, scheduled } from '../../unit/batch/batch-fixture.ts';
import { committedForceUpdates, fleetSimulator, journalCalls, MODEL, PREFIX, removeDir, SALES_CODE, senderFor, simClient, storeFleetBatch, tempDataDir } from './helpers.ts';

let sim: RunningSimulator;
let dataDir: string;
let conn: ReturnType<typeof simClient>;

beforeAll(async () => {
  sim = await fleetSimulator(400);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.faults = {};
  dataDir = tempDataDir();
  conn = simClient(sim);
});
afterEach(async () => {
  await conn.close();
  removeDir(dataDir);
});

const STRANGERS = ['R5CTX000001', 'R5CTX000002'];

describe('FUD_3031: a device not registered to the licence', () => {
  it('names the culprits through abnormalDeviceList; re-planning without them sends the rest and excludes them from the batch', async () => {
    const b = await storeFleetBatch(dataDir, sim, 150, { id: 'culprits', extraSerials: STRANGERS });
    const sender = senderFor(sim, dataDir, conn.client);
    const opened = await sender.open(b.id);
    const events: SendEvent[] = [];
    opened.session.events.on((e) => events.push(e));
    const outcome = await opened.session.run();
    expect(outcome.reason).toBe('finished');
    expect(outcome.rejected.map((s) => [s.call.id, s.code])).toEqual([[`${MODEL}/${SALES_CODE}#2`, 'FUD_3031']]);
    expect(outcome.rejected[0]?.culprits).toEqual(STRANGERS.map((serial) => ({ serial, category: 'Not Enrolled' })));
    const told = events.find((e) => e.type === 'culprits');
    expect(told).toMatchObject({ checked: true });
    expect(told?.type === 'culprits' && told.message).toMatch(/R5CTX000001 \(Not Enrolled\), R5CTX000002 \(Not Enrolled\)/);
    expect(sim.calls.filter((c) => c.operation === 'abnormalDeviceList')).toHaveLength(1);

    // The explicit action: re-plan without them.
    const result = await opened.session.replan(`${MODEL}/${SALES_CODE}#2`);
    expect(result).toEqual({ mode: 'without', removed: STRANGERS, calls: [`${MODEL}/${SALES_CODE}#2.r`] });
    await sender.excludeCulprits(opened, outcome.rejected[0]?.culprits ?? []);
    const after = await opened.session.run();
    await opened.session.close();
    expect(after.reason).toBe('finished');
    expect(after.rejected).toEqual([]);
    expect(after.counts).toMatchObject({ accepted: 2, rejected: 0, devicesAccepted: 150 });
    const serials = committedForceUpdates(sim).flatMap((c) => c.serials);
    expect(new Set(serials)).toEqual(new Set(devices(MODEL, SALES_CODE, 150, PREFIX).map((d) => d.serial)));
    const stored = new BatchStore(dataDir).find(b.id);
    expect(stored.excluded.map((x) => [x.serial, x.by, x.reason])).toEqual(STRANGERS.map((s) => [s, 'admin', 'FUD_3031 at send time: Not Enrolled']));
  });

  it('when abnormalDeviceList names none, the re-plan sends the call in halves', async () => {
    const b = await storeFleetBatch(dataDir, sim, 40, { id: 'halves', extraSerials: ['R5CTX000009'] });
    const opened = await senderFor(sim, dataDir, conn.client).open(b.id);
    // The device enrols between the refusal and the check (it happens: enrolment is not instant).
    opened.session.events.on((e) => {
      if (e.type === 'call' && e.state === 'rejected') {
        const t = sim.tenant;
        sim.state.enrol({ serialNumber: 'R5CTX000009', model: MODEL, salesCode: SALES_CODE, firmware: sim.state.catalogue(MODEL, SALES_CODE)?.[0]?.version ?? '', corpId: `${t.mdmId.toUpperCase()}/${t.customerId}/SALES-PHONES` });
      }
    });
    const first = await opened.session.run();
    expect(first.rejected[0]?.culprits).toEqual([]);
    const result = await opened.session.replan(`${MODEL}/${SALES_CODE}#1`);
    expect(result).toMatchObject({ mode: 'halves', removed: [], calls: [`${MODEL}/${SALES_CODE}#1.1`, `${MODEL}/${SALES_CODE}#1.2`] });
    const second = await opened.session.run();
    await opened.session.close();
    expect(second.counts).toMatchObject({ accepted: 2, rejected: 0, devicesAccepted: 41 });
    expect(committedForceUpdates(sim).map((c) => c.serials.length)).toEqual([21, 20]);
  });

  it('refuses to re-plan a call that was not rejected with FUD_3031', async () => {
    const b = await storeFleetBatch(dataDir, sim, 50, { id: 'fine' });
    const opened = await senderFor(sim, dataDir, conn.client).open(b.id);
    await opened.session.run();
    await expect(opened.session.replan(`${MODEL}/${SALES_CODE}#1`)).rejects.toThrow(/was not rejected with FUD_3031/);
    await opened.session.close();
  });
});

describe('re-checks at send time', () => {
  it('a licence cancelled or expired since the batch was prepared blocks the send before any call', async () => {
    const b = await storeFleetBatch(dataDir, sim, 100, { id: 'licence' });
    const sender = senderFor(sim, dataDir, conn.client);
    const opened = await sender.open(b.id);
    try {
      sim.state.setLicenseStatus(sim.tenant.license, 'Cancelled');
      let checks = await sender.recheck(opened);
      expect(checks.sendable).toBe(false);
      expect(checks.findings.find((f) => f.severity === 'error')).toMatchObject({ where: 'licence', fud: 'FUD_3020' });

      sim.state.setLicenseStatus(sim.tenant.license, 'Normal');
      sim.state.setLicensePeriod(sim.tenant.license, '-300d', '-1d');
      checks = await sender.recheck(opened);
      expect(checks.sendable).toBe(false);
      expect(checks.findings).toContainEqual(expect.objectContaining({ severity: 'error', where: 'licence', fud: 'FUD_3017' }));
      expect(committedForceUpdates(sim)).toHaveLength(0);
    } finally {
      await opened.session.close();
    }
  });

  it('a delivery window that has begun by now blocks the send; a future one is sent with serverInit', async () => {
    const store = new BatchStore(dataDir);
    const now = Date.now();
    const make = (id: string, startDays: number) =>
      store.create(batch(devices(MODEL, SALES_CODE, 5, PREFIX), [scheduled(MODEL, SALES_CODE, 'SALES-PHONES', { startDate: dayAfter(now, startDays), endDate: dayAfter(now, startDays + 4), startHour: '01', endHour: '05' }, 'Latest')], { id, name: id, customerId: sim.tenant.customerId }));
    const sender = senderFor(sim, dataDir, conn.client);

    const past = await sender.open((await make('past-window', -1)).id);
    const checks = await sender.recheck(past);
    await past.session.close();
    expect(checks.sendable).toBe(false);
    expect(checks.findings.find((f) => f.severity === 'error')).toMatchObject({ where: `${MODEL}/${SALES_CODE}`, fud: 'FUD_3005' });

    const future = await sender.open((await make('future-window', 2)).id);
    expect((await sender.recheck(future)).sendable).toBe(true);
    const outcome = await future.session.run();
    await future.session.close();
    expect(outcome.counts).toMatchObject({ accepted: 1 });
    expect(sim.calls.filter((c) => c.operation === 'serverInit')).toHaveLength(1);
  });

  it("resolves 'Latest' through firmwareList, shows it, and pins it to the batch and its calls when asked", async () => {
    const b = await storeFleetBatch(dataDir, sim, 150, { id: 'latest' });
    const sender = senderFor(sim, dataDir, conn.client);
    const opened = await sender.open(b.id);
    const checks = await sender.recheck(opened);
    const newest = sim.state.catalogue(MODEL, SALES_CODE)?.at(-1)?.version;
    expect(checks.latest).toEqual([expect.objectContaining({ groupKey: `${MODEL}/${SALES_CODE}`, firmware: newest })]);
    await sender.pinLatest(opened, checks.latest);
    expect(opened.session.calls.every((s) => s.call.target === newest)).toBe(true);
    await opened.session.run();
    await opened.session.close();
    expect(new BatchStore(dataDir).find(b.id).groups[0]?.pinnedTarget).toBe(newest);
    expect(committedForceUpdates(sim).map((c) => c.target)).toEqual([newest, newest]);
    expect(journalCalls(dataDir, b.id).every((c) => c.call.target === newest)).toBe(true);
  });
});
