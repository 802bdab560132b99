// A pass over the sheet's XML before read-excel-file parses it. read-excel-file builds a dense grid:
// it pads every row to the widest row and fills every gap between row numbers with an empty row, so
// one cell in column XFD, or one at row 1,048,576 of a 5 KB file, would make it build millions of
// empty cells and rows (455 MB measured). This pass refuses sheets past the row and column limits
// with the row and column to fix, and hands read-excel-file a compact copy of the sheet: only the
// rows that hold a value, numbered 1, 2, 3… — with the row numbers the user sees kept aside — so
// memory follows the cells present, never the row numbers. It works on bytes and builds nothing
// but that copy.
import { count, ImportError } from './failure.ts';
import { HEADER_SEARCH_ROWS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_SHEET_ROW } from './limits.ts';
import { columnLetter } from './table.ts';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const ROW_END = new TextEncoder().encode('</row>');

function isNameEnd(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === GT || b === SLASH;
}

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;
const isLetter = (b: number | undefined): boolean => b !== undefined && b >= 0x41 && b <= 0x5a;

/** Where the value of attribute `r` starts within the tag [start, end), or -1. */
function rValue(xml: Uint8Array, start: number, end: number): number {
  for (let i = start; i + 3 < end; i++) {
    if (xml[i] === 0x72 && xml[i + 1] === 0x3d && (xml[i + 2] === 0x22 || xml[i + 2] === 0x27) && isNameEnd(xml[i - 1])) return i + 3;
  }
  return -1;
}

/** The row number in `<row r="12">` (or the digits of `<c r="AB12">` from `at`), or null. */
function rowNumber(xml: Uint8Array, at: number): number | null {
  let n = 0;
  let digits = 0;
  for (let b = xml[at]; isDigit(b); b = xml[++at]) {
    n = n * 10 + ((b as number) - 0x30);
    digits++;
  }
  return digits > 0 && digits < 9 ? n : null;
}

/** The 1-based column of the letters in `<c r="AB12">`, or null. */
function columnNumber(xml: Uint8Array, at: number): number | null {
  let n = 0;
  let letters = 0;
  for (let b = xml[at]; isLetter(b); b = xml[++at]) {
    n = n * 26 + ((b as number) - 0x40);
    letters++;
  }
  return letters > 0 && letters <= 3 ? n : null;
}

/** The first index of `pattern` in `xml` at or after `from`, or -1. */
function find(xml: Uint8Array, pattern: Uint8Array, from: number): number {
  const first = pattern[0] as number;
  for (let i = xml.indexOf(first, from); i !== -1; i = xml.indexOf(first, i + 1)) {
    let j = 1;
    while (j < pattern.length && xml[i + j] === pattern[j]) j++;
    if (j === pattern.length) return i;
  }
  return -1;
}

/** What the scan found. */
export interface SheetScan {
  /** rows holding at least one value */
  readonly rowsWithValues: number;
  /** widest column holding a value (1-based) */
  readonly widestColumn: number;
  /** the sheet with only the rows that hold values, numbered 1…n */
  readonly compact: Uint8Array;
  /** the row number the user sees of each row of `compact`, in order */
  readonly rowNumbers: readonly number[];
}

/** Builds the compact copy: pieces of the original, with row numbers replaced. */
class Writer {
  readonly #parts: Uint8Array[] = [];
  #size = 0;

  constructor(private readonly xml: Uint8Array) {}

  copy(from: number, to: number): void {
    if (to > from) this.#push(this.xml.subarray(from, to));
  }

  text(text: string): void {
    this.#push(new TextEncoder().encode(text));
  }

  #push(part: Uint8Array): void {
    this.#parts.push(part);
    this.#size += part.length;
  }

  done(): Uint8Array {
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const part of this.#parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

/** Scans sheet XML; throws when it holds more rows or columns than the limits allow; returns its compact copy. */
export function scanSheetXml(xml: Uint8Array): SheetScan {
  const out = new Writer(xml);
  const rowNumbers: number[] = [];
  let copied = 0;
  let row = 0;
  let widest = 0;
  for (let i = xml.indexOf(LT); i !== -1 && i < xml.length; i = xml.indexOf(LT, i + 1)) {
    if (!(xml[i + 1] === 0x72 && xml[i + 2] === 0x6f && xml[i + 3] === 0x77 && isNameEnd(xml[i + 4]))) continue;
    // <row …>
    const tagEnd = xml.indexOf(GT, i);
    if (tagEnd === -1) break;
    const rAt = rValue(xml, i + 4, tagEnd);
    const given = rAt === -1 ? null : rowNumber(xml, rAt);
    const selfClosing = xml[tagEnd - 1] === SLASH;
    const close = selfClosing ? tagEnd + 1 : find(xml, ROW_END, tagEnd);
    if (close === -1) break; // cut off: read-excel-file reports the damage
    const rowEnd = selfClosing ? close : close + ROW_END.length;
    // A row without its own number is numbered by its first cell's reference, else it follows the last.
    const firstCell = given === null && !selfClosing ? scanCells(xml, tagEnd + 1, close, row + 1)[0] : undefined;
    row = given ?? (firstCell && firstCell.digitsAt !== -1 ? (rowNumber(xml, firstCell.digitsAt) ?? row + 1) : row + 1);
    if (row > MAX_SHEET_ROW) throw new ImportError('damaged', `This .xlsx file is damaged (it uses row ${count(row)}, past Excel's last row). Open it in Excel and save it again.`);
    const cells = selfClosing ? [] : scanCells(xml, tagEnd + 1, close, row);
    if (cells.length === 0 || !cells.some((c) => c.value)) {
      // Nothing to read in it: left out of the copy.
      out.copy(copied, i);
      copied = rowEnd;
      i = rowEnd - 1;
      continue;
    }
    rowNumbers.push(row);
    if (rowNumbers.length > MAX_DATA_ROWS + HEADER_SEARCH_ROWS) {
      throw new ImportError('too-many-rows',
        `This sheet holds more than ${count(MAX_DATA_ROWS)} device rows (row ${count(row)} is past the limit). Split the list into several files of at most ${count(MAX_DATA_ROWS)} rows each.`);
    }
    for (const c of cells) if (c.value && c.column > widest) widest = c.column;
    const compactRow = String(rowNumbers.length);
    out.copy(copied, i);
    // The row's own number, then each cell reference's digits, become the compact number.
    let from = i;
    if (rAt !== -1 && given !== null) {
      let digitsEnd = rAt;
      while (isDigit(xml[digitsEnd])) digitsEnd++;
      out.copy(from, rAt);
      out.text(compactRow);
      from = digitsEnd;
    }
    for (const c of cells) {
      if (c.digitsAt === -1) continue;
      out.copy(from, c.digitsAt);
      out.text(compactRow);
      from = c.digitsEnd;
    }
    out.copy(from, rowEnd);
    copied = rowEnd;
    i = rowEnd - 1;
  }
  out.copy(copied, xml.length);
  return { rowsWithValues: rowNumbers.length, widestColumn: widest, compact: out.done(), rowNumbers };
}

interface CellRef {
  readonly column: number;
  readonly value: boolean;
  /** where the row digits of its `r` start and end, or -1 without a reference */
  readonly digitsAt: number;
  readonly digitsEnd: number;
}

// The `<c>` elements of one row in [from, to): their column, whether they hold a value (a `<c …/>`
// holds none), and where the row digits of their reference are.
function scanCells(xml: Uint8Array, from: number, to: number, row: number): CellRef[] {
  const cells: CellRef[] = [];
  let column = 0;
  for (let i = xml.indexOf(LT, from); i !== -1 && i < to; i = xml.indexOf(LT, i + 1)) {
    if (!(xml[i + 1] === 0x63 && isNameEnd(xml[i + 2]))) continue;
    const end = xml.indexOf(GT, i);
    if (end === -1 || end > to) break;
    const at = rValue(xml, i + 2, end);
    column = (at === -1 ? null : columnNumber(xml, at)) ?? column + 1;
    const value = xml[end - 1] !== SLASH;
    if (value && column > MAX_COLUMNS) {
      throw new ImportError('too-many-columns',
        `Row ${count(row)} has a value in column ${columnLetter(column - 1)} (column ${count(column)}); FOTA Desk reads at most ${MAX_COLUMNS} columns. Delete the columns you do not need, or copy the serial, model and sales code columns into a new sheet.`);
    }
    let digitsAt = -1;
    let digitsEnd = -1;
    if (at !== -1) {
      let d = at;
      while (isLetter(xml[d])) d++;
      let e = d;
      while (isDigit(xml[e])) e++;
      if (e > d) {
        digitsAt = d;
        digitsEnd = e;
      }
    }
    cells.push({ column, value, digitsAt, digitsEnd });
    i = end;
  }
  return cells;
}
