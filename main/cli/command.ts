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

/**
 * A parseArgs error in our words: Node's text ("Unknown option '--x'. To specify a positional
 * argument starting with a '-', place it at the end of the command after '--', as in …") speaks of
 * parseArgs, not of fota. The caller adds "Run 'fota <command> --help'".
 */
export function flagError(error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option '${quoted}': this command has no such option (a value that starts with '-' goes after '--')`);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`unexpected argument '${quoted}': this command takes options only`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = quoted.split(' ')[0] ?? quoted;
    return new UsageError(/does not take an argument/.test(message) ? `option ${option} takes no value` : `option ${option} needs a value`);
  }
  return new UsageError(message);
}
