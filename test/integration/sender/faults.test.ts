// The Sender against the simulator over HTTPS with faults on. Every call must end accepted,
// rejected or `unknown`; nothing may be lost or sent twice — checked against the simulator's own
// record of the calls it committed.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLogPath } from '../../../main/batches/audit-log.ts';
import type { SendEvent } from '../../../main/batches/send-events.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { chunkKey, committedForceUpdates, fleetSeed, fleetSimulator, journalCalls, removeDir, senderFor, simClient, storeFleetBatch, tempDataDir } from './helpers.ts';

let sim: RunningSimulator;
let dataDir: string;
let conn: ReturnType<typeof simClient>;

beforeAll(async () => {
  sim = await fleetSimulator(3000);
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

/** Runs a whole send; returns its outcome and every event. */
async function sendAll(batchId: string, options: { concurrency?: number; onEvent?: (e: SendEvent) => void } = {}) {
  const sender = senderFor(sim, dataDir, conn.client, { concurrency: options.concurrency ?? 4 });
  const opened = await sender.open(batchId);
  const events: SendEvent[] = [];
  opened.session.events.on((e) => {
    events.push(e);
    options.onEvent?.(e);
  });
  try {
    const outcome = await opened.session.run();
    return { outcome, events, session: opened.session };
  } finally {
    await opened.session.close();
  }
}

describe.each(['reset', 'server-error'] as const)('faults that provably did not reach Samsung, or came after its commit (after-commit %s)', (afterCommitMode) => {
  it('every call ends accepted or unknown; unknown exactly where the fault came after the commit; nothing lost, nothing twice', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 3000, { id: `faults-${afterCommitMode}` });
    sim.faults = { operations: ['forceUpdate'], rateLimitRate: 0.2, retryAfterSeconds: 1, afterCommitRate: 0.15, afterCommitMode, latencyMs: 5, seed: afterCommitMode === 'reset' ? 7 : 11 };
    let done = 0;
    const { outcome, events } = await sendAll(batch.id, {
      onEvent: (e) => {
        // Token expiry half-way: the next calls get 401, the client renews once and the call goes through.
        if (e.type === 'call' && ++done === 10) sim.tokens.expireAll();
      },
    });

    const journal = journalCalls(dataDir, batch.id);
    const committed = committedForceUpdates(sim);
    expect(journal).toHaveLength(30);
    expect(journal.every((c) => c.state === 'accepted' || c.state === 'unknown')).toBe(true);

    // Nothing twice: no chunk (and no serial) was committed more than once.
    const chunks = committed.map((c) => chunkKey(c.serials));
    expect(new Set(chunks).size).toBe(chunks.length);
    const serials = committed.flatMap((c) => c.serials);
    expect(new Set(serials).size).toBe(serials.length);
    // Nothing lost: every chunk of the batch reached the server exactly once (unknown ones included).
    expect(new Set(chunks)).toEqual(new Set(journal.map((c) => chunkKey(c.call.serials))));

    // Accepted ⇔ the answer reached us, with the very ID the server issued; unknown ⇔ broken after commit.
    const byChunk = new Map(committed.map((c) => [chunkKey(c.serials), c]));
    for (const call of journal) {
      const record = byChunk.get(chunkKey(call.call.serials));
      expect(record).toBeDefined();
      if (call.state === 'accepted') {
        expect(record?.broken).toBe(false);
        expect(call.forceUpdateId).toBe(record?.forceUpdateId);
      } else {
        expect(record?.broken).toBe(true);
      }
    }
    const broken = committed.filter((c) => c.broken).length;
    expect(broken).toBeGreaterThan(0);
    expect(outcome.unknown).toHaveLength(broken);
    expect(outcome.reason).toBe('finished');
    // The 429s really happened and were waited out.
    expect(events.filter((e) => e.type === 'retry').length).toBeGreaterThan(0);
    // The token really expired and was renewed (one initial token, at least one renewal).
    expect(conn.tokens.requestCount).toBeGreaterThanOrEqual(2);
  });
});

describe('faults before the commit that look the same on the wire', () => {
  it('a reset after the request was written, or a 5xx, makes the call unknown even though Samsung did nothing; a confirmed re-send sends it exactly once more', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 500, { id: 'pre-commit' });
    sim.faults = { operations: ['forceUpdate'], script: ['reset-before-read', 'server-error', 'none', 'none', 'none'] };
    const first = await sendAll(batch.id, { concurrency: 1 });
    expect(first.outcome.unknown.map((c) => c.call.id)).toEqual([`${batch.groups[0]?.model}/${batch.groups[0]?.salesCode}#1`, `${batch.groups[0]?.model}/${batch.groups[0]?.salesCode}#2`]);
    // The server never committed them: unknown is the safe reading of an ambiguous failure.
    expect(committedForceUpdates(sim)).toHaveLength(3);
    expect(first.outcome.counts.accepted).toBe(3);

    // Without a confirmation, a new run sends nothing again.
    const idle = await sendAll(batch.id);
    expect(idle.outcome.unknown).toHaveLength(2);
    expect(committedForceUpdates(sim)).toHaveLength(3);

    // Confirm one of them: it is sent exactly once more; the other stays unknown.
    const sender = senderFor(sim, dataDir, conn.client);
    const opened = await sender.open(batch.id);
    const id = first.outcome.unknown[0]?.call.id ?? '';
    await opened.session.confirmResend([id]);
    const again = await opened.session.run();
    await opened.session.close();
    expect(committedForceUpdates(sim)).toHaveLength(4);
    const resent = journalCalls(dataDir, batch.id).find((c) => c.call.id === id);
    expect(resent?.state).toBe('accepted');
    expect(resent?.resends).toBe(1);
    expect(resent?.forceUpdateId).toBe(committedForceUpdates(sim)[3]?.forceUpdateId);
    expect(again.unknown.map((c) => c.call.id)).toEqual([first.outcome.unknown[1]?.call.id]);
  });
});

describe('failures that prove nothing reached Samsung', () => {
  it('connection refused: retried, never unknown; when the network stays down the calls stay unsent, and go once it is back', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const batch = await storeFleetBatch(dataDir, sim, 300, { id: 'refused' });
    const offline = simClient(sim, { url: `https://127.0.0.1:${port}` });
    const first = await senderFor(sim, dataDir, offline.client).open(batch.id);
    const outcome = await first.session.run();
    await first.session.close();
    expect(outcome.reason).toBe('network');
    expect(outcome.detail).toMatch(/refused/);
    expect(outcome.unknown).toEqual([]);
    expect(journalCalls(dataDir, batch.id).map((c) => c.state)).toEqual(['pending', 'pending', 'pending']);

    // The network comes back while a call waits to retry: it goes through, exactly once.
    // Back-offs of up to 300 ms here, so the simulator has time to start before the attempts run out.
    const patient = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 300)));
    const second = await senderFor(sim, dataDir, offline.client, { concurrency: 1, retry: { sleep: patient } }).open(batch.id);
    let retried = false;
    second.session.events.on((e) => {
      if (e.type === 'retry') retried = true;
    });
    const reviving = (async () => {
      while (!retried) await new Promise((resolve) => setTimeout(resolve, 2));
      return startSimulator({ port, seed: fleetSeed(300) });
    })();
    const after = await second.session.run();
    await second.session.close();
    const back = await reviving;
    expect(after.reason).toBe('finished');
    expect(after.counts).toMatchObject({ accepted: 3, unknown: 0 });
    expect(back.calls.filter((c) => c.operation === 'forceUpdate')).toHaveLength(3);
    await offline.close();
    await back.close();
  });

  it('credentials refused half-way (after one renewal): the send stops, the rest stays unsent, nothing is unknown', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 500, { id: 'revoked' });
    const opened = await senderFor(sim, dataDir, conn.client, { concurrency: 1 }).open(batch.id);
    opened.session.events.on((e) => {
      if (e.type === 'call' && e.counts.accepted === 2) sim.faults.revokeTokens = true;
    });
    const outcome = await opened.session.run();
    await opened.session.close();
    expect(outcome.reason).toBe('auth');
    expect(outcome.unknown).toEqual([]);
    expect(outcome.counts).toMatchObject({ accepted: 2, pending: 3 });
    expect(committedForceUpdates(sim)).toHaveLength(2);
  });
});

describe('read-only calls retry freely', () => {
  it('licenseInfo and firmwareList get through 5xx, resets and 429s at the send-time re-check', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 200, { id: 'reads' });
    sim.faults = { operations: ['licenseInfo', 'firmwareList'], script: ['server-error', 'reset-before-read', 'rate-limit', 'none', 'server-error', 'none'], retryAfterSeconds: 1 };
    const sender = senderFor(sim, dataDir, conn.client);
    const opened = await sender.open(batch.id);
    try {
      const checks = await sender.recheck(opened);
      expect(checks.license?.licenseStatus).toBe('Normal');
      expect(checks.latest).toHaveLength(1);
      expect(checks.latest[0]?.firmware).toMatch(/^G991B/);
      expect(sim.faults.script).toEqual([]);
    } finally {
      await opened.session.close();
    }
  });
});

describe('the audit log', () => {
  it('records who sent which call to which tenant and what came back, and never the token', async () => {
    const batch = await storeFleetBatch(dataDir, sim, 250, { id: 'audited' });
    await sendAll(batch.id);
    const token = await conn.tokens.getToken();
    const text = readFileSync(auditLogPath(dataDir), 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain(sim.tenant.clientSecret);
    const entries = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const calls = entries.filter((e) => e['event'] === 'call');
    expect(calls).toHaveLength(3);
    for (const e of calls) {
      expect(e).toMatchObject({ user: 'tester', host: 'test-host', profile: 'test', customerId: sim.tenant.customerId, batchId: 'audited', result: 'accepted' });
      expect(typeof e['forceUpdateId']).toBe('string');
    }
    expect(entries[0]?.['event']).toBe('send-started');
    expect(entries.at(-1)?.['event']).toBe('send-stopped');
  });
});
