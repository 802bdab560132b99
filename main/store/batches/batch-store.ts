// Batch files: one JSON file per batch in `<dataDir>/batches/<id>.json`, shared by the window and the
// CLI. Writes are atomic and happen under a folder lock (re-reading first), so two processes never
// lose each other's batches; a file that cannot be read as a batch is moved aside and reported,
// never overwritten and never fatal.
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../../common/clock.ts';
import type { Batch } from '../../../common/batch/model.ts';
import { BATCH_ID_PATTERN, parseBatch } from '../../../common/batch/parse.ts';
import { withFileLock, type LockOptions } from '../file-lock.ts';
import { TEMP_MARK, moveAside, writeFileAtomic } from '../safe-file.ts';

/** A batch file that could not be read; it was moved aside (or, if written by a newer version, left alone). */
export interface BatchFileProblem {
  readonly file: string;
  /** where it now is, or null when left in place */
  readonly movedTo: string | null;
  readonly problem: string;
  /** ISO time it was found */
  readonly at: string;
}

/** No batch has that name or id. */
export class BatchNotFoundError extends Error {
  override readonly name = 'BatchNotFoundError';
  constructor(readonly ref: string, known: readonly string[]) {
    super(`There is no batch '${ref}'.${known.length > 0 ? ` Batches: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}.` : ' There are no batches yet (fota batch create).'}`);
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
  readonly #problems: BatchFileProblem[] = [];

  constructor(dataDir: string, options: BatchStoreOptions = {}) {
    this.dir = path.join(dataDir, 'batches');
    this.#clock = options.clock ?? systemClock;
    this.#lock = options.lock ?? {};
  }

  /** Files found unreadable by this instance (moved aside or left alone), oldest first. */
  get problems(): readonly BatchFileProblem[] {
    return this.#problems;
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
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.fileOf(batch.id), text);
  }

  async #locked<T>(fn: () => T): Promise<T> {
    mkdirSync(this.dir, { recursive: true });
    return withFileLock(path.join(this.dir, '.lock'), fn, this.#lock);
  }

  #read(file: string): Batch | null {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Gone between listing and reading (another process deleted it): not a problem.
      if (code === 'ENOENT') return null;
      this.#report(file, null, `cannot be read (${code ?? String(error)}); check the folder's permissions`);
      return null;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      this.#moveAside(file, `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
    const parsed = parseBatch(json);
    if (parsed.ok) {
      if (path.basename(file) === `${parsed.batch.id}.json`) return parsed.batch;
      this.#moveAside(file, `it holds batch ${parsed.batch.id}, which does not match its file name`);
      return null;
    }
    if (parsed.newerSchema !== null) {
      // Written by a newer FOTA Desk sharing this data folder: leave it for that version.
      this.#report(file, null, parsed.errors.join('; '));
      return null;
    }
    this.#moveAside(file, `it is not a valid batch: ${parsed.errors.slice(0, 3).join('; ')}`);
    return null;
  }

  #moveAside(file: string, problem: string): void {
    const now = this.#clock.now();
    let movedTo: string | null;
    try {
      movedTo = moveAside(file, now);
    } catch (error) {
      this.#report(file, null, `${problem}; moving it aside failed too (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return;
    }
    if (movedTo !== null) this.#report(file, movedTo, problem);
  }

  #report(file: string, movedTo: string | null, problem: string): void {
    if (this.#problems.some((p) => p.file === file && p.movedTo === movedTo)) return;
    this.#problems.push({ file, movedTo, problem, at: new Date(this.#clock.now()).toISOString() });
  }
}
