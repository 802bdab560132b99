// Workbooks: which sheet is read, and what cells of each kind become.
import { describe, expect, it } from 'vitest';
import { brief, ok, refused } from './helpers/run.ts';
import { xlsxBytes, xlsxParts } from './helpers/xlsx-writer.ts';
import { zipBytes } from './helpers/zip-writer.ts';

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const HEADER = ['Serial', 'Model', 'CSC'];

/** Rewrites one part of a generated workbook. */
function patch(parts: ReturnType<typeof xlsxParts>, name: string, edit: (xml: string) => string) {
  return parts.map((p) => (p.name === name ? { ...p, data: utf8(edit(Buffer.from(p.data).toString('utf8'))) } : p));
}

describe('choosing the sheet', () => {
  const two = () => xlsxParts([
    { name: 'Notes', rows: [['read me']] },
    { name: 'Fleet 2024', rows: [HEADER, ['R58N31ABC01', 'SM-G991B', 'BTU']] },
  ]);

  it('skips a hidden first sheet', async () => {
    const parts = patch(two(), 'xl/workbook.xml', (xml) => xml.replace('<sheet name="Notes" sheetId="1"', '<sheet name="Notes" state="hidden" sheetId="1"'));
    const r = await ok(zipBytes(parts), 'w.xlsx');
    expect(r.sheet).toBe('Fleet 2024');
    expect(r.totals.devices).toBe(1);
  });

  it('finds a sheet by name ignoring case and surrounding spaces', async () => {
    const r = await ok(zipBytes(two()), 'w.xlsx', { sheet: ' fleet 2024 ' });
    expect(r.sheet).toBe('Fleet 2024');
  });

  it('says a chart sheet is not a table', async () => {
    const parts = patch(two(), 'xl/_rels/workbook.xml.rels', (xml) => xml.replace('relationships/worksheet" Target="worksheets/sheet1.xml"', 'relationships/chartsheet" Target="chartsheets/sheet1.xml"'));
    const failure = await refused(zipBytes(parts), 'w.xlsx', { sheet: 'Notes' });
    expect(failure.message).toBe("The sheet 'Notes' is a chart, not a table of devices. Choose one of: 'Fleet 2024'.");
  });

  it('a sheet listed but missing from the archive', async () => {
    const parts = two().filter((p) => p.name !== 'xl/worksheets/sheet2.xml');
    const failure = await refused(zipBytes(parts), 'w.xlsx', { sheet: 'Fleet 2024' });
    expect(failure.message).toMatch(/the sheet 'Fleet 2024' is listed but its cells are missing/);
  });

  it('an empty sheet', async () => {
    const failure = await refused(xlsxBytes([{ name: 'Empty', rows: [] }]), 'w.xlsx');
    expect(failure).toEqual({ code: 'empty', message: "The sheet 'Empty' of w.xlsx is empty. Choose the sheet that holds the device list." });
  });
});

describe('cells of each kind', () => {
  it('inline strings, cached formula results, booleans, error values, numbers and dates', async () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Serial</t></is></c><c r="B1" t="inlineStr"><is><t>Model</t></is></c><c r="C1" t="inlineStr"><is><t>CSC</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>R58N31ABC01</t></is></c><c r="B2" t="str"><f>"SM-"&amp;"G991B"</f><v>SM-G991B</v></c><c r="C2" t="inlineStr"><is><t>BTU</t></is></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>R58N31ABC02</t></is></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C3" t="inlineStr"><is><t>BTU</t></is></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>R58N31ABC03</t></is></c><c r="B4" t="inlineStr"><is><t>SM-G991B</t></is></c><c r="C4" t="b"><v>1</v></c></row>
<row r="5"><c r="A5" t="inlineStr"><is><t>R58N31ABC04</t></is></c><c r="B5" t="inlineStr"><is><t>SM-G991B</t></is></c><c r="C5" s="1"><v>45352</v></c></row>
<row r="7"><c r="A7"><v>12345678901</v></c><c r="B7" t="inlineStr"><is><t>SM-G991B</t></is></c><c r="C7" t="inlineStr"><is><t>BTU</t></is></c></row>
</sheetData></worksheet>`;
    const styles = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>';
    const parts = xlsxParts([{ name: 'S', rows: [] }]).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: utf8(sheet) } : p));
    const rels = patch(parts, 'xl/_rels/workbook.xml.rels', (xml) => xml.replace('</Relationships>', '<Relationship Id="rIdY" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'));
    const r = await ok(zipBytes([...rels, { name: 'xl/styles.xml', data: utf8(styles) }]), 'kinds.xlsx');
    expect(brief(r)).toEqual([
      '3:B:rule:error:FUD_1005',
      '4:C:rule:warning:FUD_3014',
      '5:C:excel-date:error:FUD_1008',
    ]);
    expect(r.rows.find((x) => x.row === 2)!.model).toBe('SM-G991B');
    expect(r.rows.find((x) => x.row === 4)!.salesCode).toBe('TRUE');
    expect(r.findings.find((f) => f.row === 5)!.value).toBe('2024-03-01');
    // An 11-digit number where a serial belongs is read digit for digit; the blank row 6 is skipped.
    expect(r.rows.find((x) => x.row === 7)!.serial).toBe('12345678901');
    expect(r.totals.blank).toBe(1);
  });

  it('a workbook written with shared strings and several sheets reads like the CSV', async () => {
    const r = await ok(xlsxBytes([{ name: 'A', rows: [HEADER, ['R58N31ABC01', 'SM-G991B', 'BTU'], ['R58N31ABC01', 'SM-G991B', 'XAR']] }]), 'w.xlsx');
    expect(brief(r)).toEqual(['2:-:duplicate-conflict:error', '3:-:duplicate-conflict:error']);
  });
});
