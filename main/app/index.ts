// Electron main entry: a thin adapter. The data folder, the guards, the app:// protocol, the IPC
// adapter, menus, dialogs and notifications are wired here; their logic lives in main/shell (no
// Electron) and every service in main/services, shared with web mode and the CLI.
import { app, BrowserWindow, session, shell } from 'electron';
import path from 'node:path';
import { createHandlers } from '../ipc/handlers.ts';
import { composeServices } from '../services/compose.ts';
import type { AppServices } from '../services/app-services.ts';
import { APP_ENTRY_URL, trustedOrigins } from '../shell/app-origin.ts';
import { APP_ID } from '../shell/app-identity.ts';
import { guardSession, guardWebContents } from '../shell/guards.ts';
import { batchFilesFromArgv, OpenFileQueue } from '../shell/launch-args.ts';
import { DOCUMENTATION_URL, safeOpenExternal } from '../shell/open-external.ts';
import { currentDataFolder } from '../store/data-folder.ts';
import { connectIpc } from './ipc.ts';
import { ElectronNetwork } from './network.ts';
import { electronDesktop } from './notify.ts';
import { installMenu, showFolder } from './menu.ts';
import { createFileOpener } from './open-files.ts';
import { requestPage } from './page-requests.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { electronStoreEngine } from './settings-engine.ts';
import { createMainWindow, focusWindow } from './window.ts';

const log = (line: string): void => console.error(`[FOTA Desk] ${line}`);
const packaged = app.isPackaged;
const development = !packaged;
// The same folder the `fota` command line computes; FOTA_DESK_DATA_DIR counts only when not packaged.
const dataDir = currentDataFolder(process.env, packaged);
app.setPath('userData', dataDir);
// Chromium's own files (caches, local storage) stay in a sub-folder of the shared data folder.
app.setPath('sessionData', path.join(dataDir, 'chromium'));
app.setAppUserModelId(APP_ID);
app.enableSandbox();
registerAppScheme();

const devServer = development ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const trusted = trustedOrigins(devServer, packaged);
const entryUrl = devServer && trusted.length > 1 ? devServer : APP_ENTRY_URL;
const openExternal = (url: string): void => void safeOpenExternal(url, (u) => shell.openExternal(u), log);
const batchFiles = new OpenFileQueue();
let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another FOTA Desk owns this data folder: it gets our argv (second-instance) and we leave.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow(mainWindow);
    batchFiles.push(...batchFilesFromArgv(argv.slice(1), workingDirectory));
  });
  // macOS hands double-clicked files over with this event, possibly before `ready`.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    batchFiles.push(file);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { trusted, openExternal, report: log }));
  batchFiles.push(...batchFilesFromArgv(process.argv.slice(1), process.cwd()));
  app.whenReady().then(start, (error: unknown) => {
    log(`start-up failed: ${String(error)}`);
    app.exit(1);
  });
}

function start(): void {
  guardSession(session.defaultSession, { trusted, report: log });
  serveRenderer(path.join(app.getAppPath(), 'out', 'renderer'));
  const network = new ElectronNetwork(log);
  const composed = composeServices({
    dataDir,
    env: process.env,
    transport: 'electron',
    version: app.getVersion(),
    isPackaged: packaged,
    log,
    profileTransport: (p) => network.transport(p.id, p.caPem),
    desktop: electronDesktop(() => mainWindow, log),
    networkSelfTest: (p) => network.selfTest(p.id, p.baseUrl, p.caPem),
    settingsEngine: electronStoreEngine,
  });
  services = composed;
  connectIpc({ handlers: createHandlers(composed), events: composed.events, window: () => mainWindow, trusted, log });
  const files = createFileOpener(() => mainWindow, composed.events, log);
  installMenu({
    appName: app.getName(),
    development,
    actions: {
      importDevices: () => void files.choose('devices'),
      openBatch: () => void files.choose('batch'),
      showSettings: () => {
        focusWindow(mainWindow);
        requestPage(composed.events, { kind: 'show-settings' });
      },
      showDataFolder: () => showFolder(dataDir, log),
      openDocumentation: () => openExternal(DOCUMENTATION_URL),
    },
  });
  openWindow();
  batchFiles.attach((file) => void files.open(file, 'batch'));
  app.on('activate', () => {
    // macOS: clicking the Dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: path.join(app.getAppPath(), 'out', 'preload', 'index.cjs'), development, url: entryUrl, log });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

app.on('window-all-closed', () => {
  // macOS apps stay open without windows; elsewhere closing the window quits.
  if (process.platform !== 'darwin') app.quit();
});

// Services close before the process ends (journals flushed, the practice simulator saved).
let closing: Promise<void> | null = null;
let closed = false;
app.on('will-quit', (event) => {
  if (closed || (!services && !closing)) return;
  event.preventDefault();
  if (closing) return;
  const running = services;
  services = null;
  closing = (running ? running.close() : Promise.resolve())
    .catch((error: unknown) => log(`closing the services failed: ${String(error)}`))
    .finally(() => {
      closed = true;
      app.quit();
    });
});
