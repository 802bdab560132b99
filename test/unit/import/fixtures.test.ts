// Files written by a real spreadsheet program (LibreOffice Calc, headless, by
// scripts/make-import-fixtures.sh from test/fixtures/import/src): every format must give the same
// devices and the same findings on the same rows.
import { describe, expect, it } from 'vitest';
import { brief, fixture, ok, refused } from './helpers/run.ts';

// test/fixtures/import/src/devices.csv, row by row (row 14 is empty).
const DEVICES_FINDINGS = [
  '5:-:duplicate-conflict:error',
  '6:A:rule:error:FUD_1019',
  '7:C:rule:error:FUD_1007',
  '8:B:rule:error:FUD_1006',
  '9:C:rule:warning:FUD_3014',
  '10:-:duplicate-row:warning',
  '11:-:duplicate-conflict:error',
  '12:A:serial-length:warning',
  '13:B:model-form:warning:FUD_3014',
];
const DEVICES_GROUPS = [
  { model: 'SM-G991B', salesCode: 'BTU', count: 4 },
  { model: 'SM-T830', salesCode: 'XAR', count: 2 },
  { model: 'SC-51A', salesCode: 'DCM', count: 1 },
  { model: 'SM-G991B', salesCode: 'BT', count: 1 },
];

describe('device lists written by LibreOffice', () => {
  const formats = [
    ['source CSV (UTF-8, CRLF)', 'src/devices.csv', 'csv', 'utf-8', ','],
    ['CSV with BOM and semicolons', 'devices-semicolon-bom.csv', 'csv', 'utf-8', ';'],
    ['Unicode text (UTF-16 LE with BOM, tabs)', 'devices-unicode.txt', 'csv', 'utf-16le', '\t'],
    ['XLSX, first sheet', 'devices.xlsx', 'xlsx', null, null],
    ['ODS (OpenDocument), first sheet', 'devices.ods', 'ods', null, null],
  ] as const;

  for (const [label, file, format, encoding, delimiter] of formats) {
    it(`reads ${label} with the same findings, rows and groups`, async () => {
      const r = await ok(fixture(file), file);
      expect(r.format).toBe(format);
      expect(r.encoding).toBe(encoding);
      expect(r.delimiter).toBe(delimiter);
      expect(r.headerRow).toBe(1);
      expect(r.headerSignature).toBe('serialnumber|modelname|csc|imei');
      expect(r.mapping).toEqual({ serial: 0, model: 1, salesCode: 2, imei: 3 });
      expect(brief(r)).toEqual(DEVICES_FINDINGS);
      expect(r.groups.map(({ model, salesCode, count }) => ({ model, salesCode, count }))).toEqual(DEVICES_GROUPS);
      expect(r.totals).toEqual({ read: 14, valid: 9, warnings: 4, rejected: 5, repeats: 1, devices: 8, blank: 1 });
      // Normalisation: lower case, trailing space, zero-width space (row 15), no-break spaces (row 16).
      const byRow = new Map(r.rows.map((row) => [row.row, row]));
      expect(byRow.get(4)).toMatchObject({ serial: 'R58N31ABC03', model: 'SM-G991B', salesCode: 'BTU', severity: 'ok' });
      expect(byRow.get(15)).toMatchObject({ serial: 'R58N31ABC11', severity: 'ok' });
      expect(byRow.get(16)).toMatchObject({ model: 'SM-T830', severity: 'ok' });
      expect(byRow.get(10)).toMatchObject({ duplicate: true, severity: 'warning' });
      expect(byRow.get(2)?.imei).toBe('352000000000011');
      const devices = r.groups.flatMap((g) => g.devices);
      expect(devices.find((d) => d.serial === 'R58N31ABC01')).toEqual({ serial: 'R58N31ABC01', model: 'SM-G991B', salesCode: 'BTU', imei: '352000000000011', source: { fileName: file, row: 2 } });
      expect(devices.filter((d) => d.serial === 'R58N31ABC02')).toHaveLength(1);
    });
  }

  it('names both rows of a serial with two sales codes', async () => {
    const r = await ok(fixture('devices.xlsx'), 'devices.xlsx');
    const conflict = r.findings.filter((f) => f.code === 'duplicate-conflict');
    expect(conflict.map((f) => f.row)).toEqual([5, 11]);
    expect(conflict[0]!.message).toMatch(/R58N31ABC04.*rows 5 and 11.*SM-A515F \/ XEU, SM-A515F \/ XAR/);
  });

  it('reads another sheet by name, with its header below a title row', async () => {
    const r = await ok(fixture('devices.xlsx'), 'devices.xlsx', { sheet: 'tablets' });
    expect(r.sheet).toBe('Tablets');
    expect(r.sheets).toEqual(['Phones', 'Tablets']);
    expect(r.headerRow).toBe(3);
    expect(r.findings).toEqual([]);
    expect(r.rows.map((row) => row.row)).toEqual([4, 5, 6]);
    expect(r.groups.map((g) => `${g.model}/${g.salesCode}=${g.count}`)).toEqual(['SM-T830/XAR=2', 'SM-X700/BTU=1']);
  });

  it('says which sheet it read when the workbook has several', async () => {
    const r = await ok(fixture('devices.xlsx'), 'devices.xlsx');
    expect(r.sheet).toBe('Phones');
    expect(r.notices.join('\n')).toMatch(/2 sheets; read 'Phones'/);
  });

  it('refuses a sheet name that does not exist, listing the sheets', async () => {
    const failure = await refused(fixture('devices.xlsx'), 'devices.xlsx', { sheet: 'Laptops' });
    expect(failure.code).toBe('sheet-not-found');
    expect(failure.message).toBe("This workbook has no sheet named 'Laptops'. Its sheets are: 'Phones', 'Tablets'.");
  });

  it('refuses the encrypted workbook: remove the password', async () => {
    const failure = await refused(fixture('encrypted.xlsx'), 'encrypted.xlsx');
    expect(failure.code).toBe('encrypted');
    expect(failure.message).toMatch(/protected with a password.*remove the password/);
  });

  it('refuses the legacy .xls: save as .xlsx or CSV', async () => {
    const failure = await refused(fixture('legacy.xls'), 'legacy.xls');
    expect(failure.code).toBe('legacy-xls');
    expect(failure.message).toMatch(/Excel 97–2003 workbook \(\.xls\).*save it as \.xlsx \(Excel Workbook\) or CSV/);
  });

  it('refuses the password-protected legacy .xls with both fixes', async () => {
    const failure = await refused(fixture('legacy-encrypted.xls'), 'legacy-encrypted.xls');
    expect(failure.code).toBe('encrypted');
    expect(failure.message).toMatch(/password-protected Excel 97–2003 workbook.*remove the password, save it as \.xlsx or CSV/);
  });
});

describe('Excel damage in files LibreOffice opened the way Excel opens a CSV', () => {
  // damaged.csv typed 00123456789, 3.52E+14, =B2&C2, 3/1, an IMEI 3.52E+14 and 012345678901234;
  // opening it turned them into numbers, a date and formula text, then it was saved again.
  const expected = [
    '3:A:lost-leading-zeros:warning',
    '4:A:scientific-notation:error',
    '5:C:formula-text:error:FUD_1008',
    '6:C:excel-date:error:FUD_1008',
    '7:D:scientific-notation:warning',
    '8:D:lost-leading-zeros:warning',
  ];

  for (const file of ['damaged.xlsx', 'damaged.ods']) {
    it(`names each damage in the ${file.slice(7)} (number and date cells) on its row`, async () => {
      const r = await ok(fixture(file), file);
      expect(brief(r)).toEqual(expected);
      const f = (row: number) => r.findings.find((x) => x.row === row)!;
      expect(f(3).value).toBe('123456789');
      expect(f(3).message).toMatch(/9 digits where this column's values usually have 11.*may really be 00123456789/);
      expect(f(4).value).toBe('352000000000000');
      expect(f(4).message).toMatch(/Excel shows as 3\.52E\+14/);
      expect(f(6).value).toMatch(/^\d{4}-03-01$/);
      expect(f(6).message).toMatch(/^Sales code: Excel stored a date/);
      expect(r.totals).toMatchObject({ read: 8, rejected: 3, warnings: 3, devices: 5 });
    });
  }

  it('names each damage in the CSV it saved back (scientific notation, dates as text)', async () => {
    const r = await ok(fixture('damaged-resaved.csv'), 'damaged-resaved.csv');
    expect(brief(r)).toEqual(expected.map((e) => (e.startsWith('4:') ? `${e}:FUD_1019` : e)));
    expect(r.findings.find((x) => x.row === 4)!.value).toBe('3.52E+14');
    expect(r.findings.find((x) => x.row === 6)!.value).toMatch(/^03\/01\/\d\d$/);
    expect(r.findings.find((x) => x.row === 5)!.message).toMatch(/formula =B2&C2 instead of its result/);
  });
});
