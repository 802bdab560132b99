// `fota batch results <batch> [-o results.csv] [--delimiter ,|;]`: a batch's per-device results,
// as a table for people or as CSV for Excel (UTF-8 with BOM, the locale's list separator, formulas
// neutralised) that re-imports cleanly as a device list.
import path from 'node:path';
import { defaultDelimiter } from '../../../common/export/csv.ts';
import { UsageError, type Command } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { onePositional, parseFlags, printJson } from './batch-context.ts';
import { delimiterFlag, OUTPUT_OPTIONS, outputFlag } from '../file-flags.ts';
import { findHistory, reportFileProblems, syncHistory, trackingContext } from './batch-status.ts';
import { guardCommand } from '../failure.ts';
import { batchResults, stateLabel } from '../../batches/results.ts';
import { writePrivateFile } from '../../store/private-files.ts';
import { asStorageError } from '../../store/storage-error.ts';
import { PRACTICE_MARK } from '../../practice/practice-profile.ts';
import { userPath } from '../user-path.ts';

const HELP = `fota batch results — a sent batch's per-device results, on screen or as CSV

Usage: fota batch results <batch> [-o FILE] [--delimiter ,|;] [--json]

  <batch>             a sent batch's name or id
  -o, --output FILE   write CSV to exactly FILE ('-' for standard output); a practice batch's
                      first row says PRACTICE (the file keeps the name you gave)
  --delimiter ,|;     the CSV separator; default ';' where this computer's locale writes decimals
                      with a comma (Excel expects ';' there), else ','
  --json              one JSON object on standard output instead of the table

Each device's latest known state: downloaded, processing, failed (with Samsung's reason), unknown
(Samsung's answer could not be read or did not add up), sent (not refreshed yet), scheduled (v1
groups: not trackable), or what stopped it being sent. The CSV is UTF-8 with a BOM; cells that
start with = + - @, a tab or a carriage return are prefixed with ' so a spreadsheet never runs
them. Its Serial Number, Model and Sales Code columns re-import as a device list.
Refresh first with 'fota batch status <batch> --refresh' for the latest states.
`;

/** `fota batch results`. */
export const command: Command = {
  name: 'batch results',
  summary: "a sent batch's per-device results, as a table or CSV (-o results.csv)",
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const json = args.includes('--json');
    return guardCommand(io, 'batch results', async () => {
      const { values, positionals } = parseFlags(args, { ...OUTPUT_OPTIONS, delimiter: { type: 'string' }, json: { type: 'boolean' } });
      const ref = onePositional(positionals, 'batch');
      const delimiter = delimiterFlag(values.delimiter, defaultDelimiter(), [',', ';']);
      const output = outputFlag(values);
      const ctx = trackingContext(io);
      await syncHistory(ctx, io, 'batch results');
      const history = findHistory(ctx, ref);
      reportFileProblems(ctx, io, 'batch results');
      if (output !== undefined) {
        const given = output === '-' ? null : userPath(io, output);
        const csv = ctx.service.exportCsv(history.batchId, { delimiter, ...(given ? { fileName: path.basename(given) } : {}) });
        if (!csv) throw new UsageError(`batch '${ref}' vanished from the history while reading it; try again`);
        if (given === null) {
          io.stdout(csv.text);
          return EXIT.ok;
        }
        const file = path.join(path.dirname(given), csv.fileName);
        const mark = history.practice ? `; ${PRACTICE_MARK} data, marked in its first row` : '';
        try {
          writePrivateFile(file, csv.text);
        } catch (error) {
          throw asStorageError(error, { file, kept: 'The results stay in the history; nothing else was changed.' }) ?? new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
        ctx.log.info('results exported', { batchId: history.batchId, devices: csv.devices, delimiter });
        if (json) printJson(io, { ok: true, command: 'batch results', result: { file, devices: csv.devices, delimiter, practice: history.practice } });
        else io.stdout(`Wrote ${csv.devices} device(s) of '${history.batchName}' to ${file} (delimiter '${delimiter}'${mark}).\n`);
        return EXIT.ok;
      }
      const rows = batchResults(history);
      if (json) {
        printJson(io, { ok: true, command: 'batch results', result: { batchId: history.batchId, batchName: history.batchName, practice: history.practice, devices: rows.map((r) => ({ ...r, label: stateLabel(r) })) } });
        return EXIT.ok;
      }
      const width = Math.max(6, ...rows.map((r) => r.serial.length));
      const lines = [
        `Batch '${history.batchName}' (${history.batchId})${history.practice ? ' [PRACTICE]' : ''}: ${rows.length} device(s)`,
        ...rows.map((r) => `  ${r.serial.padEnd(width)}  ${`${r.model}/${r.salesCode}`.padEnd(16)}  ${stateLabel(r)}`),
      ];
      io.stdout(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }, { json });
  },
};
