// The cells of an OpenDocument spreadsheet's content.xml, read by a hand-written scanner rather
// than an XML parser that builds a tree: a sheet of 250,000 rows would be millions of nodes, and
// ODS compresses runs (`table:number-rows-repeated`, `table:number-columns-repeated`) that Calc
// writes out to the sheet's last row and column (1,048,576 × 16,384) for a formatted column, so a
// reader that expands them builds millions of empty cells. Here memory follows the cells present:
// empty rows and cells only move the row and column counters, and repeated cells with a value are
// expanded only within the column and row limits. The XML is refused if it declares a DOCTYPE
// (entity expansion) or uses any entity but XML's five.
import { count, ImportError } from './failure.ts';
import { HEADER_SEARCH_ROWS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_SHEET_ROW } from './limits.ts';
import { columnLetter, NumberCell, type Cell, type TableRow } from './table.ts';

/** One sheet of content.xml: its name, whether it is hidden, and where its XML lies. */
export interface OdsSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly start: number;
  readonly end: number;
}

const damaged = (detail: string): ImportError =>
  new ImportError('damaged', `This .ods file is damaged (${detail}). Open it in LibreOffice and save it again, or export the list as CSV, then import it again.`);

/** The value of attribute `name` within the tag text [start, end), entities decoded, or null. */
function attribute(xml: string, start: number, end: number, name: string): string | null {
  // Searched within the tag only: a search of the whole document for an absent attribute, once per
  // cell, would make reading quadratic.
  const tag = xml.slice(start, end);
  for (let at = tag.indexOf(name); at !== -1; at = tag.indexOf(name, at + 1)) {
    const before = tag.charCodeAt(at - 1);
    const eq = at + name.length;
    if ((before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d) && tag.charCodeAt(eq) === 0x3d) {
      const quote = tag.charAt(eq + 1);
      const close = tag.indexOf(quote, eq + 2);
      if ((quote !== '"' && quote !== "'") || close === -1) throw damaged('an attribute is not closed');
      return decodeEntities(tag.slice(eq + 2, close));
    }
  }
  return null;
}

// A Map, not an object: `&constructor;` must not find Object.prototype's.
const ENTITIES: ReadonlyMap<string, string> = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);

/** XML's five entities and character references; any other entity is refused. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', from)) {
    const semi = text.indexOf(';', at);
    if (semi === -1 || semi - at > 12) throw damaged('it holds a broken character reference');
    const name = text.slice(at + 1, semi);
    let value: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X')) value = codePoint(Number.parseInt(name.slice(2), 16));
    else if (name.startsWith('#')) value = codePoint(Number.parseInt(name.slice(1), 10));
    else value = ENTITIES.get(name);
    if (value === undefined) throw damaged(`it uses the entity &${name}; which a spreadsheet never writes`);
    out += text.slice(from, at) + value;
    from = semi + 1;
  }
  return out + text.slice(from);
}

function codePoint(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0x10ffff) throw damaged('it holds a broken character reference');
  return String.fromCodePoint(n);
}

/** Finds the `>` ending the tag that starts at `lt`, or throws. */
function tagEnd(xml: string, lt: number): number {
  const gt = xml.indexOf('>', lt);
  if (gt === -1) throw damaged('its cells are cut off');
  return gt;
}

const isNameEnd = (c: number): boolean => c === 0x20 || c === 0x3e || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d;

/** True when the element at `at` (just after `<` or `</`) is `name`. */
function named(xml: string, at: number, name: string): boolean {
  return xml.startsWith(name, at) && isNameEnd(xml.charCodeAt(at + name.length));
}

/** Skips a comment, processing instruction or CDATA at `lt`; returns where to go on, or -1 when it is an element. */
function skipSpecial(xml: string, lt: number): number {
  const c = xml.charCodeAt(lt + 1);
  if (c === 0x3f) return endOf(xml, lt, '?>');
  if (c !== 0x21) return -1;
  if (xml.startsWith('<!--', lt)) return endOf(xml, lt, '-->');
  if (xml.startsWith('<![CDATA[', lt)) return endOf(xml, lt, ']]>');
  throw damaged('it declares a DOCTYPE, which a spreadsheet never writes');
}

function endOf(xml: string, from: number, marker: string): number {
  const at = xml.indexOf(marker, from);
  if (at === -1) throw damaged('its XML is cut off');
  return at + marker.length;
}

/** Lists the sheets of content.xml (the `table:table` elements of the spreadsheet), the hidden ones marked. */
export function listOdsSheets(xml: string): OdsSheet[] {
  const hiddenStyles = hiddenTableStyles(xml);
  const sheets: OdsSheet[] = [];
  let depth = 0;
  let open: { name: string; hidden: boolean; start: number } | null = null;
  let lt = xml.indexOf('<');
  while (lt !== -1) {
    const skipped = skipSpecial(xml, lt);
    if (skipped !== -1) {
      lt = xml.indexOf('<', skipped);
      continue;
    }
    const closing = xml.charCodeAt(lt + 1) === 0x2f;
    if (closing ? named(xml, lt + 2, 'table:table') : named(xml, lt + 1, 'table:table')) {
      const gt = tagEnd(xml, lt);
      if (closing) {
        depth--;
        if (depth === 0 && open) {
          sheets.push({ ...open, end: lt });
          open = null;
        }
      } else {
        const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
        if (depth === 0) {
          const name = attribute(xml, lt, gt, 'table:name') ?? `Sheet${sheets.length + 1}`;
          const style = attribute(xml, lt, gt, 'table:style-name');
          const hidden = style !== null && hiddenStyles.has(style);
          if (selfClosing) sheets.push({ name, hidden, start: gt + 1, end: gt + 1 });
          else open = { name, hidden, start: gt + 1 };
        }
        if (!selfClosing) depth++;
      }
      lt = xml.indexOf('<', gt);
      continue;
    }
    lt = xml.indexOf('<', lt + 1);
  }
  if (open) throw damaged(`the sheet '${open.name}' is cut off`);
  return sheets;
}

/** Automatic table styles that hide their sheet (`table:display="false"`). */
function hiddenTableStyles(xml: string): Set<string> {
  const hidden = new Set<string>();
  const body = xml.indexOf('<office:body');
  const head = body === -1 ? xml : xml.slice(0, body);
  for (let at = head.indexOf('<style:style'); at !== -1; at = head.indexOf('<style:style', at + 1)) {
    const gt = tagEnd(head, at);
    if (attribute(head, at, gt, 'style:family') !== 'table') continue;
    const name = attribute(head, at, gt, 'style:name');
    const close = head.indexOf('</style:style>', gt);
    if (name === null || close === -1) continue;
    const style = head.slice(gt, close);
    const props = style.indexOf('<style:table-properties');
    if (props !== -1 && attribute(style, props, tagEnd(style, props), 'table:display') === 'false') hidden.add(name);
  }
  return hidden;
}

/** What a cell holds, before it is put (possibly repeated) into its row. */
interface CellRead {
  readonly cell: Cell;
  /** where scanning goes on */
  readonly next: number;
}

/** The rows of one sheet holding at least one value, numbered as the sheet shows them. */
export function readOdsRows(xml: string, sheet: OdsSheet): TableRow[] {
  const rows: TableRow[] = [];
  let row = 1;
  let cells: Cell[] | null = null;
  let column = 0;
  let rowRepeat = 1;
  let hasValue = false;
  let lt = xml.indexOf('<', sheet.start);
  while (lt !== -1 && lt < sheet.end) {
    const skipped = skipSpecial(xml, lt);
    if (skipped !== -1) {
      lt = xml.indexOf('<', skipped);
      continue;
    }
    const closing = xml.charCodeAt(lt + 1) === 0x2f;
    const at = closing ? lt + 2 : lt + 1;
    const gt = tagEnd(xml, lt);
    if (named(xml, at, 'table:table-row')) {
      if (closing) {
        if (cells !== null) endRow();
      } else {
        rowRepeat = repeatCount(xml, lt, gt, 'table:number-rows-repeated');
        cells = [];
        column = 0;
        hasValue = false;
        if (xml.charCodeAt(gt - 1) === 0x2f) endRow();
      }
    } else if (!closing && cells !== null && (named(xml, at, 'table:table-cell') || named(xml, at, 'table:covered-table-cell'))) {
      const repeat = repeatCount(xml, lt, gt, 'table:number-columns-repeated');
      const read = xml.charCodeAt(gt - 1) === 0x2f ? { cell: null, next: gt + 1 } : readCell(xml, lt, gt, row, column);
      if (read.cell !== null) {
        const last = column + Math.min(repeat, MAX_COLUMNS + 1);
        if (last > MAX_COLUMNS) tooManyColumns(row, Math.max(column, MAX_COLUMNS));
        for (let c = column; c < last; c++) cells[c] = read.cell;
        hasValue = true;
      }
      column += repeat;
      lt = xml.indexOf('<', read.next);
      continue;
    }
    lt = xml.indexOf('<', gt + 1);
  }
  return rows;

  function endRow(): void {
    if (hasValue && cells !== null) {
      if (rows.length + rowRepeat > MAX_DATA_ROWS + HEADER_SEARCH_ROWS) {
        throw new ImportError('too-many-rows',
          `This sheet holds more than ${count(MAX_DATA_ROWS)} device rows (row ${count(row + Math.max(0, MAX_DATA_ROWS + HEADER_SEARCH_ROWS - rows.length))} is past the limit). Split the list into several files of at most ${count(MAX_DATA_ROWS)} rows each.`);
      }
      const last = row + rowRepeat - 1;
      if (last > MAX_SHEET_ROW) throw damaged(`it has a value in row ${count(last)}, past the last row a spreadsheet has`);
      // Empty cells between values stay holes; a row of a sheet is read like an array of cells.
      for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
      for (let r = 0; r < rowRepeat; r++) rows.push({ number: row + r, cells });
    }
    row += rowRepeat;
    cells = null;
  }
}

function tooManyColumns(row: number, index: number): never {
  throw new ImportError('too-many-columns',
    `Row ${count(row)} has a value in column ${columnLetter(index)} (column ${count(index + 1)}); FOTA Desk reads at most ${MAX_COLUMNS} columns. Delete the columns you do not need, or copy the serial, model and sales code columns into a new sheet.`);
}

/** A repeat attribute: 1 when absent; a broken or absurd one is damage. */
function repeatCount(xml: string, lt: number, gt: number, name: string): number {
  const text = attribute(xml, lt, gt, name);
  if (text === null) return 1;
  const n = Number(text);
  // Anything past a sheet's size (16,384 columns; 1,048,576 rows, far more in newer Calc) is capped:
  // it only moves a counter, and a value repeated that far is refused by the limits.
  if (!Number.isInteger(n) || n < 1) throw damaged(`it repeats a row or cell '${text}' times`);
  return Math.min(n, 1 << 30);
}

/** Reads one `table:table-cell` (not self-closing) from its start tag [lt, gt] to its end. */
function readCell(xml: string, lt: number, gt: number, row: number, column: number): CellRead {
  const type = attribute(xml, lt, gt, 'office:value-type');
  const calcType = attribute(xml, lt, gt, 'calcext:value-type');
  const { text, next } = cellText(xml, gt + 1, row, column);
  // A formula's error (#DIV/0!, #N/A) is stored with a number type and a 0 value; its text tells what it is.
  if (calcType === 'error') return { cell: text === '' ? null : text, next };
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const value = attribute(xml, lt, gt, 'office:value');
      return { cell: value === null ? textCell(text) : new NumberCell(value), next };
    }
    case 'date': {
      const value = attribute(xml, lt, gt, 'office:date-value');
      const date = value === null ? null : isoDate(value);
      return { cell: date ?? textCell(text), next };
    }
    case 'boolean': {
      const value = attribute(xml, lt, gt, 'office:boolean-value');
      return { cell: value === null ? textCell(text) : value === 'true', next };
    }
    case 'string': {
      const value = attribute(xml, lt, gt, 'office:string-value');
      return { cell: textCell(value ?? text), next };
    }
    default:
      return { cell: textCell(text), next };
  }
}

const textCell = (text: string): Cell => (text === '' ? null : text);

/** `2024-03-01` or `2024-03-01T12:30:00` as a UTC date (as the XLSX reader gives dates), or null. */
function isoDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The text of a cell from `from` to its end tag: its paragraphs joined by line breaks, `text:s`
 * as spaces, `text:tab` and `text:line-break`; comments (`office:annotation`) left out. White space
 * in the XML collapses as ODF says (runs to one space). Bounded by the cell limit as it grows.
 */
function cellText(xml: string, from: number, row: number, column: number): { text: string; next: number } {
  let text = '';
  let paragraphs = 0;
  let inParagraph = 0;
  let depth = 0;
  const add = (piece: string): void => {
    text += piece;
    if (text.length > MAX_CELL_CHARS) {
      throw new ImportError('cell-too-long',
        `Cell ${columnLetter(column)}${row} holds more than ${count(MAX_CELL_CHARS)} characters; FOTA Desk reads cells of at most ${count(MAX_CELL_CHARS)}. A device list has short values: check that cell, shorten or clear it, and import again.`);
    }
  };
  let at = from;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt === -1) throw damaged('a cell is cut off');
    if (inParagraph > 0 && lt > at) add(collapse(decodeEntities(xml.slice(at, lt))));
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = endOf(xml, lt, ']]>');
      if (inParagraph > 0) add(xml.slice(lt + 9, end - 3));
      at = end;
      continue;
    }
    const skipped = skipSpecial(xml, lt);
    if (skipped !== -1) {
      at = skipped;
      continue;
    }
    const gt = tagEnd(xml, lt);
    const closing = xml.charCodeAt(lt + 1) === 0x2f;
    const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
    const name = closing ? lt + 2 : lt + 1;
    if (closing) {
      if (depth === 0) return { text, next: gt + 1 }; // the cell's own end tag
      depth--;
      if (named(xml, name, 'text:p') || named(xml, name, 'text:h')) inParagraph--;
    } else if (named(xml, name, 'office:annotation')) {
      const end = xml.indexOf('</office:annotation>', gt);
      if (selfClosing) {
        at = gt + 1;
        continue;
      }
      if (end === -1) throw damaged('a comment is cut off');
      at = end + '</office:annotation>'.length;
      continue;
    } else if (selfClosing) {
      if (named(xml, name, 'text:s')) {
        const n = Number(attribute(xml, lt, gt, 'text:c') ?? '1');
        if (!Number.isInteger(n) || n < 0) throw damaged('a cell repeats a space an impossible number of times');
        add(' '.repeat(Math.min(n, MAX_CELL_CHARS + 1)));
      } else if (named(xml, name, 'text:tab')) add('\t');
      else if (named(xml, name, 'text:line-break')) add('\n');
      else if (named(xml, name, 'text:p') || named(xml, name, 'text:h')) {
        if (paragraphs++ > 0) add('\n');
      }
    } else {
      depth++;
      if (named(xml, name, 'text:p') || named(xml, name, 'text:h')) {
        if (paragraphs++ > 0) add('\n');
        inParagraph++;
      }
    }
    at = gt + 1;
  }
}

const SPACE_RUN = /[\t\n\r]| {2}/;

/** ODF white space: tabs, line breaks and runs of spaces in the XML count as one space. */
function collapse(text: string): string {
  if (!SPACE_RUN.test(text)) return text;
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      if (!space) out += ' ';
      space = true;
    } else {
      out += text[i];
      space = false;
    }
  }
  return out;
}
