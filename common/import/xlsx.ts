// The .xlsx reader: bounded unzip (zip.ts), sheet choice (xlsx-workbook.ts), a counting and
// compacting pass over the sheet (xlsx-scan.ts), then read-excel-file's universal entry, which runs unchanged in Node, a
// Worker and Chromium and, fed a stored ZIP, neither inflates nor starts a Worker of its own.
import { readSheet } from 'read-excel-file/universal';
import { count, ImportError } from './failure.ts';
import { MAX_CELL_CHARS } from './limits.ts';
import { textDecoder } from './platform.ts';
import { columnLetter, NumberCell, type Cell, type Table, type TableRow } from './table.ts';
import { chooseSheet, readWorkbookLayout, WORKBOOK_PART, WORKBOOK_RELS_PART } from './xlsx-workbook.ts';
import { scanSheetXml } from './xlsx-scan.ts';
import { extract, readZipDirectory, storedZip, type StoredPart, type ZipEntry } from './zip.ts';

/** Reads one sheet of an .xlsx (the first visible worksheet unless `sheet` names one); `byName`: its ZIP directory, when read already. */
export async function readXlsx(bytes: Uint8Array, sheet: string | undefined, byName: ReadonlyMap<string, ZipEntry> = directory(bytes)): Promise<Table> {
  const workbookEntry = byName.get(WORKBOOK_PART);
  const relsEntry = byName.get(WORKBOOK_RELS_PART);
  if (!workbookEntry || !relsEntry) refuseOtherZip(byName);
  const decoder = textDecoder('utf-8', false);
  const workbookXml = await extract(bytes, workbookEntry);
  const relsXml = await extract(bytes, relsEntry);
  const layout = readWorkbookLayout(decoder.decode(workbookXml), decoder.decode(relsXml));
  const chosen = chooseSheet(layout, sheet);
  const sheetEntry = chosen.part === null ? undefined : byName.get(chosen.part);
  if (!sheetEntry) throw new ImportError('damaged', `This .xlsx file is damaged (the sheet '${chosen.name}' is listed but its cells are missing). Open it in Excel and save it again.`);

  // Extracted parts were checked against their CRC-32 already; the stored ZIP reuses it.
  const parts: StoredPart[] = [
    { name: WORKBOOK_PART, data: workbookXml, crc: workbookEntry.crc32 },
    { name: WORKBOOK_RELS_PART, data: relsXml, crc: relsEntry.crc32 },
  ];
  for (const path of new Set([layout.sharedStrings, layout.styles])) {
    const entry = path === null ? undefined : byName.get(path);
    if (entry) parts.push({ name: entry.name, data: await extract(bytes, entry), crc: entry.crc32 });
  }
  // Only the rows that hold values go to read-excel-file, renumbered 1…n (xlsx-scan.ts).
  const scan = scanSheetXml(await extract(bytes, sheetEntry));
  parts.push({ name: sheetEntry.name, data: scan.compact });

  const stored = storedZip(parts);
  let data: unknown[][];
  try {
    data = (await readSheet<NumberCell>(stored.buffer as ArrayBuffer, chosen.position, { parseNumber: (text) => new NumberCell(text) })) as unknown[][];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportError('damaged', `The sheet '${chosen.name}' of this .xlsx file cannot be read (${detail}). Open it in Excel and save it again, or export it as CSV.`);
  }
  const rows: TableRow[] = data.map((cells, i) => {
    const number = scan.rowNumbers[i] ?? i + 1;
    return { number, cells: cells.map((value, c) => toCell(value, number, c)) };
  });
  const worksheets = layout.sheets.filter((s) => s.part !== null);
  const notices: string[] = [];
  if (worksheets.length > 1 && sheet === undefined) {
    notices.push(`The workbook has ${worksheets.length} sheets; read '${chosen.name}'. Choose another sheet to read it instead.`);
  }
  return { format: 'xlsx', encoding: null, delimiter: null, sheet: chosen.name, sheets: worksheets.map((s) => s.name), rows, notices };
}

function directory(bytes: Uint8Array): Map<string, ZipEntry> {
  return new Map(readZipDirectory(bytes).map((e) => [e.name, e]));
}

function toCell(value: unknown, row: number, column: number): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    if (value.length > MAX_CELL_CHARS) {
      throw new ImportError('cell-too-long',
        `Cell ${columnLetter(column)}${row} holds ${count(value.length)} characters; FOTA Desk reads cells of at most ${count(MAX_CELL_CHARS)}. A device list has short values: check that cell, shorten or clear it, and import again.`);
    }
    return value;
  }
  if (value instanceof NumberCell || value instanceof Date || typeof value === 'boolean') return value;
  return String(value);
}

function refuseOtherZip(byName: ReadonlyMap<string, ZipEntry>): never {
  if (byName.has('xl/workbook.bin')) {
    throw new ImportError('unsupported-format', 'This is an Excel Binary Workbook (.xlsb), which FOTA Desk does not read. Open it in Excel, save it as .xlsx (Excel Workbook) or CSV, and import that file.');
  }
  if (byName.has('word/document.xml') || byName.has('ppt/presentation.xml')) {
    throw new ImportError('unsupported-format', 'This is a Word or PowerPoint file, not a spreadsheet. Put the device list in Excel, save it as .xlsx or CSV, and import that file.');
  }
  throw new ImportError('unsupported-format', 'This is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml) nor an OpenDocument spreadsheet. Import the .xlsx, .ods or CSV file itself, not an archive containing it.');
}
