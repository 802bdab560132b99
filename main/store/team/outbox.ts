// The outbox: `<dataDir>/team/outbox.jsonl`, append-only JSON lines, each fsynced before the writer
// moves on (like the send journal), and `outbox-ack.json`, the byte offset up to which the database
// has acknowledged every line. A crash between an append and its acknowledgement only means the
// line is sent again, and the server keeps the first copy (ON CONFLICT DO NOTHING).
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { DurableAppender } from '../json-lines-file.ts';
import { ensurePrivateFolder } from '../private-files.ts';
import { writeFileAtomic } from '../safe-file.ts';
import { isOutboxEntry, type OutboxEntry } from './outbox-entry.ts';
import { teamDir } from './team-config.ts';

/** The outbox file of a data folder. */
export function outboxFile(dataDir: string): string {
  return path.join(teamDir(dataDir), 'outbox.jsonl');
}

function ackFile(dataDir: string): string {
  return path.join(teamDir(dataDir), 'outbox-ack.json');
}

/** What the database has acknowledged so far. */
export interface OutboxAck {
  /** every outbox byte before this offset is in the database */
  readonly offset: number;
  /** ISO time of the last successful sync; null before the first */
  readonly lastSync: string | null;
}

/** The acknowledged offset and the time of the last sync. */
export function readAck(dataDir: string): OutboxAck {
  const file = ackFile(dataDir);
  if (!existsSync(file)) return { offset: 0, lastSync: null };
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<OutboxAck>;
    if (typeof v.offset === 'number' && Number.isSafeInteger(v.offset) && v.offset >= 0) return { offset: v.offset, lastSync: typeof v.lastSync === 'string' ? v.lastSync : null };
  } catch {
    // unreadable: start again from the beginning; the server ignores what it already has
  }
  return { offset: 0, lastSync: null };
}

/** Records that every byte before `offset` is in the database (atomic: old or new, never half). */
export function writeAck(dataDir: string, ack: OutboxAck): void {
  ensurePrivateFolder(teamDir(dataDir));
  writeFileAtomic(ackFile(dataDir), `${JSON.stringify(ack)}\n`);
}

const appenders = new Map<string, Promise<DurableAppender>>();

// A crash in the middle of an append leaves a line without its line break; the next line must not
// be glued to it, so a writer that finds one starts on a new line (the fragment is skipped on read).
function endsCleanly(file: string): boolean {
  if (!existsSync(file)) return true;
  const size = statSync(file).size;
  if (size === 0) return true;
  const fd = openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

async function openAppender(dataDir: string): Promise<DurableAppender> {
  ensurePrivateFolder(teamDir(dataDir));
  const file = outboxFile(dataDir);
  const clean = endsCleanly(file);
  const appender = await DurableAppender.open(file);
  if (!clean) await appender.appendLine('');
  return appender;
}

/** Appends entries to the outbox; resolves once they are on disk. One appender per data folder and process. */
export async function appendToOutbox(dataDir: string, entries: readonly OutboxEntry[]): Promise<void> {
  let opening = appenders.get(dataDir);
  if (!opening) {
    opening = openAppender(dataDir);
    appenders.set(dataDir, opening);
    opening.catch(() => appenders.delete(dataDir));
  }
  const appender = await opening;
  try {
    await Promise.all(entries.map((e) => appender.append(e)));
  } catch (error) {
    // A failed write leaves the appender refusing everything; the next append opens the file afresh.
    appenders.delete(dataDir);
    await appender.close().catch(() => undefined);
    throw error;
  }
}

/** Closes this process's outbox file of a data folder (disconnect, tests). */
export async function closeOutbox(dataDir: string): Promise<void> {
  const opening = appenders.get(dataDir);
  appenders.delete(dataDir);
  if (opening) await (await opening).close();
}

/** Entries read from the outbox after the acknowledged offset. */
export interface PendingEntries {
  readonly entries: OutboxEntry[];
  /** the offset just after the last complete line read */
  readonly end: number;
  /** lines that were not outbox entries (a fragment left by a crash, damage): skipped */
  readonly skipped: number;
}

const CHUNK = 4 * 1024 * 1024;

/** Reads up to `max` complete entries from `from`; a line still being written is left for later. */
export function readPending(dataDir: string, from: number, max: number): PendingEntries {
  const file = outboxFile(dataDir);
  if (!existsSync(file)) return { entries: [], end: from, skipped: 0 };
  const entries: OutboxEntry[] = [];
  let skipped = 0;
  let end = from;
  const fd = openSync(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    let position = from;
    while (entries.length < max) {
      const chunk = Buffer.alloc(CHUNK);
      const read = readSync(fd, chunk, 0, CHUNK, position);
      if (read === 0) break;
      position += read;
      let bytes = Buffer.concat([carry, chunk.subarray(0, read)]);
      let start = 0;
      for (;;) {
        const nl = bytes.indexOf(0x0a, start);
        if (nl === -1 || entries.length >= max) break;
        const text = bytes.subarray(start, nl).toString('utf8');
        end += nl + 1 - start;
        start = nl + 1;
        if (text === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          value = undefined;
        }
        if (isOutboxEntry(value)) entries.push(value);
        else skipped += 1;
      }
      bytes = bytes.subarray(start);
      carry = Buffer.from(bytes);
    }
  } finally {
    closeSync(fd);
  }
  return { entries, end, skipped };
}

/** Bytes of the outbox not yet acknowledged, and the entries they hold (counted by line). */
export function outboxBacklog(dataDir: string): { bytes: number; entries: number } {
  const file = outboxFile(dataDir);
  if (!existsSync(file)) return { bytes: 0, entries: 0 };
  const { offset } = readAck(dataDir);
  const size = statSync(file).size;
  if (size <= offset) return { bytes: 0, entries: 0 };
  let entries = 0;
  let from = offset;
  for (;;) {
    const pending = readPending(dataDir, from, 10_000);
    entries += pending.entries.length;
    if (pending.end === from) break;
    from = pending.end;
  }
  return { bytes: size - offset, entries };
}
