// main/app/index.ts, the Electron entry, run against stand-ins for Electron's objects (the one thing
// that cannot run here) with the real services on a temporary data folder: what it sets before the
// app is ready, what it wires once ready, how files opened at cold start or with no window reach the
// page, and how it quits. The adapters' logic is tested on its own elsewhere; this proves the entry
// connects it all. (A failed start: failed-start.test.ts.)
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, type ShellRequest } from '../../../common/contract.ts';
import { findMenuItem, type MenuTemplateItem } from '../../../main/desktop/menu-template.ts';

const pending = vi.hoisted(async () => (await import('./fake-electron.ts')).createFakeElectron());
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
const handoffs = mkdtempSync(path.join(tmpdir(), 'fota-main-files-'));
/** A `.fotabatch` on disk (its contents do not matter to main: the page checks them). */
const batchFile = (name: string): string => {
  const file = path.join(handoffs, name);
  writeFileSync(file, `{"name":"${name}"}`);
  return file;
};
// Windows hands a double-clicked file to the first instance in its command line.
const fromArgv = batchFile('from-argv.fotabatch');
const argvBefore = process.argv;

beforeAll(async () => {
  mkdirSync(path.join(appRoot, 'out', 'renderer'), { recursive: true });
  mkdirSync(path.join(appRoot, 'out', 'preload'), { recursive: true });
  writeFileSync(path.join(appRoot, 'out', 'renderer', 'index.html'), '<!doctype html><title>FOTA Desk</title>');
  writeFileSync(path.join(appRoot, 'out', 'preload', 'index.cjs'), '');
  fake.setAppPath(appRoot);
  vi.stubEnv('FOTA_DESK_DATA_DIR', dataDir);
  vi.stubEnv('FOTA_DESK_INSECURE_MEMORY_SECRETS', '1');
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  process.argv = [...argvBefore, fromArgv];
  await import('../../../main/app/index.ts');
});

afterAll(() => {
  process.argv = argvBefore;
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(appRoot, { recursive: true, force: true });
  rmSync(handoffs, { recursive: true, force: true });
});

/** The window main currently uses (the newest one). */
const current = () => fake.windows.at(-1)!;
const trustedEvent = () => {
  const contents = current().webContents;
  return { sender: contents, senderFrame: contents.mainFrame };
};
const shellRequestsSent = (window = current()) => window.webContents.sent.filter(([c]) => c === 'shell:request').map(([, p]) => p as ShellRequest);
const names = (requests: readonly ShellRequest[]) => requests.map((r) => (r.kind === 'open-file' ? r.name : r.kind));

/**
 * What the page of the current window gets when it finishes starting: the pending requests it asks
 * for, plus any that arrive as events afterwards (a file may still be being read when it asks),
 * until `count` have arrived.
 */
async function pageReceives(count: number): Promise<ShellRequest[]> {
  const before = shellRequestsSent().length;
  const pending = (await fake.handlers.get('shell:pendingRequests')!(trustedEvent(), null)) as { ok: true; data: ShellRequest[] };
  expect(pending.ok).toBe(true);
  let received: ShellRequest[] = [];
  await vi.waitFor(() => {
    received = [...pending.data, ...shellRequestsSent().slice(before)];
    expect(received.length).toBeGreaterThanOrEqual(count);
  });
  return received;
}

/** The window is closed (macOS keeps the app running without one). */
function closeWindow(): void {
  const window = current();
  window.emit('closed');
  window.closedForTest = true;
}

describe('Electron main entry', () => {
  it('before ready: data folder, sandbox, app id, app:// scheme and the single-instance lock', () => {
    // macOS hands a double-clicked file over with open-file, here before the app is ready.
    fake.emit('open-file', { preventDefault: () => undefined }, batchFile('from-open-file.fotabatch'));
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

  it('cold start: files named before the page was ready are shown once the page asks, each once', async () => {
    // The files were read and kept in main: nothing was sent to a page that was not listening yet.
    expect(shellRequestsSent()).toEqual([]);
    const received = await pageReceives(2);
    expect(names(received)).toEqual(['from-argv.fotabatch', 'from-open-file.fotabatch']);
    // The page gets the file's bytes, never its path.
    expect(received[0]).toMatchObject({ kind: 'open-file', purpose: 'batch' });
    expect(new TextDecoder().decode((received[0] as { bytes: Uint8Array }).bytes)).toBe('{"name":"from-argv.fotabatch"}');
    expect(JSON.stringify(received)).not.toContain(handoffs);
    const again = (await fake.handlers.get('shell:pendingRequests')!(trustedEvent(), null)) as { ok: true; data: ShellRequest[] };
    expect(again.data).toEqual([]);
    expect(fake.windows).toHaveLength(1);
  });

  it('a second launch focuses the window and hands over its .fotabatch', async () => {
    const batch = batchFile('handed-over.fotabatch');
    const before = current().focused;
    fake.emit('second-instance', {}, ['FOTA Desk.exe', batch], dataDir);
    expect(current().focused).toBe(before + 1);
    // The page listens now: the file travels as a shell:request event.
    await vi.waitFor(() => expect(names(shellRequestsSent())).toContain('handed-over.fotabatch'));
    expect(fake.windows).toHaveLength(1);
  });

  it('macOS with no window: a file from open-file opens a window and reaches its page', async () => {
    closeWindow();
    const old = fake.windows[0]!;
    const sentBefore = shellRequestsSent(old).length;
    fake.emit('open-file', { preventDefault: () => undefined }, batchFile('no-window.fotabatch'));
    await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
    const window = current();
    expect(window.loaded).toEqual(['app://fota/index.html']);
    // Not sent into the closed window, nor to the new page before it listens.
    expect(shellRequestsSent(old)).toHaveLength(sentBefore);
    expect(names(await pageReceives(1))).toEqual(['no-window.fotabatch']);
  });

  it('macOS with no window: File › Open Batch… opens a window and its page gets the chosen file', async () => {
    closeWindow();
    fake.chosen.filePaths.push(batchFile('from-menu.fotabatch'));
    const menu = fake.sessionHandlers['menu'] as MenuTemplateItem[];
    findMenuItem(menu, 'open-batch')!.click!();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(3));
    expect(names(await pageReceives(1))).toEqual(['from-menu.fotabatch']);
    // Settings from the menu goes to the same page, now listening.
    findMenuItem(menu, 'settings')!.click!();
    expect(names(shellRequestsSent())).toContain('show-settings');
    expect(fake.windows).toHaveLength(3);
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
