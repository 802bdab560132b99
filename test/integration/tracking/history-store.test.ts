// The history on disk: per-batch files plus an index that is a pure function of them (delete it and
// the rebuild is byte-identical), atomic writes, and damaged files moved aside and reported.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { recordAccepted, type AcceptedCall, type TrackedBatch } from '../../../main/batches/track.ts';
import { lookUpSerial } from '../../../main/batches/results.ts';
import { HistoryStore, HistoryTooNewError, INDEX_FILE } from '../../../main/store/history/history-store.ts';

let dataDir: string;
let store: HistoryStore;
const clock = new ManualClock(Date.UTC(2030, 5, 1, 12));

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fota-history-'));
  store = new HistoryStore(dataDir, { clock });
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const batch = (id: string, name = `batch ${id}`): TrackedBatch => ({ batchId: id, batchName: name, customerId: 'EEEE4444-FF55-AA66-BB77-CCCCCC888888', profile: 'test', practice: false });
const call = (id: string, serials: string[], sentAt = '2030-06-01T12:00:00.000Z'): AcceptedCall => ({ forceUpdateId: id, sendId: 's1', callId: `SM-G991B/BTU#${id}`, model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'WIFIONLY', serials, sentAt });

async function threeBatches(): Promise<void> {
  await recordAccepted(store, batch('b-one'), [call('10720300601-JEA00000001', ['R58N1SP0001', 'R58N1SP0002'])]);
  await recordAccepted(store, batch('b-two'), [call('10720300602-JEA00000002', ['R58N1SP0002', 'R58N1SP0003'], '2030-06-02T12:00:00.000Z')]);
  await recordAccepted(store, batch('b-three'), [call('10720300603-JEA00000003', ['R58N1SP0002'], '2030-06-03T12:00:00.000Z'), call('10720300603-JEA00000004', ['R58N1SP0004'], '2030-06-03T12:00:00.000Z')]);
}

describe('the history store', () => {
  it('keeps one file per batch and an index; deleting the index rebuilds it byte for byte', async () => {
    await threeBatches();
    const files = readdirSync(store.dir).sort();
    expect(files).toEqual([INDEX_FILE, 'b-one.json', 'b-three.json', 'b-two.json']);
    const before = readFileSync(store.indexFile, 'utf8');
    const index = store.index();
    expect(index.batches.map((b) => b.batchId)).toEqual(['b-one', 'b-three', 'b-two']);
    expect(index.serials['R58N1SP0002']).toEqual(['b-one', 'b-three', 'b-two']);
    expect(index.batches.find((b) => b.batchId === 'b-three')).toMatchObject({ updates: 2, open: 2, devices: 2 });
    unlinkSync(store.indexFile);
    const rebuilt = new HistoryStore(dataDir, { clock }).index();
    expect(readFileSync(store.indexFile, 'utf8')).toBe(before);
    expect(rebuilt).toEqual(index);
    expect(readdirSync(store.dir).some((f) => f.includes('.tmp-'))).toBe(false);
  });

  it('recording the same id again changes nothing; a new id bumps the revision', async () => {
    const first = await recordAccepted(store, batch('b-one'), [call('A-1', ['R1'])]);
    const again = await recordAccepted(store, batch('b-one'), [call('A-1', ['R1'])]);
    expect(again.revision).toBe(first.revision);
    const more = await recordAccepted(store, batch('b-one'), [call('A-2', ['R2'])]);
    expect(more.revision).toBe(first.revision + 1);
    expect(more.updates.map((u) => u.forceUpdateId)).toEqual(['A-1', 'A-2']);
    expect(more.updates[0]?.expiresAt).toBe('2030-09-01T12:00:00.000Z');
  });

  it('notices a stale index (a batch file changed behind its back) and rebuilds it', async () => {
    await threeBatches();
    const file = store.fileOf('b-two');
    const h = JSON.parse(readFileSync(file, 'utf8')) as { batchName: string };
    writeFileSync(file, JSON.stringify({ ...h, batchName: 'renamed by hand' }));
    utimesSync(file, new Date(2031, 0, 1), new Date(2031, 0, 1));
    expect(store.index().batches.find((b) => b.batchId === 'b-two')?.batchName).toBe('renamed by hand');
  });

  it('moves a damaged batch file aside, reports it, and leaves it out of the index', async () => {
    await threeBatches();
    writeFileSync(store.fileOf('b-two'), '{"schemaVersion":1,"batchId":"b-two", trunc');
    writeFileSync(store.fileOf('b-one'), JSON.stringify({ schemaVersion: 1, batchId: 'b-one' }));
    const fresh = new HistoryStore(dataDir, { clock });
    expect(fresh.list().map((h) => h.batchId)).toEqual(['b-three']);
    expect(fresh.problems).toHaveLength(2);
    for (const p of fresh.problems) {
      expect(p.movedTo).toMatch(/\.json\.corrupt-2030-06-01T12-00-00-000Z$/);
      expect(existsSync(p.movedTo ?? '')).toBe(true);
      expect(existsSync(p.file)).toBe(false);
    }
    const problems = fresh.problems.map((p) => p.problem).join('\n');
    expect(problems).toMatch(/not valid JSON/);
    expect(problems).toMatch(/not a valid history: .*history\.updates: expected a list/);
    expect(fresh.index().batches.map((b) => b.batchId)).toEqual(['b-three']);
    // the serial look-up still answers from what is left
    expect(lookUpSerial(fresh, 'r58n1sp0002').map((r) => r.batchId)).toEqual(['b-three']);
  });

  it('rebuilds a damaged index and keeps the damaged one aside', async () => {
    await threeBatches();
    writeFileSync(store.indexFile, '[1, 2');
    const fresh = new HistoryStore(dataDir, { clock });
    expect(fresh.index().batches).toHaveLength(3);
    expect(fresh.problems[0]?.movedTo).toContain(`${INDEX_FILE}.corrupt-`);
  });

  it('leaves a file written by a newer version alone and refuses to change it', async () => {
    await recordAccepted(store, batch('b-new'), [call('A-1', ['R1'])]);
    const file = store.fileOf('b-new');
    const newer = JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schemaVersion: 2, extra: true });
    writeFileSync(file, newer);
    const fresh = new HistoryStore(dataDir, { clock });
    expect(fresh.get('b-new')).toBeNull();
    expect(fresh.problems[0]).toMatchObject({ movedTo: null });
    await expect(recordAccepted(fresh, batch('b-new'), [call('A-2', ['R2'])])).rejects.toBeInstanceOf(HistoryTooNewError);
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });
});
