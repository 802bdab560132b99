// `fota import <file>`: reads a device list exactly as the window does (common/import's
// `importDevices`, bytes in), prints the groups a batch would get and every finding with its row,
// and exits 0 only when no row has an error — so a helpdesk script can check a list before sending.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkElement } from '../../../common/efota/rules.ts';
import {
  COLUMN_ROLES,
  MAX_FILE_BYTES,
  parseMappingSpec,
  ROLE_LABELS,
  type ImportFinding,
  type ImportInput,
  type ImportOptions,
  type ImportResult,
  type ManualMapping,
} from '../../../common/import/index.ts';
import { systemClock } from '../../../common/clock.ts';
import { ImportMappingsService, importRemembering } from '../../services/import-mappings.ts';
import { currentDataFolder } from '../../store/data-folder.ts';
import { isPackagedRuntime } from '../../store/packaged.ts';
import { flagError, UsageError, type Command } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { writeJsonLines } from '../json-stream.ts';
import { userPath } from '../user-path.ts';

const HELP = `fota import — read and check a device list (works offline, sends nothing)

Usage: fota import <file> [--sheet NAME] [--model M --sales-code C] [--map SPEC] [--ignore-remembered] [--json]
       fota import - ...          read the list from standard input (one serial per line, or
                                  tab-separated cells copied from Excel)

Files: .xlsx or .ods (first visible sheet unless --sheet), CSV or TSV (comma, semicolon, tab; UTF-8
with or without BOM, UTF-16 "Unicode text"). Legacy .xls and password-protected workbooks are
refused with what to do. At most 32 MiB, 250,000 rows, 256 columns, 4 KiB per cell.

  --sheet NAME         the workbook sheet to read
  --model M            model for rows (or files) without one, e.g. SM-G991B
  --sales-code C       sales code (CSC) for rows without one, e.g. BTU
  --map SPEC           choose columns yourself; overrides detection role by role:
                         serial=COL,model=COL,salesCode=COL,imei=COL,header=ROW
                       COL is a header name, a column number (1 = first) or a letter (A, AA);
                       none = no such column. ROW is the header's row number, or none.
                       Example: --map "serial=Device S/N,model=C,salesCode=4,header=2"
                       The mapping is remembered for files with the same header row (in the data
                       folder, shared with the window's column-mapping dialog) and used by itself
                       next time.
  --ignore-remembered  detect the columns afresh, ignoring a remembered mapping
  --json               print one JSON object (groups with their devices, every finding)

Prints the devices grouped by model and sales code (one forceUpdate target each) and every finding
with the spreadsheet row and column. Errors keep a row from being sent; warnings do not. The last
line gives the mapping used, to repeat it with --map for files with the same header.

Exit codes: 0 no row has an error, 2 some rows have errors or the file cannot be read.
`;

/** Findings printed per severity before "… and N more". */
const SHOWN = 100;

function parse(args: readonly string[]): { file: string; options: ImportOptions; json: boolean; remembered: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        sheet: { type: 'string' },
        model: { type: 'string' },
        'sales-code': { type: 'string' },
        map: { type: 'string' },
        'ignore-remembered': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw flagError(error);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the file to import (or - for standard input)' : 'give exactly one file');
  const defaults = { model: values.model ?? null, salesCode: values['sales-code'] ?? null };
  checkDefault('--model', 'deviceModelName', defaults.model);
  checkDefault('--sales-code', 'salesCode', defaults.salesCode);
  let mapping: ManualMapping | undefined;
  if (values.map !== undefined) {
    try {
      mapping = parseMappingSpec(values.map);
    } catch (error) {
      throw new UsageError(`--map: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (values.sheet !== undefined && values.sheet.trim() === '') throw new UsageError('--sheet needs a sheet name');
  return {
    file: positionals[0]!,
    json: values.json === true,
    remembered: values['ignore-remembered'] !== true,
    options: { ...(values.sheet !== undefined ? { sheet: values.sheet } : {}), ...(mapping ? { mapping } : {}), defaults },
  };
}

// A default is applied to many rows: refusing a bad one here beats an identical error on each row.
function checkDefault(flag: string, element: 'deviceModelName' | 'salesCode', value: string | null): void {
  if (value === null) return;
  const error = checkElement(element, value).find((f) => f.severity === 'error');
  if (error) throw new UsageError(`${flag}: ${error.message}`);
}

async function readInput(file: string, io: CliIo): Promise<ImportInput> {
  if (file === '-') {
    // Read as bytes, like a file, so a BOM or UTF-16 from a pipe is recognised too.
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of io.stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
      length += bytes.length;
      if (length > MAX_FILE_BYTES) throw new UsageError(`standard input is longer than ${MAX_FILE_BYTES / 1024 / 1024} MiB; import the list as files in parts`);
      chunks.push(bytes);
    }
    return { bytes: new Uint8Array(Buffer.concat(chunks)), fileName: 'standard input' };
  }
  const full = userPath(io, file);
  let size: number;
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) throw new UsageError(`${full} is a folder; give a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${full} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // Refused before reading: a file over the limit is never loaded into memory.
  if (size > MAX_FILE_BYTES) {
    throw new UsageError(`${full} is ${(size / 1024 / 1024).toFixed(1)} MiB; FOTA Desk imports files up to ${MAX_FILE_BYTES / 1024 / 1024} MiB (250,000 devices). Split the list into smaller files.`);
  }
  try {
    return { bytes: new Uint8Array(readFileSync(full)), fileName: path.basename(full) };
  } catch (error) {
    throw new UsageError(`cannot read ${full} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function place(f: ImportFinding): string {
  const column = f.column ? `, ${f.column}${f.columnName ? ` (${f.columnName})` : ''}` : '';
  return `row ${f.row}${column}`;
}

function findingLines(findings: readonly ImportFinding[], title: string): string[] {
  if (findings.length === 0) return [];
  const rows = new Set(findings.map((f) => f.row)).size;
  const lines = [`${title} (${findings.length} on ${rows} row${rows === 1 ? '' : 's'}):`];
  // The rules of common/efota often name the FUD code in the message already.
  for (const f of findings.slice(0, SHOWN)) lines.push(`  ${place(f)}: ${f.message}${f.fud && !f.message.includes(f.fud) ? ` [${f.fud}]` : ''}`);
  if (findings.length > SHOWN) lines.push(`  … and ${findings.length - SHOWN} more (--json lists them all)`);
  return lines;
}

function text(r: ImportResult, label: string): string {
  const lines: string[] = [];
  const where = r.sheet ? `${label}, sheet '${r.sheet}'${r.sheets.length > 1 ? ` (sheets: ${r.sheets.join(', ')})` : ''}` : label;
  lines.push(`${where}: ${r.headerRow === null ? 'no header row' : `header on row ${r.headerRow}`}`);
  const used = COLUMN_ROLES.map((role) => {
    const index = r.mapping[role];
    const column = index === null ? undefined : r.columns[index];
    if (column) return `${ROLE_LABELS[role]} ${column.letter}${column.header ? ` '${column.header}'` : ''}${column.source === 'manual' ? ' (mapped)' : column.source === 'content' ? ' (by its values)' : ''}`;
    const fallback = role === 'model' ? r.defaults.model : role === 'salesCode' ? r.defaults.salesCode : null;
    return fallback ? `${ROLE_LABELS[role]} ${fallback} (default)` : null;
  }).filter((x) => x !== null);
  lines.push(`Columns: ${used.length > 0 ? used.join(', ') : 'none recognised'}`);
  for (const notice of r.notices) lines.push(`Note: ${notice}`);
  for (const problem of r.mappingProblems) lines.push(`Problem: ${problem}`);
  lines.push('');
  if (r.groups.length > 0) {
    const mw = Math.max(5, ...r.groups.map((g) => g.model.length));
    const sw = Math.max(10, ...r.groups.map((g) => g.salesCode.length));
    lines.push(`Groups (one forceUpdate target each):`);
    lines.push(`  ${'MODEL'.padEnd(mw)}  ${'SALES CODE'.padEnd(sw)}  DEVICES`);
    for (const g of r.groups) lines.push(`  ${g.model.padEnd(mw)}  ${g.salesCode.padEnd(sw)}  ${g.count}`);
  } else {
    lines.push('No device can be sent from this file.');
  }
  const t = r.totals;
  const extras = [t.warnings ? `${t.warnings} with warnings` : '', t.repeats ? `${t.repeats} repeated, kept once` : ''].filter(Boolean).join(', ');
  lines.push(`Rows: ${t.read} read, ${t.valid} valid${extras ? ` (${extras})` : ''}, ${t.rejected} rejected. ${t.devices} device${t.devices === 1 ? '' : 's'} in ${r.groups.length} group${r.groups.length === 1 ? '' : 's'}.`);
  const errors = r.findings.filter((f) => f.severity === 'error');
  const warnings = r.findings.filter((f) => f.severity === 'warning');
  for (const block of [findingLines(errors, 'Errors — these rows are not sent'), findingLines(warnings, 'Warnings')]) {
    if (block.length > 0) lines.push('', ...block);
  }
  lines.push('', `Mapping used: --map "${r.mappingSpec}"${r.headerSignature ? ` (header: ${r.headerSignature})` : ''}`);
  return `${lines.join('\n')}\n`;
}

function json(r: ImportResult, exitCode: ExitCode): unknown {
  // Rows are left out: every row problem is in `findings`, every sendable device in `groups`.
  const { rows: _rows, ...rest } = r;
  return { ok: exitCode === EXIT.ok, exitCode, ...rest };
}

/** `fota import`. */
export const command: Command = {
  name: 'import',
  summary: 'read and check a device list (.xlsx, .ods, CSV, TSV); shows groups and findings',
  help: HELP,
  async run(args, io) {
    const { file, options, json: asJson, remembered } = parse(args);
    let input: ImportInput;
    try {
      input = await readInput(file, io);
    } catch (error) {
      if (!(error instanceof UsageError) || !asJson) throw error;
      io.stdout(`${JSON.stringify({ ok: false, command: 'import', exitCode: EXIT.invalidInput, error: { type: 'usage', message: error.message } }, null, 2)}\n`);
      io.stderr(`fota import: ${error.message}\n`);
      return EXIT.invalidInput;
    }
    const mappings = new ImportMappingsService(currentDataFolder(io.env, isPackagedRuntime()), systemClock, (movedTo, problem) =>
      io.stderr(`fota import: the remembered column mappings could not be read (${problem}); they were moved to ${movedTo}.\n`),
    );
    const { outcome, usedRemembered } = await importRemembering(input, options, mappings, remembered);
    if (!outcome.ok) {
      if (asJson) io.stdout(`${JSON.stringify({ ok: false, command: 'import', exitCode: EXIT.invalidInput, error: { type: 'import', ...outcome.failure } }, null, 2)}\n`);
      io.stderr(`fota import: ${file === '-' ? 'standard input' : file}: ${outcome.failure.message}\n`);
      return EXIT.invalidInput;
    }
    const r = outcome.result;
    if (usedRemembered) io.stderr('fota import: the column mapping remembered for files with this header was used (--ignore-remembered to detect afresh).\n');
    const exitCode = r.totals.rejected > 0 || r.totals.devices === 0 ? EXIT.invalidInput : EXIT.ok;
    // The JSON of a large list is tens of megabytes: written in pieces, never built as one string.
    if (asJson) writeJsonLines(json(r, exitCode), io.stdout);
    else io.stdout(text(r, file === '-' ? 'standard input' : path.basename(file)));
    return exitCode;
  },
};
