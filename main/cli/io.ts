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
  let interrupted: Promise<void> | null = null;
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdin: process.stdin,
    stdinIsTty: Boolean(process.stdin.isTTY),
    stdoutIsTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    // Installed only when a command waits for Ctrl+C: a listener replaces Node's default "exit on
    // SIGINT", so commands that never look keep the default. `process.on`, not `once`: conf's
    // exit hook re-raises the signal after its own once-handler, and that must not kill a command
    // that is still shutting down cleanly.
    get interrupted() {
      interrupted ??= new Promise<void>((resolve) => {
        process.on('SIGINT', () => resolve());
        process.on('SIGTERM', () => resolve());
      });
      return interrupted;
    },
  };
}
