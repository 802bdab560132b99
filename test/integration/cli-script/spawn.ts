// Runs the built `fota` (out/node/fota.mjs) as a script would: a child process with no terminal,
// its own data folder and working directory, and nothing of this test's environment but PATH.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSECURE_MEMORY_SECRETS_ENV } from '../../../main/auth/open-secret-store.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The CLI bundle the vitest global setup builds. */
export const FOTA = path.join(ROOT, 'out', 'node', 'fota.mjs');

/** What a run of `fota` left. */
export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A scratch folder with a data folder inside it and the practice phones list beside it. */
export function scratch(prefix: string): { work: string; dataDir: string; remove: () => void } {
  const work = mkdtempSync(path.join(tmpdir(), `fota-${prefix}-`));
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  copyFileSync(path.join(ROOT, 'test/fixtures/batch/fleet.csv'), path.join(work, 'fleet.csv'));
  return { work, dataDir, remove: () => rmSync(work, { recursive: true, force: true }) };
}

/** Spawns `node out/node/fota.mjs ...args` in `cwd`, with stdin `input` (closed at once when absent). */
export function spawnFota(args: readonly string[], options: { readonly cwd: string; readonly dataDir: string; readonly env?: Record<string, string>; readonly input?: string }): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [FOTA, ...args],
      { cwd: options.cwd, env: { PATH: process.env['PATH'] ?? '', [DATA_DIR_ENV]: options.dataDir, [INSECURE_MEMORY_SECRETS_ENV]: '1', ...options.env }, timeout: 120_000 },
      (error, out, err) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out, err }),
    );
    child.stdin?.end(options.input ?? '');
  });
}
