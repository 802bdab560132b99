// Each fault knob over real HTTPS, and the call record that tells what the server really did.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { element, fixture, PATH, pushForceUpdate, SimHttp } from './http.ts';

const clock = new ManualClock(Date.UTC(2030, 4, 20, 8, 0, 0));
let sim: RunningSimulator;
let http: SimHttp;
const LICENSE = fixture('seeds/004-licenseInfo.xml');
const FORCE = fixture('requests/forceUpdate/ok.xml');

beforeAll(async () => {
  sim = await startSimulator({ clock });
  http = new SimHttp(sim);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});
beforeEach(() => {
  sim.reset('demo');
  sim.faults = {};
});

/** Resolves true when `promise` has not settled after `ms` (a lower bound only, never flaky on a slow machine). */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const late = Symbol('late');
  const first = await Promise.race([promise.then(() => null, () => null), sleep(ms).then(() => late)]);
  return first === late;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
  if (!condition()) throw new Error('condition never became true');
}

describe('faults before anything is done', () => {
  it('latency holds every answer back (token endpoint included)', async () => {
    await http.token();
    sim.faults.latencyMs = 1500;
    const answer = http.post(PATH.licenseInfo, LICENSE);
    expect(await pendingAfter(answer, 300)).toBe(true);
    expect((await answer).status).toBe(200);
    http.dropToken();
    const token = http.token();
    expect(await pendingAfter(token, 300)).toBe(true);
    await token;
  });

  it('share of 5xx: FUD_9001/9003 bodies, nothing committed', async () => {
    sim.faults = { serverErrorRate: 1, serverErrorCode: 'FUD_9001' };
    const reply = await http.post(PATH.forceUpdate, FORCE);
    expect(reply.status).toBe(500);
    expect(reply.code).toBe('FUD_9001');
    expect(reply.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(sim.calls).toHaveLength(0);
    expect(sim.state.forceUpdates()).toHaveLength(0);
    sim.faults.serverErrorRate = 0;
    expect((await http.post(PATH.forceUpdate, FORCE)).status).toBe(200);
  });

  it('a rate between 0 and 1 follows the seeded PRNG: the same seed gives the same sequence', async () => {
    const run = async (): Promise<number[]> => {
      sim.faults = { serverErrorRate: 0.5, serverErrorCode: 'mixed', seed: 77 };
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) {
        const r = await http.post(PATH.licenseInfo, LICENSE);
        statuses.push(r.status === 500 ? (r.code === 'FUD_9001' ? 9001 : 9003) : r.status);
      }
      return statuses;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first).toContain(200);
    expect(first.some((s) => s === 9001 || s === 9003)).toBe(true);
  });

  it('429 with Retry-After, nothing committed', async () => {
    sim.faults = { rateLimitRate: 1, retryAfterSeconds: 7 };
    const reply = await http.post(PATH.forceUpdate, FORCE);
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('7');
    expect(sim.calls).toHaveLength(0);
    expect(sim.state.forceUpdates()).toHaveLength(0);
  });

  it('connection reset before the request is read: the client gets a network error, the server did nothing', async () => {
    await http.token();
    sim.faults.resetBeforeReadRate = 1;
    await expect(http.post(PATH.forceUpdate, FORCE)).rejects.toThrow();
    expect(sim.calls).toHaveLength(0);
    expect(sim.state.forceUpdates()).toHaveLength(0);
    sim.faults.resetBeforeReadRate = 0;
    expect((await http.post(PATH.forceUpdate, FORCE)).status).toBe(200);
  });
});

describe('faults after the commit (the ambiguous case)', () => {
  it('reset after commit: the client sees a network error, but the update exists and is recorded as broken', async () => {
    await http.token();
    sim.faults = { afterCommitRate: 1, afterCommitMode: 'reset' };
    await expect(http.post(PATH.forceUpdate, FORCE)).rejects.toThrow();
    expect(sim.calls).toHaveLength(1);
    const [call] = sim.calls;
    expect(call).toMatchObject({ operation: 'forceUpdate', outcome: 'reset-after-commit', broken: true, serials: ['R58N1SP0001', 'R58N1SP0002'] });
    expect(sim.state.forceUpdate(call?.forceUpdateId ?? '')).toBeDefined();
    // The ID the client never saw is real: summary answers for it.
    sim.faults = {};
    const summary = await http.send('forceUpdateSummary', 'templates/forceUpdateSummary.xml', { forceUpdateId: call?.forceUpdateId ?? '' });
    expect(summary.status).toBe(200);
  });

  it('5xx after commit: the client sees FUD_9003, but the group was registered', async () => {
    sim.faults = { afterCommitRate: 1, afterCommitMode: 'server-error' };
    const reply = await http.post(PATH.groupRegister, fixture('seeds/003-groupRegister.xml'));
    expect(reply.status).toBe(500);
    expect(reply.code).toBe('FUD_9003');
    expect(sim.state.group('D1E2F3G4H5', 'EEEE4444-FF55-AA66-BB77-CCCCCC888888', 'EMMGID12312323')).toBeDefined();
    expect(sim.calls.at(-1)).toMatchObject({ operation: 'groupRegister', outcome: 'server-error-after-commit', broken: true, groupId: 'EMMGID12312323' });
  });

  it('the delay after commit leaves a window where the state changed and no answer has left yet', async () => {
    await http.token();
    sim.faults.afterCommitDelayMs = 2000;
    const answer = http.post(PATH.forceUpdate, FORCE);
    await until(() => sim.calls.length === 1);
    expect(sim.state.forceUpdates()).toHaveLength(1);
    expect(await pendingAfter(answer, 100)).toBe(true);
    const reply = await answer;
    expect(reply.status).toBe(200);
    expect(element(reply.text, 'forceUpdateId')).toBe(sim.calls[0]?.forceUpdateId);
  });
});

describe('scripted faults and the operation filter', () => {
  it('script forces exact outcomes on the next calls, in order, then nothing', async () => {
    await http.token();
    sim.faults.script = ['rate-limit', 'server-error', 'reset-after-commit', 'none'];
    expect((await http.post(PATH.forceUpdate, FORCE)).status).toBe(429);
    expect((await http.post(PATH.forceUpdate, FORCE)).status).toBe(500);
    await expect(http.post(PATH.forceUpdate, FORCE)).rejects.toThrow();
    expect((await http.post(PATH.forceUpdate, FORCE)).status).toBe(200);
    expect((await http.post(PATH.forceUpdate, FORCE)).status).toBe(200);
    expect(sim.faults.script).toEqual([]);
    expect(sim.calls.map((c) => c.outcome)).toEqual(['reset-after-commit', 'ok', 'ok']);
  });

  it('operations limits faults to the named operations', async () => {
    sim.faults = { serverErrorRate: 1, operations: ['forceUpdate'] };
    expect((await http.post(PATH.licenseInfo, LICENSE)).status).toBe(200);
    expect((await http.post(PATH.forceUpdate, FORCE)).status).toBe(500);
  });

  it('faults can be set at start', async () => {
    const other = await startSimulator({ clock, faults: { rateLimitRate: 1, retryAfterSeconds: 3 } });
    const client = new SimHttp(other);
    try {
      const reply = await client.post(PATH.licenseInfo, LICENSE, { token: other.issueToken() });
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('3');
    } finally {
      await client.close();
      await other.close();
    }
  });

  it('bad fault values are refused with the knob named', () => {
    expect(() => {
      sim.faults = { serverErrorRate: 2 };
    }).toThrow(/serverErrorRate/);
  });
});

describe('call record', () => {
  it('records every accepted call with operation, time, serials and ID — and no refused call', async () => {
    const id = await pushForceUpdate(http);
    clock.advance(60_000);
    await http.send('forceUpdateSummary', 'templates/forceUpdateSummary.xml', { forceUpdateId: id });
    await http.post(PATH.forceUpdate, fixture('requests/forceUpdate/FUD_3031-not-enrolled-serial.xml'));
    await http.post('/b2bfota/v1/serviceRegister', fixture('requests/serviceregister/ok.xml'));
    expect(sim.calls.map((c) => [c.seq, c.operation, c.path])).toEqual([
      [1, 'forceUpdate', '/b2bfota/v2/forceUpdate'],
      [2, 'forceUpdateSummary', '/b2bfota/v2/forceUpdateSummary'],
      [3, 'serviceregister', '/b2bfota/v1/serviceRegister'],
    ]);
    expect(sim.calls[0]).toMatchObject({ forceUpdateId: id, serials: ['R58N1SP0001', 'R58N1SP0002'], model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', resolvedTarget: 'G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1', networkType: 'WIFIONLY', outcome: 'ok', broken: false });
    expect(sim.calls[1]?.at).toBe((sim.calls[0]?.at ?? 0) + 60_000);
    expect(sim.calls[2]).toMatchObject({ groupId: 'TEST DEVICE GROUP', license: 'EFOTA1-fff555-ggg666-hh77' });
    sim.reset();
    expect(sim.calls).toHaveLength(0);
  });
});
