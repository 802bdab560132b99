import { Readable } from 'node:stream';
import type { CliIo } from '../../main/cli/io.ts';

/** A CliIo that records output in memory; `stdin` is the given text. */
export function memoryIo(options: { stdin?: string; env?: Record<string, string | undefined>; cwd?: string; tty?: boolean } = {}): CliIo & {
  out(): string;
  err(): string;
  interrupt(): void;
} {
  let out = '';
  let err = '';
  let interrupt = (): void => undefined;
  const interrupted = new Promise<void>((resolve) => {
    interrupt = resolve;
  });
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdinIsTty: options.tty ?? false,
    stdoutIsTty: options.tty ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    interrupted,
    out: () => out,
    err: () => err,
    interrupt: () => interrupt(),
  };
}
