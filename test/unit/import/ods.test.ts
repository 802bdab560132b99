// The .ods reader: files LibreOffice wrote give the same findings, rows and groups as the same data
// in CSV and XLSX; ODS's own encodings (repeated rows and cells, covered cells, text:s, office:value)
// are read as Calc shows them; hostile files are refused clearly, quickly and within bounded memory.
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, MAX_XLSX_PART_BYTES } from '../../../common/import/index.ts';
import { listOdsSheets, readOdsRows } from '../../../common/import/ods-content.ts';
import { NumberCell } from '../../../common/import/table.ts';
import { inflatedSize, zerosDeflate } from './helpers/bombs.ts';
import { odsBytes, odsContent, odsParts, odsRow } from './helpers/ods-writer.ts';
import { brief, fixture, ok, refused } from './helpers/run.ts';
import { zipBytes } from './helpers/zip-writer.ts';

const MIB = 1024 * 1024;
const rss = (): number => process.memoryUsage().rss;
const HEADER = odsRow(['Serial', 'Model', 'CSC']);
const GOOD = odsRow(['R58N31ABC01', 'SM-G991B', 'BTU']);
const sheet = (rows: string): Uint8Array => odsBytes(odsContent([{ name: 'Devices', rows }]));

describe('.ods files written by LibreOffice', () => {
  it('repeated and empty rows: the same findings, row numbers and totals as the CSV they came from', async () => {
    const csv = await ok(fixture('src/repeated.csv'), 'repeated.csv');
    const ods = await ok(fixture('repeated.ods'), 'repeated.ods');
    expect(ods.format).toBe('ods');
    expect(brief(ods)).toEqual(['4:-:duplicate-row:warning', '5:-:duplicate-row:warning', '12:A:rule:error:FUD_1019']);
    expect(brief(ods)).toEqual(brief(csv));
    expect(ods.totals).toEqual({ read: 8, valid: 7, warnings: 2, rejected: 1, repeats: 2, devices: 5, blank: 5 });
    expect(ods.totals).toEqual(csv.totals);
    expect(ods.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 10, 11, 12, 14]);
    expect(ods.rows.map((r) => r.row)).toEqual(csv.rows.map((r) => r.row));
    // Serials and IMEIs with leading zeros, typed as Text, keep them (no "lost leading zeros").
    expect(ods.rows[0]).toMatchObject({ serial: '00123456789', imei: '012345678901234', severity: 'ok' });
    expect(ods.rows.at(-1)).toMatchObject({ row: 14, serial: '00987654321', model: 'SM-T830', salesCode: 'XAR' });
  });

  it('reads another sheet by name, with its header below a title row', async () => {
    const r = await ok(fixture('devices.ods'), 'devices.ods', { sheet: 'tablets' });
    expect(r.sheet).toBe('Tablets');
    expect(r.sheets).toEqual(['Phones', 'Tablets']);
    expect(r.headerRow).toBe(3);
    expect(r.findings).toEqual([]);
    expect(r.rows.map((row) => row.row)).toEqual([4, 5, 6]);
    expect(r.groups.map((g) => `${g.model}/${g.salesCode}=${g.count}`)).toEqual(['SM-T830/XAR=2', 'SM-X700/BTU=1']);
  });

  it('says which sheet it read, and lists the sheets when a name is wrong', async () => {
    const r = await ok(fixture('devices.ods'), 'devices.ods');
    expect(r.sheet).toBe('Phones');
    expect(r.notices.join('\n')).toMatch(/2 sheets; read 'Phones'/);
    const failure = await refused(fixture('devices.ods'), 'devices.ods', { sheet: 'Laptops' });
    expect(failure).toEqual({ code: 'sheet-not-found', message: "This workbook has no sheet named 'Laptops'. Its sheets are: 'Phones', 'Tablets'." });
  });

  it('refuses the password-protected .ods, named as such, from its manifest', async () => {
    const failure = await refused(fixture('encrypted.ods'), 'encrypted.ods');
    expect(failure.code).toBe('encrypted');
    expect(failure.message).toMatch(/^This \.ods file is protected with a password.*LibreOffice.*without the password/);
  });

  it('is told by its contents (the mimetype entry), not by its name', async () => {
    const byName = await ok(fixture('devices.ods'), 'devices.ods');
    for (const name of ['devices.xlsx', 'export.zip', 'devices']) {
      const r = await ok(fixture('devices.ods'), name);
      expect(r.format).toBe('ods');
      expect(brief(r)).toEqual(brief(byName));
    }
    // Without a mimetype entry, content.xml and a manifest still make it an OpenDocument file.
    const noMime = zipBytes(odsParts(odsContent([{ name: 'Devices', rows: HEADER + GOOD }])).filter((p) => p.name !== 'mimetype'));
    expect((await ok(noMime, 'x.ods')).totals.devices).toBe(1);
  });

  it('a file named .ods that is not one is refused in .ods words', async () => {
    const failure = await refused(new Uint8Array(Buffer.from('\x00\x01\x02garbage'.repeat(100), 'latin1')), 'fleet.ods');
    expect(failure.code).toBe('not-a-spreadsheet');
    expect(failure.message).toMatch(/fleet\.ods is named like an OpenDocument spreadsheet but is not one.*LibreOffice/);
  });

  it('a flat OpenDocument (.fods, plain XML) file is named for what it is', async () => {
    const failure = await refused(new Uint8Array(Buffer.from(odsContent([{ name: 'D', rows: GOOD }]).replace('document-content', 'document'), 'utf8')), 'fleet.fods');
    expect(failure.code).toBe('unsupported-format');
    expect(failure.message).toMatch(/flat OpenDocument spreadsheet \(\.fods/);
  });
});

describe('cells as Calc shows them', () => {
  const rowsOf = (rows: string, styles = ''): ReturnType<typeof readOdsRows> => {
    const xml = odsContent([{ name: 'S', rows }], styles);
    return readOdsRows(xml, listOdsSheets(xml)[0]!);
  };

  it('numbers keep office:value, dates become dates, booleans, formula errors by their text', () => {
    const [row] = rowsOf('<table:table-row>' +
      '<table:table-cell office:value-type="float" office:value="352000000000000"><text:p>3.52E+14</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="date" office:date-value="2026-03-01"><text:p>03/01/26</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%</text:p></table:table-cell>' +
      '</table:table-row>');
    expect(row!.cells).toEqual([new NumberCell('352000000000000'), new Date(Date.UTC(2026, 2, 1)), true, '#DIV/0!', new NumberCell('0.5')]);
  });

  it('text:s, text:tab, spans, links, paragraphs and entities; comments left out', () => {
    const [row] = rowsOf('<table:table-row><table:table-cell office:value-type="string">' +
      '<office:annotation><text:p>a comment, not a value</text:p></office:annotation>' +
      '<text:p>R58N<text:s text:c="2"/><text:span text:style-name="T1">31</text:span><text:a xlink:href="x">ABC</text:a>&amp;&#x41;&#66;<text:tab/>x</text:p><text:p>second</text:p>' +
      '</table:table-cell></table:table-row>');
    expect(row!.cells).toEqual(['R58N  31ABC&AB\tx\nsecond']);
  });

  it('repeated and covered cells keep every later cell in its column', () => {
    const [row] = rowsOf('<table:table-row>' +
      '<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>A</text:p></table:table-cell><table:covered-table-cell/>' +
      '<table:table-cell table:number-columns-repeated="3"/>' +
      '<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>same</text:p></table:table-cell>' +
      '<table:table-cell office:value-type="string"><text:p>G</text:p></table:table-cell>' +
      '<table:table-cell table:number-columns-repeated="16000"/></table:table-row>');
    expect(row!.cells).toEqual(['A', null, null, null, null, 'same', 'same', 'G']);
  });

  it('rows inside header-row and row-group elements are numbered in sheet order; repeated rows with values are each a row', () => {
    const rows = rowsOf(`<table:table-header-rows>${odsRow(['h'])}</table:table-header-rows>` +
      `<table:table-row-group>${odsRow([null])}<table:table-row-group>${odsRow(['x'], ' table:number-rows-repeated="2"')}</table:table-row-group></table:table-row-group>` +
      '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
      odsRow(['last']));
    expect(rows.map((r) => [r.number, r.cells[0]])).toEqual([[1, 'h'], [3, 'x'], [4, 'x'], [1000005, 'last']]);
  });

  it('a hidden first sheet is passed over, as for .xlsx', async () => {
    const styles = '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>';
    const bytes = odsBytes(odsContent([{ name: 'Hidden', rows: odsRow(['nothing']), style: 'ta2' }, { name: 'Devices', rows: HEADER + GOOD }], styles));
    const r = await ok(bytes, 'x.ods');
    expect(r.sheet).toBe('Devices');
    expect(r.sheets).toEqual(['Hidden', 'Devices']);
  });
});

describe('hostile .ods files', () => {
  it('content.xml declaring 4 GB is refused from the ZIP directory', async () => {
    const parts = odsParts(odsContent([{ name: 'D', rows: HEADER + GOOD }])).map((p) => (p.name === 'content.xml' ? { ...p, declaredSize: 0xfffffffe } : p));
    const failure = await refused(zipBytes(parts), 'bomb.ods');
    expect(failure.code).toBe('part-too-large');
    expect(failure.message).toMatch(/^The part content\.xml of this \.ods declares 4\.3 GB once unpacked; FOTA Desk reads parts up to 64 MiB/);
  });

  it('a small content.xml that inflates to 4 GiB (a ZIP bomb) is cut at its declared size', async () => {
    expect(inflatedSize(zerosDeflate(2))).toBe(2 * MIB);
    const parts = odsParts('').map((p) => (p.name === 'content.xml' ? { ...p, data: new Uint8Array(1000), declaredSize: 1000, compressed: zerosDeflate(4096) } : p));
    const before = rss();
    const failure = await refused(zipBytes(parts), 'bomb.ods');
    expect(failure.code).toBe('damaged');
    expect(failure.message).toMatch(/^This \.ods file is damaged \(the part content\.xml unpacks to more than the 1000 bytes it declares — possibly a "ZIP bomb"\)\. Open it in LibreOffice/);
    expect(rss() - before).toBeLessThan(128 * MIB);
  });

  it('a content.xml within the part limit that inflates beyond it is cut at the limit', async () => {
    const parts = odsParts('').map((p) => (p.name === 'content.xml' ? { ...p, data: new Uint8Array(0), declaredSize: MAX_XLSX_PART_BYTES, compressed: zerosDeflate(1024) } : p));
    expect((await refused(zipBytes(parts), 'bomb.ods')).message).toMatch(/unpacks to more than the 64 MiB it declares/);
  });

  it('huge repeat counts of empty rows and cells cost nothing; the row numbers stay right', async () => {
    const empty = '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>';
    const before = rss();
    const r = await ok(sheet(HEADER + empty + GOOD + '<table:table-row table:number-rows-repeated="2000000000"><table:table-cell table:number-columns-repeated="1000000000"/></table:table-row>'), 'x.ods');
    expect(rss() - before).toBeLessThan(64 * MIB);
    expect(r.rows.map((row) => row.row)).toEqual([1000002]);
    expect(r.totals).toMatchObject({ read: 1, devices: 1, blank: 1000000 });
  });

  it('a value repeated down a billion rows is refused at once, not expanded', async () => {
    const before = rss();
    const failure = await refused(sheet(HEADER + odsRow(['R58N31ABC01', 'SM-G991B', 'BTU'], ' table:number-rows-repeated="1000000000"')), 'x.ods');
    expect(rss() - before).toBeLessThan(64 * MIB);
    expect(failure.code).toBe('too-many-rows');
    expect(failure.message).toMatch(/more than 250,000 device rows \(row 250,011 is past the limit\)/);
  });

  it('a value past the last row of a sheet is damage', async () => {
    const failure = await refused(sheet(HEADER + '<table:table-row table:number-rows-repeated="1048575"><table:table-cell/></table:table-row>' + GOOD), 'x.ods');
    expect(failure.code).toBe('damaged');
    expect(failure.message).toMatch(/value in row 1,048,577, past the last row/);
  });

  it('a value repeated across 16,384 columns, or one far to the right, is refused with its column', async () => {
    const wide = await refused(sheet(HEADER + '<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'), 'x.ods');
    expect(wide.code).toBe('too-many-columns');
    expect(wide.message).toMatch(/^Row 2 has a value in column IW \(column 257\); FOTA Desk reads at most 256 columns/);
    const far = await refused(sheet(HEADER + '<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'), 'x.ods');
    expect(far.message).toMatch(/^Row 2 has a value in column XFD \(column 16,384\)/);
  });

  it('deep nesting (50,000 row groups and spans) is read without recursion', async () => {
    const depth = 50_000;
    const groups = `${'<table:table-row-group>'.repeat(depth)}${GOOD}${'</table:table-row-group>'.repeat(depth)}`;
    const spans = `<table:table-row><table:table-cell office:value-type="string"><text:p>${'<text:span>'.repeat(depth)}R58N31ABC02${'</text:span>'.repeat(depth)}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>SM-G991B</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>BTU</text:p></table:table-cell></table:table-row>`;
    const r = await ok(sheet(HEADER + groups + spans), 'x.ods');
    expect(r.rows.map((row) => [row.row, row.serial])).toEqual([[2, 'R58N31ABC01'], [3, 'R58N31ABC02']]);
  });

  it('a DOCTYPE (entity expansion) or an unknown entity is refused', async () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const doctype = await refused(odsBytes(odsContent([{ name: 'D', rows: HEADER + odsRow(['&b;']) }], '', laughs)), 'x.ods');
    expect(doctype.code).toBe('damaged');
    expect(doctype.message).toMatch(/declares a DOCTYPE/);
    const entity = await refused(sheet(HEADER + '<table:table-row><table:table-cell office:value-type="string"><text:p>&b;</text:p></table:table-cell></table:table-row>'), 'x.ods');
    expect(entity.message).toMatch(/uses the entity &b; which a spreadsheet never writes/);
    const inherited = await refused(sheet(HEADER + '<table:table-row><table:table-cell office:value-type="string"><text:p>&constructor;</text:p></table:table-cell></table:table-row>'), 'x.ods');
    expect(inherited.message).toMatch(/uses the entity &constructor;/);
  });

  it('a cell over 4 KiB, or a space repeated a billion times, is refused at that cell', async () => {
    const long = await refused(sheet(HEADER + odsRow(['R58N31ABC01', 'x'.repeat(MAX_CELL_CHARS + 1), 'BTU'])), 'x.ods');
    expect(long.code).toBe('cell-too-long');
    expect(long.message).toMatch(/^Cell B2 holds more than 4,096 characters/);
    const before = rss();
    const spaces = await refused(sheet(HEADER + '<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="1000000000"/></text:p></table:table-cell></table:table-row>'), 'x.ods');
    expect(rss() - before).toBeLessThan(64 * MIB);
    expect(spaces.code).toBe('cell-too-long');
    expect(spaces.message).toMatch(/^Cell A2 holds more than 4,096 characters/);
  });

  it('a cut-off content.xml is damage, not a crash', async () => {
    const xml = odsContent([{ name: 'D', rows: HEADER + GOOD }]);
    const failure = await refused(odsBytes(xml.slice(0, xml.indexOf('R58N31ABC01') + 4)), 'x.ods');
    expect(failure.code).toBe('damaged');
    expect(failure.message).toMatch(/^This \.ods file is damaged/);
  });
});
