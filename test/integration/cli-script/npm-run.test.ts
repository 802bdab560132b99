// Issue #20: `npm run fota` starts at once when nothing changed (scripts/build-node.mjs finds the
// bundles current and says nothing, so standard output is fota's alone), and a relative file is
// looked for in the directory npm was run from (INIT_CWD), not the package root npm runs scripts in.
import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { FOTA, ROOT, scratch, type Run } from './spawn.ts';

const dir = scratch('cli-npm-run');
afterAll(() => dir.remove());

/** `npm run -s --prefix <repository> fota -- ...args`, started in `cwd` as a user would. */
function npmFota(args: readonly string[], cwd: string): Promise<Run> {
  // The outer npm's INIT_CWD (when the suite runs under `npm test`) must not stand in for this one's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'INIT_CWD' && !k.startsWith('npm_')));
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', '--prefix', ROOT, 'fota', '--', ...args], { cwd, env: { ...env, [DATA_DIR_ENV]: dir.dataDir }, timeout: 120_000 }, (error, out, err) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    );
  });
}

describe('npm run fota', () => {
  it('does not rebuild the current bundles, and prints only what fota prints', async () => {
    const before = statSync(FOTA).mtimeMs;
    const r = await npmFota(['--help'], ROOT);
    expect(r.code, r.err).toBe(0);
    expect(r.out.startsWith('fota — FOTA Desk on the command line')).toBe(true);
    expect(r.out).not.toMatch(/out\/node is current|vite|built in/);
    expect(statSync(FOTA).mtimeMs).toBe(before);
  });

  it('reads a relative file from the directory it was run in (INIT_CWD), with only its JSON on stdout', async () => {
    writeFileSync(path.join(dir.work, 'here.csv'), 'Serial,Model,Sales Code\nR58N1SP0051,SM-G991B,BTU\n');
    const r = await npmFota(['import', 'here.csv', '--json'], dir.work);
    expect(r.code, r.err).toBe(0);
    // nothing but the JSON object (no build chatter before it): the whole of stdout parses
    expect(JSON.stringify(JSON.parse(r.out))).toContain('R58N1SP0051');
  });
});
