// "Never push a device twice" at its edges, end to end through `fota` (in process, HTTPS to the
// simulator): devices whose latest push is open are held back by the dry run and the send alike (and
// named with the force update that holds them), included only on request; a failed or downloaded
// device is not open; the dry run, the confirmation and the send agree; nothing to send is not a
// send; a damaged journal is repaired, and moving it away pushes nothing twice; direct commands are
// sends; the look-up finds excluded and held-back devices.
import { appendFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import type { Preview } from '../../../common/batch/preview.ts';
import type { SendSummary } from '../../../common/batch/send-summary.ts';
import { auditLogPath } from '../../../main/batches/audit-log.ts';
import { journalDir, journalFiles, loadJournalState } from '../../../main/batches/journal.ts';
import { runCli } from '../../../main/cli/run.ts';
import type { RunningSimulator } from '../../../main/simulator/index.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { committedForceUpdates, fleetSimulator, journalCalls, MODEL, removeDir, SALES_CODE, storeFleetBatch, tempDataDir } from './helpers.ts';

const TOKEN = 'never-twice-fixed-token-0042';
const clock = new ManualClock(Date.now());
let sim: RunningSimulator;
let dataDir: string;

beforeAll(async () => {
  sim = await fleetSimulator(400, { fixedToken: TOKEN, clock });
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

async function fota(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { mdmId, customerId, license } = sim.tenant;
  const env = { [DATA_DIR_ENV]: dataDir, FOTA_BASE_URL: sim.url, FOTA_CA: sim.caPath, FOTA_MDM_ID: mdmId, FOTA_CUSTOMER_ID: customerId, FOTA_LICENSE: license, FOTA_TOKEN: TOKEN };
  const io = memoryIo({ env, cwd: dataDir });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const id = (n: number | string): string => `${MODEL}/${SALES_CODE}#${n}`;
const serial = (n: number): string => `R5CT${String(n).padStart(7, '0')}`;
const pushedSerials = (): string[] => committedForceUpdates(sim).flatMap((c) => c.serials);

async function planJson(batch: string, ...flags: string[]): Promise<{ code: number; preview: Preview }> {
  const r = await fota('batch', 'plan', batch, '--offline', '--json', ...flags);
  return { code: r.code, preview: (JSON.parse(r.out) as { preview: Preview }).preview };
}

async function sendJson(batch: string, ...flags: string[]): Promise<{ code: number; doc: { summary: SendSummary; confirmed: SendSummary | null; calls: Array<{ id: string; state: string; forceUpdateId: string | null }> }; err: string }> {
  const r = await fota('batch', 'send', batch, '--yes', '--json', ...flags);
  return { code: r.code, doc: JSON.parse(r.out) as never, err: r.err };
}

/** Replaces line `n` (1-based) of the batch's only journal with text that is not a record. */
function damageJournal(batchId: string, n: number): string {
  const [file] = journalFiles(journalDir(dataDir), batchId);
  if (!file) throw new Error(`batch ${batchId} has no journal`);
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[n - 1] = '{"t":"call","id":"SM-G991B/BT';
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('devices whose latest push is still open are held back', () => {
  it('the dry run and the send hold back the devices another batch pushed, name its forceUpdateId, and agree on every count', async () => {
    await storeFleetBatch(dataDir, sim, 100, { id: 'a' });
    const first = await sendJson('a');
    expect(first.code).toBe(0);
    const holder = first.doc.calls[0]?.forceUpdateId;
    expect(holder).toMatch(/-JEA/);
    await storeFleetBatch(dataDir, sim, 150, { id: 'b' });

    const plan = await planJson('b');
    expect(plan.code).toBe(0);
    const s = plan.preview.summary;
    expect(s.toSend).toEqual({ calls: 1, devices: 50 });
    expect(s.heldBack).toHaveLength(100);
    expect(s.heldBack[0]).toMatchObject({ serial: serial(0), batchId: 'a', batchName: 'fleet a', forceUpdateId: holder, state: 'sent' });
    expect(plan.preview.findings.filter((f) => /held back/.test(f.message))).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^100 devices of this batch \(R5CT0000000, .* and 80 more\) are held back: their latest push, force update \S+ of batch 'fleet a' \(sent\)/) })]);
    const text = await fota('batch', 'plan', 'b', '--offline');
    expect(text.out).toContain(`Held back — their latest push is still open, so they are NOT sent (100):\n  ${serial(0)}  force update ${holder ?? ''} of batch 'fleet a' (sent)`);
    expect(text.out).toContain('Send: 1 call (50 devices) to send; 100 devices held back (open force updates).');

    const sent = await sendJson('b');
    expect(sent.code).toBe(0);
    // The confirmation showed the dry run's numbers, and exactly that was sent.
    expect(sent.doc.confirmed?.toSend).toEqual(s.toSend);
    expect(sent.doc.confirmed?.heldBack.map((p) => p.serial)).toEqual(s.heldBack.map((p) => p.serial));
    expect(sent.err).toContain('Send: 1 call (50 devices) to send; 100 devices held back (open force updates).');
    const calls = committedForceUpdates(sim);
    expect(calls.map((c) => c.serials.length)).toEqual([100, 50]);
    expect(new Set(pushedSerials()).size).toBe(150);
  });

  it('sends a device with an open push only when included, per serial or all, warning it may be pushed twice', async () => {
    await storeFleetBatch(dataDir, sim, 10, { id: 'a' });
    expect((await fota('batch', 'send', 'a', '--yes')).code).toBe(0);
    await storeFleetBatch(dataDir, sim, 10, { id: 'c' });
    const plan = await planJson('c', '--include-open', serial(1), serial(2));
    expect(plan.preview.summary).toMatchObject({ toSend: { calls: 1, devices: 2 } });
    expect(plan.preview.summary.heldBack).toHaveLength(8);
    expect(plan.preview.summary.includedOpen.map((p) => p.serial)).toEqual([serial(1), serial(2)]);
    expect(plan.preview.findings.find((f) => /included although/.test(f.message))?.message).toMatch(/^2 devices of this batch \(R5CT0000001, R5CT0000002\) are included although their latest push, .* is still open: they may be pushed twice\.$/);
    const text = await fota('batch', 'send', 'c', '--yes', '--include-open', `${serial(1)},${serial(2)}`);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Included although their latest push is still open — they MAY BE PUSHED TWICE (2):');
    expect(committedForceUpdates(sim).at(-1)?.serials).toEqual([serial(1), serial(2)]);

    await storeFleetBatch(dataDir, sim, 10, { id: 'd' });
    expect((await fota('batch', 'send', 'd', '--yes')).code).toBe(2);
    expect((await fota('batch', 'send', 'd', '--yes', '--include-open', 'all')).code).toBe(0);
    expect(committedForceUpdates(sim).at(-1)?.serials).toHaveLength(10);
    expect((await fota('batch', 'plan', 'd', '--include-open', 'all', serial(1))).code).toBe(2);
  });

  it('a continued send holds back the devices another batch pushed in the meantime (its own pilot does not count)', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'p', pilot: { kind: 'devices', count: 100 } });
    expect((await fota('batch', 'send', 'p', '--yes')).code).toBe(0);
    // Meanwhile another batch pushes devices 100–149, which p has not sent yet.
    await storeFleetBatch(dataDir, sim, 150, { id: 'q' });
    const q = await sendJson('q');
    expect(q.doc.confirmed?.toSend).toEqual({ calls: 1, devices: 50 });
    const plan = await planJson('p');
    expect(plan.preview.summary).toMatchObject({ resumed: true, toSend: { calls: 2, devices: 150 } });
    expect(plan.preview.summary.heldBack.map((p) => p.serial)).toEqual(Array.from({ length: 50 }, (_, i) => serial(100 + i)));
    const sent = await sendJson('p', '--continue-pilot');
    expect(sent.code).toBe(0);
    expect(sent.doc.confirmed).toEqual(plan.preview.summary);
    expect(committedForceUpdates(sim).map((c) => c.serials.length)).toEqual([100, 50, 50, 100]);
    expect(new Set(pushedSerials()).size).toBe(300);
  });

  it('a continued send whose every remaining device was pushed elsewhere meanwhile sends nothing, and says so (exit 2)', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'p', pilot: { kind: 'devices', count: 100 } });
    expect((await fota('batch', 'send', 'p', '--yes')).code).toBe(0);
    await storeFleetBatch(dataDir, sim, 300, { id: 'q' });
    expect((await sendJson('q')).doc.confirmed?.toSend).toEqual({ calls: 2, devices: 200 });
    const plan = await planJson('p');
    expect(plan.code).toBe(2);
    expect(plan.preview.summary).toMatchObject({ resumed: true, toSend: { calls: 0, devices: 0 }, nothingToSend: 'Nothing to send: 200 devices held back because their latest force update is still open.' });
    const sent = await fota('batch', 'send', 'p', '--yes', '--continue-pilot');
    expect(sent.code).toBe(2);
    expect(sent.err).toContain('refused before sending: Nothing to send: 200 devices held back because their latest force update is still open. Nothing was sent.');
    expect(committedForceUpdates(sim)).toHaveLength(3);
  });

  it('a device whose latest state is failed or downloaded is not open: a retry of failed devices holds none back and warns of no double push', async () => {
    sim.switches = { progressMinMinutes: 0, progressMaxMinutes: 60, progressFailureRate: 0.3 };
    await storeFleetBatch(dataDir, sim, 200, { id: 'a' });
    expect((await fota('batch', 'send', 'a', '--yes')).code).toBe(0);
    clock.advance(30 * 60_000);
    expect((await fota('batch', 'status', 'a', '--refresh')).code).toBe(0);
    // Half-way: some devices failed or downloaded, others still processing, so the ids are still open.
    const status = JSON.parse((await fota('batch', 'status', 'a', '--json')).out) as { result: { updates: Array<{ status: string }>; devices: Record<string, number> } };
    expect(status.result.updates.some((u) => u.status === 'open')).toBe(true);
    const processing = status.result.devices['processing'] ?? 0;
    expect(processing).toBeGreaterThan(0);
    expect(status.result.devices['failed'] ?? 0).toBeGreaterThan(0);

    const retry = await fota('batch', 'retry', 'a', '--from', 'failed', '--name', 'retry failed');
    expect(retry.code, retry.err).toBe(0);
    const failed = await planJson('retry failed');
    expect(failed.code).toBe(0);
    expect(failed.preview.summary.heldBack).toEqual([]);
    expect(failed.preview.findings.filter((f) => /held back|pushed twice|already in force update/.test(f.message))).toEqual([]);

    // The same 200 devices again: only those still processing are held back.
    await storeFleetBatch(dataDir, sim, 200, { id: 'again' });
    const stuck = await planJson('again');
    expect(stuck.preview.summary.heldBack).toHaveLength(processing);
    expect(stuck.preview.summary.toSend.devices).toBe(200 - processing);
    expect(stuck.preview.summary.heldBack.every((p) => p.state === 'processing')).toBe(true);
    // The count in the warning is this batch's devices, once each.
    const counted = stuck.preview.findings.filter((f) => /held back/.test(f.message)).reduce((n, f) => n + f.value.split(' ').length, 0);
    expect(counted).toBe(processing);
    sim.switches = { progressMinMinutes: 5, progressMaxMinutes: 120, progressFailureRate: 0.1 };
  });
});

describe('the dry run, the confirmation and the send agree', () => {
  it('counts a continued send the same way: calls left unknown and calls still to send', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'p', pilot: { kind: 'devices', count: 100 } });
    sim.faults = { operations: ['forceUpdate'], script: ['reset-after-commit'] };
    expect((await fota('batch', 'send', 'p', '--yes')).code).toBe(7);
    const waiting = await planJson('p');
    expect(waiting.code).toBe(0);
    expect(waiting.preview.summary).toMatchObject({ resumed: true, toSend: { calls: 2, devices: 200 }, unknownWaiting: { calls: 1, devices: 100 }, unknownLeft: { calls: 0, devices: 0 } });
    // The admin checked the pilot devices another way and leaves the call: the pilot pause holds the rest.
    expect((await fota('batch', 'send', 'p', '--yes', '--leave-unknown', id(1))).code).toBe(0);
    const left = await planJson('p');
    expect(left.preview.summary).toMatchObject({ resumed: true, toSend: { calls: 2, devices: 200 }, unknownWaiting: { calls: 0, devices: 0 }, unknownLeft: { calls: 1, devices: 100 } });
    expect(left.preview.totals).toMatchObject({ calls: 2, devicesToSend: 200 });
    const sent = await sendJson('p', '--continue-pilot');
    expect(sent.code).toBe(0);
    expect(sent.doc.confirmed).toEqual(left.preview.summary);
    expect(committedForceUpdates(sim).map((c) => c.serials.length)).toEqual([100, 100, 100]);
  });
});

describe('nothing to send is not a send', () => {
  it('a batch with every device excluded: the plan says so and exits 2, the send refuses with exit 2 and claims no earlier push', async () => {
    await storeFleetBatch(dataDir, sim, 3, { id: 'x' });
    expect((await fota('batch', 'exclude', 'x', serial(0), serial(1), serial(2), '--reason', 'in repair')).code).toBe(0);
    const plan = await fota('batch', 'plan', 'x', '--offline');
    expect(plan.code).toBe(2);
    expect(plan.err).toContain('Nothing to send: 3 devices excluded.');
    const sent = await fota('batch', 'send', 'x', '--yes');
    expect(sent.code).toBe(2);
    expect(sent.err).toContain('refused before sending: Nothing to send: 3 devices excluded. Nothing was sent.');
    expect(sent.out + sent.err).not.toMatch(/already pushed/);
    expect(committedForceUpdates(sim)).toHaveLength(0);
    expect(journalFiles(journalDir(dataDir), 'x')).toEqual([]);
  });
});

describe('a damaged journal', () => {
  it('reproduction: moved away as advised, the batch is sent again and pushes no device a second time', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'r' });
    expect((await fota('batch', 'send', 'r', '--yes')).code).toBe(0);
    const file = damageJournal('r', 3);
    const refused = await fota('batch', 'send', 'r', '--yes');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`The send journal ${file} is damaged (line 3 is not valid JSON)`);
    expect(refused.err).toContain("nothing more of this batch is sent until the journal is repaired. Repair it with 'fota batch repair r'");
    expect(refused.err).toContain('devices whose latest push is still open stay held back');
    // As the message allows: the file is moved out of the data folder.
    renameSync(file, path.join(path.dirname(dataDir), `${path.basename(dataDir)}-moved.jsonl`));
    const again = await fota('batch', 'send', 'r', '--yes');
    expect(again.code).toBe(2);
    expect(again.err).toContain('Nothing to send: 300 devices held back because their latest force update is still open.');
    expect(committedForceUpdates(sim)).toHaveLength(3);
    rmSync(path.join(path.dirname(dataDir), `${path.basename(dataDir)}-moved.jsonl`), { force: true });
  });

  it('even without the history, a damaged journal set aside in the journals folder still holds its devices back', async () => {
    await storeFleetBatch(dataDir, sim, 120, { id: 'r' });
    expect((await fota('batch', 'send', 'r', '--yes')).code).toBe(0);
    const file = damageJournal('r', 4);
    rmSync(path.join(dataDir, 'history'), { recursive: true, force: true });
    renameSync(file, `${file}.bak`);
    await storeFleetBatch(dataDir, sim, 120, { id: 'again' });
    const plan = await planJson('again');
    // What the damaged line said is lost, but every call it might have concerned was at least going out.
    expect(plan.preview.summary.heldBack).toHaveLength(120);
    expect((await fota('batch', 'send', 'again', '--yes')).code).toBe(2);
    expect(committedForceUpdates(sim)).toHaveLength(2);
  });

  it('fota batch repair keeps every readable record, drops the torn tail, fills in what the history knows, and reports it', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'r' });
    sim.faults = { operations: ['forceUpdate'], script: ['none', 'reset-after-commit'] };
    expect((await fota('batch', 'send', 'r', '--yes', '--concurrency', '1')).code).toBe(7);
    const [file] = journalFiles(journalDir(dataDir), 'r');
    const before = readFileSync(file ?? '', 'utf8').split('\n').filter(Boolean);
    const acceptedLine = before.findIndex((l) => l.includes(`"id":"${id(3)}","state":"accepted"`));
    expect(acceptedLine).toBeGreaterThan(0);
    const lost = JSON.parse(before[acceptedLine] ?? '{}') as { forceUpdateId: string };
    damageJournal('r', acceptedLine + 1);
    appendFileSync(file ?? '', '{"t":"call","id":"SM-G99');

    const repaired = await fota('batch', 'repair', 'r');
    expect(repaired.err).toBe('');
    expect(repaired.code).toBe(0);
    expect(repaired.out).toContain(`kept ${before.length - 1} record(s); dropped 1 damaged line(s) (line ${acceptedLine + 1}: not valid JSON) and a torn last line of 24 bytes.`);
    expect(repaired.out).toContain(`From the history: ${id(3)} accepted (forceUpdateId ${lost.forceUpdateId}).`);
    expect(repaired.out).toMatch(/The original file is kept in .*\.damaged-/);
    const kept = readdirSync(journalDir(dataDir)).filter((n) => n.includes('.damaged-'));
    expect(kept).toHaveLength(1);
    const state = loadJournalState(file ?? '');
    expect(state.calls.get(id(3))).toMatchObject({ state: 'accepted', forceUpdateId: lost.forceUpdateId });
    expect(state.calls.get(id(2))).toMatchObject({ state: 'unknown' });
    const audit = readFileSync(auditLogPath(dataDir), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; detail?: string });
    expect(audit.find((e) => e.event === 'journal-repaired')?.detail).toMatch(/1 damaged line\(s\) and 24 torn byte\(s\) dropped/);

    // Repaired, the batch goes on: the unknown call is left, nothing is pushed a second time.
    const left = await fota('batch', 'send', 'r', '--yes', '--leave-unknown', id(2));
    expect(left.code).toBe(0);
    expect(committedForceUpdates(sim)).toHaveLength(3);
    expect((await fota('batch', 'repair', 'r')).out).toContain('No journal of this batch is damaged; nothing was changed.');
  });

  it('a dropped line may have held a call going out: every call not yet final becomes unknown', async () => {
    await storeFleetBatch(dataDir, sim, 300, { id: 'r', pilot: { kind: 'devices', count: 100 } });
    expect((await fota('batch', 'send', 'r', '--yes')).code).toBe(0);
    damageJournal('r', 2);
    const repaired = await fota('batch', 'repair', 'r');
    expect(repaired.code).toBe(0);
    expect(repaired.out).toContain(`Now 'unknown' (they may have reached Samsung; decide with --resend-unknown or --leave-unknown): ${id(2)}, ${id(3)}.`);
    expect(journalCalls(dataDir, 'r').map((c) => [c.call.id, c.state])).toEqual([[id(1), 'accepted'], [id(2), 'unknown'], [id(3), 'unknown']]);
    expect((await fota('batch', 'send', 'r', '--yes', '--continue-pilot')).code).toBe(7);
    expect(committedForceUpdates(sim)).toHaveLength(1);
  });
});

describe('direct commands are sends', () => {
  const push = (...more: string[]) => fota('force-update', '--model', MODEL, '--sales-code', SALES_CODE, '--target', 'Latest', '--network', 'ANY', ...more);

  it('fota force-update is journalled, tracked and audited as a one-call batch, found by fota device, and never pushes an open device twice unless included', async () => {
    const first = await push(serial(7), serial(8), '--json');
    expect(first.code, first.err).toBe(0);
    const doc = JSON.parse(first.out) as { result: { forceUpdateId: string }; batch: { id: string; name: string } };
    expect(doc.result.forceUpdateId).toMatch(/-JEA/);
    expect(doc.batch.name).toMatch(/^force-update SM-G991B\/BTU R5CT0000007 \+1 \d{4}-\d{2}-\d{2} /);
    expect(journalCalls(dataDir, doc.batch.id)).toEqual([expect.objectContaining({ state: 'accepted', forceUpdateId: doc.result.forceUpdateId })]);
    const audit = readFileSync(auditLogPath(dataDir), 'utf8');
    expect(audit).toContain(`"batchId":"${doc.batch.id}"`);
    expect(audit).toContain(`"forceUpdateId":"${doc.result.forceUpdateId}"`);
    const device = await fota('device', serial(7));
    expect(device.code).toBe(0);
    expect(device.out).toContain(`batch '${doc.batch.name}' (${doc.batch.id}) [PRACTICE], forceUpdateId ${doc.result.forceUpdateId}`);

    const again = await push(serial(7));
    expect(again.code).toBe(2);
    expect(again.err).toContain(`R5CT0000007  force update ${doc.result.forceUpdateId} of batch '${doc.batch.name}' (sent)`);
    expect(again.err).toContain('refused before sending: Nothing to send: 1 device held back because their latest force update is still open. Nothing was sent.');
    expect(committedForceUpdates(sim)).toHaveLength(1);
    // Nothing was sent, so the one-call batch that would have recorded it is not kept.
    expect(readdirSync(path.join(dataDir, 'batches')).filter((n) => n.endsWith('.json'))).toHaveLength(1);

    // A batch holds it back too, naming the direct command's id.
    await storeFleetBatch(dataDir, sim, 10, { id: 'b' });
    const plan = await planJson('b');
    expect(plan.preview.summary.heldBack.map((p) => [p.serial, p.forceUpdateId])).toEqual([[serial(7), doc.result.forceUpdateId], [serial(8), doc.result.forceUpdateId]]);

    const included = await push(serial(7), '--include-open', serial(7));
    expect(included.code, included.err).toBe(0);
    expect(committedForceUpdates(sim)).toHaveLength(2);
  });

  it('a lost answer leaves the direct call unknown in its batch, and its devices held back', async () => {
    sim.faults = { operations: ['forceUpdate'], script: ['reset-after-commit'] };
    const lost = await push(serial(20));
    expect(lost.code).toBe(5);
    expect(lost.err).toMatch(/recorded as 'unknown' in batch 'force-update .*'/);
    sim.faults = {};
    expect((await push(serial(20))).code).toBe(2);
    expect(committedForceUpdates(sim)).toHaveLength(1);
  });

  it('fota schedule is journalled and kept in the history as a scheduled push', async () => {
    const ymd = (days: number): string => new Date(clock.now() + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const r = await fota('schedule', '--group', 'SALES-PHONES', '--model', MODEL, '--sales-code', SALES_CODE, '--target', 'Latest', '--start', ymd(2), '--end', ymd(6), '--from', '01', '--to', '04', '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { batch: { id: string } };
    expect(journalCalls(dataDir, doc.batch.id)).toEqual([expect.objectContaining({ state: 'accepted' })]);
    const history = JSON.parse(readFileSync(path.join(dataDir, 'history', `${doc.batch.id}.json`), 'utf8')) as { scheduled: Array<{ groupId: string }> };
    expect(history.scheduled.map((s) => s.groupId)).toEqual(['SALES-PHONES']);
  });
});

describe('the helpdesk look-up', () => {
  it('fota device finds a device excluded from a batch and one held back, with why', async () => {
    await storeFleetBatch(dataDir, sim, 5, { id: 'a' });
    const sent = await sendJson('a');
    await storeFleetBatch(dataDir, sim, 6, { id: 'b' });
    expect((await fota('batch', 'exclude', 'b', serial(5), '--reason', 'screen broken')).code).toBe(0);
    const excluded = await fota('device', serial(5));
    expect(excluded.code).toBe(0);
    expect(excluded.out).toContain(`${serial(5)}: never pushed by FOTA Desk here`);
    expect(excluded.out).toMatch(/excluded from batch 'fleet b': screen broken \(by the admin, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)/);
    const held = await fota('device', serial(0), '--json');
    const doc = JSON.parse(held.out) as { result: { latest: { batchId: string }; inBatches: Array<{ state: string; batchId: string; label: string }> } };
    expect(doc.result.latest.batchId).toBe('a');
    expect(doc.result.inBatches).toEqual([expect.objectContaining({ state: 'held-back', batchId: 'b', label: expect.stringContaining(`held back from batch 'fleet b': its latest push, force update ${sent.doc.calls[0]?.forceUpdateId ?? ''} of batch 'fleet a' (sent)`) as unknown })]);
  });
});
