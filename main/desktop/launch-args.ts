// Files the OS asks the app to open: a `.fotabatch` double-clicked in Explorer or Finder arrives in
// the first instance's argv, in a second instance's argv (forwarded by the single-instance lock), or
// on macOS as an `open-file` event that may come before the app is ready.
import path from 'node:path';

/** The hand-off file extension (the batches item's export format). */
export const BATCH_EXTENSION = '.fotabatch';

/**
 * The `.fotabatch` files named in a command line, as absolute paths (relative ones resolved against
 * `cwd`, the launching process's folder). Switches (`--…`) and the app's own arguments are skipped.
 */
export function batchFilesFromArgv(argv: readonly string[], cwd: string, platform: NodeJS.Platform = process.platform): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const unquoted = arg.replace(/^"(.*)"$/, '$1');
    if (!unquoted.toLowerCase().endsWith(BATCH_EXTENSION)) continue;
    const absolute = p.resolve(cwd, unquoted);
    if (!files.includes(absolute)) files.push(absolute);
  }
  return files;
}

/**
 * Holds files asked for before anyone can open them (before the window exists) and hands them over
 * in order once a consumer is attached.
 */
export class OpenFileQueue {
  readonly #pending: string[] = [];
  #consumer: ((file: string) => void) | null = null;

  /** Queues (or, with a consumer attached, delivers) each file. */
  push(...files: readonly string[]): void {
    for (const file of files) {
      if (this.#consumer) this.#consumer(file);
      else this.#pending.push(file);
    }
  }

  /** Attaches the consumer and delivers everything queued so far. */
  attach(consumer: (file: string) => void): void {
    this.#consumer = consumer;
    for (const file of this.#pending.splice(0)) consumer(file);
  }

  /** Files waiting for a consumer (tests, diagnostics). */
  get pending(): readonly string[] {
    return [...this.#pending];
  }
}
