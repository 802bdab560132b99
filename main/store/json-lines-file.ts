// The durable side of JSON-lines files (send journals, the audit log): appends that are on disk
// (fsync) before the caller moves on, and a reader that tells a torn last line — a crash in the
// middle of a write — from damage elsewhere in the file.
import { readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { parseJsonText } from '../../common/schema/check-json.ts';
import { PRIVATE_FILE_MODE } from './private-files.ts';
import { syncFolder } from './safe-file.ts';
import { asStorageError } from './storage-error.ts';

/** Write statistics of an appender. */
export interface JournalStats {
  /** write+fsync rounds */
  readonly flushes: number;
  /** total time spent in fsync, ms */
  readonly syncMs: number;
  /** lines appended */
  readonly appends: number;
  /** total time from `append` to "on disk", ms */
  readonly appendMs: number;
}

/**
 * Appends lines to a file opened with 'a'. `append` resolves once the line is written *and*
 * fsynced. Lines queued while an fsync runs are written and fsynced together (group commit), so
 * concurrent calls share the cost without any of them skipping the disk.
 */
export class DurableAppender {
  readonly path: string;
  readonly #handle: FileHandle;
  #queue: Array<{ text: string; resolve: () => void; reject: (error: unknown) => void }> = [];
  #flushing = false;
  #broken: unknown = null;
  #closed = false;
  #writes = 0;
  #syncMs = 0;
  #appends = 0;
  #appendMs = 0;

  private constructor(file: string, handle: FileHandle) {
    this.path = file;
    this.#handle = handle;
  }

  /** Opens (creating when absent) a file for durable appends; a new file's folder entry is fsynced too. */
  static async open(file: string): Promise<DurableAppender> {
    let handle: FileHandle;
    try {
      handle = await open(file, 'a', PRIVATE_FILE_MODE);
    } catch (error) {
      throw asStorageError(error, { file, kept: `Nothing was added to ${path.basename(file)}.` }) ?? error;
    }
    const appender = new DurableAppender(file, handle);
    try {
      await handle.sync();
      syncFolder(path.dirname(file));
    } catch (error) {
      await handle.close();
      throw asStorageError(error, { file, kept: `Nothing was added to ${path.basename(file)}.` }) ?? error;
    }
    return appender;
  }

  /** fsyncs done so far and their total time; appends and their total time until durable (benchmark). */
  get stats(): JournalStats {
    return { flushes: this.#writes, syncMs: this.#syncMs, appends: this.#appends, appendMs: this.#appendMs };
  }

  /** Appends one JSON record as a line; resolves when it is on disk. */
  append(record: unknown): Promise<void> {
    return this.appendLine(JSON.stringify(record));
  }

  /** Appends one line (no line breaks inside); resolves when it is on disk. */
  appendLine(line: string): Promise<void> {
    if (this.#closed) return Promise.reject(new Error(`${this.path} is closed`));
    if (this.#broken !== null) return Promise.reject(this.#broken);
    if (/[\r\n]/.test(line)) return Promise.reject(new Error('a journal line must not contain a line break'));
    const started = performance.now();
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ text: `${line}\n`, resolve, reject });
      if (!this.#flushing) void this.#flush();
    }).then(() => {
      this.#appends += 1;
      this.#appendMs += performance.now() - started;
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0);
      try {
        if (this.#broken !== null) throw this.#broken;
        const bytes = Buffer.from(group.map((g) => g.text).join(''), 'utf8');
        let offset = 0;
        while (offset < bytes.length) {
          const { bytesWritten } = await this.#handle.write(bytes, offset, bytes.length - offset);
          offset += bytesWritten;
        }
        const started = performance.now();
        await this.#handle.sync();
        this.#syncMs += performance.now() - started;
        this.#writes += 1;
        for (const g of group) g.resolve();
      } catch (error) {
        // After a failed write the file's end is unknown: refuse everything that follows. A cut-off
        // last line is dropped (and reported) when the file is next read.
        const failure = asStorageError(error, { file: this.path, kept: `Every record written before is kept in ${this.path}; the record being written was not stored.` }) ?? error;
        this.#broken = failure;
        for (const g of group) g.reject(failure);
      }
    }
    this.#flushing = false;
  }

  /** Waits for queued lines, then closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    while (this.#flushing || this.#queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
    this.#closed = true;
    await this.#handle.close();
  }
}

/** A line that could not be read. */
export interface BadLine {
  /** 1-based line number */
  readonly line: number;
  readonly problem: string;
}

/** What a JSON-lines file holds. */
export interface JsonLines {
  /** every complete line, parsed, in order (up to the first bad line) */
  readonly values: unknown[];
  /** a last line without its line break that does not parse: a write cut short by a crash */
  readonly torn: { readonly offset: number; readonly text: string } | null;
  /** a complete line that does not parse: damage, not a crash (null when none) */
  readonly bad: BadLine | null;
  /** byte length of the good part (where a torn line starts) */
  readonly goodBytes: number;
}

/** Reads a JSON-lines file; a torn last line is separated out, the first damaged line is reported. */
export function readJsonLines(file: string): JsonLines {
  const bytes = readFileSync(file);
  const values: unknown[] = [];
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    line += 1;
    const complete = end !== -1;
    const text = bytes.subarray(start, complete ? end : bytes.length).toString('utf8');
    const parsed = parseJsonText(text);
    if (!complete) {
      // No line break: the write of this line never finished, even when the text happens to parse.
      return { values, torn: { offset: start, text }, bad: null, goodBytes: start };
    }
    if (!parsed.ok) return { values, torn: null, bad: { line, problem: `line ${line} is not valid JSON` }, goodBytes: start };
    values.push(parsed.value);
    start = end + 1;
  }
  return { values, torn: null, bad: null, goodBytes: bytes.length };
}
