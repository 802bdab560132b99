// The batch commands end to end, in process: create → list → show → plan (offline) → export → import
// on a second "workstation" (another data folder), and the refusals of a hand-off file.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../../common/batch/model.ts';
import type { Preview } from '../../../common/batch/preview.ts';
import { INSECURE_MEMORY_SECRETS_ENV } from '../../../main/auth/open-secret-store.ts';
import { runCli } from '../../../main/cli/run.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

const FIXTURES = path.resolve('test/fixtures/batch');
let work: string;
let laptop: string;
let helpdesk: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'fota-batch-cli-'));
  laptop = path.join(work, 'laptop');
  helpdesk = path.join(work, 'helpdesk');
  for (const f of ['fleet.csv', 'extra.csv', 'serials.txt']) copyFileSync(path.join(FIXTURES, f), path.join(work, f));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function fota(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  // In-memory secrets only matter to `fota profile`, which opens the secret store; batches never do.
  const io = memoryIo({ env: { [DATA_DIR_ENV]: dataDir, [INSECURE_MEMORY_SECRETS_ENV]: '1' }, cwd: work });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('fota batch, from files to a hand-off file and back', () => {
  it('creates a batch from two files, leaving out rows with errors and conflicting serials', async () => {
    const r = await fota(laptop, 'batch', 'create', 'fleet.csv', 'extra.csv', '--name', 'Q4 patch', '--target', 'Latest',
      '--target-for', 'SM-A536B:XEU=G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1', '--network', 'WIFIONLY', '--pilot', '5', '--notes', 'field phones first');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/fleet\.csv: 132 rows read, 131 devices.*1 rows? left out because of errors/);
    expect(r.out).toMatch(/R58N31-BAD1|row 132/);
    expect(r.out).toMatch(/left out: serial R58N31CONFL appears as SM-G991B\/BTU in fleet\.csv and as SM-A536B\/XEU in extra\.csv/);
    expect(r.out).toMatch(/1 repeated device across files kept once/);
    expect(r.out).toMatch(/Created batch 'Q4 patch' \(id b-[0-9a-f]{12}\).*: 142 devices in 2 groups/);
    // the typed target for another model: a warning, and the batch is still created
    expect(r.out).toMatch(/warning .*\[SM-A536B\/XEU\].*does not start with A536B/);
  });

  it('uses the column mapping remembered by `fota import --map` for a file with the same header', async () => {
    const desk = path.join(work, 'mapping-desk');
    // Detection takes the Serial column; this admin's MDM keeps the device serial under "Asset".
    writeFileSync(path.join(work, 'odd.csv'), 'Asset,Serial,Model,CSC\nATAG00001,R58N31MAP01,SM-G991B,BTU\nATAG00002,R58N31MAP02,SM-G991B,BTU\n');
    const mapped = await fota(desk, 'import', 'odd.csv', '--map', 'serial=Asset');
    expect(mapped.code).toBe(0);
    const created = await fota(desk, 'batch', 'create', 'odd.csv', '--name', 'remembered', '--target', 'Latest', '--network', 'ANY');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const shown = JSON.parse((await fota(desk, 'batch', 'show', 'remembered', '--json')).out) as Batch;
    expect(shown.devices.map((d) => d.serial)).toEqual(['ATAG00001', 'ATAG00002']);
  });

  it('creates a batch from an .ods, with the same rows left out as the importer reports', async () => {
    const desk = path.join(work, 'ods-desk');
    copyFileSync(path.resolve('test/fixtures/import/repeated.ods'), path.join(work, 'repeated.ods'));
    const created = await fota(desk, 'batch', 'create', 'repeated.ods', '--name', 'from ods', '--target', 'Latest', '--network', 'ANY');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/repeated\.ods: 8 rows read, 5 devices.*1 rows? left out because of errors/);
    const shown = JSON.parse((await fota(desk, 'batch', 'show', 'from ods', '--json')).out) as Batch;
    expect(shown.devices.map((d) => [d.serial, d.source?.row])).toEqual([['00123456789', 2], ['R58N31ABC02', 3], ['R58N31ABC03', 10], ['R58N31ABC04', 11], ['00987654321', 14]]);
  });

  it('refuses a second batch of the same name, and a create without --network for immediate groups', async () => {
    const same = await fota(laptop, 'batch', 'create', 'extra.csv', '--name', 'q4 PATCH', '--target', 'Latest', '--network', 'ANY');
    expect(same.code).toBe(2);
    expect(same.err).toMatch(/A batch named 'q4 PATCH' already exists/);
    const noNetwork = await fota(laptop, 'batch', 'create', 'extra.csv', '--name', 'other', '--target', 'Latest');
    expect(noNetwork.code).toBe(2);
    expect(noNetwork.err).toMatch(/choose --network WIFIONLY .* or ANY/);
    const badWindow = await fota(laptop, 'batch', 'create', 'extra.csv', '--name', 'other', '--target', 'Latest', '--schedule-group', 'FIELD', '--start', '20301201', '--end', '20301210', '--from', '01', '--to', '04');
    expect(badWindow.code).toBe(2);
    expect(badWindow.err).toMatch(/FUD_3002/);
    expect((await fota(laptop, 'batch', 'list', '--json')).out).not.toMatch(/"other"/);
  });

  it('lists and shows it', async () => {
    const list = await fota(laptop, 'batch', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/Q4 patch {2}\(id b-[0-9a-f]{12}\)\n {4}142 devices, 0 excluded; 2 groups \(2 immediate\)/);
    const show = await fota(laptop, 'batch', 'show', 'Q4 patch', '--json');
    const batch = JSON.parse(show.out) as Batch;
    expect(batch.devices).toHaveLength(142);
    expect(batch.groups.map((g) => [g.model, g.salesCode, g.target, g.targetSource])).toEqual([
      ['SM-G991B', 'BTU', 'Latest', 'latest'],
      ['SM-A536B', 'XEU', 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1', 'typed'],
    ]);
    expect(batch.sources.map((s) => [s.fileName, s.devices])).toEqual([['fleet.csv', 130], ['extra.csv', 12]]);
    expect(batch.sources[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(batch.created.by.user).not.toBe('');
    expect(batch.notes).toBe('field phones first');
    expect((await fota(laptop, 'batch', 'show', 'nope')).err).toMatch(/There is no batch 'nope'. Batches: Q4 patch/);
  });

  it('plans it offline: calls in send order, pilot first, nothing sent', async () => {
    const text = await fota(laptop, 'batch', 'plan', 'Q4 patch', '--offline');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Plan: 4 calls \(4 forceUpdate, 0 serverInit\); 142 devices to send; 0 excluded; 142 devices in the batch; pilot: the first 1 call, then a pause/);
    expect(text.out).toMatch(/Abnormal-device check: not run now \(--offline\); never ran/);
    expect(text.out).toMatch(/Nothing has been sent/);
    const json = await fota(laptop, 'batch', 'plan', 'Q4 patch', '--offline', '--json');
    const { preview, plan } = JSON.parse(json.out) as { preview: Preview; plan: { calls: Array<{ id: string; serials: string[]; pilot: boolean }> } };
    expect(plan.calls.map((c) => [c.id, c.serials.length, c.pilot])).toEqual([['SM-G991B/BTU#1', 5, true], ['SM-G991B/BTU#2', 100, false], ['SM-G991B/BTU#3', 25, false], ['SM-A536B/XEU#1', 12, false]]);
    expect(preview.sendable).toBe(true);
  });

  it('exports it (PRACTICE inside the file, named as asked: the practice tenant) and imports it on another workstation', async () => {
    const exported = await fota(laptop, 'batch', 'export', 'Q4 patch', '-o', 'PRACTICE-q4.fotabatch');
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/PRACTICE data: its first line says so/);
    const file = path.join(work, 'PRACTICE-q4.fotabatch');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^\{\n {2}"practice": "PRACTICE/);
    expect((await fota(laptop, 'batch', 'export', 'Q4 patch', '-o', 'PRACTICE-q4.fotabatch')).err).toMatch(/already exists/);

    const imported = await fota(helpdesk, 'batch', 'import', 'PRACTICE-q4.fotabatch');
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/^PRACTICE/);
    expect(imported.out).toMatch(/Imported PRACTICE-q4\.fotabatch as batch 'Q4 patch'/);
    expect(imported.out).toMatch(/prepared \d{4}-\d{2}-\d{2} \d{2}:\d{2} GMT by .+ on .+/);
    expect(imported.out).toMatch(/it is not a signature/);
    expect(imported.out).toMatch(/Plan: 4 calls/);

    const there = JSON.parse((await fota(helpdesk, 'batch', 'show', 'Q4 patch', '--json')).out) as Batch;
    const here = JSON.parse((await fota(laptop, 'batch', 'show', 'Q4 patch', '--json')).out) as Batch;
    expect({ ...there, handoff: null }).toEqual(here);
    expect(there.handoff?.fileName).toBe('PRACTICE-q4.fotabatch');

    const again = await fota(helpdesk, 'batch', 'import', 'PRACTICE-q4.fotabatch');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already here with the same content/);
  });

  it('refuses a damaged, a cut-off and a newer file, each with its own message, storing nothing', async () => {
    const text = readFileSync(path.join(work, 'PRACTICE-q4.fotabatch'), 'utf8');
    const at = text.indexOf('R58T22B0003');
    writeFileSync(path.join(work, 'flipped.fotabatch'), `${text.slice(0, at + 6)}${text[at + 6] === '2' ? '3' : '2'}${text.slice(at + 7)}`);
    writeFileSync(path.join(work, 'cut.fotabatch'), text.slice(0, 4000));
    writeFileSync(path.join(work, 'newer.fotabatch'), text.replace('"schemaVersion": 1,\n  "notice"', '"schemaVersion": 7,\n  "notice"'));
    const fresh = path.join(work, 'fresh');
    const results = await Promise.all(['flipped', 'cut', 'newer'].map((n) => fota(fresh, 'batch', 'import', `${n}.fotabatch`)));
    expect(results.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(results[0]?.err).toMatch(/does not match its SHA-256 checksum/);
    expect(results[1]?.err).toMatch(/cut off/);
    expect(results[2]?.err).toMatch(/newer FOTA Desk \(hand-off schema 7/);
    expect((await fota(fresh, 'batch', 'list', '--json')).out).toMatch(/"batches": \[\]/);
  });

  it('refuses a file for another customer ID until the admin switches profile', async () => {
    const acme = path.join(work, 'acme');
    const added = await fota(acme, 'profile', 'add', 'Acme', '--mdm-id', 'K7Q2M9X4TP', '--customer-id', '11111111-2222-3333-4444-555555555555', '--license', 'EFOTA1-a1b2c3-d4e5f6-g7h8', '--use');
    expect(added.code).toBe(0);
    const refused = await fota(acme, 'batch', 'import', 'PRACTICE-q4.fotabatch');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/The batch is for customer ID EEEE4444-FF55-AA66-BB77-CCCCCC888888, but profile 'Acme' is for 11111111-2222-3333-4444-555555555555\. Switch to a profile of that customer/);
    expect((await fota(acme, 'batch', 'list', '--json')).out).toMatch(/"batches": \[\]/);
    expect((await fota(acme, 'profile', 'use', 'practice')).code).toBe(0);
    expect((await fota(acme, 'batch', 'import', 'PRACTICE-q4.fotabatch')).code).toBe(0);
  });

  it('schedules a serials-only file (model and sales code given to the importer): one serverInit for the whole group', async () => {
    const r = await fota(laptop, 'batch', 'create', 'serials.txt', '--model', 'SM-T830', '--sales-code', 'XAR', '--name', 'Tablets', '--target', 'latest',
      '--schedule-group', 'warehouse-tablets', '--start', '20301201', '--end', '20301205', '--from', '22', '--to', '02', '--pilot', 'first-call');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/SM-T830\/XAR: 3 devices, target Latest, SCHEDULED for all devices of group WAREHOUSE-TABLETS \(3 imported serials for information\)/);
    const json = await fota(laptop, 'batch', 'plan', 'Tablets', '--offline', '--json');
    const { plan, preview } = JSON.parse(json.out) as { plan: { calls: Array<Record<string, unknown>> }; preview: Preview };
    expect(plan.calls).toEqual([{ id: 'SM-T830/XAR#1', operation: 'serverInit', groupKey: 'SM-T830/XAR', model: 'SM-T830', salesCode: 'XAR', target: 'Latest', serials: [], groupId: 'WAREHOUSE-TABLETS',
      window: { startDate: '20301201', endDate: '20301205', startHour: '22', endHour: '02' }, pilot: false }]);
    expect(preview.groups[0]?.window?.gmt).toBe('2030-12-01 to 2030-12-05, daily 22:00–02:00 GMT (each slot runs past midnight)');
    expect(preview.groups[0]?.serialsForInformation).toEqual(['R58N31S0001', 'R58N31S0002', 'R58N31S0003']);
    // a scheduled push is never part of a pilot, and the preview says so
    expect(preview.findings.find((f) => f.element === 'pilot')?.message).toMatch(/The pilot has no effect/);
  });

  it('excludes a device by hand and takes it back', async () => {
    const out = await fota(laptop, 'batch', 'exclude', 'Q4 patch', 'r58n31a0007', 'NOPE0000001', '--reason', 'screen broken');
    expect(out.code).toBe(2);
    expect(out.out).toMatch(/Excluded 1 device in batch 'Q4 patch': R58N31A0007\n {2}not in this batch: NOPE0000001/);
    const plan = await fota(laptop, 'batch', 'plan', 'Q4 patch', '--offline');
    expect(plan.out).toMatch(/141 devices to send; 1 excluded/);
    expect(plan.out).toMatch(/R58N31A0007 {2}SM-G991B\/BTU {2}screen broken {2}\(by the admin/);
    expect((await fota(laptop, 'batch', 'include', 'Q4 patch', 'R58N31A0007')).code).toBe(0);
    const batch = JSON.parse((await fota(laptop, 'batch', 'show', 'Q4 patch', '--json')).out) as Batch;
    expect(batch.excluded).toEqual([]);
    expect(batch.takenBack).toEqual([]);
    expect((await fota(laptop, 'batch', 'delete', 'Q4 patch')).err).toMatch(/add --yes/);
  });
});
