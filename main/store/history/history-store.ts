// The tracking history on disk: `<dataDir>/history/<batchId>.json` per batch plus `_index.json`,
// shared by the window and the CLI. Writes are atomic and made under a folder lock after re-reading;
// a file that cannot be read is moved aside to `*.corrupt-<time>` and reported, never overwritten
// and never fatal. The index is rebuilt from the batch files whenever it is missing, damaged or stale.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../../common/clock.ts';
import { FileProblems, readRecordFile, type RecordVerdict, type StoreFileProblem } from '../record-file.ts';
import { TEMP_MARK, writeFileAtomic } from '../safe-file.ts';
import { withFileLock, type LockOptions } from '../file-lock.ts';
import { buildIndex, indexText, replaceInIndex, type IndexedFile } from './history-index.ts';
import type { BatchHistory, HistoryIndex } from './history-model.ts';
import { problemLine, readJson } from '../../../common/schema/check-json.ts';
import { historyIndexSchema } from './history-index-schema.ts';
import { parseBatchHistory } from './history-parse.ts';
import { ensurePrivateFolder } from '../private-files.ts';
import { BATCH_ID_SOURCE } from '../../../common/batch/parse.ts';
import { replicaSinkOf } from '../team/replica-sink.ts';

/** The index file's name (an underscore never appears in a batch id). */
export const INDEX_FILE = '_index.json';

const BATCH_FILE = new RegExp(`^(${BATCH_ID_SOURCE})\\.json$`);

/** A history file that could not be read: moved aside (or left alone when a newer version wrote it). */
export type HistoryFileProblem = StoreFileProblem;

// parseBatchHistory's verdict in the form the record reader takes.
function historyVerdict(json: unknown): RecordVerdict<BatchHistory> {
  const parsed = parseBatchHistory(json);
  return parsed.ok ? { ok: true, value: parsed.value, id: parsed.value.batchId } : { ok: false, problems: parsed.problems, newerSchema: parsed.newerSchema };
}

/** A newer FOTA Desk wrote this batch's history: this version leaves it alone. */
export class HistoryTooNewError extends Error {
  override readonly name = 'HistoryTooNewError';
  constructor(readonly file: string) {
    super(`${file} was written by a newer FOTA Desk; this version does not change it. Update FOTA Desk to follow this batch.`);
  }
}

/** A change that would leave an unreadable history (a bug): nothing was written. */
export class InvalidHistoryError extends Error {
  override readonly name = 'InvalidHistoryError';
  constructor(readonly problems: readonly string[]) {
    super(`Refusing to store an invalid history: ${problems.slice(0, 5).join('; ')}`);
  }
}

/** Options of a HistoryStore. */
export interface HistoryStoreOptions {
  readonly clock?: Clock;
  readonly lock?: LockOptions;
}

/** The history folder of one data folder. */
export class HistoryStore {
  readonly dir: string;
  readonly #clock: Clock;
  readonly #lock: LockOptions;
  readonly #problems: FileProblems;
  readonly #tooNew = new Set<string>();

  constructor(dataDir: string, options: HistoryStoreOptions = {}) {
    this.dir = path.join(dataDir, 'history');
    this.#clock = options.clock ?? systemClock;
    this.#lock = options.lock ?? {};
    this.#problems = new FileProblems(this.#clock);
  }

  /** Files found unreadable by this instance, oldest first. */
  get problems(): readonly HistoryFileProblem[] {
    return this.#problems.list;
  }

  /** The file of a batch's history. */
  fileOf(batchId: string): string {
    if (!BATCH_FILE.test(`${batchId}.json`)) throw new Error(`not a batch id: ${JSON.stringify(batchId)}`);
    return path.join(this.dir, `${batchId}.json`);
  }

  /** The index file. */
  get indexFile(): string {
    return path.join(this.dir, INDEX_FILE);
  }

  /** A batch's history, or null (unreadable files are moved aside and reported). */
  get(batchId: string): BatchHistory | null {
    if (!BATCH_FILE.test(`${batchId}.json`)) return null;
    const file = this.fileOf(batchId);
    return existsSync(file) ? this.#read(file) : null;
  }

  /** Every readable batch history, by batch id. */
  list(): BatchHistory[] {
    return this.#files().flatMap((name) => {
      const h = this.#read(path.join(this.dir, name));
      return h ? [h] : [];
    });
  }

  /**
   * Changes a batch's history under the folder lock: re-reads it (`create` makes it when absent),
   * applies `change`, and writes it and the index when anything changed. Returns what is stored.
   */
  async update(batchId: string, create: () => BatchHistory, change: (current: BatchHistory) => BatchHistory): Promise<BatchHistory> {
    ensurePrivateFolder(this.dir);
    let written = false;
    const stored = await withFileLock(path.join(this.dir, '.lock'), () => {
      const file = this.fileOf(batchId);
      const current = this.get(batchId);
      if (current === null && this.#tooNew.has(file)) throw new HistoryTooNewError(file);
      const base = current ?? create();
      if (base.batchId !== batchId) throw new Error(`a history for ${base.batchId} cannot be stored as ${batchId}`);
      const next = change(base);
      if (next.batchId !== batchId) throw new Error('a history update must not change its batch id');
      if (current !== null && JSON.stringify(next) === JSON.stringify(current)) return current;
      const stored: BatchHistory = { ...next, revision: (current?.revision ?? 0) + 1 };
      const text = `${JSON.stringify(stored, null, 1)}\n`;
      const checked = parseBatchHistory(JSON.parse(text));
      if (!checked.ok) throw new InvalidHistoryError(checked.problems);
      writeFileAtomic(file, text);
      written = true;
      this.#indexAfterWrite(stored, file);
      return stored;
    }, this.#lock);
    // Team mode: a state just stored also goes to the data folder's outbox (main/team).
    if (written) await replicaSinkOf(path.dirname(this.dir))?.history(stored);
    return stored;
  }

  /** The index; rebuilt (and rewritten) when missing, damaged or not matching the batch files. */
  index(): HistoryIndex {
    const stored = this.#readIndex();
    if (stored !== null && matches(stored, this.#fileFacts(), null)) return stored;
    return this.rebuildIndex();
  }

  // After writing one batch file: update its entry alone when the rest of the index is current
  // (a refresh must not read every other batch's file), else rebuild.
  #indexAfterWrite(history: BatchHistory, file: string): void {
    const stored = this.#readIndex();
    if (stored !== null && matches(stored, this.#fileFacts(), history.batchId)) {
      const s = statSync(file);
      const index = replaceInIndex(stored, { history, fileBytes: s.size, fileMtimeMs: s.mtimeMs });
      writeFileAtomic(this.indexFile, indexText(index));
      return;
    }
    this.rebuildIndex();
  }

  #readIndex(): HistoryIndex | null {
    let text: string;
    try {
      text = readFileSync(this.indexFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.#problems.moveAside(this.indexFile, `the index is not valid JSON (${error instanceof Error ? error.message : String(error)}); it was rebuilt from the batch files`);
      return null;
    }
    const read = readJson(text, historyIndexSchema, { root: 'index' });
    if (read.ok) return read.value;
    this.#problems.moveAside(this.indexFile, read.notJson ? `the index is ${read.problems.join('')}; it was rebuilt from the batch files` : `the index is not valid: ${problemLine(read.problems)}; it was rebuilt from the batch files`);
    return null;
  }

  /** Rebuilds the index from the batch files and writes it. */
  rebuildIndex(): HistoryIndex {
    return this.#writeIndex(this.#indexFiles());
  }

  /** The histories that mention a serial (through the index). */
  holding(serial: string): BatchHistory[] {
    const ids = this.index().serials[serial] ?? [];
    return ids.flatMap((id) => {
      const h = this.get(id);
      return h ? [h] : [];
    });
  }

  #writeIndex(files: readonly IndexedFile[]): HistoryIndex {
    const index = buildIndex(files);
    ensurePrivateFolder(this.dir);
    writeFileAtomic(this.indexFile, indexText(index));
    return index;
  }

  #files(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => BATCH_FILE.test(name) && !name.includes(TEMP_MARK))
      .sort();
  }

  #fileFacts(): Map<string, { bytes: number; mtimeMs: number }> {
    const facts = new Map<string, { bytes: number; mtimeMs: number }>();
    for (const name of this.#files()) {
      // A newer version's file is never in this version's index.
      if (this.#tooNew.has(path.join(this.dir, name))) continue;
      try {
        const s = statSync(path.join(this.dir, name));
        facts.set(name.slice(0, -'.json'.length), { bytes: s.size, mtimeMs: s.mtimeMs });
      } catch {
        // gone meanwhile
      }
    }
    return facts;
  }

  #indexFiles(): IndexedFile[] {
    const out: IndexedFile[] = [];
    for (const name of this.#files()) {
      const file = path.join(this.dir, name);
      const history = this.#read(file);
      if (!history) continue;
      try {
        const s = statSync(file);
        out.push({ history, fileBytes: s.size, fileMtimeMs: s.mtimeMs });
      } catch {
        // gone meanwhile
      }
    }
    return out;
  }

  #read(file: string): BatchHistory | null {
    const read = readRecordFile(file, historyVerdict, { holds: (id) => `it holds the history of batch ${id}`, valid: 'a valid history' }, this.#problems);
    if (read.kind === 'too-new') this.#tooNew.add(file);
    return read.kind === 'ok' ? read.value : null;
  }
}

/** True when the index describes exactly the batch files found (`except`: a file just written, which may differ or be new). */
function matches(index: HistoryIndex, facts: ReadonlyMap<string, { bytes: number; mtimeMs: number }>, except: string | null): boolean {
  const indexed = new Set(index.batches.map((b) => b.batchId));
  for (const id of facts.keys()) if (id !== except && !indexed.has(id)) return false;
  return index.batches.every((b) => {
    const f = facts.get(b.batchId);
    if (b.batchId === except) return f !== undefined;
    return f !== undefined && f.bytes === b.fileBytes && f.mtimeMs === b.fileMtimeMs;
  });
}
