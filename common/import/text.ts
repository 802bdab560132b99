// The reader for delimited text: CSV (comma or semicolon), TSV and Excel's "Unicode text", and text
// pasted into the window. papaparse sniffs the delimiter and parses; before it builds anything, one
// counting pass enforces the limits, so a 30 MB line or a 10,000-column row is refused at the cell
// that breaks the limit instead of being built in memory first.
import Papa from 'papaparse';
import { count, ImportError } from './failure.ts';
import { HEADER_SEARCH_ROWS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_RAW_FIELDS } from './limits.ts';
import { columnLetter, type Table, type TableRow } from './table.ts';

const DELIMITERS = [',', '\t', ';', '|'];
const SNIFF_CHARS = 64 * 1024;

/** How the text came in, for the table's description. */
export interface TextSource {
  readonly format: 'csv' | 'text';
  readonly encoding: string | null;
}

/** Names a delimiter in messages. */
export function delimiterName(delimiter: string): string {
  switch (delimiter) {
    case ',': return 'comma';
    case ';': return 'semicolon';
    case '\t': return 'tab';
    case '|': return 'vertical bar';
    default: return `'${delimiter}'`;
  }
}

function sniffDelimiter(text: string): string | null {
  let sample = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  const lastBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
  if (text.length > SNIFF_CHARS && lastBreak > 0) sample = sample.slice(0, lastBreak);
  // A sample with a runaway quote or cell is refused later by the counting pass; here it only
  // costs a guess, so it is cut to keep the sniffing itself small.
  const result = Papa.parse<string[]>(sample, { preview: 10, delimitersToGuess: DELIMITERS, quoteChar: '"', skipEmptyLines: 'greedy' });
  const found = result.errors.some((e) => e.code === 'UndetectableDelimiter') ? null : result.meta.delimiter;
  if (typeof found === 'string' && DELIMITERS.includes(found)) return found;
  // papaparse skips rows of blanks when guessing; a delimiter on most lines still is one.
  const lines = sample.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 10);
  return DELIMITERS.find((d) => lines.length > 0 && lines.filter((l) => l.includes(d)).length * 2 >= lines.length) ?? null;
}

// A line this short cannot break a limit: fewer than 257 values, none longer than 4 KiB.
const SAFE_LINE = 2 * MAX_COLUMNS;

/**
 * Enforces the limits before papaparse builds anything. Text without quotation marks and without
 * long lines (nearly every export) is checked line by line with native searches; anything else
 * goes through the character-by-character pass.
 */
function enforceLimits(text: string, delimiter: string, firstRow: number): void {
  if (text.includes('"') || LONE_CR.test(text)) {
    enforceLimitsByCharacter(text, delimiter, firstRow);
    return;
  }
  const D = delimiter.charCodeAt(0);
  let row = firstRow;
  let records = 0;
  let rowsWithValues = 0;
  for (let start = 0; start < text.length; row++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    if (lineEnd - start > SAFE_LINE) {
      enforceLimitsByCharacter(text, delimiter, firstRow);
      return;
    }
    let hasValue = false;
    for (let i = start; i < lineEnd && !hasValue; i++) {
      const c = text.charCodeAt(i);
      hasValue = c !== D && c !== 0x20 && c !== 0x09;
    }
    if (++records > MAX_RECORDS) tooManyRecords(row);
    if (hasValue && ++rowsWithValues > MAX_DATA_ROWS + HEADER_SEARCH_ROWS) tooManyRows(row);
    start = end + 1;
  }
}

const LONE_CR = /\r(?!\n)/;
// Empty lines cost papaparse a row each; a file of nothing but line breaks is stopped here.
const MAX_RECORDS = 2 * MAX_DATA_ROWS + HEADER_SEARCH_ROWS;

function tooManyRows(row: number): never {
  throw new ImportError('too-many-rows',
    `This file holds more than ${count(MAX_DATA_ROWS)} device rows (row ${count(row)} is past the limit). Split the list into several files of at most ${count(MAX_DATA_ROWS)} rows each.`);
}

function tooManyRecords(row: number): never {
  throw new ImportError('too-many-rows',
    `This file has more than ${count(MAX_RECORDS)} rows, most of them empty (row ${count(row)} is past the limit). Delete the empty rows, or export the list again.`);
}

/** The limits, checked character by character with papaparse's quoting rules. */
function enforceLimitsByCharacter(text: string, delimiter: string, firstRow: number): void {
  const D = delimiter.charCodeAt(0);
  const Q = 0x22;
  const LF = 0x0a;
  const CR = 0x0d;
  let row = firstRow;
  let field = 0;
  let length = 0;
  let atStart = true;
  let quoted = false;
  let rowHasValue = false;
  let rowsWithValues = 0;
  const tooLong = (): never => {
    throw new ImportError('cell-too-long',
      `Cell ${columnLetter(field)}${row} holds more than ${count(MAX_CELL_CHARS)} characters, the most FOTA Desk reads in one cell. ` +
      (quoted ? 'A quotation mark (") probably opens a value that is never closed; ' : 'The file may not be a device list, or its lines may not be separated; ') +
      'check that row, fix it and import again.');
  };
  const endField = (): void => {
    if (length > 0) {
      rowHasValue = true;
      if (field >= MAX_COLUMNS) {
        throw new ImportError('too-many-columns',
          `Row ${count(row)} has a value in column ${columnLetter(field)} (column ${count(field + 1)}); FOTA Desk reads at most ${MAX_COLUMNS} columns. Delete the columns you do not need, or copy the serial, model and sales code columns into a new file.`);
      }
    }
    field++;
    if (field > MAX_RAW_FIELDS) {
      throw new ImportError('too-many-columns', `Row ${count(row)} has more than ${count(MAX_RAW_FIELDS)} fields, more than any spreadsheet. Check that the file is a device list and import it again.`);
    }
    length = 0;
    atStart = true;
  };
  let records = 0;
  const endRow = (): void => {
    if (++records > MAX_RECORDS) tooManyRecords(row);
    if (rowHasValue && ++rowsWithValues > MAX_DATA_ROWS + HEADER_SEARCH_ROWS) tooManyRows(row);
    row++;
    field = 0;
    rowHasValue = false;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === Q) {
        if (text.charCodeAt(i + 1) === Q) {
          if (++length > MAX_CELL_CHARS) tooLong();
          i += 2;
          continue;
        }
        quoted = false;
      } else if (++length > MAX_CELL_CHARS) tooLong();
      i++;
      continue;
    }
    if (c === Q && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === D) {
      endField();
    } else if (c === LF || c === CR) {
      endField();
      endRow();
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    } else {
      atStart = false;
      if (++length > MAX_CELL_CHARS) tooLong();
    }
    i++;
  }
  if (field > 0 || length > 0 || !atStart) {
    endField();
    endRow();
  }
}

/** Reads delimited text into rows numbered as a spreadsheet shows them. */
export function readDelimited(input: string, source: TextSource): Table {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const notices: string[] = [];
  let delimiter: string | null = null;
  const firstRow = 1;
  // Excel's "sep=;" line names the delimiter and is not shown as a row.
  const sep = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/i.exec(text);
  if (sep) {
    delimiter = sep[1]!;
    text = text.slice(sep[0].length);
    notices.push(`The file's first line "sep=${delimiter}" names the delimiter; Excel hides that line, so row numbers start below it.`);
  }
  delimiter ??= sniffDelimiter(text);
  // A single column (serials only) has no delimiter to find; a tab never appears inside a serial.
  const effective = delimiter ?? '\t';
  enforceLimits(text, effective, firstRow);
  const parsed = Papa.parse<string[]>(text, { delimiter: effective, quoteChar: '"', header: false, skipEmptyLines: false, dynamicTyping: false });
  const rows: TableRow[] = parsed.data.map((cells, i) => ({ number: firstRow + i, cells }));
  for (const error of parsed.errors.slice(0, 3)) {
    if (error.code === 'MissingQuotes' || error.code === 'InvalidQuotes') {
      const at = typeof error.row === 'number' ? ` near row ${firstRow + error.row}` : '';
      notices.push(`A quotation mark (") is not closed${at}; the values after it may have run together. Check that row.`);
    }
  }
  return { format: source.format, encoding: source.encoding, delimiter, sheet: null, sheets: [], rows, notices };
}
