// Manual mappings (the window's dialog, `--map`) override detection; header signatures let a
// mapping chosen once be offered again for files with the same header.
import { describe, expect, it } from 'vitest';
import { formatMappingSpec, headerSignature, parseMappingSpec } from '../../../common/import/index.ts';
import { brief, okCsv, refused } from './helpers/run.ts';

const FILE = ['Asset,Device S/N,Handset,Region code,Notes', 'A1,R58N31ABC01,SM-G991B,BTU,x', 'A2,R58N31ABC02,SM-G991B,BTU,y'].join('\n');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('parseMappingSpec', () => {
  it('reads roles in any order, with names, numbers, letters and none', () => {
    expect(parseMappingSpec('serial=Device S/N, model=3,salesCode=d,imei=none,header=1')).toEqual({
      serial: 'Device S/N', model: '3', salesCode: 'd', imei: null, header: 1,
    });
    expect(parseMappingSpec('csc=C')).toEqual({ salesCode: 'C' });
    expect(parseMappingSpec('Sales Code=C,header=none')).toEqual({ salesCode: 'C', header: 'none' });
  });

  it('refuses what it cannot read, saying what to write', () => {
    expect(() => parseMappingSpec('serial')).toThrow(/'serial' is not ROLE=COLUMN/);
    expect(() => parseMappingSpec('colour=B')).toThrow(/'colour' is not a column role\. Use serial, model, salesCode, imei or header/);
    expect(() => parseMappingSpec('serial=A,serial=B')).toThrow(/serial is given twice/);
    expect(() => parseMappingSpec('model=')).toThrow(/model= needs a column/);
    expect(() => parseMappingSpec('header=first')).toThrow(/header=first: give the header's row number/);
  });

  it('round-trips a resolved mapping as letters', () => {
    const spec = formatMappingSpec({ serial: 1, model: 27, salesCode: 3, imei: null }, 2);
    expect(spec).toBe('serial=B,model=AB,salesCode=D,imei=none,header=2');
    expect(parseMappingSpec(spec)).toEqual({ serial: 'B', model: 'AB', salesCode: 'D', imei: null, header: 2 });
  });
});

describe('manual mapping overrides detection', () => {
  it('by header name, column number and letter', async () => {
    const r = await okCsv(FILE, { mapping: { serial: 'device s/n', model: '3', salesCode: 'D' } });
    expect(r.mapping).toEqual({ serial: 1, model: 2, salesCode: 3, imei: null });
    expect(r.columns.filter((c) => c.role !== null).map((c) => c.source)).toEqual(['manual', 'manual', 'manual']);
    expect(r.findings).toEqual([]);
    expect(r.mappingSpec).toBe('serial=B,model=C,salesCode=D,imei=none,header=1');
  });

  it('by 0-based index, as the window sends it', async () => {
    const r = await okCsv(FILE, { mapping: { serial: 1, model: 2, salesCode: 3, imei: null } });
    expect(r.totals.devices).toBe(2);
  });

  it('a role mapped by hand wins over a header that names it', async () => {
    const r = await okCsv('Serial,Model,CSC,Old serial\nR58N31ABC01,SM-G991B,BTU,OLD1\n', { mapping: { serial: 'Old serial' } });
    expect(r.mapping.serial).toBe(3);
    expect(r.rows[0]!.serial).toBe('OLD1');
  });

  it('none leaves a role without a column, so the default applies', async () => {
    const r = await okCsv('Serial,Model,CSC\nR58N31ABC01,Galaxy S21,BTU\n', { mapping: { model: null }, defaults: { model: 'SM-G991B' } });
    expect(r.mapping.model).toBeNull();
    expect(r.rows[0]!.model).toBe('SM-G991B');
  });

  it('header=none reads the first row as data; header=N names the header row', async () => {
    const data = 'R58N31ABC01,SM-G991B,BTU\nR58N31ABC02,SM-G991B,BTU\n';
    const none = await okCsv(data, { mapping: { header: 'none', serial: 'A', model: 'B', salesCode: 'C' } });
    expect(none.rows.map((x) => x.row)).toEqual([1, 2]);
    const second = await okCsv(`Exported by MDM\nDevice,Type,Land\n${data}`, { mapping: { header: 2, serial: 'Device', model: 'Type', salesCode: 'Land' } });
    expect(second.headerRow).toBe(2);
    expect(second.rows.map((x) => x.row)).toEqual([3, 4]);
  });

  it('a header name the admin typed also finds the header row', async () => {
    const r = await okCsv('Inventory\nGerät,Typ,Land\nR58N31ABC01,SM-G991B,BTU\n', { mapping: { serial: 'Gerät', model: 'Typ', salesCode: 'Land' } });
    expect(r.headerRow).toBe(2);
    expect(brief(r)).toEqual([]);
  });

  const bad: [string, object, RegExp][] = [
    ['a missing name', { serial: 'Serial number' }, /There is no column 'Serial number' for the serial number\. The columns are: A 'Asset', B 'Device S\/N'/],
    ['a column past the end', { serial: 'Z' }, /The serial number column Z does not exist: the file has 5 columns \(A–E\)/],
    ['a number past the end', { model: '9' }, /The model column 9 does not exist/],
    ['one column for two roles', { serial: 'B', model: 'B' }, /Column B cannot be both the serial number and the model/],
    ['a header row that does not exist', { header: 40 }, /There is no row 40/],
  ];
  for (const [what, mapping, message] of bad) {
    it(`refuses ${what}`, async () => {
      const failure = await refused(bytes(FILE), 'fleet.csv', { mapping });
      expect(failure.code).toBe('bad-mapping');
      expect(failure.message).toMatch(message);
    });
  }
});

describe('header signature', () => {
  it('is the same for headers that differ only in case, spacing and punctuation', () => {
    expect(headerSignature(['Serial No.', 'Model Name', 'CSC', '', ''])).toBe('serialno|modelname|csc');
    expect(headerSignature(['SERIAL NO', 'model_name', 'csc'])).toBe('serialno|modelname|csc');
    expect(headerSignature(['Serial No.', 'CSC', 'Model Name'])).not.toBe('serialno|modelname|csc');
  });

  it('comes with the result, and is empty without a header', async () => {
    const withHeader = await okCsv(FILE, { mapping: { serial: 'B', model: 'C', salesCode: 'D' } });
    expect(withHeader.headerSignature).toBe('asset|devicesn|handset|regioncode|notes');
    const without = await okCsv('R58N31ABC01\n', { defaults: { model: 'SM-G991B', salesCode: 'BTU' } });
    expect(without.headerSignature).toBe('');
  });
});
