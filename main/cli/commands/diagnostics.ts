// `fota diagnostics`: the text to paste into a Samsung (or FOTA Desk) support ticket — app
// version, OS, the failing operation and its FUD code, and the last 200 log lines, all redacted.
import { UsageError, type Command } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { parseFlags, printJson } from './batch-context.ts';
import { OUTPUT_OPTIONS, outputFlag } from '../file-flags.ts';
import { collectDiagnostics, DIAGNOSTIC_LINES, diagnosticsText, type DiagnosticsProfile } from '../../log/diagnostics.ts';
import { appLog } from '../../log/logger.ts';
import { currentDataFolder } from '../../store/data-folder.ts';
import { activeProfileFacts } from '../../store/facts.ts';
import { openSettings } from '../../store/open-settings.ts';
import { isPackagedRuntime } from '../../store/packaged.ts';
import { writePrivateFile } from '../../store/private-files.ts';
import { asStorageError } from '../../store/storage-error.ts';
import { userPath } from '../user-path.ts';

const HELP = `fota diagnostics — a report for a support ticket (nothing secret in it)

Usage: fota diagnostics [-o FILE] [--json]

  -o, --output FILE   write the report to FILE instead of standard output
  --json              the report as one JSON object

The report holds FOTA Desk's version, the OS, the last failing operation with its FUD code (or
error kind), the active profile with what its server was seen to do (which element v1 serverInit
reads the sales code from), and the last ${DIAGNOSTIC_LINES} lines of the log
(<data folder>/logs/fota-desk.log).
Tokens, client secrets and Authorization headers are redacted by the logger when a line is
written, and again when the report is made. Set FOTA_DESK_LOG=debug for more detailed logs.
`;

/** `fota diagnostics`. */
export const command: Command = {
  name: 'diagnostics',
  summary: 'a redacted report for a support ticket: version, OS, last failure, last 200 log lines',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values } = parseFlags(args, { ...OUTPUT_OPTIONS, json: { type: 'boolean' } });
    const output = outputFlag(values);
    const dataDir = currentDataFolder(io.env, isPackagedRuntime());
    const log = appLog(dataDir, io.env);
    const profile = await profileFactsOf(dataDir);
    const report = collectDiagnostics(log, profile ? { profile } : {});
    const text = values.json === true ? `${JSON.stringify({ ok: true, command: 'diagnostics', result: report }, null, 2)}\n` : diagnosticsText(report);
    if (output === undefined) {
      if (values.json === true) printJson(io, { ok: true, command: 'diagnostics', result: report });
      else io.stdout(text);
      return EXIT.ok;
    }
    const file = userPath(io, output);
    try {
      writePrivateFile(file, text);
    } catch (error) {
      throw asStorageError(error, { file, kept: 'Nothing else was changed.' }) ?? new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    io.stdout(`Wrote the diagnostics report to ${file}; attach it to the support ticket.\n`);
    return EXIT.ok;
  },
};

// A report must come out even when the settings cannot be read: then it simply has no profile part.
async function profileFactsOf(dataDir: string): Promise<DiagnosticsProfile | null> {
  try {
    return activeProfileFacts(await openSettings(dataDir).load());
  } catch {
    return null;
  }
}
