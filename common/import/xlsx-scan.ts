// A quick pass over the sheet's XML before read-excel-file parses it. read-excel-file pads every row
// to the widest row and fills gaps between row numbers, so one cell in column XFD, or one at row
// 1,048,576, would make it build millions of empty cells. This pass finds such sheets first and
// refuses them with the row and column to fix; it only counts, it builds nothing.
import { count, ImportError } from './failure.ts';
import { HEADER_SEARCH_ROWS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_SHEET_ROW } from './limits.ts';
import { columnLetter } from './table.ts';

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

function isNameEnd(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === GT || b === SLASH;
}

/** Where the value of attribute `r` starts within the tag [start, end), or -1. */
function rValue(xml: Uint8Array, start: number, end: number): number {
  for (let i = start; i + 3 < end; i++) {
    if (xml[i] === 0x72 && xml[i + 1] === 0x3d && (xml[i + 2] === 0x22 || xml[i + 2] === 0x27) && isNameEnd(xml[i - 1])) return i + 3;
  }
  return -1;
}

/** The row number in `<row r="12">`, or null. */
function rowNumber(xml: Uint8Array, at: number): number | null {
  let n = 0;
  let digits = 0;
  for (let b = xml[at]!; b >= 0x30 && b <= 0x39; b = xml[++at]!) {
    n = n * 10 + (b - 0x30);
    digits++;
  }
  return digits > 0 && digits < 9 ? n : null;
}

/** The 1-based column of the letters in `<c r="AB12">`, or null. */
function columnNumber(xml: Uint8Array, at: number): number | null {
  let n = 0;
  let letters = 0;
  for (let b = xml[at]!; b >= 0x41 && b <= 0x5a; b = xml[++at]!) {
    n = n * 26 + (b - 0x40);
    letters++;
  }
  return letters > 0 && letters <= 3 ? n : null;
}

/** What the scan found. */
export interface SheetScan {
  /** rows holding at least one value */
  readonly rowsWithValues: number;
  /** widest column holding a value (1-based) */
  readonly widestColumn: number;
}

/** Scans sheet XML; throws when it holds more rows or columns than the limits allow. */
export function scanSheetXml(xml: Uint8Array): SheetScan {
  let row = 0;
  let column = 0;
  let rowHasValue = false;
  let rowsWithValues = 0;
  let widest = 0;
  const finishRow = (): void => {
    if (!rowHasValue) return;
    rowsWithValues++;
    rowHasValue = false;
    if (rowsWithValues > MAX_DATA_ROWS + HEADER_SEARCH_ROWS) {
      throw new ImportError('too-many-rows',
        `This sheet holds more than ${count(MAX_DATA_ROWS)} device rows (row ${count(row)} is past the limit). Split the list into several files of at most ${count(MAX_DATA_ROWS)} rows each.`);
    }
  };
  for (let i = xml.indexOf(LT); i !== -1 && i < xml.length; i = xml.indexOf(LT, i + 1)) {
    const a = xml[i + 1];
    if (a === 0x72 && xml[i + 2] === 0x6f && xml[i + 3] === 0x77 && isNameEnd(xml[i + 4])) {
      // <row …>
      finishRow();
      const end = xml.indexOf(GT, i);
      if (end === -1) break;
      const at = rValue(xml, i + 4, end);
      row = (at === -1 ? null : rowNumber(xml, at)) ?? row + 1;
      column = 0;
      if (row > MAX_SHEET_ROW) throw new ImportError('damaged', `This .xlsx file is damaged (it uses row ${count(row)}, past Excel's last row). Open it in Excel and save it again.`);
      i = end;
    } else if (a === 0x63 && isNameEnd(xml[i + 2])) {
      // <c …> or <c …/>
      const end = xml.indexOf(GT, i);
      if (end === -1) break;
      const at = rValue(xml, i + 2, end);
      column = (at === -1 ? null : columnNumber(xml, at)) ?? column + 1;
      const empty = xml[end - 1] === SLASH;
      if (!empty) {
        rowHasValue = true;
        if (column > widest) widest = column;
        if (column > MAX_COLUMNS) {
          throw new ImportError('too-many-columns',
            `Row ${count(row)} has a value in column ${columnLetter(column - 1)} (column ${count(column)}); FOTA Desk reads at most ${MAX_COLUMNS} columns. Delete the columns you do not need, or copy the serial, model and sales code columns into a new sheet.`);
        }
      }
      i = end;
    }
  }
  finishRow();
  return { rowsWithValues, widestColumn: widest };
}
