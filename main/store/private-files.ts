// Who may read the data folder: only this user. It holds tenants' customer IDs, licence keys, serial
// numbers, forceUpdateIds and the audit trail, so on POSIX systems it is created 0700 and every file
// in it 0600, whatever the umask. Every folder and file FOTA Desk creates there gets its mode from
// here; `tightenDataFolder` brings a folder written by an older version (or copied in) to the same
// modes when the app or the CLI starts. Windows keeps its per-user ACLs on the profile folder and
// has no such bits, so nothing is changed there.
import { chmodSync, lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { asStorageError } from './storage-error.ts';

/** The mode of every folder in the data folder (and of the data folder itself). */
export const PRIVATE_FOLDER_MODE = 0o700;
/** The mode of every file in the data folder. */
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

/** Creates `dir` (and missing parents) readable by this user only; an existing folder is left as it is. */
export function ensurePrivateFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  } catch (error) {
    throw asStorageError(error, { file: dir, kept: 'Nothing was written.' }) ?? error;
  }
}

/** Writes a whole file (not atomically: for side files such as a kept torn line) readable by this user only. */
export function writePrivateFile(file: string, text: string): void {
  writeFileSync(file, text, { mode: PRIVATE_FILE_MODE });
  // An existing file keeps its mode on write; this one must not stay wider.
  if (POSIX) chmodSync(file, PRIVATE_FILE_MODE);
}

/** What tightening did. */
export interface Tightened {
  /** folders and files whose mode was narrowed */
  readonly changed: number;
  /** entries whose mode could not be changed (another owner), by path */
  readonly refused: readonly string[];
}

/**
 * Narrows the data folder to 0700 and every folder in it to 0700, every regular file to 0600.
 * Symbolic links and special files (Chromium's singleton socket) are left alone and never followed.
 * A missing folder is nothing to do; nothing here throws.
 */
export function tightenDataFolder(dataDir: string): Tightened {
  const refused: string[] = [];
  let changed = 0;
  if (!POSIX) return { changed, refused };
  const visit = (entry: string, depth: number): void => {
    let stat;
    try {
      stat = lstatSync(entry);
    } catch {
      return; // gone meanwhile, or not there at all
    }
    const wanted = stat.isDirectory() ? PRIVATE_FOLDER_MODE : stat.isFile() ? PRIVATE_FILE_MODE : null;
    if (wanted === null) return;
    if ((stat.mode & 0o777) !== wanted) {
      try {
        chmodSync(entry, wanted);
        changed++;
      } catch {
        refused.push(entry);
      }
    }
    // A data folder is a few levels deep; the bound only guards against a loop of bind mounts.
    if (stat.isDirectory() && depth < 16) {
      let names: string[];
      try {
        names = readdirSync(entry);
      } catch {
        return;
      }
      for (const name of names) visit(path.join(entry, name), depth + 1);
    }
  };
  visit(dataDir, 0);
  return { changed, refused };
}
