import type { Readable } from 'node:stream';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: Readable;
  /** true when stdin is a terminal (prompts are allowed) */
  readonly stdinIsTty: boolean;
  /** true when stdout is a terminal (progress bars are allowed) */
  readonly stdoutIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** resolves when the user asks to stop (Ctrl+C); commands that serve forever await it */
  readonly interrupted: Promise<void>;
}

/** The real process's streams, for the `fota` binary. */
export function processIo(): CliIo {
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdin: process.stdin,
    stdinIsTty: Boolean(process.stdin.isTTY),
    stdoutIsTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    interrupted,
  };
}
