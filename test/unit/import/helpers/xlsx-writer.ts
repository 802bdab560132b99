// A minimal .xlsx writer (workbook, relationships, shared strings, sheets) on top of zip-writer, for
// tests that need workbooks LibreOffice would never write (hostile ones) and for the benchmark.
import { zipBytes, type ZipSpec } from './zip-writer.ts';

/** A cell: text (shared string), a number, empty, or raw `<c>` XML for odd cases. */
export type XlsxCell = string | number | null | { readonly xml: string };

/** One sheet to write. */
export interface XlsxSheet {
  readonly name: string;
  readonly rows: readonly (readonly XlsxCell[])[];
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const text = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

/** The parts of a workbook, to write as-is or to tamper with before zipping. */
export function xlsxParts(sheets: readonly XlsxSheet[]): ZipSpec[] {
  const strings = new Map<string, number>();
  const sheetXml = sheets.map((sheet) => {
    const out: string[] = [];
    sheet.rows.forEach((row, r) => {
      const cells: string[] = [];
      row.forEach((cell, c) => {
        const ref = `${columnName(c)}${r + 1}`;
        if (cell === null) return;
        if (typeof cell === 'object') cells.push(cell.xml.replace('{ref}', ref));
        else if (typeof cell === 'number') cells.push(`<c r="${ref}"><v>${cell}</v></c>`);
        else {
          let index = strings.get(cell);
          if (index === undefined) {
            index = strings.size;
            strings.set(cell, index);
          }
          cells.push(`<c r="${ref}" t="s"><v>${index}</v></c>`);
        }
      });
      out.push(`<row r="${r + 1}">${cells.join('')}</row>`);
    });
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${out.join('')}</sheetData></worksheet>`;
  });
  const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join('')}</sst>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
  const root = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  return [
    { name: '[Content_Types].xml', data: text(types) },
    { name: '_rels/.rels', data: text(root) },
    { name: 'xl/workbook.xml', data: text(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: text(rels) },
    { name: 'xl/sharedStrings.xml', data: text(shared) },
    ...sheetXml.map((xml, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: text(xml) })),
  ];
}

/** Writes a workbook (deflated parts, as Excel writes them). */
export function xlsxBytes(sheets: readonly XlsxSheet[]): Uint8Array {
  return zipBytes(xlsxParts(sheets));
}
