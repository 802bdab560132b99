// The data folder is this user's alone: created 0700 with every file 0600 whatever the umask
// (the test runs with umask 000, so a file created with a default mode would come out 0666), and a
// folder left readable by an older version is narrowed when the CLI or the app starts.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { flushAppLogs } from '../../../main/log/logger.ts';
import { composeServices } from '../../../main/services/compose.ts';
import { MemorySecretStore } from '../../../main/auth/memory-secret-store.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

const posix = process.platform !== 'win32';
let work: string;
let umask: number;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'fota-modes-'));
  const rows = ['Serial,Model,Sales Code', ...[1, 2, 3].map((i) => `R58N1SP000${i},SM-G991B,BTU`)];
  writeFileSync(path.join(work, 'phones.csv'), `${rows.join('\n')}\n`);
  // Nothing may rely on the umask: with 000 every default-mode file would be world-writable.
  umask = process.umask(0o000);
});
afterAll(() => {
  process.umask(umask);
  rmSync(work, { recursive: true, force: true });
});

async function fota(dataDir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo({ env: { [DATA_DIR_ENV]: dataDir, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1' }, cwd: work });
  const code = await runCli(argv, io);
  await flushAppLogs(); // what a `fota` process writes before it ends
  return { code, out: io.out(), err: io.err() };
}

/** Every entry under `dir` (itself included) with its permission bits, symbolic links left out. */
function modes(dir: string): Array<{ entry: string; kind: 'dir' | 'file'; mode: string }> {
  const out: Array<{ entry: string; kind: 'dir' | 'file'; mode: string }> = [];
  const visit = (entry: string): void => {
    const s = lstatSync(entry);
    if (s.isSymbolicLink()) return;
    out.push({ entry: path.relative(dir, entry) || '.', kind: s.isDirectory() ? 'dir' : 'file', mode: (s.mode & 0o777).toString(8) });
    if (s.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dir);
  return out;
}

const wrongModes = (dir: string) => modes(dir).filter((m) => m.mode !== (m.kind === 'dir' ? '700' : '600'));

describe.skipIf(!posix)('the data folder is private (POSIX)', () => {
  it('creates the folder 0700 and every file 0600: settings, batches, journals, audit log, history, logs, exports', async () => {
    const dataDir = path.join(work, 'fresh', 'data');
    expect((await fota(dataDir, 'profile', 'add', 'Acme', '--mdm-id', 'K7Q2M9X4TP', '--customer-id', 'C-1', '--license', 'L-1')).code).toBe(0);
    expect((await fota(dataDir, 'profile', 'use', 'practice')).code).toBe(0);
    const created = await fota(dataDir, 'batch', 'create', 'phones.csv', '--name', 'Modes', '--target', 'Latest', '--network', 'WIFIONLY');
    expect(created.code, created.err).toBe(0);
    const sent = await fota(dataDir, 'batch', 'send', 'Modes', '--yes');
    expect(sent.code, sent.err).toBe(0);
    const exported = await fota(dataDir, 'batch', 'results', 'Modes', '-o', path.join(dataDir, 'results.csv'));
    expect(exported.code, exported.err).toBe(0);
    expect((await fota(dataDir, 'batch', 'export', 'Modes', '-o', path.join(dataDir, 'modes.fotabatch'))).code).toBe(0);
    expect((await fota(dataDir, 'diagnostics', '-o', path.join(dataDir, 'diagnostics.txt'))).code).toBe(0);

    const all = modes(dataDir);
    const names = all.map((m) => m.entry);
    // every kind of file the issue names is there to be judged
    for (const expected of ['settings.json', 'audit.log', 'batches', 'journals', 'history', 'logs', 'profiles', 'diagnostics.txt']) {
      expect(names.some((n) => n === expected || n.startsWith(`${expected}${path.sep}`)), expected).toBe(true);
    }
    expect(names.some((n) => n.startsWith(`journals${path.sep}`) && n.endsWith('.jsonl'))).toBe(true);
    expect(names.some((n) => n.startsWith('PRACTICE-') || n.includes('results'))).toBe(true);
    expect(wrongModes(dataDir)).toEqual([]);
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
  });

  it('tightens a folder an older version left open when the CLI starts, without following links', async () => {
    const dataDir = path.join(work, 'old-cli', 'data');
    const outside = path.join(work, 'outside.txt');
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    seedOpenFolder(dataDir, outside);
    expect(wrongModes(dataDir).length).toBeGreaterThan(3);

    const listed = await fota(dataDir, 'profile', 'list');
    expect(listed.code, listed.err).toBe(0);
    expect(wrongModes(dataDir)).toEqual([]);
    expect((statSync(outside).mode & 0o777).toString(8)).toBe('644');
  });

  it('tightens it when the app (or web mode) starts', async () => {
    const dataDir = path.join(work, 'old-app', 'data');
    const outside = path.join(work, 'outside-app.txt');
    writeFileSync(outside, 'not ours');
    chmodSync(outside, 0o644);
    seedOpenFolder(dataDir, outside);
    const services = composeServices({ dataDir, env: {}, transport: 'web', version: 'test', isPackaged: false, secrets: new MemorySecretStore(), backgroundRefresh: false });
    try {
      expect(wrongModes(dataDir)).toEqual([]);
      expect((statSync(outside).mode & 0o777).toString(8)).toBe('644');
    } finally {
      await services.close();
    }
  });
});

/** A data folder as an older FOTA Desk left it: folders 0755, files 0644, and a link to a file outside. */
function seedOpenFolder(dataDir: string, outside: string): void {
  for (const dir of ['batches', 'journals', 'history', 'logs', path.join('profiles', 'practice')]) mkdirSync(path.join(dataDir, dir), { recursive: true, mode: 0o755 });
  const files = ['settings.json', 'audit.log', path.join('batches', 'b1.json'), path.join('journals', 'b1.x.jsonl'), path.join('history', 'index.json'), path.join('logs', 'fota-desk.log')];
  for (const file of files) writeFileSync(path.join(dataDir, file), file.endsWith('settings.json') ? '{}' : '\n', { mode: 0o644 });
  for (const dir of ['', 'batches', 'journals', 'history', 'logs', 'profiles', path.join('profiles', 'practice')]) chmodSync(path.join(dataDir, dir), 0o755);
  for (const file of files) chmodSync(path.join(dataDir, file), 0o644);
  symlinkSync(outside, path.join(dataDir, 'link-to-outside'));
}
