// Opening files from outside the page: File › Import… and Open Batch… (native dialogs), a
// double-clicked `.fotabatch` (argv, second instance, macOS open-file). Main reads the file and hands
// its bytes to the page (a `shell:request` event), as a drop would.
import { dialog, type BrowserWindow } from 'electron';
import type { EventBus } from '../ipc/events.ts';
import { openDialogOptions, readOpenedFile, type OpenPurpose } from '../shell/opened-file.ts';
import { requestPage, SHELL_REQUEST_CHANNEL } from './page-requests.ts';

/** Opens files for the window. */
export interface FileOpener {
  /** shows the native open dialog for `purpose`, then opens the chosen file */
  choose(purpose: OpenPurpose): Promise<void>;
  /** opens a file the OS named */
  open(file: string, purpose: OpenPurpose): Promise<void>;
}

/** The FileOpener of the app window. */
export function createFileOpener(window: () => BrowserWindow | null, events: EventBus, log: (line: string) => void): FileOpener {
  const tell = async (message: string, detail: string): Promise<void> => {
    const win = window();
    const options = { type: 'warning' as const, title: 'FOTA Desk', message, detail, buttons: ['OK'] };
    await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
  };
  const open = async (file: string, purpose: OpenPurpose): Promise<void> => {
    const read = await readOpenedFile(file, purpose);
    if ('problem' in read) return tell('The file could not be opened.', read.problem);
    if (!requestPage(events, { kind: 'open-file', ...read })) {
      log(`${SHELL_REQUEST_CHANNEL} is not a contract event yet; ${read.name} was not handed to the window`);
      return tell(`“${read.name}” cannot be opened this way yet.`, 'Drag the file into the FOTA Desk window, or use the import button there.');
    }
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
