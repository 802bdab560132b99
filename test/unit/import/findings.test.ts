// Every kind of finding, each on the row the admin sees it on. Values are checked by the E-FOTA
// rules of common/efota (code 'rule'); the rest is what only a spreadsheet can tell.
import { describe, expect, it } from 'vitest';
import { brief, okCsv } from './helpers/run.ts';

const HEADER = 'Serial,Model,CSC,IMEI';

describe('rule findings, with row and column', () => {
  const lines = [
    HEADER,                                           // 1
    'R58N31ABC01,SM-G991B,BTU,',                      // 2 fine
    'R58N31ABC0#,SM-G991B,BTU,',                      // 3 serial character → FUD_1019
    `${'R'.repeat(101)},SM-G991B,BTU,`,               // 4 serial over 100 bytes → FUD_1018
    ',SM-G991B,BTU,',                                 // 5 serial missing → FUD_1018
    'R58N31ABC05,,BTU,',                              // 6 model missing → FUD_1005
    'R58N31ABC06,SM-G991B/5G,BTU,',                   // 7 model character → FUD_1006
    'R58N31ABC07,SM-G991B-EXTRA-LONG-NAME,BTU,',      // 8 model over 20 bytes → FUD_1005
    'R58N31ABC08,SM-G991B,,',                         // 9 sales code missing → FUD_1007
    'R58N31ABC09,SM-G991B,BT-U,',                     // 10 sales code character → FUD_1008
    'R58N31ABC10,SM-G991B,BTUX,',                     // 11 sales code not 3 → warning FUD_3014
    'R58N31ABC11,SMG991B,BTU,',                       // 12 model without hyphen → warning FUD_3014
    'R58N31ABC12,EF-XYZ1,BTU,',                       // 13 model not SM-/GT- → warning (import)
    'R58N31ABC1,SM-G991B,BTU,',                       // 14 serial not 11 → warning (import)
    '490154203237518,SM-G991B,BTU,',                  // 15 an IMEI as serial → warning FUD_3031
    'R58N31ABC16R58N31ABC16X,SM-G991B,BTU,',          // 16 serial over 20 bytes → warning FUD_1018
    'GT-S8500A-ok,GT-S8500A,BTU,',                    // 17 hyphen in serial → FUD_1019
  ];

  it('reports each on its row and column, errors blocking and warnings not', async () => {
    const r = await okCsv(lines.join('\n'));
    expect(brief(r)).toEqual([
      '3:A:rule:error:FUD_1019',
      '4:A:rule:error:FUD_1018',
      '5:A:rule:error:FUD_1018',
      '6:B:rule:error:FUD_1005',
      '7:B:rule:error:FUD_1006',
      '8:B:rule:error:FUD_1005',
      '9:C:rule:error:FUD_1007',
      '10:C:rule:error:FUD_1008',
      '11:C:rule:warning:FUD_3014',
      '12:B:rule:warning:FUD_3014',
      '13:B:model-form:warning:FUD_3014',
      '14:A:serial-length:warning',
      '15:A:rule:warning:FUD_3031',
      '16:A:rule:warning:FUD_1018',
      '17:A:rule:error:FUD_1019',
    ]);
    expect(r.totals).toEqual({ read: 16, valid: 7, warnings: 6, rejected: 9, repeats: 0, devices: 7, blank: 0 });
    const f = r.findings.find((x) => x.row === 3)!;
    expect(f).toMatchObject({ element: 'serialNumber', value: 'R58N31ABC0#', column: 'A', columnName: 'Serial' });
    expect(f.message).toMatch(/#/);
    expect(r.rows.find((x) => x.row === 3)!.severity).toBe('error');
    expect(r.rows.find((x) => x.row === 11)!.severity).toBe('warning');
    expect(r.rows.find((x) => x.row === 2)!.severity).toBe('ok');
  });
});

describe('duplicates', () => {
  it('the same serial with another model or sales code is an error on every row of it', async () => {
    const r = await okCsv([HEADER, 'R58N31ABC01,SM-G991B,BTU,', 'R58N31ABC02,SM-G991B,BTU,', 'r58n31abc01,SM-G996B,BTU,', 'R58N31ABC01,SM-G991B,BTU,'].join('\n'));
    expect(brief(r)).toEqual(['2:-:duplicate-conflict:error', '4:-:duplicate-conflict:error', '5:-:duplicate-conflict:error']);
    expect(r.findings[0]!.message).toMatch(/'R58N31ABC01' appears on rows 2, 4, 5 with different models or sales codes \(SM-G991B \/ BTU, SM-G996B \/ BTU\)/);
    expect(r.groups.flatMap((g) => g.devices.map((d) => d.serial))).toEqual(['R58N31ABC02']);
  });

  it('names each row of a conflicting serial with its model and sales code, and how to fix it', async () => {
    const r = await okCsv([HEADER, 'R58N31ABC01,SM-G991B,BTU,', 'R58N31ABC01,SM-G991B,XAR,'].join('\n'));
    expect(r.findings[0]!.message).toContain('row 2: SM-G991B / BTU; row 3: SM-G991B / XAR');
    expect(r.findings[0]!.message).toContain('correct or delete the wrong row in the file and import it again');
  });

  it('keeps the row the admin chose of a conflicting serial and leaves the others out, with a warning on each', async () => {
    const lines = [HEADER, 'R58N31ABC01,SM-G991B,BTU,', 'R58N31ABC02,SM-G991B,BTU,', 'R58N31ABC01,SM-G996B,BTU,'].join('\n');
    const r = await okCsv(lines, { keep: { R58N31ABC01: 4 } });
    expect(brief(r)).toEqual(['2:-:duplicate-left-out:warning', '4:-:duplicate-kept:warning']);
    expect(r.findings[0]!.message).toBe("Serial 'R58N31ABC01': you kept row 4 (SM-G996B / BTU); this row (SM-G991B / BTU) is left out.");
    expect(r.findings[1]!.message).toBe("Serial 'R58N31ABC01' is also on row 2 with another model or sales code; you kept this row (SM-G996B / BTU).");
    expect(r.groups.map((g) => [g.model, g.devices.map((d) => `${d.serial}@${d.source?.row}`)])).toEqual([['SM-G991B', ['R58N31ABC02@3']], ['SM-G996B', ['R58N31ABC01@4']]]);
    expect(r.totals).toMatchObject({ read: 3, rejected: 0, repeats: 1, devices: 2 });
  });

  it('a kept row that is not one of the serial’s rows changes nothing: the conflict stays', async () => {
    const r = await okCsv([HEADER, 'R58N31ABC01,SM-G991B,BTU,', 'R58N31ABC01,SM-G996B,BTU,'].join('\n'), { keep: { R58N31ABC01: 7 } });
    expect(brief(r)).toEqual(['2:-:duplicate-conflict:error', '3:-:duplicate-conflict:error']);
  });

  it('an identical repeated row is a warning and the device is kept once', async () => {
    const r = await okCsv([HEADER, 'R58N31ABC01,SM-G991B,BTU,', 'R58N31ABC01, sm-g991b ,btu,', 'R58N31ABC01,SM-G991B,BTU,'].join('\n'));
    expect(brief(r)).toEqual(['3:-:duplicate-row:warning', '4:-:duplicate-row:warning']);
    expect(r.findings[1]!.message).toMatch(/repeats row 2/);
    expect(r.totals).toMatchObject({ read: 3, valid: 3, repeats: 2, devices: 1 });
    expect(r.groups[0]!.devices).toHaveLength(1);
    expect(r.groups[0]!.devices[0]!.source?.row).toBe(2);
  });

  it('two values Excel mangled alike are not taken for the same device', async () => {
    const r = await okCsv([HEADER, '3.52E+14,SM-G991B,BTU,', '3.52E+14,SM-G991B,BTU,'].join('\n'));
    expect(brief(r)).toEqual(['2:A:scientific-notation:error:FUD_1019', '3:A:scientific-notation:error:FUD_1019']);
  });
});

describe('Excel damage in text files', () => {
  const lines = [
    HEADER,                                                 // 1
    'R58N31ABC01,SM-G991B,BTU,352000000000011',             // 2 fine
    '3.52E+14,SM-G991B,BTU,',                               // 3 serial in scientific notation
    'R58N31ABC03,SM-G991B,1.2E+3,',                         // 4 sales code in scientific notation
    'R58N31ABC04,=CONCAT(B2;C2),BTU,',                      // 5 formula text
    'R58N31ABC05,SM-G991B,#N/A,',                           // 6 a formula's error value
    'R58N31ABC06,SM-G991B,2024-03-01,',                     // 7 ISO date
    'R58N31ABC07,SM-G991B,01/03/2024,',                     // 8 d/m/y date
    'R58N31ABC08,SM-G991B,1-Mar,',                          // 9 "1-Mar" (Excel's display of 1-3)
    '2-Sep,SM-G991B,BTU,',                                  // 10 serial turned into a date
    'R58N31ABC10,SM-G991B,Sep-24,',                         // 11 "Sep-24"
    '123456789,SM-G991B,BTU,',                              // 12 serial lost its leading zeros (usual: 11)
    'R58N31ABC12,SM-G991B,BTU,3.52123E+14',                 // 13 IMEI in scientific notation (warning)
    'R58N31ABC13,SM-G991B,BTU,12345678901234',              // 14 IMEI lost a zero (warning)
    'R58N31ABC14,SM-G991B,BTU,352000000000029',             // 15 fine
    'R58N31ABC15,SM-G991B,BTU,352000000000037',             // 16 fine
  ];

  it('names each kind of damage on its row', async () => {
    const r = await okCsv(lines.join('\n'));
    expect(brief(r)).toEqual([
      '3:A:scientific-notation:error:FUD_1019',
      '4:C:scientific-notation:error:FUD_1008',
      '5:B:formula-text:error:FUD_1006',
      '6:C:formula-text:error:FUD_1008',
      '7:C:excel-date:error:FUD_1008',
      '8:C:excel-date:error:FUD_1008',
      '9:C:excel-date:error:FUD_1008',
      '10:A:excel-date:error:FUD_1019',
      '11:C:excel-date:error:FUD_1008',
      '12:A:lost-leading-zeros:warning',
      '13:D:scientific-notation:warning',
      '14:D:lost-leading-zeros:warning',
    ]);
    const message = (row: number) => r.findings.find((f) => f.row === row)!.message;
    expect(message(3)).toMatch(/^Serial number: 3\.52E\+14 is a number in scientific notation.*real value is lost.*format the column as Text/);
    expect(message(5)).toMatch(/formula =CONCAT\(B2;C2\) instead of its result.*Paste Special › Values/);
    expect(message(6)).toMatch(/Excel's error #N\/A/);
    expect(message(10)).toMatch(/2-Sep is a date where a serial number was expected/);
    expect(message(12)).toMatch(/9 digits where this column's values usually have 11.*00123456789/);
    expect(message(13)).toMatch(/^IMEI \(shown only, never sent\): 3\.52123E\+14/);
  });

  it('a lost-zeros warning replaces the length warning for the same serial', async () => {
    const r = await okCsv(lines.join('\n'));
    expect(r.findings.filter((f) => f.row === 12).map((f) => f.code)).toEqual(['lost-leading-zeros']);
  });

  it('does not guess lost zeros without a clear usual length', async () => {
    const r = await okCsv([HEADER, 'R58N31ABC01,SM-G991B,BTU,', '123456789,SM-G991B,BTU,'].join('\n'));
    expect(r.findings.map((f) => f.code)).toEqual(['serial-length']);
  });

  it('sales codes that lost a zero', async () => {
    const r = await okCsv([HEADER, 'R58N31ABC01,SM-G991B,001,', 'R58N31ABC02,SM-G991B,002,', 'R58N31ABC03,SM-G991B,003,', 'R58N31ABC04,SM-G991B,4,'].join('\n'));
    expect(brief(r)).toEqual(['5:C:rule:warning:FUD_3014', '5:C:lost-leading-zeros:warning']);
  });
});

describe('a headerless serial list whose first value is odd', () => {
  it('keeps that first value as a device row (values with digits are never taken for a header)', async () => {
    const r = await okCsv('R58N 31ABC01\nR58N31ABC02\nR58N31ABC03\n', { defaults: { model: 'SM-G991B', salesCode: 'BTU' } });
    expect(r.headerRow).toBeNull();
    expect(brief(r)).toEqual(['1:A:rule:error:FUD_1019']);
  });
});
