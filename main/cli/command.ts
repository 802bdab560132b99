import type { CliIo } from './io.ts';
import type { ExitCode } from './exit-codes.ts';
import { KindedError } from '../services/error-kinds.ts';

/** One `fota <name>` command. Each lives in its own file under main/cli/commands/. */
export interface Command {
  /** the word after `fota`, e.g. `license` or `batch send` for a sub-command */
  readonly name: string;
  /** one line for `fota --help` */
  readonly summary: string;
  /** the full text of `fota <name> --help` */
  readonly help: string;
  /** runs the command with the arguments after its name; returns the exit code */
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}

/** Thrown for invalid input (bad flag or value); the CLI prints the message and exits 2. */
export class UsageError extends KindedError {
  override readonly name = 'UsageError';
  readonly kind = 'invalid-input';
}
