// Locks that heal: a send lock or store lock that is empty, unreadable, or whose holder is provably
// gone from this host is taken over with a notice, instead of wedging the batch until someone
// deletes a file by hand. A live holder on this host, or any holder on another host, still refuses
// (exit 8). Real processes: a `fota batch send` child holds the lock and is killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { journalDir } from '../../../main/batches/journal.ts';
import { sendLockPath } from '../../../main/batches/lock.ts';
import { runCli } from '../../../main/cli/run.ts';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import type { RunningSimulator } from '../../../main/simulator/index.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { processStart } from '../../../main/store/file-lock.ts';
import { flushAppLogs, logDir, LOG_FILE } from '../../../main/log/logger.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { tempServices } from '../../unit/ipc/temp-services.ts';
import { committedForceUpdates, fleetSimulator, removeDir, storeFleetBatch, tempDataDir } from '../sender/helpers.ts';

const TOKEN = 'locks-heal-fixed-token-0001';
let sim: RunningSimulator;
let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sim = await fleetSimulator(400, { fixedToken: TOKEN });
});
// A data folder per test: each sends the same simulated devices, and one folder's record of an open
// push would (rightly) hold them back in the next test.
beforeEach(() => {
  dataDir = tempDataDir();
});
afterEach(() => {
  removeDir(dataDir);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim.close();
});

function env(): Record<string, string> {
  const { mdmId, customerId, license } = sim.tenant;
  return { PATH: process.env['PATH'] ?? '', HOME: dataDir, [DATA_DIR_ENV]: dataDir, FOTA_BASE_URL: sim.url, FOTA_CA: sim.caPath, FOTA_MDM_ID: mdmId, FOTA_CUSTOMER_ID: customerId, FOTA_LICENSE: license, FOTA_TOKEN: TOKEN };
}

async function fota(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: env() });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const lockOf = (batchId: string): string => sendLockPath(journalDir(dataDir), batchId);

async function until(what: string, ready: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the send lock', () => {
  it('refuses while a live `fota batch send` holds it (exit 8), and is taken over with a notice once that process is killed', async () => {
    await storeFleetBatch(dataDir, sim, 400, { id: 'held' });
    // Every answer comes 1.5 s after the simulator acted: the child spends seconds mid-send, lock held.
    sim.faults = { afterCommitDelayMs: 1500 };
    const child = spawn(process.execPath, ['out/node/fota.mjs', 'batch', 'send', 'held', '--yes', '--concurrency', '1'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let said = '';
    child.stdout?.on('data', (d: Buffer) => (said += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (said += d.toString()));
    await until('the child to commit its first call', () => committedForceUpdates(sim).length === 1 && existsSync(lockOf('held'))).catch((error: unknown) => {
      throw new Error(`${String(error)}; the child said: ${said}`);
    });
    const holder = JSON.parse(readFileSync(lockOf('held'), 'utf8')) as { pid: number; host: string; started?: string };
    expect(holder).toMatchObject({ pid: child.pid, host: hostname() });
    if (process.platform === 'linux') expect(holder.started).toBe(processStart(child.pid ?? 0));

    const refused = await fota('batch', 'send', 'held', '--yes');
    expect(refused.code, refused.err).toBe(8);
    expect(refused.err).toContain(`is being sent by process ${child.pid} on ${hostname()}`);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(lockOf('held'))).toBe(true); // a SIGKILL leaves the lock behind
    sim.faults = {};

    const healed = await fota('batch', 'send', 'held', '--yes');
    expect(healed.err).toContain(`notice: Took over the lock ${lockOf('held')}: its holder, process ${child.pid} on ${hostname()}`);
    expect(healed.err).toContain('is no longer running');
    // The call the child was in when killed is unknown and waits for the admin (exit 7); none went twice.
    expect(healed.code, healed.err).toBe(7);
    const sent = committedForceUpdates(sim).map((c) => c.serials.join());
    expect(new Set(sent).size).toBe(sent.length);
  }, 60_000);

  it.each([
    ['empty', '', 'the lock file was empty'],
    ['unreadable', '{"pid": 12', 'the lock file could not be read'],
  ])('takes over an %s lock file with a notice', async (kind, content, why) => {
    await storeFleetBatch(dataDir, sim, 100, { id: `lock-${kind}` });
    mkdirSync(journalDir(dataDir), { recursive: true });
    writeFileSync(lockOf(`lock-${kind}`), content);
    const r = await fota('batch', 'send', `lock-${kind}`, '--yes');
    expect(r.err).toContain(`notice: Took over the lock ${lockOf(`lock-${kind}`)}: ${why}`);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(lockOf(`lock-${kind}`))).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('sees through a reused process number: a live process that is not the holder does not keep the lock', async () => {
    await storeFleetBatch(dataDir, sim, 100, { id: 'reused' });
    await storeFleetBatch(dataDir, sim, 100, { id: 'same' });
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(other);
    await until('the stand-in process', () => other.pid !== undefined && processStart(other.pid) !== null);
    const pid = other.pid ?? 0;
    const time = new Date().toISOString();
    mkdirSync(journalDir(dataDir), { recursive: true });
    // The recorded holder started at another moment: the live process with its number is someone else.
    writeFileSync(lockOf('reused'), JSON.stringify({ pid, host: hostname(), time, token: 'old', started: `${processStart(pid) ?? ''}0` }));
    // Recorded with that process's real start time: it is the holder, alive.
    writeFileSync(lockOf('same'), JSON.stringify({ pid, host: hostname(), time, token: 'live', started: processStart(pid) }));
    try {
      const healed = await fota('batch', 'send', 'reused', '--yes');
      expect(healed.err).toContain('that process number now belongs to another program');
      expect(healed.code, healed.err).toBe(0);
      const refused = await fota('batch', 'send', 'same', '--yes');
      expect(refused.code, refused.err).toBe(8);
      expect(refused.err).toContain(`process ${pid} on ${hostname()}`);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('refuses a lock held on another host, however old (exit 8), and says it cannot check there', async () => {
    await storeFleetBatch(dataDir, sim, 100, { id: 'elsewhere' });
    mkdirSync(journalDir(dataDir), { recursive: true });
    writeFileSync(lockOf('elsewhere'), JSON.stringify({ pid: 1, host: 'helpdesk-2', time: '2020-01-01T00:00:00.000Z', token: 'far' }));
    const r = await fota('batch', 'send', 'elsewhere', '--yes');
    expect(r.code, r.err).toBe(8);
    expect(r.err).toContain('process 1 on helpdesk-2');
    expect(r.err).toContain('FOTA Desk cannot check processes on helpdesk-2');
    expect(r.err).not.toContain('Took over');
  });
});

describe('store locks', () => {
  it('the CLI takes over an empty settings lock with a notice instead of timing out', async () => {
    const settingsLock = path.join(dataDir, 'settings.json.lock');
    writeFileSync(settingsLock, '');
    // A wedged lock would end in the busy-lock error instead of this success with its notice.
    const r = await fota('profile', 'add', 'Healed', '--mdm-id', 'K7Q2M9X4TP', '--customer-id', 'C-1', '--license', 'L-1');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`notice: Took over the lock ${settingsLock}: the lock file was empty`);
  });

  it('the app takes over an unreadable batch-store lock, logs it and shows it in Settings', async () => {
    const t = tempServices();
    try {
      const lock = path.join(t.dataDir, 'batches', '.lock');
      mkdirSync(path.dirname(lock), { recursive: true });
      writeFileSync(lock, 'garbage');
      const device = { serial: 'R58N1SP0001', model: 'SM-G991B', salesCode: 'BTU', imei: null, row: 2 };
      const created = await dispatch(createHandlers(t.services), 'batches:create', { name: 'After a crash', notes: '', target: 'Latest', network: 'ANY', sources: [{ fileName: 'f.csv', sha256: 'b'.repeat(64), devices: [device] }] });
      expect(created.ok, JSON.stringify(created)).toBe(true);
      const view = await t.services['profiles:list'](undefined);
      expect(view.notices.some((n) => n.startsWith(`Took over the lock ${lock}: the lock file could not be read`))).toBe(true);
      await flushAppLogs();
      expect(readFileSync(path.join(logDir(t.dataDir), LOG_FILE), 'utf8')).toMatch(/WARN {2}Took over the lock .*could not be read/);
    } finally {
      await t.dispose();
    }
  });
});
