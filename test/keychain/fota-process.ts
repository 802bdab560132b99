// Runs the built `fota` (out/node/fota.mjs, built by the global setup) as a separate process, with
// an environment made from scratch: only what the test passes, plus PATH.
import { spawn } from 'node:child_process';

/** What one `fota` run printed and returned. */
export interface FotaRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Spawns `node out/node/fota.mjs ...args` with `stdin` piped in (or closed). */
export function runFota(args: readonly string[], env: Record<string, string>, stdin = ''): Promise<FotaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['out/node/fota.mjs', ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}
