// Files in the data folder are either their old or their new content, never half of each (write a
// temporary file next to it, flush it, rename it over the target, flush the folder entry), and a
// file that cannot be read is moved aside to `*.corrupt-<time>` — never silently overwritten.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from './private-files.ts';
import { storageGuard } from './storage-error.ts';

/** The suffix of temporary files; readers skip them and they can be deleted when left by a crash. */
export const TEMP_MARK = '.tmp-';

/** Writes `text` to `file` atomically (temp file + fsync + rename + folder fsync), readable by this user only. */
export function writeFileAtomic(file: string, text: string): void {
  storageGuard(file, `${path.basename(file)} keeps its previous content; nothing was half-written.`, () => {
    const temp = `${file}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
    const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      unlinkSync(temp);
      throw error;
    }
    closeSync(fd);
    try {
      renameSync(temp, file);
    } catch (error) {
      unlinkSync(temp);
      throw error;
    }
    syncFolder(path.dirname(file));
  });
}

/** Flushes a folder's entries (so a rename survives a power cut); not possible on Windows, where rename is already durable enough. */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A file-system-safe stamp of a time, for names of moved-aside files. */
export function fileStamp(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/**
 * Renames an unreadable file to `<file>.corrupt-<time>` (with `-2`, `-3`… when taken) and returns
 * the new path, or null when the file is already gone (another process moved it first).
 */
export function moveAside(file: string, now: number): string | null {
  let movedTo = `${file}.corrupt-${fileStamp(now)}`;
  for (let n = 2; existsSync(movedTo); n++) movedTo = `${file}.corrupt-${fileStamp(now)}-${n}`;
  try {
    renameSync(file, movedTo);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return movedTo;
}
