// Files the OS or a native dialog hands to the app: a device list for the import screen, or a
// `.fotabatch` hand-off. Main reads them (the path came from the OS, never from the page) and passes
// the bytes on, as a drop or a file picker in the page would. Checked first: the kind of file, that
// it is a regular file, and a size no real device list or batch comes near.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { BATCH_EXTENSION } from './launch-args.ts';

/** What the file is for. */
export type OpenPurpose = 'devices' | 'batch';

/** A file read for the page. */
export interface OpenedFile {
  readonly purpose: OpenPurpose;
  /** the file's name without its folder (the page shows it; the path stays in main) */
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Extensions accepted per purpose (lower case, with the dot). */
export const OPEN_EXTENSIONS: Readonly<Record<OpenPurpose, readonly string[]>> = {
  devices: ['.csv', '.tsv', '.txt', '.xlsx', '.ods'],
  batch: [BATCH_EXTENSION],
};

/** Largest file accepted (web mode takes the same 64 MiB per call). */
export const MAX_OPEN_BYTES = 64 * 1024 * 1024;

/** The options of the native open dialog for a purpose (Electron's `OpenDialogOptions`). */
export function openDialogOptions(purpose: OpenPurpose): { title: string; buttonLabel: string; properties: ['openFile']; filters: { name: string; extensions: string[] }[] } {
  const strip = (list: readonly string[]): string[] => list.map((e) => e.slice(1));
  return purpose === 'devices'
    ? {
        title: 'Import a device list',
        buttonLabel: 'Import',
        properties: ['openFile'],
        filters: [{ name: 'Device lists (CSV, TSV, text, Excel, OpenDocument)', extensions: strip(OPEN_EXTENSIONS.devices) }],
      }
    : {
        title: 'Open a batch file',
        buttonLabel: 'Open',
        properties: ['openFile'],
        filters: [{ name: 'FOTA Desk batches', extensions: strip(OPEN_EXTENSIONS.batch) }],
      };
}

/** Reads `file` for `purpose`, or says (in words for the admin) why it cannot be opened. */
export async function readOpenedFile(file: string, purpose: OpenPurpose, maxBytes = MAX_OPEN_BYTES): Promise<OpenedFile | { problem: string }> {
  const name = path.basename(file);
  const extension = path.extname(name).toLowerCase();
  const allowed = OPEN_EXTENSIONS[purpose];
  if (!allowed.includes(extension)) {
    return { problem: `“${name}” is not ${purpose === 'batch' ? 'a FOTA Desk batch' : 'a device list'}: expected ${allowed.join(', ')}.` };
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist (moved or deleted?)' : code === 'EACCES' || code === 'EPERM' ? 'you do not have permission to read it' : `it could not be opened (${code ?? 'error'})`;
    return { problem: `“${name}” could not be opened: ${why}.` };
  }
  try {
    // Size and type are checked on the open handle, so the file cannot be swapped in between.
    const info = await handle.stat();
    if (!info.isFile()) return { problem: `“${name}” is not a file.` };
    if (info.size > maxBytes) {
      return { problem: `“${name}” is ${Math.ceil(info.size / 1024 / 1024)} MiB; FOTA Desk opens files up to ${Math.floor(maxBytes / 1024 / 1024)} MiB. Split the list into smaller files.` };
    }
    if (info.size === 0) return { problem: `“${name}” is empty.` };
    const bytes = new Uint8Array(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return { purpose, name, bytes: bytes.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}
