// The app's log: `<dataDir>/logs/fota-desk.log`, rotated at 5 MB and kept as 10 files at most
// (fota-desk.log, .1 … .9). One readable line per event. Every line passes through the Redactor
// when it is logged, before it is queued, so a token or a secret never reaches the disk (or the
// queue) whatever a caller passes in. Writing is asynchronous and heals itself after a failed write
// (log-file.ts says how, and why not a logging library); `flush()` waits for the disk, and the
// process's logs (appLog) write what is still queued when the process exits.
import path from 'node:path';
import { systemClock, type Clock } from '../../common/clock.ts';
import { RollingLogFile } from './log-file.ts';
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
  readonly #level: number;
  readonly #out: RollingLogFile;
  #lastFailure: LoggedFailure | null = null;

  constructor(options: LoggerOptions) {
    this.dir = options.dir;
    this.file = path.join(options.dir, LOG_FILE);
    this.redactor = options.redactor ?? processRedactor;
    this.#clock = options.clock ?? systemClock;
    this.#level = LEVELS[options.level ?? 'info'];
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const files = options.files ?? DEFAULT_FILES;
    if (files < 1 || maxBytes < 1024) throw new RangeError('a log needs at least 1 file of at least 1 KiB');
    const lossNote = (lost: number): string => this.#line('warn', `${lost} log line(s) were dropped while the log folder could not be written`);
    this.#out = new RollingLogFile({ file: this.file, maxBytes, files, clock: this.#clock, lossNote });
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

  /** Logs one line (redacted and cut now, written soon). Logging never throws: a full disk must not stop a send. */
  write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (LEVELS[level] < this.#level) return;
    this.#out.append(this.#line(level, message, fields));
  }

  /** Waits until every line logged so far is written (or has failed once more and waits for a retry). */
  flush(): Promise<void> {
    return this.#out.flush();
  }

  /** Writes the queued lines synchronously: for an `exit` handler, which cannot wait. */
  flushSync(): void {
    this.#out.flushSync();
  }

  /** Lines logged but not yet known to be on disk, oldest first (already redacted). */
  unwritten(): string[] {
    return this.#out.unwritten();
  }

  /** The log files, oldest first (rotated ones, then the current one). */
  files(): string[] {
    return this.#out.files();
  }

  #line(level: LogLevel, message: string, fields?: Record<string, unknown>): string {
    const at = new Date(this.#clock.now()).toISOString();
    const line = this.redactor.redact(`${at} ${level.toUpperCase().padEnd(5)} ${message.replace(/[\r\n]+/g, ' ')}${fields && Object.keys(fields).length > 0 ? ` ${this.redactor.json(fields)}` : ''}`);
    return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} …[cut]` : line;
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
    const created = new Logger({ dir, level });
    logs.set(dir, created);
    // The CLI ends by itself once its writes are done; this covers a process.exit() or an app quit
    // that comes while lines are still queued.
    process.once('exit', () => created.flushSync());
    log = created;
  }
  return log;
}

/** Waits until every process log (appLog) has written what was logged so far. */
export async function flushAppLogs(): Promise<void> {
  await Promise.all([...logs.values()].map((log) => log.flush()));
}
