// The send journal on disk: durable appends, replay, a torn last line, damage, and the rules that
// turn records into call states.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlannedCall } from '../../../common/batch/plan.ts';
import { DurableAppender, readJsonLines } from '../../../main/store/json-lines-file.ts';
import { JournalDamagedError, journalFiles, loadJournalState, SendJournal, type ReplayNotice } from '../../../main/batches/journal.ts';
import { JOURNAL_VERSION, parseRecord, type StartRecord } from '../../../main/batches/journal-records.ts';
import { countCalls, isFinished, JournalInconsistency, replay } from '../../../main/batches/journal-state.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fota-journal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const AT = '2026-11-22T09:00:00.000Z';
const BY = { user: 'alice', host: 'desk-1' };

function call(n: number, extra: Partial<PlannedCall> = {}): PlannedCall {
  return { id: `SM-G991B/BTU#${n}`, operation: 'forceUpdate', groupKey: 'SM-G991B/BTU', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'WIFIONLY', serials: [`R58N000000${n}`, `R58N100000${n}`], pilot: false, ...extra };
}

function start(calls: PlannedCall[], pilotCalls = 0): StartRecord {
  return { t: 'start', v: JOURNAL_VERSION, sendId: '20261122T090000000Z-abcdef01', batchId: 'b1', batchName: 'batch one', customerId: 'C-1', batchEdited: AT, profile: 'prod', at: AT, by: BY, pilotCalls, calls };
}

describe('DurableAppender', () => {
  it('appends whole lines in order; concurrent appends share fsyncs (group commit) and all land', async () => {
    const file = path.join(dir, 'x.jsonl');
    const appender = await DurableAppender.open(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => appender.append({ i })));
    await appender.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { i: number }).i);
    expect(lines).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(appender.stats.flushes).toBeGreaterThan(0);
    expect(appender.stats.flushes).toBeLessThan(50);
  });

  it('refuses a line with a line break (it would forge a record)', async () => {
    const appender = await DurableAppender.open(path.join(dir, 'y.jsonl'));
    await expect(appender.appendLine('{"a":1}\n{"t":"start"}')).rejects.toThrow(/line break/);
    await appender.close();
  });
});

describe('readJsonLines', () => {
  it('separates a torn last line (no line break) from the good part', () => {
    const file = path.join(dir, 'torn.jsonl');
    writeFileSync(file, '{"a":1}\n{"b":2}\n{"c":');
    const read = readJsonLines(file);
    expect(read.values).toEqual([{ a: 1 }, { b: 2 }]);
    expect(read.torn).toEqual({ offset: 16, text: '{"c":' });
    expect(read.bad).toBeNull();
  });
  it('treats a complete-looking last line without its line break as torn too', () => {
    const file = path.join(dir, 'torn2.jsonl');
    writeFileSync(file, '{"a":1}\n{"b":2}');
    expect(readJsonLines(file).torn?.text).toBe('{"b":2}');
  });
  it('reports a damaged line in the middle', () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, '{"a":1}\nnot json\n{"c":3}\n');
    expect(readJsonLines(file).bad).toEqual({ line: 2, problem: 'line 2 is not valid JSON' });
  });
});

describe('SendJournal', () => {
  it('replays to the same state it wrote; a call caught in `sending` becomes unknown on resume', async () => {
    const journal = await SendJournal.create(dir, start([call(1), call(2), call(3)]));
    await journal.write({ t: 'call', id: 'SM-G991B/BTU#1', state: 'sending', attempt: 1, at: AT });
    await journal.write({ t: 'call', id: 'SM-G991B/BTU#1', state: 'accepted', forceUpdateId: 'FU-1', at: AT });
    await journal.write({ t: 'call', id: 'SM-G991B/BTU#2', state: 'sending', attempt: 1, at: AT });
    await journal.close();

    const state = loadJournalState(journal.file);
    expect(state.calls.get('SM-G991B/BTU#1')).toMatchObject({ state: 'accepted', forceUpdateId: 'FU-1', attempts: 1 });
    expect(state.calls.get('SM-G991B/BTU#2')?.state).toBe('sending');

    const notices: ReplayNotice[] = [];
    const resumed = await SendJournal.resume(journal.file, () => AT, notices);
    expect(resumed.state.calls.get('SM-G991B/BTU#2')?.state).toBe('unknown');
    expect(resumed.state.calls.get('SM-G991B/BTU#3')?.state).toBe('pending');
    expect(notices.map((n) => n.kind)).toEqual(['interrupted']);
    await resumed.close();
    // The recovery itself is journalled: a second replay needs no recovery.
    expect(loadJournalState(journal.file).calls.get('SM-G991B/BTU#2')?.state).toBe('unknown');
  });

  it('drops a torn last line, keeps it aside and reports it; the file stays appendable', async () => {
    const journal = await SendJournal.create(dir, start([call(1), call(2)]));
    await journal.write({ t: 'call', id: 'SM-G991B/BTU#1', state: 'sending', attempt: 1, at: AT });
    await journal.close();
    appendFileSync(journal.file, '{"t":"call","id":"SM-G991B/BTU#1","state":"acce');

    const notices: ReplayNotice[] = [];
    const resumed = await SendJournal.resume(journal.file, () => AT, notices);
    expect(notices.map((n) => n.kind)).toEqual(['torn-line', 'interrupted']);
    expect(notices[0]?.message).toMatch(/cut short .*dropped/);
    expect(resumed.state.tornLines).toBe(1);
    await resumed.write({ t: 'call', id: 'SM-G991B/BTU#2', state: 'sending', attempt: 1, at: AT });
    await resumed.close();
    const aside = readdirSync(dir).filter((f) => f.includes('.torn-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toBe('{"t":"call","id":"SM-G991B/BTU#1","state":"acce');
    // every line parses again
    const read = readJsonLines(journal.file);
    expect(read.torn).toBeNull();
    expect(read.bad).toBeNull();
    expect(loadJournalState(journal.file).calls.get('SM-G991B/BTU#2')?.state).toBe('sending');
  });

  it('refuses a journal with a damaged line in the middle, or a record that does not fit', async () => {
    const journal = await SendJournal.create(dir, start([call(1)]));
    await journal.close();
    const good = readFileSync(journal.file, 'utf8');

    writeFileSync(journal.file, `${good}garbage\n{"t":"pilot","at":"${AT}","by":{"user":"a","host":"b"}}\n`);
    expect(() => loadJournalState(journal.file)).toThrow(JournalDamagedError);

    writeFileSync(journal.file, `${good}{"t":"call","id":"SM-G991B/BTU#9","state":"accepted","forceUpdateId":"X","at":"${AT}"}\n`);
    expect(() => loadJournalState(journal.file)).toThrow(/does not have/);

    writeFileSync(journal.file, `${good}{"t":"call","id":"SM-G991B/BTU#1","state":"done","at":"${AT}"}\n`);
    expect(() => loadJournalState(journal.file)).toThrow(JournalDamagedError);
    await expect(SendJournal.resume(journal.file, () => AT, [])).rejects.toThrow(JournalDamagedError);
  });

  it('lists a batch\'s journals oldest first and ignores other files', async () => {
    const a = await SendJournal.create(dir, start([call(1)]));
    const b = await SendJournal.create(dir, { ...start([call(1)]), at: '2026-11-23T09:00:00.000Z', sendId: '20261123T090000000Z-bbbbbbbb' });
    await a.close();
    await b.close();
    writeFileSync(path.join(dir, 'b1.lock'), '{}');
    writeFileSync(path.join(dir, 'b10.20261122T090000000Z-x.jsonl'), '');
    expect(journalFiles(dir, 'b1')).toEqual([a.file, b.file]);
    expect(existsSync(a.file)).toBe(true);
  });
});

describe('journal records', () => {
  it('refuse stray fields and wrong types', () => {
    expect(parseRecord({ t: 'pilot', at: AT, by: BY }).ok).toBe(true);
    expect(parseRecord({ t: 'pilot', at: AT, by: BY, token: 'x' }).ok).toBe(false);
    expect(parseRecord({ t: 'call', id: 'a', state: 'sending', attempt: 0, at: AT }).ok).toBe(false);
    expect(parseRecord({ t: 'call', id: 'a', state: 'rejected', code: 'FUD_3031', local: 'no', message: '', at: AT }).ok).toBe(false);
    expect(parseRecord(start([call(1), call(1)])).ok).toBe(false);
    expect(parseRecord({ ...start([{ ...call(1), serials: [] }]) }).ok).toBe(false);
    expect(parseRecord({ ...start([call(1)]), v: 2 }).ok).toBe(false);
    expect(parseRecord(null).ok).toBe(false);
  });

  it('name what is wrong and where', () => {
    const problems = (value: unknown): readonly string[] => {
      const r = parseRecord(value);
      return r.ok ? [] : r.problems;
    };
    expect(problems({ t: 'pilot', at: AT, by: BY, token: 'x' })).toEqual(['token: unexpected field']);
    expect(problems({ t: 'call', id: 'a', state: 'sending', attempt: 0, at: AT })).toEqual(['attempt: must be between 1 and 1000000, found 0']);
    expect(problems({ t: 'call', id: 'a', state: 'sent', at: AT })).toEqual(['state: expected one of "sending", "accepted", "rejected", "unknown", "pending", "cancelled", found text "sent"']);
    expect(problems({ t: 'nonsense' })[0]).toMatch(/^t: expected one of "start", "call", .*found text "nonsense"$/);
    expect(problems(start([call(1), call(2, { serials: [] }), call(1)]))).toEqual(['calls[1].serials: a forceUpdate call needs at least one serial', 'calls[2].id: call id SM-G991B/BTU#1 appears twice']);
    expect(problems({ ...start([call(1)]), v: 2 })).toEqual(['v: journal format 2 is not 1; it was written by another FOTA Desk version']);
    expect(problems({ ...start([call(1)], 2) })).toEqual(['pilotCalls: must be between 0 and 1, the number of calls']);
  });
});

describe('replay rules', () => {
  it('a confirmed re-send puts an unknown call back to pending; anything else is refused', () => {
    const records = [start([call(1), call(2)]), { t: 'call', id: 'SM-G991B/BTU#1', state: 'unknown', reason: 'timeout', at: AT } as const];
    const state = replay([...records, { t: 'resend', ids: ['SM-G991B/BTU#1'], at: AT, by: BY }]);
    expect(state.calls.get('SM-G991B/BTU#1')).toMatchObject({ state: 'pending', resends: 1 });
    expect(() => replay([...records, { t: 'resend', ids: ['SM-G991B/BTU#2'], at: AT, by: BY }])).toThrow(JournalInconsistency);
  });

  it('a left unknown call is final; a finished send has nothing pending or undecided', () => {
    const base = [
      start([call(1), call(2)]),
      { t: 'call', id: 'SM-G991B/BTU#1', state: 'accepted', forceUpdateId: 'A', at: AT } as const,
      { t: 'call', id: 'SM-G991B/BTU#2', state: 'unknown', reason: 'reset', at: AT } as const,
    ];
    expect(isFinished(replay(base))).toBe(false);
    const left = replay([...base, { t: 'leave', ids: ['SM-G991B/BTU#2'], at: AT, by: BY }]);
    expect(isFinished(left)).toBe(true);
    expect(countCalls(left)).toMatchObject({ accepted: 1, unknown: 0, unknownLeft: 1, devicesAccepted: 2 });
  });

  it('a re-plan inserts its calls after the replaced one, which no longer counts', () => {
    const state = replay([
      start([call(1), call(2)]),
      { t: 'call', id: 'SM-G991B/BTU#1', state: 'rejected', code: 'FUD_3031', local: false, message: 'x', at: AT },
      { t: 'replan', of: 'SM-G991B/BTU#1', mode: 'halves', removed: [], calls: [call(1, { id: 'SM-G991B/BTU#1.1', serials: ['A1'] }), call(1, { id: 'SM-G991B/BTU#1.2', serials: ['A2'] })], at: AT, by: BY },
    ]);
    expect(state.order).toEqual(['SM-G991B/BTU#1', 'SM-G991B/BTU#1.1', 'SM-G991B/BTU#1.2', 'SM-G991B/BTU#2']);
    expect(countCalls(state)).toMatchObject({ calls: 3, rejected: 0, pending: 3 });
  });

  it('a pin changes only calls not yet sent', () => {
    const state = replay([
      start([call(1), call(2)]),
      { t: 'call', id: 'SM-G991B/BTU#1', state: 'sending', attempt: 1, at: AT },
      { t: 'call', id: 'SM-G991B/BTU#1', state: 'pending', reason: 'refused; retrying', at: AT },
      { t: 'pin', groupKey: 'SM-G991B/BTU', target: 'G991BXXU5/G991BOXM5/G991BXXU5', at: AT, by: BY },
    ]);
    // #1 went on the wire once with `Latest`: its retry must not silently change the target
    expect(state.calls.get('SM-G991B/BTU#1')?.call.target).toBe('Latest');
    expect(state.calls.get('SM-G991B/BTU#2')?.call.target).toBe('G991BXXU5/G991BOXM5/G991BXXU5');
  });
});
