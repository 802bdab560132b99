// Steering a send against the simulator: the pilot pause, pause/resume, cancel, stop and continue
// in a new session, and the send lock.
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { journalDir } from '../../../main/batches/journal.ts';
import { BatchLockedError, sendLockPath } from '../../../main/batches/lock.ts';
import type { SendEvent, SendPhase } from '../../../main/batches/send-events.ts';
import type { SendSession } from '../../../main/batches/send-session.ts';
import type { RunningSimulator } from '../../../main/simulator/index.ts';
import { committedForceUpdates, fleetSimulator, journalCalls, removeDir, senderFor, simClient, storeFleetBatch, tempDataDir } from './helpers.ts';

let sim: RunningSimulator;
let dataDir: string;
let conn: ReturnType<typeof simClient>;

beforeAll(async () => {
  sim = await fleetSimulator(1000);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.faults = { operations: ['forceUpdate'], latencyMs: 30 };
  dataDir = tempDataDir();
  conn = simClient(sim);
});
afterEach(async () => {
  await conn.close();
  removeDir(dataDir);
});

/** Resolves when the session emits an event matching `test`. */
function when(session: SendSession, test: (e: SendEvent) => boolean): Promise<SendEvent> {
  return new Promise((resolve) => {
    const off = session.events.on((e) => {
      if (test(e)) {
        off();
        resolve(e);
      }
    });
  });
}
const phase = (p: SendPhase) => (e: SendEvent): boolean => e.type === 'phase' && e.phase === p;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the pilot pause', () => {
  it('sends the pilot calls, pauses until told to continue, then sends the rest', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 1000, { id: 'pilot', pilot: { kind: 'devices', count: 150 } });
    const opened = await senderFor(sim, dataDir, conn.client, { concurrency: 4 }).open(batch.id);
    const { session } = opened;
    expect(session.start.pilotCalls).toBe(2);
    const paused = when(session, phase('pilot-paused'));
    const running = session.run();
    await paused;
    // Exactly the pilot went out: 150 devices in two calls, nothing else, and nothing follows by itself.
    expect(committedForceUpdates(sim).map((c) => c.serials.length)).toEqual([100, 50]);
    await sleep(150);
    expect(committedForceUpdates(sim)).toHaveLength(2);
    expect(session.counts).toMatchObject({ accepted: 2, pending: 9 });
    await session.continuePilot();
    const outcome = await running;
    await session.close();
    expect(outcome.reason).toBe('finished');
    expect(committedForceUpdates(sim)).toHaveLength(11);
    expect(outcome.counts.devicesAccepted).toBe(1000);
  });

  it('stopping at the pilot pause keeps it across processes: the next session pauses again until continued', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 400, { id: 'pilot2', pilot: { kind: 'firstCallPerGroup' } });
    const first = await senderFor(sim, dataDir, conn.client).open(batch.id);
    void when(first.session, phase('pilot-paused')).then(() => first.session.stop('pilot'));
    expect((await first.session.run()).reason).toBe('pilot');
    await first.session.close();
    expect(committedForceUpdates(sim)).toHaveLength(1);

    const second = await senderFor(sim, dataDir, conn.client).open(batch.id);
    expect(second.resumed).toBe(true);
    void when(second.session, phase('pilot-paused')).then(() => second.session.stop('pilot'));
    expect((await second.session.run()).reason).toBe('pilot');
    expect(committedForceUpdates(sim)).toHaveLength(1);
    await second.session.continuePilot();
    expect((await second.session.run()).reason).toBe('finished');
    await second.session.close();
    expect(committedForceUpdates(sim)).toHaveLength(4);
  });
});

describe('pause, resume, cancel, stop', () => {
  it('pause lets the calls in flight finish and starts no new one until resumed', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 1000, { id: 'pause' });
    const opened = await senderFor(sim, dataDir, conn.client, { concurrency: 2 }).open(batch.id);
    const { session } = opened;
    let answered = 0;
    const third = when(session, (e) => e.type === 'call' && ++answered === 3);
    const running = session.run();
    await third;
    session.pause();
    await when(session, phase('paused'));
    expect(session.inFlight).toBe(0);
    const atPause = committedForceUpdates(sim).length;
    // the three answered, plus whatever the two workers had on the wire when the pause came
    expect(atPause).toBeGreaterThanOrEqual(3);
    expect(atPause).toBeLessThan(10);
    expect(session.counts.accepted).toBe(atPause);
    await sleep(200);
    expect(committedForceUpdates(sim)).toHaveLength(atPause);
    session.resume();
    const outcome = await running;
    await session.close();
    expect(outcome.reason).toBe('finished');
    expect(committedForceUpdates(sim)).toHaveLength(10);
  });

  it('cancel: calls not yet sent become cancelled, accepted ones stay accepted, nothing else goes out', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 1000, { id: 'cancel' });
    const opened = await senderFor(sim, dataDir, conn.client, { concurrency: 2 }).open(batch.id);
    const { session } = opened;
    let answered = 0;
    const second = when(session, (e) => e.type === 'call' && ++answered === 2);
    const running = session.run();
    await second;
    await session.cancel();
    const outcome = await running;
    await session.close();
    expect(outcome.reason).toBe('cancelled');
    const committed = committedForceUpdates(sim).length;
    await sleep(150);
    expect(committedForceUpdates(sim)).toHaveLength(committed);
    const journal = journalCalls(dataDir, batch.id);
    expect(journal.filter((c) => c.state === 'accepted')).toHaveLength(committed);
    expect(journal.filter((c) => c.state === 'cancelled')).toHaveLength(10 - committed);
    expect(outcome.counts).toMatchObject({ accepted: committed, cancelled: 10 - committed, pending: 0 });

    // A new send of the batch sends only what was cancelled, never the accepted devices again.
    const again = await senderFor(sim, dataDir, conn.client).open(batch.id);
    expect(again.resumed).toBe(false);
    expect(again.alreadySent).toBe(committed * 100);
    expect((await again.session.run()).reason).toBe('finished');
    await again.session.close();
    const serials = committedForceUpdates(sim).flatMap((c) => c.serials);
    expect(serials).toHaveLength(1000);
    expect(new Set(serials).size).toBe(1000);
  });

  it('stop ends the run after the calls in flight; a new session continues where it stopped', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 1000, { id: 'stop' });
    const first = await senderFor(sim, dataDir, conn.client, { concurrency: 3 }).open(batch.id);
    void when(first.session, (e) => e.type === 'call').then(() => first.session.stop());
    const stopped = await first.session.run();
    await first.session.close();
    expect(stopped.reason).toBe('stopped');
    expect(stopped.counts.pending).toBeGreaterThan(0);
    expect(stopped.counts.sending).toBe(0);

    const second = await senderFor(sim, dataDir, conn.client).open(batch.id);
    expect(second.resumed).toBe(true);
    expect((await second.session.run()).reason).toBe('finished');
    await second.session.close();
    const chunks = committedForceUpdates(sim).map((c) => c.serials.join());
    expect(chunks).toHaveLength(10);
    expect(new Set(chunks).size).toBe(10);
  });
});

describe('the send lock', () => {
  it('one process (or window) sends a batch at a time; the other is told who holds it', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 100, { id: 'locked' });
    const first = await senderFor(sim, dataDir, conn.client).open(batch.id);
    const error = await senderFor(sim, dataDir, conn.client).open(batch.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchLockedError);
    expect((error as BatchLockedError).owner).toMatchObject({ pid: process.pid, host: hostname() });
    expect((error as Error).message).toMatch(new RegExp(`process ${process.pid} on ${hostname()}`));
    await first.session.close();
    const again = await senderFor(sim, dataDir, conn.client).open(batch.id);
    await again.session.close();
  });

  it('a lock left by a process that died on this host is taken over', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 100, { id: 'stale' });
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    mkdirSync(journalDir(dataDir), { recursive: true });
    writeFileSync(sendLockPath(journalDir(dataDir), batch.id), JSON.stringify({ pid: Number(dead), host: hostname(), time: new Date().toISOString(), token: 'old' }));
    const opened = await senderFor(sim, dataDir, conn.client).open(batch.id);
    expect((await opened.session.run()).reason).toBe('finished');
    await opened.session.close();
  });
});
