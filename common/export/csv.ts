// CSV for people who open it in Excel: UTF-8 with a BOM (Excel otherwise guesses the ANSI code
// page), the list separator their locale expects, and no cell that a spreadsheet would run as a
// formula. Pure, so the window (download) and the CLI (file) write the same bytes.
//
// Why not papaparse's `unparse` (which we already ship for reading): it writes no BOM, and its
// `escapeFormulae: true` tests /^[=+\-@\t\r].*$/, whose `.` stops at a line break, so a cell such as
// "=HYPERLINK(…)\nx" goes out as a live formula; it also quotes every neutralised cell and every
// cell with an edge space, which would change the bytes of exports people already diff. Wrapping it
// (BOM, our own pattern, a trailing line break) would be longer than the writer below.

/** The delimiters an export may use. */
export type CsvDelimiter = ',' | ';' | '\t';

/** The byte order mark that tells Excel the file is UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** How to write a CSV document. */
export interface CsvOptions {
  readonly delimiter: CsvDelimiter;
  /** start with the UTF-8 BOM (default true) */
  readonly bom?: boolean;
  /** line ending (default CRLF, as RFC 4180 and Excel write it) */
  readonly eol?: '\r\n' | '\n';
}

// Spreadsheets run a cell starting with these as a formula (or DDE): `=HYPERLINK(...)`, `+cmd|...`,
// `-1+1`, `@SUM(...)`; a leading tab or CR hides the sign from a naive check on the other side.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a cell a spreadsheet would read as a formula by prefixing `'` (OWASP's advice). */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Quotes a cell when it holds the delimiter, a quote or a line break (RFC 4180). */
export function quoteCell(cell: string, delimiter: CsvDelimiter): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Writes rows as CSV text (a string; encode it as UTF-8). Every cell is neutralised, then quoted. */
export function toCsv(rows: ReadonlyArray<readonly string[]>, options: CsvOptions): string {
  const eol = options.eol ?? '\r\n';
  const body = rows.map((row) => row.map((cell) => quoteCell(neutraliseFormula(cell), options.delimiter)).join(options.delimiter)).join(eol);
  return `${options.bom === false ? '' : UTF8_BOM}${body}${rows.length > 0 ? eol : ''}`;
}

/**
 * The delimiter a locale's spreadsheet expects: `;` where decimals are written with a comma
 * (de-DE `1,5`), else `,`. Excel takes its list separator from the same regional setting.
 */
export function defaultDelimiter(locale?: string): CsvDelimiter {
  let decimal = '.';
  try {
    decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    // An invalid locale tag: fall back to the comma, the RFC default.
  }
  return decimal === ',' ? ';' : ',';
}

/** Reads a `--delimiter` value (`,`, `;`, or the words comma, semicolon, tab); null when it is none of them. */
export function parseDelimiter(text: string): CsvDelimiter | null {
  const t = text.trim().toLowerCase();
  if (t === ',' || t === 'comma') return ',';
  if (t === ';' || t === 'semicolon') return ';';
  // The word, not the character: a tab is hard to type on a command line and trimmed away here.
  if (t === 'tab') return '\t';
  return null;
}
