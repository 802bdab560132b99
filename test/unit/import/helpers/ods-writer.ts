// A minimal .ods writer (mimetype, manifest, content.xml) on top of zip-writer, for hostile
// OpenDocument files LibreOffice would never write. Real files come from LibreOffice (fixtures).
import { zipBytes, type ZipSpec } from './zip-writer.ts';

const text = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The manifest LibreOffice writes (without encryption). */
export const PLAIN_MANIFEST = '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';

/** A row of plain text cells (null: an empty cell). */
export function odsRow(cells: readonly (string | null)[], attributes = ''): string {
  const xml = cells.map((c) => (c === null ? '<table:table-cell/>' : `<table:table-cell office:value-type="string"><text:p>${escape(c)}</text:p></table:table-cell>`)).join('');
  return `<table:table-row${attributes}>${xml}</table:table-row>`;
}

/** content.xml with the given sheets (name → the XML of its rows), and automatic styles before the body. */
export function odsContent(sheets: readonly { readonly name: string; readonly rows: string; readonly style?: string }[], styles = '', prolog = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  const tables = sheets.map((s) => `<table:table table:name="${escape(s.name)}"${s.style ? ` table:style-name="${s.style}"` : ''}><table:table-column/>${s.rows}</table:table>`).join('');
  return `${prolog}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
}

/** The entries of an .ods holding `content` (replace or add entries to tamper with it). */
export function odsParts(content: string, manifest = PLAIN_MANIFEST): ZipSpec[] {
  return [
    { name: 'mimetype', data: text('application/vnd.oasis.opendocument.spreadsheet'), method: 0 },
    { name: 'META-INF/manifest.xml', data: text(manifest) },
    { name: 'content.xml', data: text(content) },
  ];
}

/** An .ods file holding `content`. */
export function odsBytes(content: string, manifest = PLAIN_MANIFEST): Uint8Array {
  return zipBytes(odsParts(content, manifest));
}
