// Re-reads the local record into the outbox: every journal record, the current state of every
// batch history and every audit entry, with the same keys the writers use. Run when a workstation
// joins a team (its earlier sends are shared too) and when an outbox append failed; the server keeps
// what it already has, so re-reading everything is always safe.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readAuditLog } from '../batches/audit-log.ts';
import { journalDir } from '../batches/journal.ts';
import { readJsonLines } from '../store/json-lines-file.ts';
import { parseRecord, type StartRecord } from '../batches/journal-records.ts';
import { HistoryStore } from '../store/history/history-store.ts';
import { appendToOutbox } from '../store/team/outbox.ts';
import { auditKey, type OutboxEntry } from '../store/team/outbox-entry.ts';

/** What a re-read found. */
export interface BackfillReport {
  readonly journalRecords: number;
  readonly histories: number;
  readonly auditEntries: number;
  /** files or lines that could not be read (left out; the local file is unchanged) */
  readonly problems: readonly string[];
}

const FLUSH_EVERY = 5_000;

/** Appends the whole local record of a data folder to its outbox. */
export async function backfillOutbox(dataDir: string): Promise<BackfillReport> {
  const problems: string[] = [];
  let pending: OutboxEntry[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const out = pending;
    pending = [];
    await appendToOutbox(dataDir, out);
  };
  const put = async (entry: OutboxEntry): Promise<void> => {
    pending.push(entry);
    if (pending.length >= FLUSH_EVERY) await flush();
  };

  let journalRecords = 0;
  const dir = journalDir(dataDir);
  const files = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort() : [];
  for (const name of files) {
    const file = path.join(dir, name);
    let lines;
    try {
      lines = readJsonLines(file);
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    let start: StartRecord | null = null;
    for (const [seq, value] of lines.values.entries()) {
      const parsed = parseRecord(value);
      if (!parsed.ok) {
        problems.push(`${file} line ${seq + 1}: ${parsed.problems[0] ?? 'not a journal record'}; the rest of this journal is shared after 'fota batch repair'`);
        break;
      }
      if (seq === 0) {
        if (parsed.record.t !== 'start') break;
        start = parsed.record;
      }
      if (start === null) break;
      await put({ k: 'journal', customerId: start.customerId, batchId: start.batchId, sendId: start.sendId, seq, record: parsed.record });
      journalRecords += 1;
    }
    if (lines.bad) problems.push(`${file}: ${lines.bad.problem}`);
  }

  const history = new HistoryStore(dataDir);
  const histories = history.list();
  for (const h of histories) await put({ k: 'history', customerId: h.customerId, batchId: h.batchId, revision: h.revision, history: h });
  for (const p of history.problems) problems.push(`${p.file}: ${p.problem}`);

  const audit = readAuditLog(dataDir);
  for (const entry of audit.entries) await put({ k: 'audit', customerId: typeof entry['customerId'] === 'string' ? entry['customerId'] : '', key: auditKey(entry), entry });
  problems.push(...audit.problems);
  await flush();
  return { journalRecords, histories: histories.length, auditEntries: audit.entries.length, problems };
}
