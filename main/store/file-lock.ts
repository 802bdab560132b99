// A cross-process lock: the window and the CLI may write the same file at the same moment, and one
// process sends a batch at a time. The lock is a file holding who took it, created whole (written to
// a private temporary file, then hard-linked into place, which fails when the lock exists), so a
// lock file that is empty or unreadable was never a FOTA Desk lock being written: it is left over
// from a crash or a full disk. A lock heals instead of wedging the app:
// - empty or unreadable: taken over;
// - its holder on this host is provably gone (no such process, or — on Linux, where the process's
//   start time is recorded — the pid now belongs to another process): taken over;
// - held by a live process on this host: refused (waited for, up to the caller's timeout);
// - held on another host (a shared folder), whose processes cannot be checked: refused, unless the
//   caller allows an age after which it counts as abandoned (the store's short locks: 30 s).
// Every take-over is announced to the listeners (the CLI prints it, the app logs and shows it).
// Known limit: outside Linux a pid reused by an unrelated live process keeps the lock refused (the
// safe side) until it is older than `staleMs`; a send lock (no age limit) then names the file to delete.
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readJson } from '../../common/schema/check-json.ts';
import { lockOwnerSchema, type LockOwner } from './lock-file-schema.ts';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from './private-files.ts';

export type { LockOwner } from './lock-file-schema.ts';
import { asStorageError } from './storage-error.ts';

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
        `If no other FOTA Desk is running${owner && owner.host !== hostname() ? ` on ${owner.host}` : ''}, delete that lock file.`,
    );
  }
}

/** Why a lock was taken over. */
export type TakeoverReason = 'empty' | 'unreadable' | 'holder-gone' | 'pid-reused' | 'expired';

/** A lock that was taken over, as the listeners are told. */
export interface LockTakeover {
  readonly lockPath: string;
  readonly reason: TakeoverReason;
  /** who held it, when the file said */
  readonly owner: LockOwner | null;
  /** one sentence for the admin */
  readonly message: string;
}

/** How long to wait and when a lock counts as abandoned. */
export interface LockOptions {
  /** give up after this long (default 10 s) */
  readonly timeoutMs?: number;
  /**
   * a lock older than this whose holder cannot be checked (another host; outside Linux, a pid that
   * is alive) counts as abandoned (default 30 s: critical sections take milliseconds); Infinity: never
   */
  readonly staleMs?: number;
}

const listeners = new Set<(takeover: LockTakeover) => void>();

/** Tells `listener` about every lock this process takes over; returns the way to stop. */
export function onLockTakeover(listener: (takeover: LockTakeover) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Read = { readonly kind: 'owner'; readonly owner: LockOwner } | { readonly kind: 'empty' | 'unreadable' } | { readonly kind: 'gone' };

function readLock(lockPath: string): Read {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'gone' } : { kind: 'unreadable' };
  }
  if (text.trim() === '') return { kind: 'empty' };
  const read = readJson(text, lockOwnerSchema);
  return read.ok ? { kind: 'owner', owner: read.value } : { kind: 'unreadable' };
}

function ownerOf(read: Read): LockOwner | null {
  return read.kind === 'owner' ? read.owner : null;
}

/** `<boot id>/<start time in clock ticks>` of a process, where the OS tells it (Linux), else null. */
export function processStart(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19]; // field 22, starttime
    return start && /^\d+$/.test(start) ? `${boot}/${start}` : null;
  } catch {
    return null;
  }
}

let ownStart: string | null | undefined;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Whether the lock may be taken over, and why; null while its holder may still be at work.
function verdict(read: Read, staleMs: number): TakeoverReason | null {
  if (read.kind === 'gone') return null; // the next attempt simply creates it
  if (read.kind !== 'owner') return read.kind;
  const owner = read.owner;
  const age = Date.now() - Date.parse(owner.time);
  const expired = !Number.isFinite(age) || age > staleMs;
  if (owner.host !== hostname()) return expired ? 'expired' : null;
  if (owner.pid === process.pid && owner.started === (ownStart ??= processStart(process.pid))) return null;
  if (!pidAlive(owner.pid)) return 'holder-gone';
  const now = processStart(owner.pid);
  if (owner.started !== undefined && now !== null) return now === owner.started ? null : 'pid-reused';
  // Alive, and the OS cannot tell whether it is still the same process.
  return expired ? 'expired' : null;
}

function describeTakeover(lockPath: string, reason: TakeoverReason, owner: LockOwner | null): string {
  const who = owner ? `process ${owner.pid} on ${owner.host} (since ${owner.time})` : '';
  const why: Record<TakeoverReason, string> = {
    empty: 'the lock file was empty (left by a crash or a full disk)',
    unreadable: 'the lock file could not be read (damaged)',
    'holder-gone': `its holder, ${who}, is no longer running`,
    'pid-reused': `its holder, ${who}, is no longer running (that process number now belongs to another program)`,
    expired: `its holder, ${who}, could not be checked and the lock is older than it can be held`,
  };
  return `Took over the lock ${lockPath}: ${why[reason]}.`;
}

/** Moves an abandoned lock away; if what we moved turns out to be a fresh lock, puts it back. Returns true when it broke the lock. */
function breakLock(lockPath: string, judged: LockOwner | null): boolean {
  const aside = `${lockPath}.stale-${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return false; // someone else broke it first
  }
  const moved = ownerOf(readLock(aside));
  let restored = false;
  if (moved && moved.token !== judged?.token) {
    // Between our look and our rename, another process recovered the lock and took it: restore it.
    // link() never overwrites, so a lock taken again meanwhile is left alone.
    try {
      linkSync(aside, lockPath);
    } catch {
      /* a newer lock exists; the restored one would be redundant */
    }
    restored = true;
  }
  try {
    unlinkSync(aside);
  } catch {
    /* already gone */
  }
  return !restored;
}

// Creates the lock whole: a private temporary file with the content, hard-linked to the lock's name
// (EEXIST when another holds it). File systems without hard links fall back to an exclusive create.
function tryCreate(lockPath: string, owner: LockOwner): boolean {
  const temp = `${lockPath}.new-${owner.token}`;
  const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    return tryCreateExclusive(lockPath, owner);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
  }
}

function tryCreateExclusive(lockPath: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', PRIVATE_FILE_MODE);
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

// On a file system without hard links a lock is briefly empty while it is written: such a young
// empty lock is waited for, not taken over.
const EMPTY_GRACE_MS = 1000;

function youngerThanGrace(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs < EMPTY_GRACE_MS;
  } catch {
    return false;
  }
}

/** Runs `fn` while holding the lock file `lockPath`; waits (with jitter) while another process holds it. */
export async function withFileLock<T>(lockPath: string, fn: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  ensurePrivateFolder(path.dirname(lockPath));
  ownStart ??= processStart(process.pid);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const attempt: LockOwner = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: randomUUID(), ...(ownStart !== null ? { started: ownStart } : {}) };
    let created: boolean;
    try {
      created = tryCreate(lockPath, attempt);
    } catch (error) {
      throw asStorageError(error, { file: lockPath, kept: 'Nothing was changed.' }) ?? error;
    }
    if (created) {
      try {
        return await fn();
      } finally {
        if (ownerOf(readLock(lockPath))?.token === attempt.token) {
          try {
            unlinkSync(lockPath);
          } catch {
            /* removed by a stale-lock recovery; nothing to release */
          }
        }
      }
    }
    const read = readLock(lockPath);
    let reason = verdict(read, staleMs);
    if ((reason === 'empty' || reason === 'unreadable') && youngerThanGrace(lockPath)) {
      reason = null;
      if (Date.now() > deadline) {
        // Give a lock being written on a file system without hard links its moment, however short the wait.
        await sleep(EMPTY_GRACE_MS);
        continue;
      }
    }
    if (reason !== null) {
      const owner = ownerOf(read);
      if (breakLock(lockPath, owner)) {
        const takeover: LockTakeover = { lockPath, reason, owner, message: describeTakeover(lockPath, reason, owner) };
        for (const listener of listeners) listener(takeover);
      }
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockPath, ownerOf(read));
    await sleep(5 + Math.floor(Math.random() * 20));
  }
}
