// One process sends a batch at a time. The send lock is `<dataDir>/journals/<batchId>.lock`, the
// store's file lock naming pid, host and (on Linux) the process's start time, held for the whole
// send instead of a few milliseconds. A lock that is empty, unreadable, or whose holder is provably
// gone from this host is taken over with a notice (file-lock.ts); a live holder on this host, or any
// holder on another host, is reported with who it is. Age never condemns it: a send lasts hours.
import path from 'node:path';
import { hostname } from 'node:os';
import { LockTimeoutError, withFileLock, type LockOwner } from '../store/file-lock.ts';

/** Another process is sending this batch (CLI exit 8). */
export class BatchLockedError extends Error {
  override readonly name = 'BatchLockedError';
  constructor(
    readonly batchId: string,
    readonly lockPath: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner ? `process ${owner.pid} on ${owner.host} (since ${owner.time})` : 'another process';
    const elsewhere = owner !== null && owner.host !== hostname();
    super(
      `Batch ${batchId} is being sent by ${who}. Only one window or 'fota' command may send a batch at a time: ` +
        `wait for it to finish, or stop it there. ` +
        (elsewhere
          ? `FOTA Desk cannot check processes on ${owner.host}: if nothing is sending there any more, delete ${lockPath}.`
          : `If that process is not FOTA Desk (its number was reused), delete ${lockPath}.`),
    );
  }
}

/** A held send lock. */
export interface SendLock {
  readonly path: string;
  /** Releases the lock (idempotent). */
  release(): Promise<void>;
}

/** The lock file of a batch. */
export function sendLockPath(journalDir: string, batchId: string): string {
  return path.join(journalDir, `${batchId}.lock`);
}

/** Takes the send lock of a batch now, or throws BatchLockedError naming its holder. */
export async function acquireSendLock(journalDir: string, batchId: string): Promise<SendLock> {
  const lockPath = sendLockPath(journalDir, batchId);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let taken: () => void = () => undefined;
  const acquired = new Promise<'acquired'>((resolve) => {
    taken = () => resolve('acquired');
  });
  // A send lasts minutes to hours, so age never condemns this lock: only a dead owner does.
  const holding = withFileLock(lockPath, () => {
    taken();
    return held;
  }, { timeoutMs: 0, staleMs: Number.POSITIVE_INFINITY });
  try {
    await Promise.race([acquired, holding]);
  } catch (error) {
    if (error instanceof LockTimeoutError) throw new BatchLockedError(batchId, lockPath, error.owner);
    throw error;
  }
  let released = false;
  return {
    path: lockPath,
    async release() {
      if (released) return;
      released = true;
      release();
      await holding;
    },
  };
}
