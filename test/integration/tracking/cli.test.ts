// The tracking commands end to end (in-process through runCli, HTTPS to the simulator): a batch
// sent with `fota batch send` is followed with `fota batch status --refresh`, exported with
// `fota batch results`, listed by `fota history`, retried with `fota batch retry` — and the log the
// commands wrote holds no token.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { flushAppLogs } from '../../../main/log/logger.ts';
import { recordAccepted } from '../../../main/batches/track.ts';
import { BatchStore } from '../../../main/store/batches/batch-store.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { HistoryStore } from '../../../main/store/history/history-store.ts';
import type { RunningSimulator } from '../../../main/simulator/index.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { fleetSimulator, removeDir, storeFleetBatch, tempDataDir } from '../sender/helpers.ts';

const TOKEN = 'c1i7e5t0-f1x3-d70k-3n00-planted00042';
let sim: RunningSimulator;
let dataDir: string;

function env(extra: Record<string, string> = {}): Record<string, string> {
  const { mdmId, customerId, license } = sim.tenant;
  return { [DATA_DIR_ENV]: dataDir, FOTA_BASE_URL: sim.url, FOTA_CA: sim.caPath, FOTA_MDM_ID: mdmId, FOTA_CUSTOMER_ID: customerId, FOTA_LICENSE: license, FOTA_TOKEN: TOKEN, ...extra };
}

async function fota(args: string[], extra: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: env(extra), cwd: dataDir });
  const code = await runCli(args, io);
  await flushAppLogs(); // what a `fota` process writes before it ends
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  sim = await fleetSimulator(300, { fixedToken: TOKEN });
  // Devices finish at once (the system clock runs this simulator); one in five fails.
  sim.switches = { progressMinMinutes: 0, progressMaxMinutes: 0, progressFailureRate: 0.2 };
  dataDir = tempDataDir();
  await storeFleetBatch(dataDir, sim, 150, { id: 'cli', target: 'Latest' });
  const sent = await fota(['batch', 'send', 'cli', '--yes']);
  expect(sent.code, sent.err).toBe(0);
});
afterAll(async () => {
  await sim.close();
  removeDir(dataDir);
});

describe('tracking on the command line', () => {
  it('fota batch status lists the sent batch, then --refresh asks Samsung and shows every id final', async () => {
    const overview = await fota(['batch', 'status']);
    expect(overview.code).toBe(0);
    // The simulator's demo tenant is the practice tenant: what is sent to it is practice data.
    expect(overview.out).toMatch(/^fleet cli \(cli\) \[PRACTICE\]: 2 id\(s\), 2 open; 150 sent/);
    const refreshed = await fota(['batch', 'status', 'cli', '--refresh']);
    expect(refreshed.err).toBe('');
    expect(refreshed.code).toBe(0);
    expect(refreshed.out).toMatch(/^Batch 'fleet cli' \(cli\) \[PRACTICE\], customer ID /);
    expect(refreshed.out).toMatch(/Devices: \d+ downloaded, \d+ failed\n/);
    expect(refreshed.out.match(/\d+ processing, \d+ downloaded, \d+ failed \(as of .* UTC\); final/g)).toHaveLength(2);
    expect(refreshed.out).not.toMatch(/installed|updated/i);
    const json = await fota(['batch', 'status', 'cli', '--json']);
    const parsed = JSON.parse(json.out) as { ok: boolean; result: { updates: Array<{ status: string; summary: { downloaded: number; failed: number } }>; devices: Record<string, number> } };
    expect(parsed.ok).toBe(true);
    expect(parsed.result.updates.map((u) => u.status)).toEqual(['final', 'final']);
    expect((parsed.result.devices['downloaded'] ?? 0) + (parsed.result.devices['failed'] ?? 0)).toBe(150);
    expect(parsed.result.updates.reduce((n, u) => n + u.summary.downloaded, 0)).toBe(parsed.result.devices['downloaded']);
  });

  it('fota batch results writes a CSV (BOM, chosen delimiter, PRACTICE marked) matching the history, and prints a table', async () => {
    const r = await fota(['batch', 'results', 'fleet cli', '-o', 'results.csv', '--delimiter', ',']);
    expect(r.code, r.err).toBe(0);
    // exactly the file asked for (issue #20): the practice mark is inside it and in the message
    const file = path.join(dataDir, 'results.csv');
    expect(r.out).toBe(`Wrote 150 device(s) of 'fleet cli' to ${file} (delimiter ','; PRACTICE data, marked in its first row).\n`);
    expect(existsSync(path.join(dataDir, 'PRACTICE-results.csv'))).toBe(false);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const all = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { delimiter: ',', skipEmptyLines: true }).data;
    expect(all[0]?.[0]).toMatch(/^PRACTICE — practice data/);
    const rows = all.slice(1);
    expect(rows[0]?.slice(0, 4)).toEqual(['Serial Number', 'Model', 'Sales Code', 'State']);
    expect(rows).toHaveLength(151);
    const history = new HistoryStore(dataDir).get('cli');
    const states = new Map(history?.updates.flatMap((u) => u.devices.map((d) => [d.serial, d.state] as const)));
    for (const row of rows.slice(1)) expect(row[3]).toBe(states.get(row[0] ?? ''));
    const semicolon = await fota(['batch', 'results', 'cli', '-o', '-', '--delimiter', ';']);
    expect(semicolon.out.split('\r\n')[1]?.startsWith('Serial Number;Model;Sales Code;State;')).toBe(true);
    const table = await fota(['batch', 'results', 'cli']);
    expect(table.out.split('\n')[0]).toBe("Batch 'fleet cli' (cli) [PRACTICE]: 150 device(s)");
    expect(table.out).toMatch(/R5CT\d+ +SM-G991B\/BTU +(downloaded|failed)/);
    expect((await fota(['batch', 'results', 'cli', '--delimiter', 'tab'])).code).toBe(2);
    const unknown = await fota(['batch', 'results', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/there is no batch 'nope' in the history\. Sent batches: fleet cli/);
  });

  it('fota batch retry --from failed creates the draft; fota history lists the batches', async () => {
    const failed = new HistoryStore(dataDir).get('cli')?.updates.flatMap((u) => u.devices.filter((d) => d.state === 'failed').map((d) => d.serial)).sort() ?? [];
    expect(failed.length).toBeGreaterThan(0);
    const r = await fota(['batch', 'retry', 'cli', '--from', 'failed', '--name', 'cli failed']);
    expect(r.code, r.err).toBe(0);
    expect(new BatchStore(dataDir).find('cli failed').devices.map((d) => d.serial).sort()).toEqual(failed);
    const none = await fota(['batch', 'retry', 'cli', '--from', 'unknown', '--name', 'cli unknown']);
    // nothing to retry is not a success (issue #20): exit 2, "nothing done"
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/nothing to retry: no device of 'fleet cli' is unknown/);
    const history = await fota(['history', '--json']);
    const parsed = JSON.parse(history.out) as { result: { batches: Array<{ batchId: string; ids: { total: number; final: number } }> } };
    expect(parsed.result.batches).toEqual([expect.objectContaining({ batchId: 'cli', ids: expect.objectContaining({ total: 2, final: 2 }) as unknown })]);
    const text = await fota(['history']);
    expect(text.out).toMatch(/fleet cli \(cli\) \[PRACTICE\]\n {4}2 id\(s\): 0 open, 2 final, 0 expired; devices: \d+ downloaded, \d+ failed/);
  });

  it('a refresh the server refuses exits 4, keeps the last states, and the log holds no token', async () => {
    await recordAccepted(new HistoryStore(dataDir), { batchId: 'b-open', batchName: 'still open', customerId: sim.tenant.customerId, profile: 'test', practice: false }, [
      { forceUpdateId: '10720300601-JEA00000009', sendId: null, callId: 'SM-G991B/BTU#1', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'ANY', serials: ['R5CT0000001'], sentAt: new Date().toISOString() },
    ]);
    const wrong = 'wrong-7e57-70ce-4a11-000000000000beef';
    const r = await fota(['batch', 'status', 'still open', '--refresh'], { FOTA_TOKEN: wrong });
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/last refresh failed .*: auth /);
    expect(r.err).toMatch(/refresh failed \(auth\)/);
    const logs = path.join(dataDir, 'logs');
    expect(existsSync(logs)).toBe(true);
    const text = readdirSync(logs).map((f) => readFileSync(path.join(logs, f), 'utf8')).join('\n');
    expect(text).toMatch(/failure operation=forceUpdateSummary code=auth/);
    expect(text).toMatch(/refresh on demand/);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(wrong);
    const diag = await fota(['diagnostics']);
    expect(diag.out).toContain('Failing operation: forceUpdateSummary');
    expect(diag.out).not.toContain(wrong);
  });

  it('refreshes only the tenant of the connection', async () => {
    await recordAccepted(new HistoryStore(dataDir), { batchId: 'b-foreign', batchName: 'other tenant', customerId: 'FFFF0000-1111-2222-3333-444455556666', profile: 'other', practice: false }, [
      { forceUpdateId: '10720300601-JEA00000010', sendId: null, callId: 'SM-G991B/BTU#1', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'ANY', serials: ['R5CT0000002'], sentAt: new Date().toISOString() },
    ]);
    const calls = sim.calls.length;
    const r = await fota(['batch', 'status', 'other tenant', '--refresh']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/not refreshed \(sent to another customer ID .*\): other tenant/);
    expect(sim.calls.length).toBe(calls);
  });

  it('a batch of a real tenant exports under the name given, without the PRACTICE row', async () => {
    await recordAccepted(new HistoryStore(dataDir), { batchId: 'b-real', batchName: 'real run', customerId: '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3', profile: 'Acme EU', practice: false }, [
      { forceUpdateId: '10720300601-JEA00000011', sendId: null, callId: 'SM-G991B/BTU#1', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'ANY', serials: ['R58N1SP0001'], sentAt: new Date().toISOString() },
    ]);
    const r = await fota(['batch', 'results', 'real run', '-o', 'real.csv', '--delimiter', ';']);
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(path.join(dataDir, 'real.csv'), 'utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFFSerial Number;Model;Sales Code;State;Reason;Batch;forceUpdateId;Target;Sent At (UTC);Expires At (UTC);As Of (UTC);Tracking');
    expect(lines[1]).toMatch(/^R58N1SP0001;SM-G991B;BTU;sent;;real run;10720300601-JEA00000011;Latest;/);
    expect(lines).toHaveLength(3);
  });
});
