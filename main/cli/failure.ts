// The CLI's renderer of classified errors (main/services/error-kinds.ts): each kind has one exit
// code, and the text says what to do as a `fota` command where the window would name a button.
// Every command reports its failures through here, so one failure has one exit code everywhere.
import { classifyError, type ClassifiedError, type ErrorKind } from '../services/error-kinds.ts';
import { UsageError } from './command.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import type { CliIo } from './io.ts';

/** The exit code of each kind (docs/cli.md, "Exit codes"). */
export const EXIT_CODE: Record<ErrorKind, ExitCode> = {
  'invalid-input': EXIT.invalidInput,
  'not-found': EXIT.invalidInput,
  'not-allowed': EXIT.invalidInput,
  'not-available': EXIT.internal,
  'too-new': EXIT.invalidInput,
  unreadable: EXIT.storage,
  corrupt: EXIT.invalidInput,
  'refused-before-sending': EXIT.invalidInput,
  fud: EXIT.fud,
  auth: EXIT.auth,
  'no-credentials': EXIT.auth,
  keychain: EXIT.auth,
  network: EXIT.network,
  protocol: EXIT.network,
  busy: EXIT.locked,
  storage: EXIT.storage,
  'journal-damaged': EXIT.invalidInput,
  internal: EXIT.internal,
};

// `error.type` of the `--json` failure object where it is not the kind itself (scripts know these).
const JSON_TYPE: Partial<Record<ErrorKind, string>> = { 'no-credentials': 'auth', keychain: 'auth', busy: 'locked', unreadable: 'storage' };

/** What the CLI makes of a failure: exit code, text for standard error, `--json` error object. */
export interface CliFailure {
  readonly exitCode: ExitCode;
  readonly text: string;
  readonly json: Record<string, unknown>;
  /** true for a bug: the caller rethrows it, and the top level asks for a report */
  readonly bug: boolean;
}

// The CLI's own advice per kind, as `fota` commands; null keeps the classified words.
function advice(c: ClassifiedError): string | null {
  const d = c.data;
  if (c.kind === 'no-credentials' && d.profile !== undefined) {
    return `${c.message} Run: fota login --profile "${d.profile}"${d.missing === 'client id' ? ' --client-id <id>' : ''}`;
  }
  if (c.kind === 'journal-damaged' && d.journal && d.batchId !== undefined) return `${d.journal.damage} Repair it with 'fota batch repair ${d.batchId}': ${d.journal.repair}`;
  if (c.kind === 'not-found' && d.missingItem === 'batch' && d.noBatches === true) return `${c.message} Create one with 'fota batch create'.`;
  if (c.kind === 'not-found' && d.missingItem === 'profile') return `${c.message} See 'fota profile list'.`;
  if (c.kind === 'internal') return `${c.data.unexpected === true ? 'unexpected error: ' : ''}${c.message}\nThis is a bug; please report it with 'fota diagnostics'.`;
  return null;
}

function fudText(c: ClassifiedError): string {
  const fud = c.data.fud;
  if (!fud) return c.message;
  const head =
    c.kind === 'refused-before-sending'
      ? `refused before sending (nothing was sent to Samsung): Samsung would answer ${fud.code}.`
      : `E-FOTA answered ${fud.code}${fud.httpStatus !== null ? ` (HTTP ${fud.httpStatus})` : ''}.`;
  return [
    head,
    ...fud.findings.map((m) => `  - ${m}`),
    `Cause: ${fud.cause}`,
    ...(fud.serverMessage ? [`Server message: ${fud.serverMessage}`] : []),
    `What to do: ${c.remedy ?? ''}`,
  ].join('\n');
}

function text(c: ClassifiedError): string {
  if (c.kind === 'fud' || c.kind === 'refused-before-sending') return fudText(c);
  const own = advice(c);
  if (own !== null) return own;
  const problems = c.data.problems ?? [];
  if (problems.length > 1) return `\n  ${problems.join('\n  ')}`;
  return c.remedy ? `${c.message}\nWhat to do: ${c.remedy}` : c.message;
}

function json(c: ClassifiedError, error: unknown): Record<string, unknown> {
  if (error instanceof UsageError) return { type: 'usage', message: c.message };
  if (c.data.efota) return c.data.efota;
  const storage = c.data.storage;
  if (storage) return { type: 'storage', code: storage.code, folder: storage.folder, kept: storage.kept, message: c.message };
  return { type: JSON_TYPE[c.kind] ?? c.kind, message: c.message };
}

/** Classifies a failure and words it for the command line. */
export function describeFailure(error: unknown): CliFailure {
  const c = classifyError(error);
  return { exitCode: EXIT_CODE[c.kind], text: text(c), json: json(c, error), bug: c.kind === 'internal' };
}

/** What a failure looks like in `--json` output. */
export interface JsonFailure {
  readonly ok: false;
  readonly command: string;
  readonly exitCode: ExitCode;
  readonly error: Record<string, unknown>;
}

/** After a usage error, where to read the command's options; '' for any other failure. */
export function usageHint(command: string, error: unknown): string {
  return error instanceof UsageError ? `\nRun 'fota ${command} --help' for usage.` : '';
}

/** Prints an expected failure (text on stderr; with `json`, also the JSON object on stdout); null for a bug. */
export function reportFailure(io: CliIo, command: string, error: unknown, json: boolean): ExitCode | null {
  const failure = describeFailure(error);
  if (failure.bug) return null;
  io.stderr(`fota ${command}: ${failure.text}${usageHint(command, error)}\n`);
  if (json) {
    const body: JsonFailure = { ok: false, command, exitCode: failure.exitCode, error: failure.json };
    io.stdout(`${JSON.stringify(body)}\n`);
  }
  return failure.exitCode;
}

/**
 * Says that nothing was done (the admin declined, or there was nothing to do): not a success, so a
 * script never mistakes it for one. Exit 2 (EXIT.nothingDone); with `json`, one failure object.
 */
export function reportNothingDone(io: CliIo, command: string, message: string, json: boolean, extra: Record<string, unknown> = {}): ExitCode {
  io.stderr(`fota ${command}: ${message}\n`);
  if (json) io.stdout(`${JSON.stringify({ ok: false, command, exitCode: EXIT.nothingDone, reason: 'nothing-done', message, ...extra })}\n`);
  return EXIT.nothingDone;
}

/** Runs a command body; an expected failure is printed and becomes its exit code, a bug is rethrown. */
export async function guardCommand(io: CliIo, command: string, body: () => Promise<ExitCode>, options: { readonly json?: boolean } = {}): Promise<ExitCode> {
  try {
    return await body();
  } catch (error) {
    const code = reportFailure(io, command, error, options.json === true);
    if (code === null) throw error;
    return code;
  }
}
