// Electron main entry: a thin adapter. The data folder, the guards, the app:// protocol, the IPC
// adapter, menus, dialogs and notifications are wired here; their logic lives in main/desktop (no
// Electron) and every service in main/services, shared with web mode and the CLI.
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ShellRequest } from '../../common/contract.ts';
import { createHandlers } from '../ipc/handlers.ts';
import { composeServices } from '../services/compose.ts';
import type { AppServices } from '../services/app-services.ts';
import { APP_ENTRY_URL, trustedOrigins } from '../desktop/app-origin.ts';
import { APP_ID } from '../desktop/app-identity.ts';
import { guardSession, guardWebContents } from '../desktop/guards.ts';
import { batchFilesFromArgv, OpenFileQueue } from '../desktop/launch-args.ts';
import { DOCUMENTATION_URL, safeOpenExternal } from '../desktop/open-external.ts';
import { PageRequests } from '../desktop/page-requests.ts';
import { START_FAILED_EXIT_CODE, startFailureBox } from '../desktop/start-failure.ts';
import { currentDataFolder } from '../store/data-folder.ts';
import { connectIpc } from './ipc.ts';
import { ElectronNetwork } from './network.ts';
import { electronDesktop } from './notify.ts';
import { installMenu, showFolder } from './menu.ts';
import { createFileOpener } from './open-files.ts';
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
// Files the OS names before the app can read them (argv, macOS open-file before `ready`).
const batchFiles = new OpenFileQueue();
let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;
// Set once the app started: what the shell asks of the page waits here until the page listens.
let pageRequests: PageRequests | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another FOTA Desk owns this data folder: it gets our argv (second-instance) and we leave.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    // A second launch means "show me FOTA Desk" (on macOS it may have no window left).
    if (pageRequests) showWindow();
    batchFiles.push(...batchFilesFromArgv(argv.slice(1), workingDirectory));
  });
  // macOS hands double-clicked files over with this event, possibly before `ready`.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    batchFiles.push(file);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { trusted, openExternal, report: log }));
  batchFiles.push(...batchFilesFromArgv(process.argv.slice(1), process.cwd()));
  // `.catch` after `.then`: it also catches what start() throws, not only a failed `whenReady`.
  app.whenReady().then(start).catch(startFailed);
}

function start(): void {
  guardSession(session.defaultSession, { trusted, report: log });
  const appPath = app.getAppPath();
  // A missing file of the installation fails the start here, with its path, not as an empty window.
  statSync(preloadPath(appPath));
  serveRenderer(path.join(appPath, 'out', 'renderer'));
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
  const requests = new PageRequests(composed.events);
  // Anything for the page brings a window: on macOS the app may have none left (File › Open Batch…, open-file).
  const toPage = (request: ShellRequest): void => {
    showWindow();
    requests.request(request);
  };
  const handlers = createHandlers({ ...composed, 'shell:pendingRequests': async () => requests.take() });
  connectIpc({ handlers, events: composed.events, window: () => mainWindow, trusted, log });
  const files = createFileOpener(() => mainWindow, toPage);
  installMenu({
    appName: app.getName(),
    development,
    actions: {
      importDevices: () => void files.choose('devices'),
      openBatch: () => void files.choose('batch'),
      showSettings: () => toPage({ kind: 'show-settings' }),
      showDataFolder: () => showFolder(dataDir, log),
      openDocumentation: () => openExternal(DOCUMENTATION_URL),
    },
  });
  pageRequests = requests;
  openWindow();
  batchFiles.attach((file) => void files.open(file, 'batch'));
  app.on('activate', () => {
    // macOS: clicking the Dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

function preloadPath(appPath: string): string {
  return path.join(appPath, 'out', 'preload', 'index.cjs');
}

function openWindow(): void {
  const requests = pageRequests;
  const window = createMainWindow({
    preloadPath: preloadPath(app.getAppPath()),
    development,
    url: entryUrl,
    log,
    onPageGone: () => requests?.pageGone(),
  });
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    requests?.pageGone();
  });
}

/** Brings the window forward, or opens one when there is none. */
function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) focusWindow(mainWindow);
  else openWindow();
}

/** A failed start: one clear error box, the single-instance lock released, a non-zero exit. */
async function startFailed(error: unknown): Promise<void> {
  log(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const box = startFailureBox(error, { dataDir, appPath: app.getAppPath() });
  dialog.showErrorBox(box.title, box.content);
  // Later launches must start afresh, not hand their files to this dying process.
  app.releaseSingleInstanceLock();
  const running = services;
  services = null;
  if (running) {
    // Whatever did start (the practice simulator, pools) is closed, but never holds the exit up for long.
    const limit = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
    await Promise.race([running.close().catch((e: unknown) => log(`closing the services failed: ${String(e)}`)), limit]);
  }
  app.exit(START_FAILED_EXIT_CODE);
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
