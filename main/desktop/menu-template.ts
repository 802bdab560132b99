// The native menu, following each platform's conventions: on macOS the app menu comes first (About,
// Settings…, Services, Hide, Quit) and the File menu ends with Close Window; on Windows (and Linux)
// File holds Settings and Exit and Help holds About. Built as a plain template so a test can read it;
// main/app/menu.ts passes it to `Menu.buildFromTemplate`.

/** Electron menu roles this app uses (a subset of Electron's own list). */
export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'minimize' | 'zoom' | 'front' | 'windowMenu' | 'help';

/** One menu entry (assignable to Electron's `MenuItemConstructorOptions`). */
export interface MenuTemplateItem {
  readonly id?: string;
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator' | 'normal';
  readonly accelerator?: string;
  /** false: the shortcut is shown but left to the page (Windows/Linux only; macOS always registers) */
  readonly registerAccelerator?: boolean;
  readonly click?: () => void;
  readonly submenu?: MenuTemplateItem[];
}

/** What the menu's own items do (wired by main/app). */
export interface MenuActions {
  /** File › Import…: a spreadsheet or list of serials */
  importDevices(): void;
  /** File › Open batch…: a `.fotabatch` hand-off file */
  openBatch(): void;
  /** Settings (profiles, extra CA, preferences) */
  showSettings(): void;
  /** Help › Show data folder */
  showDataFolder(): void;
  /** Help › E-FOTA documentation (through the openExternal allow-list) */
  openDocumentation(): void;
}

/** What the menu depends on. */
export interface MenuInput {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** unpackaged app: Reload and DevTools appear in View */
  readonly development: boolean;
  readonly actions: MenuActions;
}

const separator: MenuTemplateItem = { type: 'separator' };

/** The menu bar for `input.platform`. */
export function buildMenuTemplate(input: MenuInput): MenuTemplateItem[] {
  const mac = input.platform === 'darwin';
  const { actions } = input;
  // The page binds Ctrl/Cmd+O itself (its own file picker); the menu shows the shortcut without
  // stealing it on Windows and Linux.
  const fileItems: MenuTemplateItem[] = [
    { id: 'import', label: 'Import…', accelerator: 'CmdOrCtrl+O', registerAccelerator: false, click: () => actions.importDevices() },
    { id: 'open-batch', label: 'Open Batch…', accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.openBatch() },
    separator,
  ];
  const settings: MenuTemplateItem = { id: 'settings', label: mac ? 'Settings…' : 'Settings', accelerator: 'CmdOrCtrl+,', click: () => actions.showSettings() };

  const appMenu: MenuTemplateItem[] = mac
    ? [{
        label: input.appName,
        submenu: [
          { role: 'about', label: `About ${input.appName}` },
          separator,
          settings,
          separator,
          { role: 'services' },
          separator,
          { role: 'hide', label: `Hide ${input.appName}` },
          { role: 'hideOthers' },
          { role: 'unhide' },
          separator,
          { role: 'quit', label: `Quit ${input.appName}` },
        ],
      }]
    : [];
  const file: MenuTemplateItem = {
    label: mac ? 'File' : '&File',
    submenu: mac
      ? [...fileItems, { role: 'close' }]
      : [...fileItems, settings, separator, { role: 'quit', label: 'E&xit' }],
  };
  const edit: MenuTemplateItem = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  const view: MenuTemplateItem = {
    label: mac ? 'View' : '&View',
    submenu: [
      ...(input.development ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuTemplateItem[] = mac
    ? [{ label: 'Window', role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] }]
    : [];
  const help: MenuTemplateItem = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [
      { id: 'docs', label: 'Knox E-FOTA Documentation', click: () => actions.openDocumentation() },
      { id: 'data-folder', label: 'Show Data Folder', click: () => actions.showDataFolder() },
      ...(mac ? [] : [separator, { role: 'about', label: `About ${input.appName}` } as const]),
    ],
  };
  return [...appMenu, file, edit, view, ...windowMenu, help];
}

/** Finds an entry by id anywhere in a template (tests, and main/app enabling items). */
export function findMenuItem(template: readonly MenuTemplateItem[], id: string): MenuTemplateItem | null {
  for (const item of template) {
    if (item.id === id) return item;
    const inner = item.submenu ? findMenuItem(item.submenu, id) : null;
    if (inner) return inner;
  }
  return null;
}
