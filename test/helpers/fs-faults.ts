// Real file-system refusals for tests, made the way the kernel makes them (the tests run as root,
// for whom permission bits mean nothing):
// - a full disk: a 256 KiB tmpfs, mounted in a private mount namespace (`unshare -m`) so it exists
//   only for the child process and vanishes with it;
// - a read-only disk: the same tmpfs remounted read-only (EROFS);
// - a refused write: `chattr +i` makes a folder immutable on ext4, which even root cannot write (EPERM).
// Where a technique is not available the test says so and skips, except in CI (CI=true), where a
// missing technique is a failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function works(command: string, args: readonly string[]): boolean {
  const r = spawnSync(command, args, { stdio: 'ignore' });
  return r.status === 0;
}

let mountable: boolean | undefined;

/** True when a tmpfs can be mounted in a private mount namespace here (root with unshare). */
export function canMountTmpfs(): boolean {
  if (mountable !== undefined) return mountable;
  const dir = mkdtempSync(path.join(tmpdir(), 'fota-mount-probe-'));
  try {
    mountable = works('unshare', ['-m', '--', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0"', dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return mountable;
}

let immutable: boolean | undefined;

/** True when `chattr +i` works on the temporary folder's file system. */
export function canMakeImmutable(): boolean {
  if (immutable !== undefined) return immutable;
  const dir = mkdtempSync(path.join(tmpdir(), 'fota-chattr-probe-'));
  try {
    immutable = works('chattr', ['+i', dir]);
    if (immutable) works('chattr', ['-i', dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return immutable;
}

/** Makes a folder immutable (`chattr +i`) or writable again (`chattr -i`). */
export function setImmutable(dir: string, on: boolean): void {
  const r = spawnSync('chattr', [on ? '+i' : '-i', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`chattr ${on ? '+i' : '-i'} ${dir} failed: ${r.stderr}`);
}

/**
 * Runs `node driver` with `dir` replaced by a 256 KiB tmpfs that only the driver (and its children)
 * see. Resolves with what the driver printed.
 */
export function runOnTinyDisk(dir: string, driver: string, env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('unshare', ['-m', '--', 'sh', '-c', 'mount -t tmpfs -o size=256k,mode=0700 tmpfs "$0" && exec "$1" "$2"', dir, process.execPath, driver], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Says why a file-system fault test cannot run here; in CI that is a failure, not a skip. */
export function unavailable(what: string): string | null {
  if (process.env['CI'] === 'true') return null;
  return `${what} is not available here (needs root, unshare/mount or chattr on ext4); skipped`;
}
