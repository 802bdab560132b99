// Two `fota` processes adding profiles at the same moment (as the window and a script may): the
// settings lock and the re-read before each write must keep both.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(path.join(tmpdir(), 'fota-concurrent-'));
const dataDir = path.join(root, 'data');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fota(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['out/node/fota.mjs', ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: root, FOTA_DESK_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

const add = (name: string) => fota(['profile', 'add', name, '--mdm-id', `M${name}`, '--customer-id', 'C-1', '--license', 'L-1']);

describe('profiles added by two processes at once', () => {
  it('keeps every profile, round after round', async () => {
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.all([add(`a${round}`), add(`b${round}`)]);
      for (const r of results) expect(r.code, r.err).toBe(0);
    }
    const settings = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as { profiles: Array<{ name: string }> };
    const expected = Array.from({ length: rounds }, (_, i) => [`a${i}`, `b${i}`]).flat().sort();
    expect(settings.profiles.map((p) => p.name).sort()).toEqual(expected);
    // no lock or temp file left behind
    expect(readdirSync(dataDir).filter((f) => f !== 'settings.json')).toEqual([]);
  });
});
