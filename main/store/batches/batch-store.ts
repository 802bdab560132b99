// Batch files: one JSON file per batch in `<dataDir>/batches/<id>.json`, shared by the window and the
// CLI. Writes are atomic and happen under a folder lock (re-reading first), so two processes never
// lose each other's batches; a file that cannot be read as a batch is moved aside and reported,
// never overwritten and never fatal.
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../../common/clock.ts';
import type { Batch } from '../../../common/batch/model.ts';
import { BATCH_ID_PATTERN, parseBatch } from '../../../common/batch/parse.ts';
import { withFileLock, type LockOptions } from '../file-lock.ts';
import { FileProblems, readRecordFile, type RecordVerdict, type StoreFileProblem } from '../record-file.ts';
import { TEMP_MARK, writeFileAtomic } from '../safe-file.ts';
import { ensurePrivateFolder } from '../private-files.ts';

/** A batch file that could not be read; it was moved aside (or, if written by a newer version, left alone). */
export type BatchFileProblem = StoreFileProblem;

// parseBatch's verdict in the form the record reader takes.
function batchVerdict(json: unknown): RecordVerdict<Batch> {
  const parsed = parseBatch(json);
  return parsed.ok ? { ok: true, value: parsed.batch, id: parsed.batch.id } : { ok: false, problems: parsed.errors, newerSchema: parsed.newerSchema };
}

/** No batch has that name or id (the CLI adds how to create one when there are none). */
export class BatchNotFoundError extends Error {
  override readonly name = 'BatchNotFoundError';
  /** true when there is no batch at all */
  readonly noBatches: boolean;
  constructor(readonly ref: string, known: readonly string[]) {
    super(`There is no batch '${ref}'.${known.length > 0 ? ` Batches: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}.` : ' There are no batches yet.'}`);
    this.noBatches = known.length === 0;
  }
}

/** Another batch already has this name (names are unique, case-insensitively, so `<batch>` is never ambiguous). */
export class BatchNameTakenError extends Error {
  override readonly name = 'BatchNameTakenError';
  constructor(readonly batchName: string, readonly holderId: string) {
    super(`A batch named '${batchName}' already exists (id ${holderId}). Choose another name.`);
  }
}

/** A batch with this id already exists (e.g. the same hand-off file imported twice). */
export class BatchIdTakenError extends Error {
  override readonly name = 'BatchIdTakenError';
  constructor(readonly id: string, readonly holderName: string) {
    super(`A batch with id ${id} already exists ('${holderName}').`);
  }
}

/** A stored batch changed in a way that could not be written back (a bug): nothing was written. */
export class InvalidBatchError extends Error {
  override readonly name = 'InvalidBatchError';
  constructor(readonly problems: readonly string[]) {
    super(`Refusing to store an invalid batch: ${problems.slice(0, 5).join('; ')}`);
  }
}

/** Options of a BatchStore. */
export interface BatchStoreOptions {
  readonly clock?: Clock;
  readonly lock?: LockOptions;
}

/** The batches of one data folder. */
export class BatchStore {
  readonly dir: string;
  readonly #clock: Clock;
  readonly #lock: LockOptions;
  readonly #problems: FileProblems;

  constructor(dataDir: string, options: BatchStoreOptions = {}) {
    this.dir = path.join(dataDir, 'batches');
    this.#clock = options.clock ?? systemClock;
    this.#lock = options.lock ?? {};
    this.#problems = new FileProblems(this.#clock);
  }

  /** Files found unreadable by this instance (moved aside or left alone), oldest first. */
  get problems(): readonly BatchFileProblem[] {
    return this.#problems.list;
  }

  /** The file of a batch id. */
  fileOf(id: string): string {
    if (!BATCH_ID_PATTERN.test(id)) throw new Error(`not a batch id: ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.json`);
  }

  /** Every readable batch, oldest first; unreadable files are moved aside and listed in `problems`. */
  list(): Batch[] {
    if (!existsSync(this.dir)) return [];
    const batches: Batch[] = [];
    for (const name of readdirSync(this.dir).sort()) {
      if (!name.endsWith('.json') || name.includes(TEMP_MARK)) continue;
      const batch = this.#read(path.join(this.dir, name));
      if (batch) batches.push(batch);
    }
    return batches.sort((a, b) => a.created.at.localeCompare(b.created.at) || a.name.localeCompare(b.name));
  }

  /** The batch with this id, or null. */
  get(id: string): Batch | null {
    if (!BATCH_ID_PATTERN.test(id)) return null;
    const file = this.fileOf(id);
    return existsSync(file) ? this.#read(file) : null;
  }

  /** The batch a name or id means (the id first, then the name, case-insensitively). */
  find(ref: string): Batch {
    const wanted = ref.trim();
    const byId = this.get(wanted);
    if (byId) return byId;
    const all = this.list();
    const byName = all.find((b) => b.name.toLowerCase() === wanted.toLowerCase());
    if (!byName) throw new BatchNotFoundError(ref, all.map((b) => b.name));
    return byName;
  }

  /** Stores a new batch; refuses a taken id or name. */
  async create(batch: Batch): Promise<Batch> {
    return this.#locked(() => {
      const existing = this.get(batch.id);
      if (existing) throw new BatchIdTakenError(batch.id, existing.name);
      this.#checkName(batch);
      this.#write(batch);
      return batch;
    });
  }

  /** Stores a new batch, adding " (2)", " (3)"… to its name while the name is taken. */
  async createWithFreeName(batch: Batch): Promise<Batch> {
    for (let n = 1; ; n++) {
      const name = n === 1 ? batch.name : `${batch.name.slice(0, 90)} (${n})`;
      try {
        return await this.create({ ...batch, name });
      } catch (error) {
        if (!(error instanceof BatchNameTakenError) || n >= 50) throw error;
      }
    }
  }

  /** Changes a stored batch: under the lock, re-reads it, applies `change` and writes the result. */
  async update(id: string, change: (current: Batch) => Batch): Promise<Batch> {
    return this.#locked(() => {
      const current = this.get(id);
      if (!current) throw new BatchNotFoundError(id, []);
      const next = change(current);
      if (next.id !== current.id) throw new Error('a batch update must not change its id');
      if (next.name.toLowerCase() !== current.name.toLowerCase()) this.#checkName(next);
      this.#write(next);
      return next;
    });
  }

  /** Deletes a batch file; returns false when there was none. */
  async remove(id: string): Promise<boolean> {
    return this.#locked(() => {
      const file = this.fileOf(id);
      if (!existsSync(file)) return false;
      unlinkSync(file);
      return true;
    });
  }

  #checkName(batch: Batch): void {
    const holder = this.list().find((b) => b.id !== batch.id && b.name.toLowerCase() === batch.name.toLowerCase());
    if (holder) throw new BatchNameTakenError(batch.name, holder.id);
  }

  #write(batch: Batch): void {
    // Validate what we write exactly as we will read it, so a bug can never leave an unreadable file.
    const text = `${JSON.stringify(batch, null, 1)}\n`;
    const checked = parseBatch(JSON.parse(text));
    if (!checked.ok) throw new InvalidBatchError(checked.errors);
    ensurePrivateFolder(this.dir);
    writeFileAtomic(this.fileOf(batch.id), text);
  }

  async #locked<T>(fn: () => T): Promise<T> {
    ensurePrivateFolder(this.dir);
    return withFileLock(path.join(this.dir, '.lock'), fn, this.#lock);
  }

  #read(file: string): Batch | null {
    const read = readRecordFile(file, batchVerdict, { holds: (id) => `it holds batch ${id}`, valid: 'a valid batch' }, this.#problems);
    return read.kind === 'ok' ? read.value : null;
  }
}
