// Issue #20: declining the confirmation, or `batch retry` with nothing to retry, is not success:
// exit 2, "nothing done" (docs/cli.md, Exit codes), and nothing changes.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSECURE_MEMORY_SECRETS_ENV } from '../../../main/auth/open-secret-store.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { FOTA, scratch, spawnFota, type Run } from './spawn.ts';

const dir = scratch('cli-nothing-done');
const fota = (...args: string[]): Promise<Run> => spawnFota(args, { cwd: dir.work, dataDir: dir.dataDir });
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `fota` at a terminal (util-linux `script` gives it a pseudo-terminal) and answers its question with `answer`. */
function atTerminal(args: readonly string[], answer: string): Promise<Run> {
  const command = [process.execPath, FOTA, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = execFile('script', ['-qec', command, '/dev/null'], { cwd: dir.work, env: { PATH: process.env['PATH'] ?? '', [DATA_DIR_ENV]: dir.dataDir, [INSECURE_MEMORY_SECRETS_ENV]: '1' }, timeout: 120_000 }, (error, out, err) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    );
    child.stdin?.end(`${answer}\n`);
  });
}

beforeAll(async () => {
  // Two batches of other devices: the one sent would hold the other's back.
  for (const [name, serials] of [['declined', ['R58N1SP0011', 'R58N1SP0012']], ['sent', ['R58N1SP0013', 'R58N1SP0014']]] as const) {
    writeFileSync(path.join(dir.work, `${name}.csv`), `Serial,Model,Sales Code\n${serials.map((s) => `${s},SM-G991B,BTU\n`).join('')}`);
    const created = await fota('batch', 'create', `${name}.csv`, '--name', name, '--target', 'Latest', '--network', 'ANY');
    expect(created.code, created.err).toBe(0);
  }
  const sent = await fota('batch', 'send', 'sent', '--yes');
  expect(sent.code, sent.err).toBe(0);
}, 120_000);
afterAll(() => dir.remove());

describe('nothing done is exit 2, never 0', () => {
  it('batch send answered "no" at the terminal exits 2 and sends nothing', async () => {
    const r = await atTerminal(['batch', 'send', 'declined'], 'no');
    expect(r.out).toMatch(/Type 'yes' to send:/);
    expect(r.out).toMatch(/fota batch send: not confirmed: nothing was sent\./);
    expect(r.code).toBe(2);
    const status = await fota('batch', 'status', '--json');
    expect(status.out).not.toMatch(/"declined"/);
  });

  it('batch retry with nothing to retry exits 2, creates no batch, and --json says ok: false', async () => {
    const r = await fota('batch', 'retry', 'sent', '--from', 'unknown', '--name', 'nothing');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^fota batch retry: nothing to retry: no device of 'sent' is unknown/);
    const json = await fota('batch', 'retry', 'sent', '--from', 'unknown', '--name', 'nothing', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, command: 'batch retry', exitCode: 2, reason: 'nothing-done', result: { created: false } });
    expect((await fota('batch', 'list', '--json')).out).not.toMatch(/"nothing"/);
  });
});
