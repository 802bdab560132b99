// One process sends a batch at a time. The send lock is `<dataDir>/journals/<batchId>.lock`, created
// with O_EXCL and naming pid and host (the store's file lock, held for the whole send instead of a
// few milliseconds). A lock whose process is gone on this host is recovered; a live one is reported
// with who holds it.
import path from 'node:path';
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
    super(
      `Batch ${batchId} is being sent by ${who}. Only one window or 'fota' command may send a batch at a time: ` +
        `wait for it to finish, or stop it there. If that process no longer exists on that computer, delete ${lockPath}.`,
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
