// The app's log: `<dataDir>/logs/fota-desk.log`, rotated at 5 MB and kept as 10 files at most
// (fota-desk.log, .1 … .9). One readable line per event. Every line passes through the Redactor
// right before it is written, so a token or a secret never reaches the disk whatever a caller
// passes in. Writes are synchronous appends: a crash right after an error still leaves its line.
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../common/clock.ts';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../store/private-files.ts';
import { processRedactor, type Redactor } from './redactor.ts';

/** Severity of a line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The log file's name inside the logs folder. */
export const LOG_FILE = 'fota-desk.log';
/** Rotate when the file would grow past this. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Files kept in all (the current one plus rotated ones). */
export const DEFAULT_FILES = 10;
/** A single line longer than this is cut (a raw XML answer belongs in the history, not the log). */
export const MAX_LINE_CHARS = 16 * 1024;

/** The logs folder of a data folder. */
export function logDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

/** How a Logger is made. */
export interface LoggerOptions {
  /** the logs folder */
  readonly dir: string;
  readonly clock?: Clock;
  readonly maxBytes?: number;
  readonly files?: number;
  /** default: the process-wide redactor (secrets registered anywhere in the process) */
  readonly redactor?: Redactor;
  /** lines below this level are dropped (default info; FOTA_DESK_LOG=debug for more) */
  readonly level?: LogLevel;
}

/** A failed operation, as diagnostics reports it. */
export interface LoggedFailure {
  readonly at: string;
  readonly operation: string;
  /** FUD code, or the error family (auth, transport, protocol) */
  readonly code: string;
  readonly message: string;
}

/** A rotating, redacting line log. */
export class Logger {
  readonly dir: string;
  readonly file: string;
  readonly redactor: Redactor;
  readonly #clock: Clock;
  readonly #maxBytes: number;
  readonly #files: number;
  readonly #level: number;
  #lastFailure: LoggedFailure | null = null;
  #broken = false;

  constructor(options: LoggerOptions) {
    this.dir = options.dir;
    this.file = path.join(options.dir, LOG_FILE);
    this.redactor = options.redactor ?? processRedactor;
    this.#clock = options.clock ?? systemClock;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.#files = options.files ?? DEFAULT_FILES;
    this.#level = LEVELS[options.level ?? 'info'];
    if (this.#files < 1 || this.#maxBytes < 1024) throw new RangeError('a log needs at least 1 file of at least 1 KiB');
  }

  /** The last failure logged by this process (for "copy diagnostics"). */
  get lastFailure(): LoggedFailure | null {
    return this.#lastFailure;
  }

  /** Logs a debug line. */
  debug(message: string, fields?: Record<string, unknown>): void {
    this.write('debug', message, fields);
  }

  /** Logs an info line. */
  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }

  /** Logs a warning. */
  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }

  /** Logs an error. */
  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  /** Logs a failed operation (at warn level) with its FUD code (or error family), the line diagnostics looks for. */
  failure(operation: string, code: string, message: string, fields?: Record<string, unknown>): void {
    const at = new Date(this.#clock.now()).toISOString();
    const safe = (s: string): string => this.redactor.redact(s.replace(/\s+/g, '_')).slice(0, 100);
    this.#lastFailure = { at, operation: safe(operation), code: safe(code), message: this.redactor.redact(message) };
    this.write('warn', `failure operation=${safe(operation)} code=${safe(code)} ${message}`, fields);
  }

  /** Writes one line (redacted, cut, rotated when needed). Logging never throws: a full disk must not stop a send. */
  write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (LEVELS[level] < this.#level || this.#broken) return;
    const at = new Date(this.#clock.now()).toISOString();
    let line = `${at} ${level.toUpperCase().padEnd(5)} ${message.replace(/[\r\n]+/g, ' ')}${fields && Object.keys(fields).length > 0 ? ` ${this.redactor.json(fields)}` : ''}`;
    line = this.redactor.redact(line);
    if (line.length > MAX_LINE_CHARS) line = `${line.slice(0, MAX_LINE_CHARS)} …[cut]`;
    try {
      mkdirSync(this.dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
      const bytes = Buffer.byteLength(line) + 1;
      if (this.#size() + bytes > this.#maxBytes) this.#rotate();
      appendFileSync(this.file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // A log that cannot be written is not worth failing the operation for; stop trying.
      this.#broken = true;
    }
  }

  /** The log files, oldest first (rotated ones, then the current one). */
  files(): string[] {
    if (!existsSync(this.dir)) return [];
    const rotated = readdirSync(this.dir)
      .map((name) => ({ name, n: new RegExp(`^${LOG_FILE.replace('.', '\\.')}\\.(\\d+)$`).exec(name)?.[1] }))
      .filter((x): x is { name: string; n: string } => x.n !== undefined)
      .sort((a, b) => Number(b.n) - Number(a.n))
      .map((x) => path.join(this.dir, x.name));
    return [...rotated, ...(existsSync(this.file) ? [this.file] : [])];
  }

  #size(): number {
    try {
      return statSync(this.file).size;
    } catch {
      return 0;
    }
  }

  #rotate(): void {
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
      if (this.#size() === 0) return;
      const numbered = (n: number): string => `${this.file}.${n}`;
      if (this.#files === 1) {
        unlinkSync(this.file);
        return;
      }
      if (existsSync(numbered(this.#files - 1))) unlinkSync(numbered(this.#files - 1));
      for (let n = this.#files - 2; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
      renameSync(this.file, numbered(1));
    } finally {
      closeSync(fd);
      unlinkSync(lock);
    }
  }
}

const logs = new Map<string, Logger>();

/** The process's logger for a data folder (one per folder; FOTA_DESK_LOG=debug lowers the level). */
export function appLog(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Logger {
  const dir = logDir(dataDir);
  let log = logs.get(dir);
  if (!log) {
    const wanted = env['FOTA_DESK_LOG'];
    const level: LogLevel = wanted === 'debug' || wanted === 'info' || wanted === 'warn' || wanted === 'error' ? wanted : 'info';
    log = new Logger({ dir, level });
    logs.set(dir, log);
  }
  return log;
}
