// Opening files from outside the page: File › Import… and Open Batch… (native dialogs), a
// double-clicked `.fotabatch` (argv, second instance, macOS open-file). Main reads the file and hands
// its bytes to the page as a shell request (held until the page listens: main/desktop/page-requests.ts),
// as a drop would.
import { dialog, type BrowserWindow } from 'electron';
import type { ShellRequest } from '../../common/contract.ts';
import { openDialogOptions, readOpenedFile, type OpenPurpose } from '../desktop/opened-file.ts';

/** Opens files for the window. */
export interface FileOpener {
  /** shows the native open dialog for `purpose`, then opens the chosen file */
  choose(purpose: OpenPurpose): Promise<void>;
  /** opens a file the OS named */
  open(file: string, purpose: OpenPurpose): Promise<void>;
}

/** The FileOpener of the app window; `request` hands what was read to the page (opening a window if needed). */
export function createFileOpener(window: () => BrowserWindow | null, request: (request: ShellRequest) => void): FileOpener {
  const tell = async (message: string, detail: string): Promise<void> => {
    const win = window();
    const options = { type: 'warning' as const, title: 'FOTA Desk', message, detail, buttons: ['OK'] };
    await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  };
  const open = async (file: string, purpose: OpenPurpose): Promise<void> => {
    const read = await readOpenedFile(file, purpose);
    if ('problem' in read) return tell('The file could not be opened.', read.problem);
    request({ kind: 'open-file', ...read });
  };
  return {
    open,
    async choose(purpose) {
      const win = window();
      const options = openDialogOptions(purpose);
      const result = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
      const file = result.filePaths[0];
      if (!result.canceled && file) await open(file, purpose);
    },
  };
}
