// A full disk, a read-only disk or a refused write is the admin's to fix, not a bug: the CLI and the
// window name the folder and what was kept, never "unexpected error … This is a bug". Made for real
// (test/helpers/fs-faults.ts): a 256 KiB tmpfs that fills up (ENOSPC), the same tmpfs remounted
// read-only (EROFS), and an immutable folder (EPERM, which even root gets).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { tempServices } from '../../unit/ipc/temp-services.ts';
import { canMakeImmutable, canMountTmpfs, runOnTinyDisk, setImmutable, unavailable } from '../../helpers/fs-faults.ts';

const FOTA = fileURLToPath(new URL('../../../out/node/fota.mjs', import.meta.url));
const PROFILE = ['--mdm-id', 'K7Q2M9X4TP', '--customer-id', 'C-1', '--license', 'L-1'];
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'fota-storage-'));
  writeFileSync(path.join(work, 'phones.csv'), 'Serial,Model,Sales Code\nR58N1SP0001,SM-G991B,BTU\nR58N1SP0002,SM-G991B,BTU\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Runs inside the private mount namespace, on the tiny disk: prepares, fills it, then makes it read-only.
const DRIVER = `
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.TINY_DIR;
const data = path.join(dir, 'data');
const env = { PATH: process.env.PATH, HOME: process.env.WORK, FOTA_DESK_DATA_DIR: data };
const run = (...args) => {
  const r = spawnSync(process.execPath, [process.env.FOTA, ...args], { encoding: 'utf8', env, cwd: process.env.WORK });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const profile = JSON.parse(process.env.PROFILE);
const result = {};
result.before = run('profile', 'add', 'Acme', ...profile);
try { fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(4 * 1024 * 1024)); } catch {}
result.fullProfile = run('profile', 'add', 'Other', ...profile);
result.fullBatch = run('batch', 'create', 'phones.csv', '--name', 'Full', '--target', 'Latest', '--network', 'ANY');
result.settingsWhenFull = fs.readFileSync(path.join(data, 'settings.json'), 'utf8');
fs.unlinkSync(path.join(dir, 'filler'));
result.remount = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' }).status;
result.readOnly = run('profile', 'add', 'Third', ...profile);
result.settingsWhenReadOnly = fs.readFileSync(path.join(data, 'settings.json'), 'utf8');
process.stdout.write(JSON.stringify(result));
`;

/** A `batches:create` payload of one device. */
function create(name: string, serial: string): unknown {
  const device = { serial, model: 'SM-G991B', salesCode: 'BTU', imei: null, row: 2 };
  return { name, notes: '', target: 'Latest', network: 'WIFIONLY', sources: [{ fileName: 'fleet.csv', sha256: 'b'.repeat(64), devices: [device] }] };
}

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

const mountSkip = canMountTmpfs() ? null : unavailable('mounting a tmpfs');
const chattrSkip = canMakeImmutable() ? null : unavailable('chattr +i');

describe('a full or read-only disk (CLI)', () => {
  it.skipIf(mountSkip !== null)(`says which folder and what was kept, with exit 9 ${mountSkip ?? ''}`, () => {
    const tiny = path.join(work, 'tiny');
    mkdirSync(tiny);
    const driver = path.join(work, 'driver.cjs');
    writeFileSync(driver, DRIVER);
    const ran = runOnTinyDisk(tiny, driver, { PATH: process.env['PATH'] ?? '', TINY_DIR: tiny, WORK: work, FOTA, PROFILE: JSON.stringify(PROFILE) });
    expect(ran.status, ran.stderr).toBe(0);
    const r = JSON.parse(ran.stdout) as Record<string, Run> & { settingsWhenFull: string; settingsWhenReadOnly: string; remount: number };
    const data = path.join(tiny, 'data');
    expect(r['before']?.code, r['before']?.err).toBe(0);

    for (const full of [r['fullProfile'], r['fullBatch']]) {
      expect(full?.err).not.toMatch(/This is a bug|unexpected error/);
      expect(full?.code, full?.err).toBe(9);
      expect(full?.err).toContain(`Cannot write to ${data}`);
      expect(full?.err).toContain('the disk is full (ENOSPC)');
      expect(full?.err).toMatch(/keeps its previous content|unchanged|Nothing was/);
      expect(full?.err).toContain('Free some space');
    }
    // what was there is intact: the first profile, and no half-written file
    expect(JSON.parse(r.settingsWhenFull).profiles.map((p: { name: string }) => p.name)).toEqual(['Acme']);

    expect(r.remount).toBe(0);
    const ro = r['readOnly'];
    expect(ro?.err).not.toMatch(/This is a bug|unexpected error/);
    expect(ro?.code, ro?.err).toBe(9);
    expect(ro?.err).toContain(`Cannot write to ${data}`);
    expect(ro?.err).toContain('the disk is read-only (EROFS)');
    expect(JSON.parse(r.settingsWhenReadOnly).profiles.map((p: { name: string }) => p.name)).toEqual(['Acme']);
  });
});

describe('a folder the OS refuses to write (EPERM)', () => {
  it.skipIf(chattrSkip !== null)(`the CLI names it with exit 9 ${chattrSkip ?? ''}`, async () => {
    const dataDir = path.join(work, 'immutable-cli');
    const env = { [DATA_DIR_ENV]: dataDir, HOME: work };
    const first = memoryIo({ env, cwd: work });
    expect(await runCli(['batch', 'create', 'phones.csv', '--name', 'First', '--target', 'Latest', '--network', 'ANY'], first), first.err()).toBe(0);
    const batches = path.join(dataDir, 'batches');
    setImmutable(batches, true);
    try {
      const io = memoryIo({ env, cwd: work });
      const code = await runCli(['batch', 'create', 'phones.csv', '--name', 'Second', '--target', 'Latest', '--network', 'ANY'], io);
      expect(io.err()).not.toMatch(/This is a bug|unexpected error/);
      expect(code, io.err()).toBe(9);
      expect(io.err()).toContain(`Cannot write to ${batches}`);
      expect(io.err()).toContain('(EPERM)');
    } finally {
      setImmutable(batches, false);
    }
  });

  it.skipIf(chattrSkip !== null)(`the window gets STORAGE with the folder and the remedy ${chattrSkip ?? ''}`, async () => {
    const t = tempServices();
    const handlers = createHandlers(t.services);
    try {
      const first = await dispatch(handlers, 'batches:create', create('First', 'R58N1SP0001'));
      if (!first.ok) throw new Error(first.error.message);
      const batches = path.join(t.dataDir, 'batches');
      setImmutable(batches, true);
      try {
        const refused = await dispatch(handlers, 'batches:create', create('Second', 'R58N1SP0002'));
        expect(refused.ok).toBe(false);
        if (refused.ok) return;
        expect(refused.error.code).toBe('STORAGE');
        expect(refused.error.message).toContain(`Cannot write to ${batches}`);
        expect(refused.error.message).not.toMatch(/unexpected error/);
        expect(refused.error.remedy).toMatch(/permissions/);
      } finally {
        setImmutable(batches, false);
      }
    } finally {
      await t.dispose();
    }
  });
});

describe('the classification itself', () => {
  it('names the folder of the file an OS error names, for every storage errno', async () => {
    const { asStorageError } = await import('../../../main/store/storage-error.ts');
    for (const code of ['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS']) {
      const raw = Object.assign(new Error(`${code}: open`), { code, syscall: 'open', path: '/data/batches/b1.json.tmp-1' });
      const e = asStorageError(raw);
      expect(e?.folder).toBe('/data/batches');
      expect(e?.message).toContain(`(${code})`);
    }
    expect(asStorageError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeNull();
  });
});
