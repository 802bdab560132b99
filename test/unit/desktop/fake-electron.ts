// Stand-ins for the Electron objects main/app/index.ts uses (Electron itself cannot run here): they
// record what the entry does (paths, handlers, windows, menus, dialogs, how it exits) and let a test
// play the OS (ready, open-file, second-instance, a window closing). Used with
//   const pending = vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron());
//   vi.mock('electron', async () => (await pending).electron);
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** A window's webContents: what was sent to the page, its window-open handler. */
export class FakeContents extends EventEmitter {
  id = 41;
  mainFrame = { url: 'app://fota/index.html', processId: 2, routingId: 1, parent: null };
  sent: [string, unknown][] = [];
  openHandler: Listener | null = null;
  isDestroyed = (): boolean => false;
  send = (channel: string, payload: unknown): void => void this.sent.push([channel, payload]);
  setWindowOpenHandler = (h: Listener): void => void (this.openHandler = h);
}

/** A BrowserWindow: its options, what it loaded, how often it was shown and focused. */
export class FakeWindow extends EventEmitter {
  /** set by a test that closed it: getAllWindows leaves it out */
  closedForTest = false;
  webContents = new FakeContents();
  loaded: string[] = [];
  shown = 0;
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  loadURL = async (url: string): Promise<void> => void this.loaded.push(url);
  show = (): void => void this.shown++;
  focus = (): void => void this.focused++;
  isDestroyed = (): boolean => false;
  isMinimized = (): boolean => false;
  restore = (): void => undefined;
}

/** The BrowserWindow class as the entry uses it. */
export interface FakeWindowClass {
  new (options: Record<string, unknown>): FakeWindow;
  getAllWindows(): FakeWindow[];
}

/** A fresh set of stand-ins and the handles a test drives them with. */
export function createFakeElectron() {
  const appEvents = new Map<string, Listener[]>();
  const calls: string[] = [];
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const paths = new Map<string, string>();
  const handlers = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  const sessionHandlers: Record<string, unknown> = {};
  const dialogs: unknown[] = [];
  const errorBoxes: { title: string; content: string }[] = [];
  // what the next native open dialog answers
  const chosen = { filePaths: [] as string[] };
  let appPath = '';

  const FakeWindowOfThisApp = class extends FakeWindow {
    static getAllWindows = (): FakeWindow[] => windows.filter((w) => !w.closedForTest);
    constructor(options: Record<string, unknown>) {
      super(options);
      windows.push(this);
    }
  };

  const app = {
    isPackaged: false,
    setPath: (name: string, value: string) => void (paths.set(name, value), calls.push(`setPath ${name}`)),
    getPath: (name: string) => paths.get(name) ?? '',
    getAppPath: () => appPath,
    setAppUserModelId: (id: string) => void calls.push(`appUserModelId ${id}`),
    enableSandbox: () => void calls.push('enableSandbox'),
    requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), true),
    on: (event: string, listener: Listener) => void appEvents.set(event, [...(appEvents.get(event) ?? []), listener]),
    whenReady: () => ready,
    getVersion: () => '9.9.9',
    getName: () => 'FOTA Desk',
    quit: () => void calls.push('quit'),
    exit: (code: number) => void calls.push(`exit ${code}`),
    releaseSingleInstanceLock: () => void calls.push('releaseSingleInstanceLock'),
  };
  return {
    calls, paths, handlers, windows, sessionHandlers, dialogs, errorBoxes, chosen, appEvents, ready: () => resolveReady(),
    setAppPath: (p: string) => void (appPath = p),
    emit: (event: string, ...args: unknown[]) => (appEvents.get(event) ?? []).map((l) => l(...args)),
    electron: {
      app,
      BrowserWindow: FakeWindowOfThisApp as FakeWindowClass,
      nativeTheme: { shouldUseDarkColors: false },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown) => void (calls.push('registerSchemesAsPrivileged'), (sessionHandlers['schemes'] = schemes)),
        handle: (scheme: string, handler: Listener) => void (calls.push(`protocol.handle ${scheme}`), (sessionHandlers['protocol'] = handler)),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (h: unknown) => void (sessionHandlers['permission'] = h),
          setPermissionCheckHandler: (h: unknown) => void (sessionHandlers['check'] = h),
          setDevicePermissionHandler: (h: unknown) => void (sessionHandlers['device'] = h),
          on: (e: string, h: unknown) => void (sessionHandlers[e] = h),
          webRequest: { onBeforeRequest: (_f: unknown, h: unknown) => void (sessionHandlers['beforeRequest'] = h) },
        },
      },
      ipcMain: { handle: (c: string, l: Listener) => void handlers.set(c, l), removeHandler: (c: string) => void handlers.delete(c) },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void (sessionHandlers['menu'] = m) },
      shell: { openExternal: async () => undefined, openPath: async () => '' },
      dialog: {
        showErrorBox: (title: string, content: string) => void (calls.push('showErrorBox'), errorBoxes.push({ title, content })),
        showMessageBox: async (...args: unknown[]) => (dialogs.push(args), { response: 0 }),
        showOpenDialog: async () => ({ canceled: chosen.filePaths.length === 0, filePaths: chosen.filePaths.splice(0) }),
      },
      Notification: { isSupported: (): boolean => false },
    },
  };
}

/** What createFakeElectron returns. */
export type FakeElectron = ReturnType<typeof createFakeElectron>;
