// A full disk or a refused write is not a bug: the admin can fix it, and must learn which folder it
// was and what was kept. Every error the operating system gives for a write is classified here,
// once: the writers that know what stays intact say so (an atomic write keeps the old file, a
// journal keeps every record before the failed one), and any other raw error from the file system
// is still recognised by its code and path wherever it surfaces (the CLI's and the window's error
// mapping both ask `asStorageError`).
import path from 'node:path';

/** The errno codes that mean "the disk or the OS refused to store this", not a bug. */
export const STORAGE_CODES = ['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS'] as const;
/** One of them. */
export type StorageCode = (typeof STORAGE_CODES)[number];

const REASON: Record<StorageCode, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: "this user's disk quota is used up",
  EACCES: 'this user may not write there (permission denied)',
  EPERM: 'the operating system refused the change (permissions, or the file or folder is locked or immutable)',
  EROFS: 'the disk is read-only',
};

const REMEDY: Record<StorageCode, string> = {
  ENOSPC: 'Free some space on that disk, then try again.',
  EDQUOT: 'Free some space (or ask for a larger quota), then try again.',
  EACCES: 'Give this user write access to that folder (or run FOTA Desk as the user who owns it), then try again.',
  EPERM: 'Check the folder’s permissions and that no backup or security tool locks it, then try again.',
  EROFS: 'Make the disk writable (or move the data folder to a writable disk), then try again.',
};

/** The disk or the OS refused a write: which folder, why, what was kept and what to do. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageCode,
    /** the folder that could not be written */
    readonly folder: string,
    /** what is intact, in a sentence */
    readonly kept: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`Cannot write to ${folder}: ${REASON[code]} (${code}). ${kept}`, options);
  }

  /** What the admin can do about it. */
  get remedy(): string {
    return REMEDY[this.code];
  }
}

/** The sentence said when the writer did not say what it kept. */
export const KEPT_BY_DEFAULT = 'Files already written there are unchanged; nothing was half-written.';

function isStorageCode(code: unknown): code is StorageCode {
  return typeof code === 'string' && (STORAGE_CODES as readonly string[]).includes(code);
}

/**
 * The StorageError an error stands for, or null when it is something else. `context.file` is the
 * file or folder being written (default: the path the OS error names); `context.kept` what stays
 * intact (default: KEPT_BY_DEFAULT).
 */
export function asStorageError(error: unknown, context: { readonly file?: string; readonly kept?: string } = {}): StorageError | null {
  if (error instanceof StorageError) return error;
  if (typeof error !== 'object' || error === null) return null;
  const errno = error as NodeJS.ErrnoException;
  if (!isStorageCode(errno.code)) return null;
  // A folder being created names itself; a file names the folder it is in.
  const target = context.file ?? errno.path ?? null;
  let folder = target === null ? 'the FOTA Desk data folder' : path.dirname(target);
  if (errno.syscall === 'mkdir' && errno.path !== undefined) folder = errno.path;
  return new StorageError(errno.code, folder, context.kept ?? KEPT_BY_DEFAULT, { cause: error });
}

/** Runs a write; an OS refusal comes out as a StorageError saying what `kept` says. */
export function storageGuard<T>(file: string, kept: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw asStorageError(error, { file, kept }) ?? error;
  }
}
