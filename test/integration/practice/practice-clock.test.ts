// The practice clock: a practice send, "finish now", a refresh that shows final states (some of them
// failed, with a reason), and a new batch of the failed devices — the whole loop in one sitting.
// The speed is checked on a manual clock (no timing assertions).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { runCli } from '../../../main/cli/run.ts';
import { practicePace, setPracticeSpeed } from '../../../main/practice/practice-clock.ts';
import { finishBatchNow } from '../../../main/batches/practice-finish.ts';
import type { BatchHistory } from '../../../main/store/history/history-model.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

let root: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fota-practice-clock-'));
  dataDir = path.join(root, 'data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function fota(args: string[]) {
  const io = memoryIo({ env: { FOTA_DESK_DATA_DIR: dataDir, HOME: root }, cwd: root });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

function writeFleet(count: number): string {
  const rows = ['Serial Number,Model,Sales Code'];
  for (let i = 1; i <= count; i++) rows.push(`RF8WK${String(i).padStart(6, '0')},${i % 2 === 0 ? 'SM-G991B' : 'SM-A546B'},${i % 2 === 0 ? 'BTU' : 'DBT'}`);
  const file = path.join(root, 'fleet.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe('fota practice clock', () => {
  it('practice send → finish now → refresh shows final states with failures → retry makes a batch of the failed', async () => {
    expect((await fota(['batch', 'create', writeFleet(300), '--name', 'Trial', '--target', 'Latest', '--network', 'ANY'])).code).toBe(0);
    expect((await fota(['batch', 'plan', 'Trial'])).code).toBe(0);
    const sent = await fota(['batch', 'send', 'Trial', '--yes']);
    expect(sent.code, sent.err).toBe(0);

    const before = await fota(['batch', 'status', 'Trial', '--refresh', '--json']);
    expect(before.code, before.err).toBe(0);
    expect(JSON.parse(before.out).result.devices.processing).toBe(300);

    const finished = await fota(['practice', 'clock', '--finish-now', 'Trial']);
    expect(finished.code, finished.err).toBe(0);
    expect(finished.out).toMatch(/Finished now: 300 devices in 4 forceUpdateIds of PRACTICE batch 'Trial'/);

    const after = await fota(['batch', 'status', 'Trial', '--refresh', '--json']);
    const devices = JSON.parse(after.out).result.devices as { processing: number; downloaded: number; failed: number };
    expect(devices.processing).toBe(0);
    expect(devices.downloaded).toBeGreaterThan(0);
    expect(devices.failed).toBeGreaterThan(0);
    expect(devices.downloaded + devices.failed).toBe(300);
    const results = await fota(['batch', 'results', 'Trial']);
    expect(results.out).toMatch(/Download failed|Download cancelled|did not connect/);

    const retry = await fota(['batch', 'retry', 'Trial', '--from', 'failed', '--name', 'Trial failed', '--json']);
    expect(retry.code, retry.err).toBe(0);
    expect(JSON.parse(retry.out).result.devices).toHaveLength(devices.failed);
  });

  it('sets and shows the speed, and refuses what it does not know', async () => {
    expect((await fota(['practice', 'clock'])).out).toMatch(/Practice clock: x1 /);
    expect((await fota(['practice', 'clock', '--speed', '600'])).out).toMatch(/x600/);
    expect(JSON.parse((await fota(['practice', 'clock', '--json'])).out)).toEqual({ speed: 600, finished: null });
    expect(await fota(['practice', 'clock', '--speed', '10'])).toMatchObject({ code: 2, err: expect.stringMatching(/--speed must be 1, 60 or 600/) });
    expect(await fota(['practice', 'clock', '--finish-now', 'Nope'])).toMatchObject({ code: 2, err: expect.stringMatching(/no batch 'Nope'/) });
  });

  it('at x600 a force update progresses 600 times as fast from the moment the speed was set', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 9));
    const pace = practicePace(dataDir, clock);
    const fu = { forceUpdateId: 'X', createdAt: clock.now() };
    clock.advance(60_000);
    expect(pace.elapsed(fu, clock.now())).toBe(60_000);
    await setPracticeSpeed(dataDir, 600, clock.now());
    clock.advance(12_000);
    expect(pace.elapsed(fu, clock.now())).toBe(60_000 + 12_000 * 600);
    await setPracticeSpeed(dataDir, 1, clock.now());
    clock.advance(1_000);
    expect(pace.elapsed(fu, clock.now())).toBe(60_000 + 12_000 * 600 + 1_000);
  });

  it('refuses to finish a batch that was sent to a real tenant, and writes no clock for it', async () => {
    const real = { batchId: 'b-1', batchName: 'Real rollout', practice: false, updates: [{ forceUpdateId: '123', serials: ['R1'] }] } as unknown as BatchHistory;
    await expect(finishBatchNow(dataDir, real, Date.now())).rejects.toThrow(/'Real rollout' was sent to a real tenant: only practice batches can be finished now/);
    expect(JSON.parse((await fota(['practice', 'clock', '--json'])).out)).toEqual({ speed: 1, finished: null });
  });
});
