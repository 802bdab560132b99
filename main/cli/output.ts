// What an operation command prints and which exit code it returns. People get text (results on
// stdout, problems on stderr, never a stack trace for an expected failure); scripts get `--json`:
// exactly one JSON object on stdout, for a success and for a failure alike.
import type { OperationName } from '../../common/efota/operations.ts';
import type { Finding } from '../../common/efota/finding.ts';
import type { EfotaClient } from '../efota/client.ts';
import type { Command } from './command.ts';
import { reportFailure } from './failure.ts';
import { clientFor, commandLog, CONNECTION_HELP, parseCommandArgs, resolveConnection } from './connection.ts';
import type { FlagValues } from './connection-types.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';
import type { ParseArgsConfig } from 'node:util';
import type { EfotaIdentity } from '../efota/types.ts';

/** Prints a success: the human text, or one JSON object. */
export function printSuccess(io: CliIo, json: boolean, human: string, data: Record<string, unknown>): void {
  io.stdout(json ? `${JSON.stringify({ ok: true, ...data })}\n` : human.endsWith('\n') ? human : `${human}\n`);
}

/** A parsed command line handed to an operation. */
export interface OperationInput {
  readonly values: FlagValues;
  readonly positionals: readonly string[];
}

/** What the output functions get: the parsed input plus the identity the call used. */
export interface OperationContext extends OperationInput {
  readonly identity: EfotaIdentity;
}

/** One `fota <command>` that calls one E-FOTA operation. */
export interface OperationCommandSpec<T> {
  readonly name: string;
  readonly summary: string;
  /** usage line(s) and what the command does; the connection help is appended */
  readonly help: string;
  readonly operation: OperationName;
  /** the command's own flags */
  readonly options?: NonNullable<ParseArgsConfig['options']>;
  readonly positionals: { readonly min: number; readonly max: number; readonly what: string };
  /** checks the command's own input (throw UsageError), before any connection is made */
  readonly check?: (input: OperationInput) => void;
  readonly call: (client: EfotaClient, input: OperationInput) => Promise<T>;
  readonly human: (result: T, context: OperationContext) => string;
  /** the `result` member of the JSON output (default: the result itself) */
  readonly json?: (result: T, context: OperationContext) => unknown;
}

/** Builds a Command from an operation spec: parse, connect, call, print, map failures to exit codes. */
export function operationCommand<T>(spec: OperationCommandSpec<T>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    help: `${spec.help.trimEnd()}\n\n${CONNECTION_HELP}\n`,
    async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
      const json = args.includes('--json');
      const warnings: Finding[] = [];
      try {
        const input = parseCommandArgs(args, spec.options ?? {}, spec.positionals);
        spec.check?.(input);
        const connection = await resolveConnection(input.values, io);
        try {
          const client = clientFor(connection, {
            log: commandLog(io),
            onFindings: (_op, findings) => warnings.push(...findings.filter((f) => f.severity === 'warning')),
          });
          const result = await spec.call(client, input);
          await connection.recordResult?.(spec.operation, input, result);
          const context: OperationContext = { ...input, identity: connection.identity };
          for (const w of warnings) io.stderr(`fota ${spec.name}: warning: ${w.message}\n`);
          printSuccess(io, json, spec.human(result, context), {
            command: spec.name,
            operation: spec.operation,
            result: spec.json ? spec.json(result, context) : result,
            ...(warnings.length > 0 ? { warnings: warnings.map(findingJson) } : {}),
          });
          return EXIT.ok;
        } finally {
          await connection.close();
        }
      } catch (error) {
        for (const w of warnings) io.stderr(`fota ${spec.name}: warning: ${w.message}\n`);
        const code = reportFailure(io, spec.name, error, json);
        if (code === null) throw error;
        return code;
      }
    },
  };
}

function findingJson(f: Finding): Record<string, unknown> {
  return { element: f.element, value: f.value, fud: f.fud, message: f.message };
}
