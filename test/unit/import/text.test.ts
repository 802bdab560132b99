// Delimited text and pasted lists: encodings, delimiters, quoting, line endings, header names,
// files without headers.
import { describe, expect, it } from 'vitest';
import { HEADER_SYNONYMS, importDevices } from '../../../common/import/index.ts';
import { brief, ok, okCsv } from './helpers/run.ts';

const CLEAN = ['R58N31ABC01,SM-G991B,BTU', 'R58N31ABC02,SM-G991B,BTU', 'R58N31ABC03,SM-A515F,XEU'];

async function pasted(text: string, options = {}) {
  const outcome = await importDevices({ text }, options);
  if (!outcome.ok) throw new Error(outcome.failure.message);
  return outcome.result;
}

describe('delimiters and quoting', () => {
  for (const [name, d] of [['comma', ','], ['semicolon', ';'], ['tab', '\t'], ['vertical bar', '|']] as const) {
    it(`sniffs the ${name}`, async () => {
      const r = await okCsv(['Serial,Model,CSC', ...CLEAN].map((l) => l.replaceAll(',', d)).join('\n'));
      expect(r.delimiter).toBe(d);
      expect(r.totals).toMatchObject({ read: 3, rejected: 0, devices: 3 });
      expect(r.notices[0]).toContain(`${name}-separated`);
    });
  }

  it('reads quoted fields holding delimiters, doubled quotes and line breaks, with CRLF', async () => {
    const text = 'Serial,Model,CSC,Note\r\n"R58N31ABC01","SM-G991B","BTU","desk 3, floor ""B"""\r\nR58N31ABC02,SM-G991B,BTU,"line one\r\nline two"\r\nR58N31ABC03,SM-G991B,BTU,\r\n';
    const r = await okCsv(text);
    expect(r.findings).toEqual([]);
    // Row numbers count records, as a spreadsheet shows them, not physical lines.
    expect(r.rows.map((row) => row.row)).toEqual([2, 3, 4]);
    expect(r.columns[3]!.samples).toEqual(['desk 3, floor "B"', 'line one\r\nline two']);
  });

  it('follows Excel\'s "sep=" line and numbers the rows below it as Excel shows them', async () => {
    const r = await okCsv('sep=;\nSerial;Model;CSC\nR58N31ABC01;SM-G991B;BTU\nR58N 31ABC02;SM-G991B;BTU\n');
    expect(r.delimiter).toBe(';');
    expect(r.headerRow).toBe(1);
    expect(brief(r)).toEqual(['3:A:rule:error:FUD_1019']);
    expect(r.notices.join(' ')).toMatch(/sep=;/);
  });

  it('reads old Mac line endings (CR only)', async () => {
    const r = await okCsv(['Serial,Model,CSC', ...CLEAN].join('\r'));
    expect(r.rows.map((row) => row.row)).toEqual([2, 3, 4]);
  });
});

describe('encodings', () => {
  const csv = ['Serial,Model,CSC,Site', 'R58N31ABC01,SM-G991B,BTU,Zürich', 'R58N31ABC02,SM-G991B,BTU,Malmö'].join('\r\n');

  it('UTF-8 without BOM', async () => {
    const r = await ok(new Uint8Array(Buffer.from(csv, 'utf8')), 'a.csv');
    expect(r.encoding).toBe('utf-8');
    expect(r.columns[3]!.samples).toEqual(['Zürich', 'Malmö']);
  });

  it('UTF-8 with BOM (the header is still recognised)', async () => {
    const r = await ok(new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')])), 'a.csv');
    expect(r.headerRow).toBe(1);
    expect(r.notices[0]).toMatch(/UTF-8 text with a byte-order mark/);
  });

  it('UTF-16 big-endian with BOM', async () => {
    const le = Buffer.from(`\ufeff${csv}`, 'utf16le');
    const be = Buffer.from(le).swap16();
    const r = await ok(new Uint8Array(be), 'a.txt');
    expect(r.encoding).toBe('utf-16be');
    expect(r.columns[3]!.samples).toEqual(['Zürich', 'Malmö']);
  });

  it('UTF-16 little-endian without BOM, by its zero bytes', async () => {
    const r = await ok(new Uint8Array(Buffer.from(csv, 'utf16le')), 'a.txt');
    expect(r.encoding).toBe('utf-16le');
    expect(r.totals.devices).toBe(2);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (Excel "CSV" on Windows)', async () => {
    const r = await ok(new Uint8Array(Buffer.from(csv, 'latin1')), 'a.csv');
    expect(r.encoding).toBe('windows-1252');
    expect(r.columns[3]!.samples).toEqual(['Zürich', 'Malmö']);
  });
});

describe('header detection', () => {
  const cases: [string, string, string][] = [
    ['Serial', 'Model', 'Sales Code'],
    ['Serial Number', 'Model Name', 'CSC'],
    ['Serial No.', 'Device Model', 'salesCode'],
    ['S/N', 'deviceModelName', 'Carrier Code'],
    ['SN', 'MODEL', 'customerCode'],
    ['serialNumber', 'model name', 'sales_code'],
  ];
  for (const [serial, model, sales] of cases) {
    it(`recognises "${serial}", "${model}", "${sales}" in any order`, async () => {
      const r = await okCsv([`IMEI,${sales},${model},${serial}`, '352000000000011,BTU,SM-G991B,R58N31ABC01'].join('\n'));
      expect(r.mapping).toEqual({ serial: 3, model: 2, salesCode: 1, imei: 0 });
      expect(r.columns.every((c) => c.source === 'header')).toBe(true);
      expect(r.rows[0]).toMatchObject({ serial: 'R58N31ABC01', model: 'SM-G991B', salesCode: 'BTU', imei: '352000000000011' });
    });
  }

  it('lists every synonym of the issue', () => {
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
    for (const s of ['Serial', 'Serial Number', 'Serial No.', 'S/N', 'SN', 'serialNumber']) expect(HEADER_SYNONYMS.serial).toContain(norm(s));
    for (const s of ['Model', 'Model Name', 'Device Model', 'deviceModelName']) expect(HEADER_SYNONYMS.model).toContain(norm(s));
    for (const s of ['Sales Code', 'CSC', 'salesCode', 'Carrier Code', 'customerCode']) expect(HEADER_SYNONYMS.salesCode).toContain(norm(s));
    expect(HEADER_SYNONYMS.imei).toContain('imei');
  });

  it('finds the header below title rows and says when two columns share a role', async () => {
    const r = await okCsv(['Fleet export,,,', 'created 2024-05-01,,,', 'Serial,SN,Model,CSC', 'R58N31ABC01,X,SM-G991B,BTU'].join('\n'));
    expect(r.headerRow).toBe(3);
    expect(r.mapping.serial).toBe(0);
    expect(r.notices.join(' ')).toMatch(/More than one column is named like the serial number: read column A \('Serial'\), not B/);
  });

  it('reads a file without a header by the shape of its values', async () => {
    const r = await okCsv(['BTU,R58N31ABC01,SM-G991B', 'BTU,R58N31ABC02,SM-G991B', 'XEU,R58N31ABC03,SM-A515F'].join('\n'));
    expect(r.headerRow).toBeNull();
    expect(r.headerSignature).toBe('');
    expect(r.mapping).toEqual({ serial: 1, model: 2, salesCode: 0, imei: null });
    expect(r.columns.map((c) => c.source)).toEqual(['content', 'content', 'content']);
    expect(r.rows.map((row) => row.row)).toEqual([1, 2, 3]);
  });

  it('takes a first row in unknown words as a header when it does not fit the rows below', async () => {
    const r = await okCsv(['Gerät,Modell-Nr,Länderkennung', 'R58N31ABC01,SM-G991B,BTU', 'R58N31ABC02,SM-G991B,BTU'].join('\n'));
    expect(r.headerRow).toBe(1);
    expect(r.mapping).toEqual({ serial: 0, model: 1, salesCode: 2, imei: null });
    expect(r.findings).toEqual([]);
    expect(r.notices.join(' ')).toMatch(/Row 1 was read as a header/);
  });

  it('fills in a role the header does not name from the values', async () => {
    const r = await okCsv(['Serial,Gerätemodell,CSC', 'R58N31ABC01,SM-G991B,BTU', 'R58N31ABC02,SM-G991B,BTU'].join('\n'));
    expect(r.mapping.model).toBe(1);
    expect(r.columns[1]!.source).toBe('content');
    expect(r.notices.join(' ')).toMatch(/Column B \('Gerätemodell'\) was taken as the model column/);
  });

  it('reports what it cannot find as mapping problems, and every row as missing it', async () => {
    const r = await okCsv(['Serial,Colour', 'R58N31ABC01,black', 'R58N31ABC02,blue'].join('\n'));
    expect(r.mappingProblems).toHaveLength(2);
    expect(r.mappingProblems[0]).toMatch(/No model column was found in the header \(row 1\) and no default model/);
    expect(brief(r)).toEqual(['2:-:missing-column:error:FUD_1005', '2:-:missing-column:error:FUD_1007', '3:-:missing-column:error:FUD_1005', '3:-:missing-column:error:FUD_1007']);
    expect(r.totals).toMatchObject({ read: 2, rejected: 2, devices: 0 });
  });
});

describe('serial-only lists and defaults', () => {
  it('takes model and sales code from the defaults', async () => {
    const r = await okCsv('R58N31ABC01\nR58N31ABC02\n\nR58N31ABC03\n', { defaults: { model: 'sm-g991b', salesCode: 'btu' } });
    expect(r.mapping).toEqual({ serial: 0, model: null, salesCode: null, imei: null });
    expect(r.mappingProblems).toEqual([]);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ model: 'SM-G991B', salesCode: 'BTU', count: 3 });
    expect(r.totals).toMatchObject({ read: 3, blank: 1 });
  });

  it('fills empty cells of a model column from the default, keeping the others', async () => {
    const r = await okCsv('Serial,Model,CSC\nR58N31ABC01,,BTU\nR58N31ABC02,SM-A515F,BTU\n', { defaults: { model: 'SM-G991B' } });
    expect(r.rows.map((row) => row.model)).toEqual(['SM-G991B', 'SM-A515F']);
  });

  it('applies the rules to a default too', async () => {
    const r = await okCsv('R58N31ABC01\nR58N31ABC02\n', { defaults: { model: 'SM G991B', salesCode: 'BTU' } });
    expect(brief(r)).toEqual(['1:-:rule:error:FUD_1006', '2:-:rule:error:FUD_1006']);
  });
});

describe('pasted text', () => {
  it('one serial per line, numbered by line', async () => {
    const r = await pasted('R58N31ABC01\r\nR58N31ABC02\r\nR58N 31ABC03\r\n', { defaults: { model: 'SM-G991B', salesCode: 'BTU' } });
    expect(r.format).toBe('text');
    expect(r.fileName).toBeNull();
    expect(brief(r)).toEqual(['3:A:rule:error:FUD_1019']);
    expect(r.groups[0]!.devices[0]!.source).toEqual({ fileName: 'pasted text', row: 1 });
  });

  it('cells copied from Excel (tab-separated, with a header)', async () => {
    const r = await pasted('Serial Number\tModel\tCSC\nR58N31ABC01\tSM-G991B\tBTU\nR58N31ABC02\tSM-G991B\tBTU\n');
    expect(r.delimiter).toBe('\t');
    expect(r.headerRow).toBe(1);
    expect(r.totals.devices).toBe(2);
  });

  it('refuses pasted binary garbage', async () => {
    const outcome = await importDevices({ text: '\u0000\u0001\u0002\u0003abc\u0004\u0005' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.failure.code).toBe('not-a-spreadsheet');
  });
});
