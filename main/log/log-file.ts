// The file side of the log: lines queue in memory and are appended in batches, off the caller's
// path, so the Electron main thread never waits on the disk for a log line. A failed write keeps its
// lines (in order) and tries again once a back-off on the injected clock has passed: a log folder
// that was gone or not writable for a while loses nothing it could hold, and logging resumes by
// itself. The queue is bounded; what falls out of it is counted and said in the log once it heals.
//
// Why our own and not pino (with pino-roll) or electron-log: the redactor must see every line before
// anything leaves the process, diagnostics reads `fota-desk.log`, `.1` … `.9`, and the window and a
// CLI may share one logs folder and must not both rotate it (the rotation lock below). pino-roll
// names its files its own way and runs in a worker thread the bundles would have to ship separately;
// electron-log keeps one archive file and its main entry imports `electron` (only main/app may). What
// we need is a queue, a back-off and the rotation we already had: smaller than either dependency.
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { appendFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../common/clock.ts';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../store/private-files.ts';

/** Lines held in memory at most while the log cannot be written; older ones are dropped first. */
export const MAX_PENDING_LINES = 10_000;
/** The first wait after a failed write before trying again; it doubles up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 1_000;
/** The longest wait between two attempts while the log cannot be written. */
export const RETRY_MAX_MS = 60_000;

/** How a RollingLogFile is made. */
export interface RollingLogFileOptions {
  /** the current file; rotated ones are `<file>.1` … `<file>.<files - 1>` */
  readonly file: string;
  readonly maxBytes: number;
  readonly files: number;
  readonly clock: Clock;
  /** the line that says `lost` lines were dropped while the log could not be written */
  readonly lossNote: (lost: number) => string;
}

/** A size-rotated, append-only text file written asynchronously, in order, retrying after failures. */
export class RollingLogFile {
  readonly file: string;
  readonly dir: string;
  readonly #options: RollingLogFileOptions;
  #pending: string[] = [];
  /** the batch being written, and how many of its lines are on disk already */
  #inFlight: readonly string[] = [];
  #inFlightDone = 0;
  #draining: Promise<void> | null = null;
  #scheduled: NodeJS.Immediate | null = null;
  #retryAt: number | null = null;
  #backoff = RETRY_FIRST_MS;
  #lost = 0;
  #wroteOnce = false;

  constructor(options: RollingLogFileOptions) {
    this.#options = options;
    this.file = options.file;
    this.dir = path.dirname(options.file);
  }

  /** Queues one line (without its newline); it is written soon, after the lines queued before it. */
  append(line: string): void {
    this.#pending.push(line);
    if (this.#pending.length > MAX_PENDING_LINES) {
      const excess = this.#pending.length - MAX_PENDING_LINES;
      this.#pending.splice(0, excess);
      this.#lost += excess;
    }
    this.#schedule();
  }

  /** Writes everything queued so far (trying again now even while backing off); never throws. */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
    if (this.#pending.length > 0 || this.#lost > 0) await this.#startDrain();
  }

  /**
   * Writes what is queued synchronously: for the process's last moments (an `exit` handler cannot
   * wait). A batch already handed to the disk is left to it. The file may end a little past its size
   * limit; the next process rotates it.
   */
  flushSync(): void {
    const lines = this.#takeBatch();
    if (lines.length === 0) return;
    try {
      mkdirSync(this.dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
      appendFileSync(this.file, `${lines.join('\n')}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      this.#pending.unshift(...lines);
    }
  }

  /** Lines accepted but not yet known to be on disk, oldest first (diagnostics shows them too). */
  unwritten(): string[] {
    return [...this.#inFlight.slice(this.#inFlightDone), ...this.#pending];
  }

  /** The log files, oldest first (rotated ones, then the current one). */
  files(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      // No logs folder (yet), or something else where it belongs: there is nothing to read.
      return [];
    }
    const base = path.basename(this.file);
    const rotated = names
      .map((name) => ({ name, n: new RegExp(`^${base.replaceAll('.', '\\.')}\\.(\\d+)$`).exec(name)?.[1] }))
      .filter((x): x is { name: string; n: string } => x.n !== undefined)
      .sort((a, b) => Number(b.n) - Number(a.n))
      .map((x) => path.join(this.dir, x.name));
    return [...rotated, ...(existsSync(this.file) ? [this.file] : [])];
  }

  #schedule(): void {
    if (this.#draining || this.#scheduled || this.#pending.length === 0) return;
    if (this.#retryAt !== null && this.#options.clock.now() < this.#retryAt) return;
    // One tick's lines go out in one append.
    this.#scheduled = setImmediate(() => {
      this.#scheduled = null;
      if (!this.#draining) void this.#startDrain();
    });
  }

  #startDrain(): Promise<void> {
    const run = this.#drain().finally(() => {
      this.#draining = null;
      this.#schedule();
    });
    this.#draining = run;
    return run;
  }

  /** The queued lines, with the note of lines lost before them. */
  #takeBatch(): string[] {
    const lines = this.#pending.splice(0);
    if (this.#lost > 0) {
      lines.unshift(this.#options.lossNote(this.#lost));
      this.#lost = 0;
    }
    return lines;
  }

  async #drain(): Promise<void> {
    const { maxBytes } = this.#options;
    const batch = this.#takeBatch();
    this.#inFlight = batch;
    this.#inFlightDone = 0;
    try {
      await this.#makeFolder();
      let size = await sizeOf(this.file);
      let chunk: string[] = [];
      let chunkBytes = 0;
      const write = async (): Promise<void> => {
        if (chunk.length === 0) return;
        await appendFile(this.file, `${chunk.join('\n')}\n`, { mode: PRIVATE_FILE_MODE });
        this.#inFlightDone += chunk.length;
        size += chunkBytes;
        chunk = [];
        chunkBytes = 0;
      };
      for (const line of batch) {
        const bytes = Buffer.byteLength(line) + 1;
        if (size + chunkBytes + bytes > maxBytes && size + chunkBytes > 0) {
          await write();
          this.#rotate();
          size = await sizeOf(this.file);
        }
        chunk.push(line);
        chunkBytes += bytes;
      }
      await write();
      this.#wroteOnce = true;
      this.#retryAt = null;
      this.#backoff = RETRY_FIRST_MS;
    } catch {
      // Logging never fails an operation: keep the unwritten lines, in order, and try again later.
      this.#pending.unshift(...batch.slice(this.#inFlightDone));
      this.#retryAt = this.#options.clock.now() + this.#backoff;
      this.#backoff = Math.min(this.#backoff * 2, RETRY_MAX_MS);
    } finally {
      this.#inFlight = [];
      this.#inFlightDone = 0;
    }
  }

  // The first write makes the data folder if need be; later ones make only the logs folder, so a
  // data folder removed under a running process (a reset, a test's cleanup) is not brought back by
  // its log: the lines wait in the queue instead.
  async #makeFolder(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: !this.#wroteOnce, mode: PRIVATE_FOLDER_MODE });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  // Synchronous on purpose: a rotation is a handful of renames once per maxBytes of log, and doing it
  // in one step keeps another process from appending to a half-rotated set of files.
  #rotate(): void {
    const { files } = this.#options;
    // Two processes (the window and a CLI) may share the folder: one rotates, the other skips.
    const lock = path.join(this.dir, '.rotate.lock');
    let fd: number;
    try {
      fd = openSync(lock, 'wx', PRIVATE_FILE_MODE);
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 30_000) unlinkSync(lock);
      } catch {
        // gone meanwhile
      }
      return;
    }
    try {
      if (!existsSync(this.file) || statSync(this.file).size === 0) return;
      const numbered = (n: number): string => `${this.file}.${n}`;
      if (files === 1) {
        unlinkSync(this.file);
        return;
      }
      if (existsSync(numbered(files - 1))) unlinkSync(numbered(files - 1));
      for (let n = files - 2; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
      renameSync(this.file, numbered(1));
    } finally {
      closeSync(fd);
      unlinkSync(lock);
    }
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
