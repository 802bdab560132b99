// Installs the native menu built by main/desktop/menu-template.ts.
import { Menu, shell } from 'electron';
import { buildMenuTemplate, type MenuActions } from '../desktop/menu-template.ts';

/** Sets the application menu for this platform. */
export function installMenu(options: { appName: string; development: boolean; actions: MenuActions }): void {
  const template = buildMenuTemplate({ platform: process.platform, ...options });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Help › Show Data Folder. */
export function showFolder(folder: string, log: (line: string) => void): void {
  void shell.openPath(folder).then((problem) => {
    if (problem) log(`could not show ${folder}: ${problem}`);
  });
}
