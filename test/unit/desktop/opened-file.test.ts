// Files opened from the menu or the OS: read by main with their kind and size checked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDialogOptions, readOpenedFile } from '../../../main/desktop/opened-file.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fota-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('readOpenedFile', () => {
  it('reads a device list and a batch, passing on the name only', async () => {
    const csv = await readOpenedFile(file('devices.CSV', 'serial\nR58M123'), 'devices');
    expect(csv).toMatchObject({ purpose: 'devices', name: 'devices.CSV' });
    expect(new TextDecoder().decode((csv as { bytes: Uint8Array }).bytes)).toBe('serial\nR58M123');
    expect(await readOpenedFile(file('march.fotabatch', '{}'), 'batch')).toMatchObject({ purpose: 'batch', name: 'march.fotabatch' });
    expect(await readOpenedFile(file('fleet.ods', 'PK'), 'devices')).toMatchObject({ purpose: 'devices', name: 'fleet.ods' });
  });

  it('refuses the wrong kind of file, a folder, an empty file, a missing one and an oversized one', async () => {
    expect(await readOpenedFile(file('tool.exe', 'MZ'), 'devices')).toEqual({ problem: expect.stringMatching(/not a device list: expected \.csv/) });
    expect(await readOpenedFile(file('devices.csv', 'x'), 'batch')).toEqual({ problem: expect.stringMatching(/not a FOTA Desk batch/) });
    mkdirSync(path.join(dir, 'folder.fotabatch'));
    expect(await readOpenedFile(path.join(dir, 'folder.fotabatch'), 'batch')).toEqual({ problem: expect.stringMatching(/not a file/) });
    expect(await readOpenedFile(file('empty.csv', ''), 'devices')).toEqual({ problem: expect.stringMatching(/is empty/) });
    expect(await readOpenedFile(path.join(dir, 'gone.csv'), 'devices')).toEqual({ problem: expect.stringMatching(/does not exist/) });
    expect(await readOpenedFile(file('big.csv', 'x'.repeat(3 * 1024 * 1024)), 'devices', 2 * 1024 * 1024)).toEqual({ problem: expect.stringMatching(/3 MiB.*up to 2 MiB/) });
  });

  it('offers the matching filters in the native dialog', () => {
    expect(openDialogOptions('devices').filters[0]!.extensions).toEqual(['csv', 'tsv', 'txt', 'xlsx', 'ods']);
    expect(openDialogOptions('batch').filters[0]!.extensions).toEqual(['fotabatch']);
  });
});
