// Issue #20: relative file arguments resolve from the directory the user ran the command in, also
// through `npm run fota`, which runs the script in the package root and passes the user's directory
// as INIT_CWD; a message about a file names its full path.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scratch, spawnFota, type Run } from './spawn.ts';

const dir = scratch('cli-paths');
const user = path.join(dir.work, 'user desk');
// As npm runs it: the package root as the working directory, the user's directory in INIT_CWD.
const fota = (...args: string[]): Promise<Run> => spawnFota(args, { cwd: ROOT, dataDir: dir.dataDir, env: { INIT_CWD: user } });

beforeAll(() => {
  mkdirSync(user);
  writeFileSync(path.join(user, 'phones.csv'), 'Serial,Model,Sales Code\nR58N1SP0031,SM-G991B,BTU\n');
});
afterAll(() => dir.remove());

describe('file arguments resolve from INIT_CWD', () => {
  it('reads a device list and writes -o files in the user directory, not the package root', async () => {
    const read = await fota('import', 'phones.csv');
    expect(read.code, read.err).toBe(0);
    const created = await fota('batch', 'create', 'phones.csv', '--name', 'paths', '--target', 'Latest', '--network', 'ANY');
    expect(created.code, created.err).toBe(0);
    const exported = await fota('batch', 'export', 'paths', '-o', 'paths.fotabatch');
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain(`Wrote ${path.join(user, 'paths.fotabatch')}`);
    expect(existsSync(path.join(user, 'paths.fotabatch'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'paths.fotabatch'))).toBe(false);
    const imported = await spawnFota(['batch', 'import', 'paths.fotabatch', '--name', 'paths again'], { cwd: ROOT, dataDir: path.join(dir.work, 'other-data'), env: { INIT_CWD: user } });
    expect(imported.code, imported.err).toBe(0);
    const diagnostics = await fota('diagnostics', '-o', 'diag.txt');
    expect(diagnostics.code, diagnostics.err).toBe(0);
    expect(existsSync(path.join(user, 'diag.txt'))).toBe(true);
  });

  it('names the full path of a file it cannot read', async () => {
    const missing = await fota('import', 'missing.csv');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`cannot read ${path.join(user, 'missing.csv')} (ENOENT)`);
    const create = await fota('batch', 'create', 'missing.csv', '--name', 'x', '--target', 'Latest', '--network', 'ANY');
    expect(create.err).toContain(`${path.join(user, 'missing.csv')}: cannot read the file (ENOENT)`);
    const ca = await fota('license', '--ca', 'proxy-ca.pem', '--base-url', 'https://127.0.0.1:9', '--mdm-id', 'M', '--customer-id', 'C', '--license', 'L', '--token-stdin');
    expect(ca.code).toBe(2);
    expect(ca.err).toContain(`--ca ${path.join(user, 'proxy-ca.pem')}: cannot read the file (ENOENT)`);
  });

  it('without INIT_CWD, resolves from the working directory', async () => {
    const r = await spawnFota(['import', 'phones.csv'], { cwd: user, dataDir: dir.dataDir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/R58N1SP0031|1 device/);
  });
});
