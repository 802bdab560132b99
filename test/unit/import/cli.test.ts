// `fota import`, in-process through the real dispatcher.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { FIXTURES } from './helpers/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'fota-import-'));
const made: string[] = [dir];
const tempDir = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
writeFileSync(join(dir, 'clean.csv'), 'Serial Number;Model;CSC\nR58N31ABC01;SM-G991B;BTU\nR58N31ABC02;SM-G991B;BTU\nR58N31ABC03;SM-A515F;XEU\n');
writeFileSync(join(dir, 'serials.txt'), 'R58N31ABC01\nR58N31ABC02\n');

// Each run gets its own data folder unless a test shares one: a mapping `--map` remembers must
// never leak into another test (or into the developer's real data folder).
async function run(args: string[], stdin?: string, dataDir = tempDir('fota-import-data-')) {
  const io = memoryIo({ cwd: dir, env: { FOTA_DESK_DATA_DIR: dataDir }, ...(stdin !== undefined ? { stdin } : {}) });
  const code = await runCli(['import', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('fota import', () => {
  it('exits 0 for a list without errors and prints the groups', async () => {
    const { code, out, err } = await run(['clean.csv']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('clean.csv: header on row 1');
    expect(out).toContain("Columns: serial number A 'Serial Number', model B 'Model', sales code C 'CSC'");
    expect(out).toMatch(/MODEL\s+SALES CODE\s+DEVICES\n\s+SM-G991B\s+BTU\s+2\n\s+SM-A515F\s+XEU\s+1/);
    expect(out).toContain('Rows: 3 read, 3 valid, 0 rejected. 3 devices in 2 groups.');
    expect(out).toContain('Mapping used: --map "serial=A,model=B,salesCode=C,imei=none,header=1" (header: serialnumber|model|csc)');
  });

  it('exits 2 when rows have errors, naming row and column', async () => {
    const { code, out } = await run([join(FIXTURES, 'src/devices.csv')]);
    expect(code).toBe(2);
    expect(out).toContain('Rows: 14 read, 9 valid (4 with warnings, 1 repeated, kept once), 5 rejected. 8 devices in 4 groups.');
    expect(out).toMatch(/Errors — these rows are not sent \(5 on 5 rows\):\n {2}row 5: Serial 'R58N31ABC04' appears on rows 5 and 11/);
    expect(out).toMatch(/ {2}row 6, A \(Serial Number\): Serial 'R58N 31ABC05' contains a space.*\[FUD_1019\]/);
    expect(out).toMatch(/Warnings \(4 on 4 rows\):/);
  });

  it('--json prints one object with groups, devices and every finding', async () => {
    const { code, out } = await run([join(FIXTURES, 'devices.xlsx'), '--json']);
    expect(code).toBe(2);
    const json = JSON.parse(out) as Record<string, unknown> & { totals: { devices: number }; groups: { devices: { serial: string }[] }[]; findings: { row: number }[] };
    expect(json).toMatchObject({ ok: false, exitCode: 2, format: 'xlsx', sheet: 'Phones', headerRow: 1 });
    expect(json).not.toHaveProperty('rows');
    expect(json.totals.devices).toBe(8);
    expect(json.groups[0]!.devices.map((d) => d.serial)).toEqual(['R58N31ABC01', 'R58N31ABC02', 'R58N31ABC03', 'R58N31ABC0912']);
    expect(json.findings.map((f) => f.row)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('reads an .ods like the .xlsx of the same sheet: same rows, findings and groups', async () => {
    const xlsx = JSON.parse((await run([join(FIXTURES, 'devices.xlsx'), '--json'])).out) as Record<string, unknown>;
    const { code, out } = await run([join(FIXTURES, 'devices.ods'), '--json']);
    expect(code).toBe(2);
    const ods = JSON.parse(out) as Record<string, unknown>;
    expect(ods).toMatchObject({ format: 'ods', sheet: 'Phones', sheets: ['Phones', 'Tablets'], headerRow: 1 });
    for (const key of ['findings', 'totals', 'mapping', 'headerSignature']) expect(ods[key]).toEqual(xlsx[key]);
    // Devices name the file they came from; otherwise the groups are the same.
    expect(JSON.stringify(ods['groups'])).toBe(JSON.stringify(xlsx['groups']).replaceAll('devices.xlsx', 'devices.ods'));
    const text = await run([join(FIXTURES, 'devices.ods'), '--sheet', 'Tablets']);
    expect(text.code).toBe(0);
    expect(text.out).toContain("devices.ods, sheet 'Tablets' (sheets: Phones, Tablets): header on row 3");
    const locked = await run([join(FIXTURES, 'encrypted.ods')]);
    expect(locked.code).toBe(2);
    expect(locked.err).toMatch(/encrypted\.ods: This \.ods file is protected with a password/);
  });

  it('--json success', async () => {
    const { code, out } = await run(['clean.csv', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, exitCode: 0, delimiter: ';', totals: { read: 3, devices: 3 } });
  });

  it('--sheet, and defaults for a list of serials', async () => {
    expect((await run([join(FIXTURES, 'devices.xlsx'), '--sheet', 'Tablets'])).code).toBe(0);
    const { code, out } = await run(['serials.txt', '--model', 'SM-G991B', '--sales-code', 'BTU']);
    expect(code).toBe(0);
    expect(out).toContain('Columns: serial number A (by its values), model SM-G991B (default), sales code BTU (default)');
  });

  it('a serial list without defaults exits 2 and says what is missing', async () => {
    const { code, out } = await run(['serials.txt']);
    expect(code).toBe(2);
    expect(out).toMatch(/Problem: No model column was found and no default model was given/);
    expect(out).toContain('No device can be sent from this file.');
  });

  it('--map chooses the columns', async () => {
    const { code, out } = await run(['clean.csv', '--map', 'serial=1,model=Model,salesCode=C']);
    expect(code).toBe(0);
    expect(out).toContain("serial number A 'Serial Number' (mapped)");
  });

  it('remembers a --map for files with the same header, shared with the window, until --ignore-remembered', async () => {
    const dataDir = tempDir('fota-import-data-');
    // Columns swapped on purpose: the serial column read as the model and the other way round.
    const mapped = await run(['clean.csv', '--map', 'serial=B,model=A'], undefined, dataDir);
    expect(mapped.out).toContain("serial number B 'Model' (mapped)");
    const saved = JSON.parse(readFileSync(join(dataDir, 'import-mappings.json'), 'utf8')) as { mappings: Array<{ headerKey: string; columns: Record<string, number | null> }> };
    expect(saved.mappings).toEqual([expect.objectContaining({ headerKey: 'serialnumber|model|csc', columns: expect.objectContaining({ serial: 1, model: 0 }) })]);

    const again = await run(['clean.csv'], undefined, dataDir);
    expect(again.out).toContain("serial number B 'Model'");
    expect(again.err).toContain('the column mapping remembered for files with this header was used');

    const fresh = await run(['clean.csv', '--ignore-remembered'], undefined, dataDir);
    expect(fresh.out).toContain("Columns: serial number A 'Serial Number', model B 'Model', sales code C 'CSC'");
    expect(fresh.err).toBe('');
  });

  it('reads standard input with -', async () => {
    const { code, out } = await run(['-', '--model', 'SM-G991B', '--sales-code', 'BTU'], 'R58N31ABC01\nR58N31ABC02\n');
    expect(code).toBe(0);
    expect(out).toContain('standard input: no header row');
  });

  it('exits 2 with a clear message for an unreadable file', async () => {
    const missing = await run(['nope.csv']);
    expect(missing.code).toBe(2);
    // the full path (issue #20): where it was looked for, not only the name typed
    expect(missing.err).toContain(`cannot read ${join(dir, 'nope.csv')} (ENOENT)`);
    const legacy = await run([join(FIXTURES, 'legacy.xls')]);
    expect(legacy.code).toBe(2);
    expect(legacy.err).toMatch(/legacy\.xls: This is an Excel 97–2003 workbook \(\.xls\).*save it as \.xlsx/);
    expect(legacy.out).toBe('');
    const json = await run([join(FIXTURES, 'encrypted.xlsx'), '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, command: 'import', exitCode: 2, error: { type: 'import', code: 'encrypted' } });
  });

  it('refuses bad options before reading anything', async () => {
    const model = await run(['clean.csv', '--model', 'SM G991B']);
    expect(model.code).toBe(2);
    expect(model.err).toMatch(/--model: Model 'SM G991B' contains a space/);
    const map = await run(['clean.csv', '--map', 'serial']);
    expect(map.code).toBe(2);
    expect(map.err).toMatch(/--map: 'serial' is not ROLE=COLUMN/);
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/give the file to import/);
    const badColumn = await run(['clean.csv', '--map', 'serial=Z']);
    expect(badColumn.code).toBe(2);
    expect(badColumn.err).toMatch(/The serial number column Z does not exist: the file has 3 columns \(A–C\)/);
  });
});
