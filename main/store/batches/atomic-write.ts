// A file is either its old or its new content, never half of each: write a temporary file next to
// it, flush it to disk, rename it over the target, then flush the folder entry.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** The suffix of temporary files; readers skip them and they can be deleted when left by a crash. */
export const TEMP_MARK = '.tmp-';

/** Writes `text` to `file` atomically (temp file + fsync + rename + folder fsync). */
export function writeFileAtomic(file: string, text: string): void {
  const temp = `${file}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = openSync(temp, 'wx', 0o600);
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
