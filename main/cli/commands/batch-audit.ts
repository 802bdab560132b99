// `fota batch audit`: the audit log (who sent what to which tenant, and Samsung's answers) as a
// table for people, JSON lines for scripts, or CSV for a spreadsheet (`--csv`, and any `-o FILE`).
import { UsageError, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { guardCommand } from '../failure.ts';
import { delimiterFlag, OUTPUT_OPTIONS, outputFlag } from '../file-flags.ts';
import { userPath } from '../user-path.ts';
import { batchContext, parseFlags } from './batch-context.ts';
import { auditCsv, readAuditLog } from '../../batches/audit-log.ts';
import { writePrivateFile } from '../../store/private-files.ts';

const HELP = `fota batch audit — the audit log: who sent what to which tenant, and Samsung's answers

Usage: fota batch audit [--batch <name or id>] [--json | --csv] [--delimiter , | ; | tab] [-o FILE]

  --batch B      only entries of this batch (name or id)
  --json         JSON lines, one entry per line, every field (for scripts)
  --csv          CSV (one row per entry; cells that a spreadsheet would run as a formula are
                 prefixed with ') instead of the table
  --delimiter D  CSV field delimiter: , (default), ; or tab
  -o, --output FILE
                 write to FILE instead of standard output: CSV (UTF-8 with a BOM), or JSON lines
                 with --json (--out FILE, the older spelling, works too)

Without --json or --csv it prints a table: time (UTC), user, batch, event, call, result and the
forceUpdateId or FUD code. The log is <data folder>/audit.log, append-only JSON lines: time, OS
user, host, profile, customer ID, batch, each call and its result. It never holds a token or a
client secret.
`;

const text = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** The audit entries as a table with aligned columns (the last column left ragged). */
export function auditTable(entries: readonly Record<string, unknown>[]): string {
  if (entries.length === 0) return 'No audit entries.\n';
  const head = ['time (UTC)', 'user', 'batch', 'event', 'call', 'result', 'forceUpdateId / code'];
  const rows = entries.map((e) => [
    text(e['at']).slice(0, 19).replace('T', ' '),
    text(e['user']),
    text(e['batchName'] ?? e['batchId']),
    text(e['event']),
    text(e['callId']),
    text(e['result']),
    text(e['forceUpdateId'] ?? e['code']),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

/** `fota batch audit`. */
export const command: Command = {
  name: 'batch audit',
  summary: 'the audit log of sends: a table, JSON lines (--json) or CSV (--csv, -o FILE)',
  help: HELP,
  run: (args, io) =>
    guardCommand(io, 'batch audit', async () => {
      const { values, positionals } = parseFlags(args, { batch: { type: 'string' }, csv: { type: 'boolean' }, json: { type: 'boolean' }, delimiter: { type: 'string' }, ...OUTPUT_OPTIONS });
      if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`);
      if (values.json === true && values.csv === true) throw new UsageError('choose one: --json (JSON lines) or --csv');
      const delimiter = delimiterFlag(values.delimiter, ',');
      const output = outputFlag(values);
      const ctx = batchContext(io);
      const { entries, problems } = readAuditLog(ctx.dataDir);
      let wanted = entries;
      if (values.batch !== undefined) {
        const batchRef = values.batch;
        const batch = ctx.store.list().find((b) => b.id === batchRef || b.name.toLowerCase() === batchRef.toLowerCase());
        wanted = entries.filter((e) => e['batchId'] === (batch?.id ?? batchRef) || e['batchName'] === batchRef);
      }
      for (const p of problems) io.stderr(`fota batch audit: warning: ${p}\n`);
      const jsonLines = (): string => wanted.map((e) => JSON.stringify(e)).join('\n') + (wanted.length > 0 ? '\n' : '');
      if (output !== undefined) {
        // A file is for a spreadsheet unless JSON lines are asked for.
        const file = userPath(io, output);
        writePrivateFile(file, values.json === true ? jsonLines() : `\uFEFF${auditCsv(wanted, delimiter)}`);
        io.stderr(`Wrote ${wanted.length} ${wanted.length === 1 ? 'entry' : 'entries'} to ${file} (${values.json === true ? 'JSON lines' : 'CSV'})\n`);
      } else {
        io.stdout(values.json === true ? jsonLines() : values.csv === true ? auditCsv(wanted, delimiter) : auditTable(wanted));
      }
      return EXIT.ok;
    }),
};
