// `fota batch send` and `fota batch audit` end to end (in-process through runCli, over HTTPS to the
// simulator): confirmation, exit codes 0/2/4/6/7/8, the explicit decisions, progress and the audit export.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import type { RunningSimulator } from '../../../main/simulator/index.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { committedForceUpdates, fleetSimulator, journalCalls, MODEL, removeDir, SALES_CODE, senderFor, simClient, storeFleetBatch, tempDataDir } from './helpers.ts';

const TOKEN = 'cli-test-fixed-token-0042';
let sim: RunningSimulator;
let dataDir: string;

beforeAll(async () => {
  sim = await fleetSimulator(500, { fixedToken: TOKEN });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.faults = {};
  dataDir = tempDataDir();
});
afterEach(() => {
  removeDir(dataDir);
});

function env(): Record<string, string> {
  const { mdmId, customerId, license } = sim.tenant;
  return { [DATA_DIR_ENV]: dataDir, FOTA_BASE_URL: sim.url, FOTA_CA: sim.caPath, FOTA_MDM_ID: mdmId, FOTA_CUSTOMER_ID: customerId, FOTA_LICENSE: license, FOTA_TOKEN: TOKEN };
}

async function fota(args: string[], options: { tty?: boolean; stdin?: string } = {}) {
  const io = memoryIo({ env: env(), cwd: dataDir, ...options });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const id = (n: number | string): string => `${MODEL}/${SALES_CODE}#${n}`;

describe('fota batch send', () => {
  it('without a terminal it requires --yes, and sends nothing', async () => {
    await storeFleetBatch(dataDir, sim, 200, { id: 'b1' });
    const r = await fota(['batch', 'send', 'b1']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--yes/);
    expect(committedForceUpdates(sim)).toHaveLength(0);
  });

  it('shows the tenant (licence suffix only), sends with --yes, prints plain lines and exits 0', async () => {
    await storeFleetBatch(dataDir, sim, 250, { id: 'b2' });
    const r = await fota(['batch', 'send', 'b2', '--yes']);
    expect(r.code).toBe(0);
    const license = sim.tenant.license;
    expect(r.out).toContain(`customer ID ${sim.tenant.customerId}, licence …${license.slice(-4)}`);
    expect(r.out).not.toContain(license);
    expect(r.out).toMatch(/Samsung cannot withdraw an update it has accepted/);
    // one line per call with running counts (issue #20)
    for (const n of [1, 2, 3]) expect(r.out).toMatch(new RegExp(`call \\d/\\d+ ${id(n).replace(/[/#]/g, '\\$&')} \\d+ devices: accepted forceUpdateId \\S+ \\(sent \\d, accepted \\d, failed 0, unknown 0\\)`));
    expect(r.out).toMatch(/Send finished: 3 accepted, 0 rejected, 0 unknown of 3 call\(s\); 250 devices accepted/);
    expect(committedForceUpdates(sim)).toHaveLength(3);
    // Running it again sends nothing: every device was pushed already. Nothing to send is no send (exit 2).
    const again = await fota(['batch', 'send', 'b2', '--yes']);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/refused before sending: Nothing to send: 250 devices already pushed by an earlier send of this batch\. Nothing was sent\./);
    expect(committedForceUpdates(sim)).toHaveLength(3);
  });

  it('on a terminal it asks, draws a progress bar, and sends only after "yes"', async () => {
    await storeFleetBatch(dataDir, sim, 150, { id: 'b3' });
    const no = await fota(['batch', 'send', 'b3'], { tty: true, stdin: 'no\n' });
    // declining is not success (issue #20): exit 2, nothing done
    expect(no.code).toBe(2);
    expect(no.err).toMatch(/Type 'yes' to send/);
    expect(no.err).toMatch(/not confirmed: nothing was sent/);
    expect(committedForceUpdates(sim)).toHaveLength(0);
    const yes = await fota(['batch', 'send', 'b3'], { tty: true, stdin: 'yes\n' });
    expect(yes.code).toBe(0);
    expect(yes.err).toMatch(/\r\[#{30}\] 2\/2 calls {2}150 devices accepted/);
    expect(committedForceUpdates(sim)).toHaveLength(2);
  });

  it('exits 6 when a call is rejected, names the FUD_3031 culprits; --replan sends the rest (exit 0)', async () => {
    await storeFleetBatch(dataDir, sim, 120, { id: 'b4', extraSerials: ['R5CTX000077'] });
    const r = await fota(['batch', 'send', 'b4', '--yes']);
    expect(r.code).toBe(6);
    expect(r.out).toContain(`${id(2)}  forceUpdate 21 devices, target Latest: rejected FUD_3031`);
    expect(r.out).toContain('culprits: R5CTX000077 (Not Enrolled)');
    expect(r.out).toContain(`--replan '${id(2)}'`);
    const replanned = await fota(['batch', 'send', 'b4', '--yes', '--replan', id(2)]);
    expect(replanned.err).toBe('');
    expect(replanned.code).toBe(0);
    expect(replanned.out).toContain(`${id(2)}: re-planned without R5CTX000077 (now excluded from the batch) as ${id('2.r')}`);
    expect(committedForceUpdates(sim).map((c) => c.serials.length)).toEqual([100, 20]);
  });

  it('exits 7 with unknown calls and says how to decide; --leave-unknown settles them without sending', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'b5' });
    sim.faults = { operations: ['forceUpdate'], script: ['none', 'reset-after-commit'] };
    const r = await fota(['batch', 'send', 'b5', '--yes', '--concurrency', '1']);
    expect(r.code).toBe(7);
    expect(r.out).toMatch(/UNKNOWN — these calls may or may not have reached Samsung \(1\)/);
    expect(r.out).toContain(`--resend-unknown '${id(2)}'`);
    expect(r.out).toContain(`--leave-unknown '${id(2)}'`);
    expect(committedForceUpdates(sim)).toHaveLength(3);

    const unchanged = await fota(['batch', 'send', 'b5', '--yes']);
    expect(unchanged.code).toBe(7);
    expect(committedForceUpdates(sim)).toHaveLength(3);

    const left = await fota(['batch', 'send', 'b5', '--yes', '--leave-unknown', id(2)]);
    expect(left.code).toBe(0);
    expect(committedForceUpdates(sim)).toHaveLength(3);
    expect(journalCalls(dataDir, 'b5').find((c) => c.call.id === id(2))).toMatchObject({ state: 'unknown', left: true });
  });

  it('exits 8 while another process sends the batch, naming it', async () => {
    await storeFleetBatch(dataDir, sim, 100, { id: 'b6' });
    const conn = simClient(sim);
    const holder = await senderFor(sim, dataDir, conn.client).open('b6');
    try {
      const r = await fota(['batch', 'send', 'b6', '--yes']);
      expect(r.code).toBe(8);
      expect(r.err).toContain(`is being sent by process ${process.pid}`);
    } finally {
      await holder.session.close();
      await conn.close();
    }
  });

  it('refuses before sending (exit 2) when the licence was cancelled since the batch was prepared', async () => {
    await storeFleetBatch(dataDir, sim, 100, { id: 'b7' });
    sim.state.setLicenseStatus(sim.tenant.license, 'Cancelled');
    const r = await fota(['batch', 'send', 'b7', '--yes']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/ERROR .*\[licence\].*cancelled/i);
    expect(r.err).toMatch(/Nothing was sent/);
    expect(committedForceUpdates(sim)).toHaveLength(0);
  });

  it('exits 4 when the credentials are refused, before anything is sent', async () => {
    await storeFleetBatch(dataDir, sim, 100, { id: 'b8' });
    sim.faults = { revokeTokens: true };
    const r = await fota(['batch', 'send', 'b8', '--yes']);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/authentication failed \(HTTP 401\)/);
    expect(r.err).not.toContain(TOKEN);
    expect(journalCalls(dataDir, 'b8')).toEqual([]);
    sim.faults = {};
    expect((await fota(['batch', 'send', 'b8', '--yes'])).code).toBe(0);
    expect(committedForceUpdates(sim)).toHaveLength(1);
  });

  it('--json prints one object with every call; --cancel says accepted updates stay', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'b9', pilot: { kind: 'devices', count: 100 } });
    const r = await fota(['batch', 'send', 'b9', '--yes', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { outcome: { reason: string }; calls: Array<{ id: string; state: string; pilot: boolean }> };
    expect(doc.outcome.reason).toBe('pilot');
    expect(doc.calls.map((c) => [c.id, c.state, c.pilot])).toEqual([[id(1), 'accepted', true], [id(2), 'pending', false], [id(3), 'pending', false]]);
    expect(r.err).toMatch(/send: pilot-paused|pilot/);

    const cancelled = await fota(['batch', 'send', 'b9', '--yes', '--cancel']);
    expect(cancelled.code).toBe(0);
    expect(cancelled.out).toMatch(/Send cancelled: 1 accepted, 0 rejected, 0 unknown, 2 cancelled of 3 call\(s\)/);
    expect(cancelled.out).toMatch(/Samsung cannot withdraw an update it has accepted/);
    expect(committedForceUpdates(sim)).toHaveLength(1);
  });

  it('--continue-pilot goes on only after a pilot sent by an earlier run', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'b10', pilot: { kind: 'devices', count: 100 } });
    const first = await fota(['batch', 'send', 'b10', '--yes', '--continue-pilot']);
    expect(first.out).toMatch(/Paused after the pilot/);
    expect(committedForceUpdates(sim)).toHaveLength(1);
    const second = await fota(['batch', 'send', 'b10', '--yes', '--continue-pilot']);
    expect(second.code).toBe(0);
    expect(committedForceUpdates(sim)).toHaveLength(3);
  });
});

describe('fota batch audit', () => {
  it('exports the audit log as CSV (to a file) and as JSON lines, without any secret', async () => {
    await storeFleetBatch(dataDir, sim, 150, { id: 'a1' });
    expect((await fota(['batch', 'send', 'a1', '--yes'])).code).toBe(0);
    // JSON lines with --json; without it, a table (issue #20)
    const lines = await fota(['batch', 'audit', '--batch', 'a1', '--json']);
    const entries = lines.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.filter((e) => e['event'] === 'call').map((e) => e['result'])).toEqual(['accepted', 'accepted']);
    const csv = await fota(['batch', 'audit', '--csv', '--delimiter', ';', '--out', 'audit.csv']);
    expect(csv.code).toBe(0);
    const text = readFileSync(path.join(dataDir, 'audit.csv'), 'utf8');
    expect(text.startsWith('\uFEFFat;user;host;profile;customerId;batchId')).toBe(true);
    expect(text).toContain(';a1;');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(sim.tenant.license);
  });
});
