// Issue #20, "the CLI as a script expects": `-o FILE` writes exactly FILE. A practice export is
// marked inside the file (its first line or row) and in the message, never by renaming the file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch, spawnFota, type Run } from './spawn.ts';

const dir = scratch('cli-exports');
const fota = (...args: string[]): Promise<Run> => spawnFota(args, { cwd: dir.work, dataDir: dir.dataDir });

beforeAll(async () => {
  // Enrolled devices of the practice tenant (main/simulator/demo-seed.ts), so the send is accepted.
  writeFileSync(path.join(dir.work, 'phones.csv'), 'Serial,Model,Sales Code\nR58N1SP0001,SM-G991B,BTU\nR58N1SP0002,SM-G991B,BTU\n');
  const created = await fota('batch', 'create', 'phones.csv', '--name', 'exports', '--target', 'Latest', '--network', 'WIFIONLY');
  expect(created.code, created.err).toBe(0);
  const sent = await fota('batch', 'send', 'exports', '--yes');
  expect(sent.code, sent.err).toBe(0);
}, 120_000);
afterAll(() => dir.remove());

describe('-o FILE writes exactly FILE, practice or not', () => {
  it('batch export -o r.fotabatch of a practice batch writes r.fotabatch, PRACTICE on its first line and in the message', async () => {
    const r = await fota('batch', 'export', 'exports', '-o', 'r.fotabatch');
    expect(r.code, r.err).toBe(0);
    const file = path.join(dir.work, 'r.fotabatch');
    expect(r.out).toContain(`Wrote ${file} (PRACTICE data: its first line says so)`);
    expect(existsSync(path.join(dir.work, 'PRACTICE-r.fotabatch'))).toBe(false);
    expect(readFileSync(file, 'utf8')).toMatch(/^\{\n {2}"practice": "PRACTICE/);
    const json = await fota('batch', 'export', 'exports', '-o', 'again.fotabatch', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ file: path.join(dir.work, 'again.fotabatch'), practice: true });
  });

  it('batch results -o r.csv of a practice batch writes r.csv, PRACTICE in its first row and in the message', async () => {
    const r = await fota('batch', 'results', 'exports', '-o', 'r.csv', '--delimiter', ',');
    expect(r.code, r.err).toBe(0);
    const file = path.join(dir.work, 'r.csv');
    expect(r.out).toBe(`Wrote 2 device(s) of 'exports' to ${file} (delimiter ','; PRACTICE data, marked in its first row).\n`);
    expect(existsSync(path.join(dir.work, 'PRACTICE-r.csv'))).toBe(false);
    const lines = readFileSync(file, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF"PRACTICE — practice data/);
    expect(lines[1]).toMatch(/^Serial Number,Model,Sales Code,State/);
  });
});
