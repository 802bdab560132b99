// When FOTA Desk cannot start (its data folder cannot be written, a file of the installation is
// missing, anything thrown while wiring the app), the admin gets one error box saying what failed,
// which folder it concerns and what to do, and the process ends with a non-zero code. Without it
// Electron shows its generic "A JavaScript error occurred" box and a windowless process keeps the
// single-instance lock, so every later launch quits silently. The words live here (no Electron);
// main/app/index.ts shows them with `dialog.showErrorBox`.
import path from 'node:path';

/** The text of the error box. */
export interface StartFailureBox {
  readonly title: string;
  readonly content: string;
}

/** Where the app keeps its data and where it is installed. */
export interface StartPlaces {
  /** the data folder (batches, journals, history, settings) */
  readonly dataDir: string;
  /** the app's own files (`app.getAppPath()`: app.asar in an installed app) */
  readonly appPath: string;
}

/** The exit code of a failed start (any non-zero code tells scripts and launchers it failed). */
export const START_FAILED_EXIT_CODE = 1;

interface SystemError {
  readonly code: string | null;
  readonly path: string | null;
  readonly message: string;
}

function systemError(error: unknown): SystemError {
  const record = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; path?: unknown; message?: unknown };
  return {
    code: typeof record.code === 'string' ? record.code : null,
    path: typeof record.path === 'string' ? record.path : null,
    message: error instanceof Error ? error.message : typeof record.message === 'string' ? record.message : String(error),
  };
}

function inside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const KEPT = 'Nothing in the data folder was changed or deleted.';

function dataFolderAdvice(code: string | null, folder: string): string | null {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Your account may not write to ${folder}. Give it write access (on a managed computer, ask IT), or check that no security tool (such as Windows "Controlled folder access") blocks FOTA Desk, then start FOTA Desk again.`;
    case 'EROFS':
      return `${folder} is on a read-only disk. Make the disk writable (or ask IT), then start FOTA Desk again.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'The disk (or your quota) is full. Free some space, then start FOTA Desk again.';
    case 'ENOTDIR':
    case 'EEXIST':
      return `A file stands where FOTA Desk expects a folder on the way to ${folder}. Rename or move that file, then start FOTA Desk again.`;
    case 'EBUSY':
    case 'EMFILE':
    case 'ENFILE':
      return 'The computer refused to open more files just now. Close some programs (or restart the computer), then start FOTA Desk again.';
    default:
      return null;
  }
}

/** The error box for a start that failed with `error`. */
export function startFailureBox(error: unknown, places: StartPlaces): StartFailureBox {
  const failure = systemError(error);
  const title = 'FOTA Desk could not start';
  const detail = failure.message;
  if (failure.path && inside(failure.path, places.dataDir)) {
    const advice = dataFolderAdvice(failure.code, places.dataDir);
    if (advice) {
      return {
        title,
        content: [`FOTA Desk could not use its data folder:\n${places.dataDir}`, `What failed: ${detail}`, advice, KEPT].join('\n\n'),
      };
    }
  }
  if (failure.path && failure.code === 'ENOENT' && inside(failure.path, places.appPath)) {
    return {
      title,
      content: [
        `Part of the FOTA Desk installation is missing:\n${failure.path}`,
        'Install FOTA Desk again (download the installer again if it came from the network); a security tool may also have removed the file.',
        `Your data folder is not affected:\n${places.dataDir}`,
      ].join('\n\n'),
    };
  }
  // Anything else: say what it was, where the data is, and how to get help.
  const dataFolderError = failure.path !== null && inside(failure.path, places.dataDir);
  return {
    title,
    content: [
      `What failed: ${detail}`,
      `Data folder:\n${places.dataDir}`,
      dataFolderError
        ? 'Check that the data folder and the disk it is on work (open the folder, create a file in it), then start FOTA Desk again.'
        : 'Start FOTA Desk again. If it fails the same way, send this message (and the newest file in the data folder\'s "logs" folder, if there is one) to whoever supports FOTA Desk for you.',
      KEPT,
    ].join('\n\n'),
  };
}
