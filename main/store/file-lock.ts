// A short cross-process lock: the window and the CLI may write the same file at the same moment.
// The lock is a file created with O_EXCL ('wx'), holding who took it; a lock whose owner died (same
// host, pid gone) or that is older than `staleMs` is recovered, so a crash never wedges the app.
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a lock file holds. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** ISO time the lock was taken */
  readonly time: string;
  /** unique per acquisition, so a process never releases a lock it no longer holds */
  readonly token: string;
}

/** Another process held the lock for longer than we were willing to wait. */
export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
  constructor(
    readonly lockPath: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner ? `process ${owner.pid} on ${owner.host} since ${owner.time}` : 'another process';
    super(
      `${lockPath} is locked by ${who}. Another FOTA Desk window or 'fota' command is writing; try again. ` +
        `If no other FOTA Desk is running, delete that lock file.`,
    );
  }
}

/** How long to wait and when a lock counts as abandoned. */
export interface LockOptions {
  /** give up after this long (default 10 s) */
  readonly timeoutMs?: number;
  /** a lock older than this is abandoned whatever its pid (default 30 s; critical sections take milliseconds) */
  readonly staleMs?: number;
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(lockPath, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const o = parsed as Record<string, unknown>;
    if (typeof o['pid'] !== 'number' || typeof o['host'] !== 'string' || typeof o['time'] !== 'string' || typeof o['token'] !== 'string') {
      return null;
    }
    return { pid: o['pid'], host: o['host'], time: o['time'], token: o['token'] };
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(lockPath: string, owner: LockOwner | null, staleMs: number): boolean {
  let age: number;
  try {
    age = Date.now() - (owner ? Date.parse(owner.time) : statSync(lockPath).mtimeMs);
  } catch {
    return false; // vanished meanwhile: the next attempt simply creates it
  }
  if (!Number.isFinite(age) || age > staleMs) return true;
  // A lock being written has no content yet; only age can condemn it.
  if (!owner) return false;
  return owner.host === hostname() && owner.pid !== process.pid && !pidAlive(owner.pid);
}

/** Moves an abandoned lock away; if what we moved turns out to be a fresh lock, puts it back. */
function breakStaleLock(lockPath: string, judged: LockOwner | null): void {
  const aside = `${lockPath}.stale-${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // someone else broke it first
  }
  const moved = readOwner(aside);
  if (judged && moved && moved.token !== judged.token) {
    // Between our look and our rename, another process recovered the lock and took it: restore it.
    // link() never overwrites, so a lock taken again meanwhile is left alone.
    try {
      linkSync(aside, lockPath);
    } catch {
      /* a newer lock exists; the restored one would be redundant */
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    /* already gone */
  }
}

function tryCreate(lockPath: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Runs `fn` while holding the lock file `lockPath`; waits (with jitter) while another process holds it. */
export async function withFileLock<T>(lockPath: string, fn: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: randomUUID() };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const attempt = { ...me, time: new Date().toISOString() };
    if (tryCreate(lockPath, attempt)) {
      try {
        return await fn();
      } finally {
        if (readOwner(lockPath)?.token === attempt.token) {
          try {
            unlinkSync(lockPath);
          } catch {
            /* removed by a stale-lock recovery; nothing to release */
          }
        }
      }
    }
    const owner = readOwner(lockPath);
    if (isStale(lockPath, owner, staleMs)) {
      breakStaleLock(lockPath, owner);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath, owner);
    await sleep(5 + Math.floor(Math.random() * 20));
  }
}
