// A 5 KB workbook with one value at row 1,048,576 (Excel's last row) must cost memory for the cells it
// holds, not for the million empty rows above it: the reader hands on only the rows that hold
// values, each with the row number the user sees. The assertion is on what the reader returns (rows
// materialised), not on time; the memory it took is printed for the report.
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../../common/import/xlsx.ts';
import { cellText } from '../../../common/import/table.ts';
import { ok } from './helpers/run.ts';
import { xlsxParts } from './helpers/xlsx-writer.ts';
import { zipBytes } from './helpers/zip-writer.ts';

const LAST_ROW = 1_048_576;
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

/** A workbook whose one sheet holds `sheetData` (rows written by hand, so any row number can be used). */
function workbook(sheetData: string): Uint8Array {
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C${LAST_ROW}"/><sheetData>${sheetData}</sheetData></worksheet>`;
  return zipBytes(xlsxParts([{ name: 'Devices', rows: [['x']] }]).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: utf8(sheet) } : p)));
}

const inline = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const header = `<row r="1">${inline('A1', 'Serial')}${inline('B1', 'Model')}${inline('C1', 'CSC')}</row>`;
const last = `<row r="${LAST_ROW}">${inline(`A${LAST_ROW}`, 'R58N31ABC01')}${inline(`B${LAST_ROW}`, 'SM-G991B')}${inline(`C${LAST_ROW}`, 'BTU')}</row>`;

describe('a sparse sheet', () => {
  it(`reads one value at row ${LAST_ROW.toLocaleString('en-US')} as two rows, not a million`, async () => {
    const bytes = workbook(`${header}${last}`);
    expect(bytes.length).toBeLessThan(6 * 1024);
    // The process's peak resident size (KiB) before and after: what reading the sheet cost at most.
    const peakBefore = process.resourceUsage().maxRSS;
    const table = await readXlsx(bytes, undefined);
    const peakGrowth = (process.resourceUsage().maxRSS - peakBefore) / 1024;
    console.info(`sparse sheet: ${bytes.length} bytes, ${table.rows.length} rows materialised, peak RSS grew ${peakGrowth.toFixed(1)} MiB`);
    expect(table.rows.map((r) => r.number)).toEqual([1, LAST_ROW]);
    expect(table.rows[1]?.cells.map(cellText)).toEqual(['R58N31ABC01', 'SM-G991B', 'BTU']);
  });

  it('keeps the row numbers the user sees, past empty rows and styled-but-empty cells, in findings too', async () => {
    const rows = [
      header,
      `<row r="5"/>`,
      `<row r="7"><c r="A7" s="1"/><c r="B7" s="1"/></row>`,
      `<row r="40">${inline('A40', 'R58N31ABC01')}${inline('B40', 'SM-G991B')}${inline('C40', 'BTU')}</row>`,
      `<row r="900000">${inline('A900000', 'BAD-SERIAL!')}${inline('B900000', 'SM-G991B')}${inline('C900000', 'BTU')}</row>`,
      last.replace(/R58N31ABC01/, 'R58N31ABC02'),
    ].join('');
    const table = await readXlsx(workbook(rows), undefined);
    expect(table.rows.map((r) => r.number)).toEqual([1, 40, 900_000, LAST_ROW]);
    const result = await ok(workbook(rows), 'sparse.xlsx');
    expect(result.totals.devices).toBe(2);
    expect(result.findings.some((f) => f.row === 900_000 && f.severity === 'error')).toBe(true);
  });

  it('a million empty row elements cost nothing either', async () => {
    const empties = Array.from({ length: 200_000 }, (_, i) => `<row r="${i + 2}"/>`).join('');
    const table = await readXlsx(workbook(`${header}${empties}${last}`), undefined);
    expect(table.rows).toHaveLength(2);
  });
});
