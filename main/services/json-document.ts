// A small JSON document in the data folder (preferences, a profile's groups, remembered column
// mappings) shared by the window and the CLI: changes are made under a lock after re-reading the
// file, writes are atomic (write a temporary file, then rename), and a file that fails its check is
// moved aside to `*.corrupt-<time>` and reported, never silently overwritten or half-used. Each
// kind of document is checked by its valibot schema (groups-schema.ts, import-mappings-schema.ts,
// preferences-schema.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as v from 'valibot';
import { problemLine, readJson, type JsonWords } from '../../common/schema/check-json.ts';
import { withFileLock } from '../store/file-lock.ts';
import { moveAside, writeFileAtomic } from '../store/safe-file.ts';
import { ensurePrivateFolder } from '../store/private-files.ts';

/** One JSON document on disk. */
export class JsonDocument<T> {
  /** told about every file moved aside (the window shows it as a notice) */
  onMovedAside: ((movedTo: string, problem: string) => void) | null = null;

  constructor(
    readonly file: string,
    private readonly schema: v.GenericSchema<unknown, T>,
    private readonly words: JsonWords,
    private readonly empty: () => T,
    private readonly now: () => number = Date.now,
  ) {}

  /** The document as it is on disk now (the empty one when there is no file). */
  read(): T {
    if (!existsSync(this.file)) return this.empty();
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read ${this.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Check that this user may read the FOTA Desk data folder.`, { cause: error });
    }
    const read = readJson(text, this.schema, this.words);
    if (read.ok) return read.value;
    return this.#moveAside(read.notJson ? `it is ${problemLine(read.problems)}` : problemLine(read.problems));
  }

  /** Changes the document under its lock; `change` returns the new document, or null to keep it. */
  async update(change: (current: T) => T | null): Promise<T> {
    return withFileLock(`${this.file}.lock`, () => {
      const current = this.read();
      const next = change(current);
      if (next === null) return current;
      this.#write(next);
      return next;
    });
  }

  #write(value: T): void {
    ensurePrivateFolder(path.dirname(this.file));
    writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`);
  }

  #moveAside(problem: string): T {
    let movedTo: string | null = null;
    try {
      movedTo = moveAside(this.file, this.now());
    } catch {
      // It cannot be renamed (permissions): it is still never used, and the next write replaces it.
    }
    // null: another process moved it first; its notice is the one shown.
    if (movedTo !== null) this.onMovedAside?.(movedTo, problem);
    return this.empty();
  }
}
