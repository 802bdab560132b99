// What a reader hands on: rows of cells, each row with the number the user sees in the spreadsheet.
// Cells keep where a value came from (text, a number cell, a date cell), because Excel damage is
// told apart by exactly that: a serial stored as a number or a sales code turned into a date.

/** A number cell of a workbook, kept as the exact text Excel stored (`352123456789012`, `3.52E+14`). */
export class NumberCell {
  constructor(readonly text: string) {}
}

/** One cell: text (CSV, or a workbook string), a workbook number or date, a boolean, or empty. */
export type Cell = string | NumberCell | Date | boolean | null;

/** One row of the sheet or file. */
export interface TableRow {
  /** the row number as the user sees it (spreadsheet row, or record number of a text file) */
  readonly number: number;
  readonly cells: readonly Cell[];
}

/** Everything a reader learned about the file. */
export interface Table {
  readonly format: 'xlsx' | 'ods' | 'csv' | 'text';
  /** text encoding, for text files (`utf-8`, `utf-16le`…) */
  readonly encoding: string | null;
  /** field delimiter, for text files */
  readonly delimiter: string | null;
  /** the sheet read, for workbooks */
  readonly sheet: string | null;
  /** every worksheet of a workbook, in order */
  readonly sheets: readonly string[];
  readonly rows: readonly TableRow[];
  /** things worth telling the admin about how the file was read */
  readonly notices: readonly string[];
}

/** Column letters as a spreadsheet shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The 0-based column of letters like `C` or `aa`, or null when they are not letters. */
export function columnFromLetters(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** True when a cell holds nothing (empty, or only spaces). */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The text a cell shows: dates as yyyy-mm-dd, numbers as stored, booleans as TRUE/FALSE. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (cell instanceof NumberCell) return cell.text;
  if (cell instanceof Date) return isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return cell ? 'TRUE' : 'FALSE';
}
