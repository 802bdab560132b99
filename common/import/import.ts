// The one entry of the importer: bytes (a file the user picked, dropped, or the CLI read) or pasted
// text in, a validated and grouped device list out. The window's Web Worker and the `fota import`
// command both call `importDevices`; nothing here touches the file system, the DOM or Node.
import { detectLayout, type ColumnInfo } from './columns.ts';
import { decodeText, refuseBinary } from './decode.ts';
import { count, ImportError, size, type ImportFailure } from './failure.ts';
import type { ColumnRole } from './headers.ts';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from './limits.ts';
import { formatMappingSpec, type ManualMapping } from './mapping.ts';
import { isOle, refuseOle } from './ole.ts';
import { isBlank, type Table } from './table.ts';
import { delimiterName, readDelimited } from './text.ts';
import { validateRows, type DeviceGroup, type ImportedRow, type ImportFinding, type ImportTotals } from './validate.ts';
import { readXlsx } from './xlsx.ts';
import { openDocumentType, readOds } from './ods.ts';
import { isZip, ODS_KIND, readZipDirectory, XLSX_KIND, type ZipEntry } from './zip.ts';

/** A file's bytes and name (the name only helps tell formats apart), or text pasted by the user. */
export type ImportInput =
  | { readonly bytes: Uint8Array; readonly fileName: string }
  | { readonly text: string; readonly fileName?: string };

/** Where an import is; `total` is rows for validation, 1 for the reading phase. */
export interface ImportProgress {
  readonly phase: 'reading' | 'validating' | 'done';
  readonly done: number;
  readonly total: number;
}

/** Choices of the admin. */
export interface ImportOptions {
  /** the sheet to read (by name); the first visible worksheet otherwise */
  readonly sheet?: string;
  /** a manual column mapping; it overrides detection role by role */
  readonly mapping?: ManualMapping;
  /** model and sales code for rows (or files) that have none */
  readonly defaults?: { readonly model?: string | null; readonly salesCode?: string | null };
  /** serial → the row to keep of a serial listed with two models or sales codes (the others are left out) */
  readonly keep?: Readonly<Record<string, number>>;
  /** called now and then, e.g. for the Worker to post progress */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** A file read to the end: its devices, the findings of every row, and how it was read. */
export interface ImportResult {
  readonly fileName: string | null;
  readonly format: Table['format'];
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly sheet: string | null;
  readonly sheets: readonly string[];
  /** the header's row number, or null for a file without a header row */
  readonly headerRow: number | null;
  /** key for remembering a mapping for files with the same header ('' without a header) */
  readonly headerSignature: string;
  readonly columns: readonly ColumnInfo[];
  /** role → 0-based column actually used */
  readonly mapping: Readonly<Record<ColumnRole, number | null>>;
  /** the mapping as `--map` text, to remember it or to repeat it on the command line */
  readonly mappingSpec: string;
  readonly defaults: { readonly model: string | null; readonly salesCode: string | null };
  /** columns that could not be found: until resolved, the rows cannot be sent */
  readonly mappingProblems: readonly string[];
  readonly rows: readonly ImportedRow[];
  /** every finding, in row order */
  readonly findings: readonly ImportFinding[];
  /** sendable devices by (model, sales code), largest group first */
  readonly groups: readonly DeviceGroup[];
  readonly totals: ImportTotals;
  /** how the file was read, for the admin's information */
  readonly notices: readonly string[];
}

/** The outcome: a result, or why the whole file was refused. Plain data, safe to post from a Worker. */
export type ImportOutcome = { readonly ok: true; readonly result: ImportResult } | { readonly ok: false; readonly failure: ImportFailure };

const WORKBOOK_NAME = /\.(xlsx|xlsm|xltx|xltm|ods|ots)$/i;
const ODS_NAME = /\.(ods|ots)$/i;

async function readTable(input: ImportInput, sheet: string | undefined): Promise<Table> {
  if ('text' in input) {
    if (input.text.length > MAX_FILE_BYTES) {
      throw new ImportError('too-large', `The pasted text is ${count(input.text.length)} characters long; FOTA Desk takes at most ${size(MAX_FILE_BYTES)}. Import the list as a file in parts.`);
    }
    refuseBinary(input.text);
    return readDelimited(input.text, { format: 'text', encoding: null });
  }
  const { bytes, fileName } = input;
  if (bytes.length === 0) throw new ImportError('empty', `${fileName} is empty (0 bytes). Export the device list again and import the new file.`);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ImportError('too-large', `${fileName} is ${size(bytes.length)}; FOTA Desk imports files up to ${size(MAX_FILE_BYTES)} (${count(MAX_DATA_ROWS)} devices). Split the list into smaller files.`);
  }
  if (isZip(bytes)) return readWorkbook(bytes, fileName, sheet);
  if (isOle(bytes)) refuseOle(bytes);
  if (WORKBOOK_NAME.test(fileName)) {
    throw new ImportError('not-a-spreadsheet',
      ODS_NAME.test(fileName)
        ? `${fileName} is named like an OpenDocument spreadsheet but is not one (it does not start like an .ods file); it may be damaged or renamed. Open it in LibreOffice and save it as .ods or CSV, then import it again.`
        : `${fileName} is named like an Excel workbook but is not one (it does not start like an .xlsx file); it may be damaged or renamed. Open it in Excel and save it as .xlsx or CSV, then import it again.`);
  }
  const decoded = decodeText(bytes);
  refuseMarkup(decoded.text, fileName);
  const table = readDelimited(decoded.text, { format: 'csv', encoding: decoded.encoding });
  return { ...table, notices: [describeText(decoded.encoding, decoded.bom, table.delimiter), ...table.notices] };
}

// .xlsx or .ods is told by the archive's contents (the `mimetype` entry every OpenDocument file
// starts with), not by the name; the name only chooses the wording while the directory is read.
async function readWorkbook(bytes: Uint8Array, fileName: string, sheet: string | undefined): Promise<Table> {
  const entries = readZipDirectory(bytes, ODS_NAME.test(fileName) ? ODS_KIND : XLSX_KIND);
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name, e]));
  if (!byName.has('xl/workbook.xml')) {
    const mime = await openDocumentType(bytes, byName);
    if (mime !== null) return readOds(bytes, byName, mime, sheet);
  }
  return readXlsx(bytes, sheet, byName);
}

function describeText(encoding: string, bom: boolean, delimiter: string | null): string {
  const enc = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 (Unicode text)', 'utf-16be': 'UTF-16 big-endian', 'windows-1252': 'Windows-1252 (Western)' }[encoding] ?? encoding;
  const columns = delimiter === null ? 'one value per line' : `${delimiterName(delimiter)}-separated`;
  return `Read as ${enc} text${bom ? ' with a byte-order mark' : ''}, ${columns}.`;
}

// Some MDM consoles save a web page or Excel 2003 XML under a spreadsheet name.
function refuseMarkup(text: string, fileName: string): void {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (!head.startsWith('<')) return;
  if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    throw new ImportError('unsupported-format', `${fileName} is an Excel 2003 XML spreadsheet, an old format FOTA Desk does not read. Open it in Excel, save it as .xlsx or CSV, and import that file.`);
  }
  if (head.includes('urn:oasis:names:tc:opendocument')) {
    throw new ImportError('unsupported-format', `${fileName} is a flat OpenDocument spreadsheet (.fods, plain XML), which FOTA Desk does not read. Open it in LibreOffice, save it as .ods or CSV, and import that file.`);
  }
  if (head.includes('<html') || head.includes('<table') || head.includes('<!doctype')) {
    throw new ImportError('unsupported-format', `${fileName} is a web page (HTML) with a spreadsheet's name, as some consoles export. Open it in Excel, save it as .xlsx or CSV, and import that file.`);
  }
}

const orNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value);

/** Reads, validates and groups a device list. Never throws for bad input: it returns `ok: false`. */
export async function importDevices(input: ImportInput, options: ImportOptions = {}): Promise<ImportOutcome> {
  try {
    return { ok: true, result: await run(input, options) };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, failure: error.toFailure() };
    throw error;
  }
}

async function run(input: ImportInput, options: ImportOptions): Promise<ImportResult> {
  const progress = options.onProgress;
  const fileName = input.fileName ?? null;
  progress?.({ phase: 'reading', done: 0, total: 1 });
  const table = await readTable(input, options.sheet);
  progress?.({ phase: 'reading', done: 1, total: 1 });
  if (table.rows.every((r) => r.cells.every(isBlank))) {
    const what = fileName ?? 'The pasted text';
    throw new ImportError('empty', table.sheet ? `The sheet '${table.sheet}' of ${what} is empty. Choose the sheet that holds the device list.` : `${what} holds no values. Export the device list again and import the new file.`);
  }
  const defaults = { model: orNull(options.defaults?.model), salesCode: orNull(options.defaults?.salesCode) };
  const layout = detectLayout(table, options.mapping, defaults);
  const dataRows = table.rows.length - layout.dataStart;
  const validation = validateRows(table.rows, layout, {
    defaults,
    fileName,
    ...(options.keep ? { keep: options.keep } : {}),
    ...(progress ? { onProgress: (done: number, total: number) => progress({ phase: 'validating', done, total }) } : {}),
  });
  if (validation.totals.read === 0) {
    throw new ImportError('no-rows', layout.headerRow !== null
      ? `There are no device rows below the header (row ${layout.headerRow}). Check that you chose the right file${table.sheet ? ' and sheet' : ''}.`
      : 'There are no device rows. Check that you chose the right file.');
  }
  if (validation.totals.read > MAX_DATA_ROWS) {
    throw new ImportError('too-many-rows', `This file holds ${count(validation.totals.read)} device rows; FOTA Desk imports at most ${count(MAX_DATA_ROWS)} at a time. Split the list into smaller files.`);
  }
  progress?.({ phase: 'done', done: dataRows, total: dataRows });
  return {
    fileName,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheet: table.sheet,
    sheets: table.sheets,
    headerRow: layout.headerRow,
    headerSignature: layout.signature,
    columns: layout.columns,
    mapping: layout.mapping,
    mappingSpec: formatMappingSpec(layout.mapping, layout.headerRow),
    defaults,
    mappingProblems: layout.problems,
    rows: validation.rows,
    findings: validation.findings,
    groups: validation.groups,
    totals: validation.totals,
    notices: [...table.notices, ...layout.notices],
  };
}
