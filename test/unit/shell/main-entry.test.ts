// main/app/index.ts, the Electron entry, run against stand-ins for Electron's objects (the one thing
// that cannot run here) with the real services on a temporary data folder: what it sets before the
// app is ready, what it wires once ready, and how it quits. The adapters' logic is tested on its own
// elsewhere; this proves the entry connects it all.
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, isEventChannel } from '../../../common/contract.ts';

type Listener = (...args: unknown[]) => unknown;

const pending = vi.hoisted(async () => {
  // Hoisted above the imports: node:events has to be loaded here.
  const { EventEmitter } = await import('node:events');
  const appEvents = new Map<string, Listener[]>();
  const calls: string[] = [];
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const paths = new Map<string, string>();
  const handlers = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  const sessionHandlers: Record<string, unknown> = {};
  const dialogs: unknown[] = [];
  let appPath = '';

  class FakeContents extends EventEmitter {
    id = 41;
    mainFrame = { url: 'app://fota/index.html', processId: 2, routingId: 1, parent: null };
    sent: [string, unknown][] = [];
    openHandler: Listener | null = null;
    isDestroyed = (): boolean => false;
    send = (channel: string, payload: unknown): void => void this.sent.push([channel, payload]);
    setWindowOpenHandler = (h: Listener): void => void (this.openHandler = h);
  }
  class FakeWindow extends EventEmitter {
    static getAllWindows = (): FakeWindow[] => windows;
    webContents = new FakeContents();
    loaded: string[] = [];
    shown = 0;
    focused = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadURL = async (url: string): Promise<void> => void this.loaded.push(url);
    show = (): void => void this.shown++;
    focus = (): void => void this.focused++;
    isDestroyed = (): boolean => false;
    isMinimized = (): boolean => false;
    restore = (): void => undefined;
  }

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
  };
  return {
    calls, paths, handlers, windows, sessionHandlers, dialogs, appEvents, ready: () => resolveReady(),
    setAppPath: (p: string) => void (appPath = p),
    emit: (event: string, ...args: unknown[]) => (appEvents.get(event) ?? []).map((l) => l(...args)),
    electron: {
      app,
      BrowserWindow: FakeWindow,
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
        showMessageBox: async (...args: unknown[]) => (dialogs.push(args), { response: 0 }),
        showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      },
      Notification: { isSupported: (): boolean => false },
    },
  };
});

vi.mock('electron', async () => (await pending).electron);

// electron-store is conf plus Electron's paths; from node_modules it would load the real Electron,
// so its engine stands in, taking electron-store's option names the way electron-store maps them.
const electronStores = vi.hoisted(() => [] as Array<{ name: string; cwd: string }>);
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStoreStandIn extends Conf<Record<string, unknown>> {
    constructor(options: { name: string; cwd: string; clearInvalidConfig: boolean; deserialize: (text: string) => Record<string, unknown> }) {
      const { name, ...rest } = options;
      super({ ...rest, configName: name });
      electronStores.push({ name, cwd: options.cwd });
    }
  }
  return { default: ElectronStoreStandIn };
});
const fake = await pending;

const dataDir = mkdtempSync(path.join(tmpdir(), 'fota-main-entry-'));
const appRoot = mkdtempSync(path.join(tmpdir(), 'fota-main-app-'));

beforeAll(async () => {
  mkdirSync(path.join(appRoot, 'out', 'renderer'), { recursive: true });
  writeFileSync(path.join(appRoot, 'out', 'renderer', 'index.html'), '<!doctype html><title>FOTA Desk</title>');
  fake.setAppPath(appRoot);
  vi.stubEnv('FOTA_DESK_DATA_DIR', dataDir);
  vi.stubEnv('FOTA_DESK_INSECURE_MEMORY_SECRETS', '1');
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  await import('../../../main/app/index.ts');
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(appRoot, { recursive: true, force: true });
});

const trustedEvent = () => {
  const contents = fake.windows[0]!.webContents;
  return { sender: contents, senderFrame: contents.mainFrame };
};

describe('Electron main entry', () => {
  it('before ready: data folder, sandbox, app id, app:// scheme and the single-instance lock', () => {
    expect(fake.paths.get('userData')).toBe(path.resolve(dataDir));
    expect(fake.paths.get('sessionData')).toBe(path.join(path.resolve(dataDir), 'chromium'));
    expect(fake.calls).toEqual(expect.arrayContaining(['enableSandbox', 'appUserModelId com.fotadesk.app', 'registerSchemesAsPrivileged', 'requestSingleInstanceLock']));
    expect(fake.sessionHandlers['schemes']).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(fake.windows).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
  });

  it('once ready: guards, protocol, IPC, menu and one secure window on app://fota', async () => {
    fake.ready();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    const window = fake.windows[0]!;
    expect(window.loaded).toEqual(['app://fota/index.html']);
    expect(window.options['webPreferences']).toMatchObject({
      sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, devTools: true,
      preload: path.join(appRoot, 'out', 'preload', 'index.cjs'),
    });
    expect(window.shown).toBe(0);
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
    expect(Object.keys(fake.sessionHandlers)).toEqual(expect.arrayContaining(['permission', 'check', 'device', 'will-download', 'beforeRequest', 'protocol', 'menu']));
    expect([...fake.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const served = (fake.sessionHandlers['protocol'] as (r: { url: string; method: string }) => Response)({ url: 'app://fota/', method: 'GET' });
    expect(await served.text()).toContain('<title>FOTA Desk</title>');
  });

  it('answers the window over IPC from the real services on the temporary data folder', async () => {
    const info = await fake.handlers.get('app:info')!(trustedEvent(), null);
    expect(info).toMatchObject({ ok: true, data: { transport: 'electron', version: '9.9.9', dataDir: path.resolve(dataDir) } });
    const refused = await fake.handlers.get('app:info')!({ ...trustedEvent(), sender: { ...trustedEvent().sender, id: 7 } }, null);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
  });

  it('keeps the settings with electron-store, in the settings.json of the shared data folder', async () => {
    const profiles = await fake.handlers.get('profiles:list')!(trustedEvent(), null);
    expect(profiles).toMatchObject({ ok: true });
    expect(electronStores).toContainEqual({ name: 'settings', cwd: path.resolve(dataDir) });
  });

  it('guards every new webContents', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true), url: 'https://evil.example/' }, 'https://evil.example/');
    expect(prevented).toBe(true);
  });

  it('a second launch focuses the window and hands over its .fotabatch', async () => {
    const batch = path.join(dataDir, 'handed-over.fotabatch');
    writeFileSync(batch, '{}');
    const before = fake.windows[0]!.focused;
    fake.emit('second-instance', {}, ['FOTA Desk.exe', batch], dataDir);
    expect(fake.windows[0]!.focused).toBe(before + 1);
    if (isEventChannel('shell:request')) {
      // The page gets the file's bytes, never its path.
      await vi.waitFor(() => expect(fake.windows[0]!.webContents.sent.map(([c]) => c)).toContain('shell:request'));
      expect(fake.windows[0]!.webContents.sent.find(([c]) => c === 'shell:request')?.[1]).toMatchObject({ kind: 'open-file', purpose: 'batch', name: 'handed-over.fotabatch' });
    } else {
      // Until common/contract.ts declares `shell:request`, the admin is told instead of losing the file.
      await vi.waitFor(() => expect(fake.dialogs).toHaveLength(1));
      expect(JSON.stringify(fake.dialogs[0])).toMatch(/handed-over\.fotabatch/);
    }
  });

  it('quits only after the services closed', async () => {
    let prevented = 0;
    fake.emit('will-quit', { preventDefault: () => void prevented++ });
    expect(prevented).toBe(1);
    await vi.waitFor(() => expect(fake.calls).toContain('quit'));
    fake.emit('will-quit', { preventDefault: () => void prevented++ });
    expect(prevented).toBe(1);
  });
});
