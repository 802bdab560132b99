import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { BatchIdTakenError, BatchNameTakenError, BatchNotFoundError, BatchStore, InvalidBatchError } from '../../../main/store/batches/batch-store.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { batch, dayAfter, devices, immediate, scheduled } from '../../unit/batch/batch-fixture.ts';

const run = promisify(execFile);
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fota-batches-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const big = () =>
  batch([...devices('SM-G991B', 'BTU', 2500, 'A'), ...devices('SM-T830', 'XAR', 5, 'T')], [
    immediate('SM-G991B', 'BTU', 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1', 'ANY'),
    scheduled('SM-T830', 'XAR', 'TABLETS', { startDate: dayAfter(Date.now(), 3), endDate: dayAfter(Date.now(), 7), startHour: '22', endHour: '02' }),
  ], { id: 'b-0123456789ab', name: 'Übergabe Q4 — phones', notes: 'line 1\nline 2', pilot: { kind: 'devices', count: 25 } });

describe('the batch store', () => {
  it('a batch survives a restart of the process unchanged (read back by a fresh `fota` process)', async () => {
    const b = big();
    await new BatchStore(dataDir).create(b);
    const { stdout } = await run(process.execPath, ['out/node/fota.mjs', 'batch', 'show', b.id, '--json'], {
      env: { ...process.env, [DATA_DIR_ENV]: dataDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(JSON.parse(stdout)).toEqual(b);
    // and by a fresh store instance in this process
    expect(new BatchStore(dataDir).find('übergabe q4 — PHONES')).toEqual(b);
  });

  it('writes atomically: one file per batch, no temporary file left', async () => {
    const store = new BatchStore(dataDir);
    await store.create(big());
    await store.update('b-0123456789ab', (c) => ({ ...c, notes: 'changed' }));
    expect(readdirSync(store.dir).filter((f) => f !== '.lock')).toEqual(['b-0123456789ab.json']);
    expect(store.get('b-0123456789ab')?.notes).toBe('changed');
  });

  it('keeps names unique and ids unique, and finds by id or name', async () => {
    const store = new BatchStore(dataDir);
    await store.create(big());
    await expect(store.create({ ...big(), id: 'b-000000000002' })).rejects.toBeInstanceOf(BatchNameTakenError);
    await expect(store.create({ ...big(), name: 'other' })).rejects.toBeInstanceOf(BatchIdTakenError);
    expect(() => store.find('nope')).toThrow(BatchNotFoundError);
    expect(() => store.find('nope')).toThrow(/Batches: Übergabe Q4 — phones/);
    expect(store.find('b-0123456789ab').name).toBe('Übergabe Q4 — phones');
  });

  it('refuses to write a batch it could not read back', async () => {
    const store = new BatchStore(dataDir);
    await expect(store.create({ ...big(), groups: [] })).rejects.toBeInstanceOf(InvalidBatchError);
    expect(existsSync(store.fileOf('b-0123456789ab'))).toBe(false);
  });

  it('moves a corrupt file aside to *.corrupt-<time>, reports it, and lists the others', async () => {
    const clock = new ManualClock(Date.parse('2026-11-05T09:30:00Z'));
    const store = new BatchStore(dataDir, { clock });
    await store.create(big());
    const bad = path.join(store.dir, 'b-badbadbadbad.json');
    writeFileSync(bad, '{"schemaVersion":1,"id":"b-badbadbadbad","name":');
    const wrongShape = path.join(store.dir, 'b-shapeshape1.json');
    writeFileSync(wrongShape, JSON.stringify({ ...big(), id: 'b-shapeshape1', name: 'x', devices: 'none' }));
    const newer = path.join(store.dir, 'b-newer000001.json');
    writeFileSync(newer, JSON.stringify({ ...big(), id: 'b-newer000001', schemaVersion: 9 }));
    writeFileSync(path.join(store.dir, 'b-0123456789ab.json.tmp-99-abcd'), 'half a file');

    const fresh = new BatchStore(dataDir, { clock });
    expect(fresh.list().map((b) => b.id)).toEqual(['b-0123456789ab']);
    expect(existsSync(bad)).toBe(false);
    expect(readFileSync(`${bad}.corrupt-2026-11-05T09-30-00-000Z`, 'utf8')).toContain('"name":');
    expect(existsSync(`${wrongShape}.corrupt-2026-11-05T09-30-00-000Z`)).toBe(true);
    expect(existsSync(newer)).toBe(true);
    expect(fresh.problems.map((p) => [path.basename(p.file), p.movedTo ? path.basename(p.movedTo) : null])).toEqual([
      ['b-badbadbadbad.json', 'b-badbadbadbad.json.corrupt-2026-11-05T09-30-00-000Z'],
      ['b-newer000001.json', null],
      ['b-shapeshape1.json', 'b-shapeshape1.json.corrupt-2026-11-05T09-30-00-000Z'],
    ]);
    expect(fresh.problems[0]?.problem).toMatch(/not valid JSON/);
    expect(fresh.problems[1]?.problem).toMatch(/newer FOTA Desk/);
    expect(fresh.problems[2]?.problem).toMatch(/batch\.devices: expected a list/);
  });

  it('two store instances creating batches at once keep both', async () => {
    const a = new BatchStore(dataDir);
    const b = new BatchStore(dataDir);
    await Promise.all([a.create({ ...big(), id: 'b-00000000000a', name: 'A' }), b.create({ ...big(), id: 'b-00000000000b', name: 'B' })]);
    expect(new BatchStore(dataDir).list().map((x) => x.name).sort()).toEqual(['A', 'B']);
  });
});
