// The .ods reader (OpenDocument spreadsheet: LibreOffice's own format, and what many MDM consoles
// export). The same bounded unzip as .xlsx (zip.ts) with the same limits; an encrypted file is named
// as such from its manifest before anything else is read; then content.xml is scanned for the
// chosen sheet's cells (ods-content.ts). No second spreadsheet library: the project has one.
import { ImportError } from './failure.ts';
import { listOdsSheets, readOdsRows } from './ods-content.ts';
import { textDecoder } from './platform.ts';
import type { Table } from './table.ts';
import { chooseSheet } from './xlsx-workbook.ts';
import { extract, ODS_KIND, type ZipEntry } from './zip.ts';

/** The media type an OpenDocument spreadsheet stores first, in its `mimetype` entry. */
export const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';
const OPENDOCUMENT_MIME = 'application/vnd.oasis.opendocument.';

/** What a ZIP's `mimetype` entry says: an .ods, another OpenDocument file, or nothing. */
export async function openDocumentType(bytes: Uint8Array, byName: ReadonlyMap<string, ZipEntry>): Promise<string | null> {
  const entry = byName.get('mimetype');
  if (entry === undefined) return byName.has('content.xml') && byName.has('META-INF/manifest.xml') ? ODS_MIME : null;
  // A media type is a short line; anything long is not one.
  if (entry.size > 200) return null;
  const text = textDecoder('utf-8', false).decode(await extract(bytes, entry, ODS_KIND)).trim();
  return text.startsWith(OPENDOCUMENT_MIME) ? text : null;
}

/** Reads one sheet of an .ods (the first visible one unless `sheet` names one). */
export async function readOds(bytes: Uint8Array, byName: ReadonlyMap<string, ZipEntry>, mime: string, sheet: string | undefined): Promise<Table> {
  if (mime !== ODS_MIME && mime !== `${ODS_MIME}-template`) {
    const what = mime.includes('text') ? 'a text document' : mime.includes('presentation') ? 'a presentation' : 'an OpenDocument file but not a spreadsheet';
    throw new ImportError('unsupported-format', `This is ${what} (${mime}), not a spreadsheet. Put the device list in LibreOffice Calc or Excel, save it as .ods, .xlsx or CSV, and import that file.`);
  }
  const decoder = textDecoder('utf-8', false);
  const manifest = byName.get('META-INF/manifest.xml');
  if (manifest && decoder.decode(await extract(bytes, manifest, ODS_KIND)).includes('encryption-data')) {
    throw new ImportError('encrypted',
      'This .ods file is protected with a password, so it cannot be read. Open it in LibreOffice, save it again without the password (File › Save As, clear "Save with password"), and import it again.');
  }
  const content = byName.get('content.xml');
  if (!content) throw new ImportError('damaged', 'This .ods file is damaged (it has no content.xml, where the cells are). Open it in LibreOffice and save it again, or export the list as CSV.');
  const xml = decoder.decode(await extract(bytes, content, ODS_KIND));
  const sheets = listOdsSheets(xml);
  if (sheets.length === 0) throw new ImportError('damaged', 'This .ods file has no sheet. Open it in LibreOffice, check it holds the device list, and save it again.');
  const chosen = chooseSheet({ sheets: sheets.map((s, i) => ({ name: s.name, position: i + 1, part: 'content.xml', hidden: s.hidden })), sharedStrings: null, styles: null }, sheet);
  const rows = readOdsRows(xml, sheets[chosen.position - 1]!);
  const notices: string[] = [];
  if (sheets.length > 1 && sheet === undefined) {
    notices.push(`The workbook has ${sheets.length} sheets; read '${chosen.name}'. Choose another sheet to read it instead.`);
  }
  return { format: 'ods', encoding: null, delimiter: null, sheet: chosen.name, sheets: sheets.map((s) => s.name), rows, notices };
}
