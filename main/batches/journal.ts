// Send journals on disk: `<dataDir>/journals/<batchId>.<time>.jsonl`, one per send of a batch.
// Each record is fsynced before the step it announces; on start the journal is replayed, a torn
// last line is kept aside and dropped (its step never happened: nothing proceeds before the fsync),
// and calls caught in `sending` become `unknown` because they may have reached Samsung.
import { existsSync, readdirSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { DurableAppender, readJsonLines, type JournalStats } from '../store/json-lines-file.ts';
import { problemLine } from '../../common/schema/check-json.ts';
import { parseRecord, type JournalRecord, type StartRecord } from './journal-records.ts';
import { applyRecord, initialState, isFinished, JournalInconsistency, replay, type SendJournalState } from './journal-state.ts';
import { ensurePrivateFolder, writePrivateFile } from '../store/private-files.ts';
import { replicaSinkOf, type ReplicaSink } from '../store/team/replica-sink.ts';

/** The journals folder of a data folder. */
export function journalDir(dataDir: string): string {
  return path.join(dataDir, 'journals');
}

/** The batch id a journal file belongs to (its name starts with it). */
export function batchIdOfJournal(file: string): string {
  return path.basename(file).split('.')[0] ?? '';
}

/** A journal that cannot be trusted: a damaged line or records that do not fit together. */
export class JournalDamagedError extends Error {
  override readonly name = 'JournalDamagedError';
  readonly batchId: string;
  /** what is damaged and what it stops */
  readonly damage: string;
  /** what a repair does (each surface says how to start one) */
  readonly repair: string;
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    const damage =
      `The send journal ${file} is damaged (${problem}). It records which calls reached Samsung, so FOTA Desk will not guess: ` +
      'nothing more of this batch is sent until the journal is repaired.';
    const repair =
      'every readable record is kept, the damaged lines are dropped (a copy of the file is kept for support), calls whose outcome was in them become ' +
      "'unknown' for you to decide, and the forceUpdateIds the history knows are filled in. Then send again: devices whose latest push is still open " +
      'stay held back. Moving the file away instead also unblocks the batch, but then only the history remembers what it recorded.';
    super(`${damage} A repair: ${repair}`);
    this.batchId = batchIdOfJournal(file);
    this.damage = damage;
    this.repair = repair;
  }
}

/** What a replay found that the admin should hear about. */
export interface ReplayNotice {
  readonly kind: 'torn-line' | 'interrupted';
  readonly message: string;
}

/** The journal files of a batch, oldest first. */
export function journalFiles(dir: string, batchId: string): string[] {
  if (!existsSync(dir)) return [];
  const prefix = `${batchId}.`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.jsonl') && /^\d{8}T\d{6}/.test(name.slice(prefix.length)))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Reads and checks every record of a journal file; throws JournalDamagedError. */
export function readJournal(file: string): { records: JournalRecord[]; torn: { offset: number; text: string } | null } {
  let lines;
  try {
    lines = readJsonLines(file);
  } catch (error) {
    throw new JournalDamagedError(file, `it cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (lines.bad) throw new JournalDamagedError(file, lines.bad.problem);
  const records: JournalRecord[] = [];
  lines.values.forEach((value, i) => {
    const parsed = parseRecord(value);
    if (!parsed.ok) throw new JournalDamagedError(file, `line ${i + 1}: ${problemLine(parsed.problems)}`);
    records.push(parsed.record);
  });
  if (records.length === 0 && lines.torn === null) throw new JournalDamagedError(file, 'it is empty');
  return { records, torn: lines.torn };
}

/** Replays a journal file without changing it (for listings and earlier sends). */
export function loadJournalState(file: string): SendJournalState {
  const { records } = readJournal(file);
  try {
    return replay(records);
  } catch (error) {
    if (error instanceof JournalInconsistency) throw new JournalDamagedError(file, error.message);
    throw error;
  }
}

function stampOf(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('.', '');
}

/**
 * The journal file of a send: `<batchId>.<sendId>.jsonl`, so the file and the send id the admin
 * is shown agree. A send id that does not begin with its time (older sends, tests) gets the time first,
 * which keeps the files of a batch in time order.
 */
export function journalFileName(start: Pick<StartRecord, 'batchId' | 'sendId' | 'at'>): string {
  return /^\d{8}T\d{6}/.test(start.sendId) ? `${start.batchId}.${start.sendId}.jsonl` : `${start.batchId}.${stampOf(start.at)}-${start.sendId}.jsonl`;
}

/** A send's journal, open for appending; `state` always matches what is on disk. */
export class SendJournal {
  readonly file: string;
  readonly state: SendJournalState;
  readonly #appender: DurableAppender;
  // Team mode: each record, once on disk, is also handed to the data folder's outbox (main/team).
  readonly #sink: ReplicaSink | null;
  #seq: number;

  private constructor(file: string, state: SendJournalState, appender: DurableAppender, records: number) {
    this.file = file;
    this.state = state;
    this.#appender = appender;
    this.#sink = replicaSinkOf(path.dirname(path.dirname(file)));
    this.#seq = records;
  }

  /** Starts the journal of a new send (its start record fsynced, every call pending). */
  static async create(dir: string, start: StartRecord): Promise<SendJournal> {
    ensurePrivateFolder(dir);
    const file = path.join(dir, journalFileName(start));
    if (existsSync(file)) throw new Error(`a journal ${file} already exists`);
    const appender = await DurableAppender.open(file);
    try {
      await appender.append(start);
    } catch (error) {
      await appender.close();
      throw error;
    }
    const journal = new SendJournal(file, initialState(start), appender, 1);
    await journal.#sink?.journal(start.customerId, start.batchId, start.sendId, 0, start);
    return journal;
  }

  /**
   * Opens an existing journal to continue its send: drops (and keeps aside) a torn last line, and
   * turns every call left in `sending` into `unknown`. Call only while holding the batch's send lock.
   */
  static async resume(file: string, now: () => string, notices: ReplayNotice[]): Promise<SendJournal> {
    const { records, torn } = readJournal(file);
    let state: SendJournalState;
    try {
      state = replay(records);
    } catch (error) {
      if (error instanceof JournalInconsistency) throw new JournalDamagedError(file, error.message);
      throw error;
    }
    let keptAt: string | null = null;
    if (torn) {
      keptAt = `${file}.torn-${stampOf(now())}`;
      try {
        writePrivateFile(keptAt, torn.text);
      } catch {
        keptAt = null;
      }
      truncateSync(file, torn.offset);
    }
    const appender = await DurableAppender.open(file);
    const journal = new SendJournal(file, state, appender, records.length);
    // A crash may have come between a record's fsync and its outbox append: hand them all again
    // (the team store keeps the copy it already has).
    const { customerId, batchId, sendId } = state.start;
    await Promise.all(records.map((r, seq) => journal.#sink?.journal(customerId, batchId, sendId, seq, r)));
    if (torn) {
      await journal.write({ t: 'torn', bytes: Buffer.byteLength(torn.text), keptAt, at: now() });
      notices.push({
        kind: 'torn-line',
        message: `The last line of the journal was cut short (${Buffer.byteLength(torn.text)} bytes, a crash while writing); it was dropped${keptAt ? ` and kept in ${keptAt}` : ''}. Its step never took place: nothing is sent before its record is on disk.`,
      });
    }
    const interrupted = state.order.filter((id) => state.calls.get(id)?.state === 'sending');
    for (const id of interrupted) {
      await journal.write({ t: 'call', id, state: 'unknown', reason: 'FOTA Desk stopped while this call was in flight (a crash, a kill or a power cut): it may have reached Samsung.', at: now() });
    }
    if (interrupted.length > 0) {
      notices.push({
        kind: 'interrupted',
        message: `${interrupted.length} call(s) were in flight when FOTA Desk last stopped and are now 'unknown': ${interrupted.join(', ')}. They are not re-sent unless you confirm it.`,
      });
    }
    return journal;
  }

  /** Appends a record (on disk before this resolves), then applies it to `state`. */
  async write(record: Exclude<JournalRecord, StartRecord>): Promise<void> {
    await this.#appender.append(record);
    applyRecord(this.state, record);
    const seq = this.#seq++;
    const { customerId, batchId, sendId } = this.state.start;
    await this.#sink?.journal(customerId, batchId, sendId, seq, record);
  }

  /** True when nothing is left to send or decide. */
  get finished(): boolean {
    return isFinished(this.state);
  }

  /** fsync statistics of this journal (benchmark). */
  get stats(): JournalStats {
    return this.#appender.stats;
  }

  /** Closes the file. */
  close(): Promise<void> {
    return this.#appender.close();
  }
}
