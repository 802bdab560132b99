// Hostile and broken input: every case ends in a clear refusal, quickly and within bounded memory.
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_CELL_CHARS, MAX_DATA_ROWS, MAX_FILE_BYTES, MAX_XLSX_PART_BYTES, MAX_ZIP_ENTRIES } from '../../../common/import/index.ts';
import { readZipDirectory, storedZip } from '../../../common/import/zip.ts';
import { inflatedSize, zerosDeflate } from './helpers/bombs.ts';
import { fixture, ok, refused } from './helpers/run.ts';
import { xlsxBytes, xlsxParts, type XlsxCell } from './helpers/xlsx-writer.ts';
import { zipBytes, type ZipSpec } from './helpers/zip-writer.ts';

const MIB = 1024 * 1024;
const rss = (): number => process.memoryUsage().rss;
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const GOOD_ROWS: XlsxCell[][] = [['Serial', 'Model', 'CSC'], ['R58N31ABC01', 'SM-G991B', 'BTU']];

/** A workbook whose sheet part is replaced by `sheet` (other parts as written). */
function withSheet(sheet: Partial<ZipSpec>): Uint8Array {
  return zipBytes(xlsxParts([{ name: 'Devices', rows: GOOD_ROWS }]).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, ...sheet } : p)));
}

afterEach(() => vi.restoreAllMocks());

describe('not a device list at all', () => {
  it('an empty file', async () => {
    expect(await refused(new Uint8Array(0), 'devices.csv')).toEqual({ code: 'empty', message: 'devices.csv is empty (0 bytes). Export the device list again and import the new file.' });
  });

  it('a file of blank lines', async () => {
    expect((await refused(utf8('\r\n ,, \r\n\r\n'), 'devices.csv')).code).toBe('empty');
  });

  it('a header without rows', async () => {
    const failure = await refused(utf8('Serial,Model,CSC\n'), 'devices.csv');
    expect(failure).toEqual({ code: 'no-rows', message: 'There are no device rows below the header (row 1). Check that you chose the right file.' });
  });

  it('random bytes named .xlsx', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    const failure = await refused(random, 'fleet.xlsx');
    expect(failure.code).toBe('not-a-spreadsheet');
    expect(failure.message).toMatch(/fleet\.xlsx is named like an Excel workbook but is not one/);
  });

  it('random bytes named .csv', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect((await refused(random, 'fleet.csv')).code).toBe('not-a-spreadsheet');
  });

  it('random bytes behind a ZIP signature', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 31 + 7) % 256);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const failure = await refused(bytes, 'fleet.xlsx');
    expect(failure.code).toBe('damaged');
    expect(failure.message).toMatch(/no ZIP directory at its end/);
  });

  it('a workbook cut in half (an interrupted download)', async () => {
    const whole = fixture('devices.xlsx');
    expect((await refused(whole.slice(0, whole.length >> 1), 'devices.xlsx')).code).toBe('damaged');
  });

  it('another kind of OLE file (an old Word document)', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Buffer.from('WordDocument', 'utf16le'), 1024);
    const failure = await refused(ole, 'list.doc');
    expect(failure).toEqual({ code: 'unsupported-format', message: 'This is an old Microsoft Office file, not an Excel workbook FOTA Desk can read. Save the device list as .xlsx or CSV and import that file.' });
  });

  it('a web page saved with a spreadsheet name', async () => {
    const failure = await refused(utf8('<!DOCTYPE html><html><body><table><tr><td>R58N31ABC01</td></tr></table></body></html>'), 'export.xls');
    expect(failure.code).toBe('unsupported-format');
    expect(failure.message).toMatch(/web page \(HTML\).*save it as \.xlsx or CSV/);
  });

  it('an Excel 2003 XML spreadsheet', async () => {
    const failure = await refused(utf8('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'), 'export.xml');
    expect(failure.message).toMatch(/Excel 2003 XML spreadsheet/);
  });

  const others: [string, ZipSpec[], RegExp][] = [
    // An .ods is read now (ods.test.ts); other OpenDocument files are still named for what they are.
    ['an OpenDocument text document', [{ name: 'mimetype', data: utf8('application/vnd.oasis.opendocument.text'), method: 0 }, { name: 'content.xml', data: utf8('<x/>') }], /a text document \(application\/vnd\.oasis\.opendocument\.text\), not a spreadsheet/],
    ['a Word document', [{ name: 'word/document.xml', data: utf8('<x/>') }], /Word or PowerPoint file/],
    ['an Excel binary workbook', [{ name: 'xl/workbook.bin', data: utf8('x') }], /Excel Binary Workbook \(\.xlsb\)/],
    ['a ZIP of something else', [{ name: 'readme.txt', data: utf8('hello') }], /ZIP archive but not an Excel workbook/],
  ];
  for (const [what, entries, message] of others) {
    it(`${what} is named for what it is`, async () => {
      const failure = await refused(zipBytes(entries), 'devices.xlsx');
      expect(failure.code).toBe('unsupported-format');
      expect(failure.message).toMatch(message);
    });
  }
});

describe('ZIP bombs and broken archives', () => {
  it('a part declaring 4 GB is refused from the directory, before anything is allocated', async () => {
    const bytes = withSheet({ declaredSize: 0xfffffffe });
    const before = rss();
    const failure = await refused(bytes, 'bomb.xlsx');
    expect(failure.code).toBe('part-too-large');
    expect(failure.message).toBe('The part xl/worksheets/sheet1.xml of this .xlsx declares 4.3 GB once unpacked; FOTA Desk reads parts up to 64 MiB. Split the device list into smaller files, or export it as CSV.');
    expect(rss() - before).toBeLessThan(64 * MIB);
  });

  it('a part declaring 4 GB in a ZIP64 extra field is refused the same way', async () => {
    const parts = zipBytes(xlsxParts([{ name: 'Devices', rows: GOOD_ROWS }]));
    // Rewrite the sheet's central entry: size 0xFFFFFFFF and a ZIP64 extra field saying 5 GB.
    const directory = readZipDirectory(parts);
    const sheet = directory.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const buffer = Buffer.from(parts);
    let p = buffer.indexOf(Buffer.from('PK\x01\x02', 'latin1'));
    while (buffer.toString('latin1', p + 46, p + 46 + buffer.readUInt16LE(p + 28)) !== sheet.name) p = buffer.indexOf(Buffer.from('PK\x01\x02', 'latin1'), p + 4);
    const extra = Buffer.alloc(12);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(5n * 1024n ** 3n, 4);
    const nameEnd = p + 46 + buffer.readUInt16LE(p + 28);
    buffer.writeUInt32LE(0xffffffff, p + 24);
    buffer.writeUInt16LE(12, p + 30);
    const patched = Buffer.concat([buffer.subarray(0, nameEnd), extra, buffer.subarray(nameEnd)]);
    const eocd = patched.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
    patched.writeUInt32LE(patched.readUInt32LE(eocd + 12) + 12, eocd + 12);
    const failure = await refused(new Uint8Array(patched), 'bomb64.xlsx');
    expect(failure.code).toBe('part-too-large');
    expect(failure.message).toMatch(/declares 5120 MiB/);
  });

  it('a small declared size that inflates to 4 GiB is cut at the declared size', async () => {
    expect(inflatedSize(zerosDeflate(3))).toBe(3 * MIB);
    const stream = zerosDeflate(4096); // 4 GiB of zeros in about 4 MB
    const bytes = withSheet({ data: new Uint8Array(1000), declaredSize: 1000, compressed: stream });
    const before = rss();
    const failure = await refused(bytes, 'bomb.xlsx');
    expect(failure.code).toBe('damaged');
    expect(failure.message).toMatch(/the part xl\/worksheets\/sheet1\.xml unpacks to more than the 1000 bytes it declares — possibly a "ZIP bomb"/);
    expect(rss() - before).toBeLessThan(128 * MIB);
  });

  it('a declared size within the part limit that inflates beyond it is cut at the limit', async () => {
    const stream = zerosDeflate(1024); // 1 GiB
    const bytes = withSheet({ data: new Uint8Array(0), declaredSize: MAX_XLSX_PART_BYTES, compressed: stream });
    const before = rss();
    const failure = await refused(bytes, 'bomb.xlsx');
    expect(failure.message).toMatch(/unpacks to more than the 64 MiB it declares/);
    expect(rss() - before).toBeLessThan(MAX_XLSX_PART_BYTES + 128 * MIB);
  });

  it('a declared size its compressed bytes cannot produce', async () => {
    const failure = await refused(withSheet({ declaredSize: 60 * MIB }), 'bomb.xlsx');
    expect(failure.code).toBe('damaged');
    expect(failure.message).toMatch(/declares 60 MiB, more than its .* of compressed data can hold/);
  });

  it('a part whose checksum is wrong', async () => {
    expect((await refused(withSheet({ crc: 0x12345678 }), 'x.xlsx')).message).toMatch(/fails its checksum/);
  });

  it('a part with an unknown compression method', async () => {
    expect((await refused(withSheet({ method: 12 }), 'x.xlsx')).message).toMatch(/unknown compression method \(12\)/);
  });

  it('a password-protected ZIP entry', async () => {
    expect((await refused(withSheet({ flags: 0x1 }), 'x.xlsx')).code).toBe('encrypted');
  });

  it('a directory with more entries than any workbook has', async () => {
    const entries = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `x/${i}.xml`, data: new Uint8Array(0), method: 0 }));
    const failure = await refused(zipBytes(entries), 'x.xlsx');
    expect(failure.code).toBe('part-too-large');
    expect(failure.message).toMatch(/lists 10,001 parts/);
  });

  it('read-excel-file is handed stored parts only, so it neither inflates nor starts a Worker', () => {
    const stored = storedZip([{ name: 'a.xml', data: utf8('<a/>') }, { name: 'b.xml', data: utf8('<b/>') }]);
    expect(readZipDirectory(stored).map((e) => [e.name, e.method, e.size])).toEqual([['a.xml', 0, 4], ['b.xml', 0, 4]]);
  });
});

describe('limits, checked while reading', () => {
  it('a file over the size limit (50 MB) is refused before reading', async () => {
    const bytes = new Uint8Array(50 * 1000 * 1000).fill(0x41);
    const failure = await refused(bytes, 'huge.csv');
    expect(failure).toEqual({ code: 'too-large', message: 'huge.csv is 50.0 MB; FOTA Desk imports files up to 32 MiB (250,000 devices). Split the list into smaller files.' });
  });

  it('a single line just under the size limit is stopped by the parser limit, not parsed', async () => {
    const parse = vi.spyOn(Papa, 'parse');
    const bytes = new Uint8Array(MAX_FILE_BYTES - 1024).fill(0x41);
    const before = rss();
    const failure = await refused(bytes, 'one-line.csv');
    expect(failure.code).toBe('cell-too-long');
    expect(failure.message).toMatch(/^Cell A1 holds more than 4,096 characters/);
    // papaparse only ever saw the 64 KiB sample used to sniff the delimiter.
    for (const call of parse.mock.calls) expect(String(call[0]).length).toBeLessThanOrEqual(64 * 1024);
    expect(rss() - before).toBeLessThan(256 * MIB);
  });

  it('a single line of many short cells just under the size limit', async () => {
    const line = Buffer.alloc(MAX_FILE_BYTES - 1024, 'R58N31ABC01,');
    const failure = await refused(new Uint8Array(line), 'one-line.csv');
    expect(failure.code).toBe('too-many-columns');
    expect(failure.message).toMatch(/^Row 1 has a value in column IW \(column 257\); FOTA Desk reads at most 256 columns/);
  });

  it('a row with 10,000 columns in a CSV', async () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => `v${i}`).join(',');
    const failure = await refused(utf8(`Serial,Model,CSC\nR58N31ABC01,SM-G991B,BTU\n${wide}\n`), 'wide.csv');
    expect(failure.code).toBe('too-many-columns');
    expect(failure.message).toMatch(/^Row 3 has a value in column IW/);
  });

  it('a row with 10,000 columns in a workbook', async () => {
    const wide: XlsxCell[] = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    const failure = await refused(xlsxBytes([{ name: 'S', rows: [...GOOD_ROWS, wide] }]), 'wide.xlsx');
    expect(failure.code).toBe('too-many-columns');
    expect(failure.message).toMatch(/^Row 3 has a value in column IW \(column 257\)/);
  });

  it('one value far to the right (column XFD) of a workbook', async () => {
    const failure = await refused(xlsxBytes([{ name: 'S', rows: [...GOOD_ROWS, ['R58N31ABC02', { xml: '<c r="XFD3" t="inlineStr"><is><t>x</t></is></c>' }]] }]), 'far.xlsx');
    expect(failure.message).toMatch(/Row 3 has a value in column XFD \(column 16,384\)/);
  });

  it('empty styled cells out to the right do not count', async () => {
    const r = await ok(xlsxBytes([{ name: 'S', rows: [GOOD_ROWS[0]!, [...GOOD_ROWS[1]!, { xml: '<c r="XFD2" s="1"/>' }]] }]), 'styled.xlsx');
    expect(r.totals.devices).toBe(1);
  });

  it('a row number past Excel\'s last row', async () => {
    const bytes = withSheet({ data: utf8('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>') });
    expect((await refused(bytes, 'x.xlsx')).message).toMatch(/row 1,048,577, past Excel's last row/);
  });

  it('a cell over 4 KiB in a CSV, and a quotation mark that is never closed', async () => {
    const long = 'x'.repeat(MAX_CELL_CHARS + 1);
    const failure = await refused(utf8(`Serial,Model,CSC\nR58N31ABC01,"${long}",BTU\n`), 'long.csv');
    expect(failure.message).toMatch(/^Cell B2 holds more than 4,096 characters/);
    const open = await refused(utf8(`Serial,Model,CSC\nR58N31ABC01,"SM-G991B,BTU\n${'R58N31ABC02,SM-G991B,BTU\n'.repeat(400)}`), 'quote.csv');
    expect(open.message).toMatch(/^Cell B2 holds more than 4,096 characters.*A quotation mark \(".*never closed/);
  });

  it('a cell over 4 KiB in a workbook', async () => {
    const failure = await refused(xlsxBytes([{ name: 'S', rows: [...GOOD_ROWS, ['R58N31ABC02', 'y'.repeat(MAX_CELL_CHARS + 1), 'BTU']] }]), 'long.xlsx');
    expect(failure).toEqual({ code: 'cell-too-long', message: expect.stringMatching(/^Cell B3 holds 4,097 characters/) });
  });

  it(`more than ${MAX_DATA_ROWS.toLocaleString('en-US')} data rows`, async () => {
    const rows = Array.from({ length: MAX_DATA_ROWS + 1 }, (_, i) => `R${String(i).padStart(10, '0')}`);
    const failure = await refused(utf8(`Serial\n${rows.join('\n')}\n`), 'many.csv', { defaults: { model: 'SM-G991B', salesCode: 'BTU' } });
    expect(failure).toEqual({ code: 'too-many-rows', message: 'This file holds 250,001 device rows; FOTA Desk imports at most 250,000 at a time. Split the list into smaller files.' });
  });

  it('a file of nothing but line breaks is stopped while counting', async () => {
    const failure = await refused(utf8(`Serial\n${'\n'.repeat(2 * MAX_DATA_ROWS + 100)}`), 'breaks.csv');
    expect(failure.code).toBe('too-many-rows');
    expect(failure.message).toMatch(/more than 500,010 rows, most of them empty \(row 500,011 is past the limit\)/);
  });

  it('far more rows than the limit are refused while counting, at the row past it', async () => {
    const rows = Array.from({ length: MAX_DATA_ROWS + 20 }, (_, i) => `R${String(i).padStart(10, '0')}`);
    const failure = await refused(utf8(`${rows.join('\n')}\n`), 'many.csv');
    expect(failure.message).toMatch(/more than 250,000 device rows \(row 250,011 is past the limit\)/);
  });
});
