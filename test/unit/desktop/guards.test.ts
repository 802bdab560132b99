// Navigation, window.open, permission, download and network guards, driven through fake
// webContents and session objects (the only fakes: Electron cannot run here).
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, trustedOrigins } from '../../../main/desktop/app-origin.ts';
import {
  guardSession,
  guardWebContents,
  NETWORK_URL_PATTERNS,
  permissionAllowed,
  type GuardableSession,
  type GuardableWebContents,
  type PreventableEvent,
} from '../../../main/desktop/guards.ts';
import { checkExternalUrl, safeOpenExternal } from '../../../main/desktop/open-external.ts';

type Listener = (event: PreventableEvent, ...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardableWebContents = {
    on(event, listener) {
      listeners.set(event, listener);
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const emit = (name: string, url: string, extra: Partial<PreventableEvent> = {}): boolean => {
    let prevented = false;
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener({ preventDefault: () => void (prevented = true), url, ...extra }, url);
    return prevented;
  };
  return { contents, emit, open: (url: string) => openHandler?.({ url }), listeners };
}

const trusted = trustedOrigins(undefined, true);

function guarded() {
  const opened: string[] = [];
  const reports: string[] = [];
  const fake = fakeContents();
  guardWebContents(fake.contents, { trusted, openExternal: (u) => opened.push(u), report: (m) => reports.push(m) });
  return { ...fake, opened, reports };
}

describe('webContents guards', () => {
  it('cancels every navigation, even to the app itself', () => {
    const g = guarded();
    expect(g.emit('will-navigate', 'app://fota/index.html')).toBe(true);
    expect(g.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(g.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(g.emit('will-frame-navigate', 'https://evil.example/', { isMainFrame: false })).toBe(true);
    expect(g.opened).toEqual([]);
    expect(g.reports).toHaveLength(4);
  });

  it('hands an allowed https link to the system browser instead of navigating', () => {
    const g = guarded();
    expect(g.emit('will-navigate', 'https://docs.samsungknox.com/dev/knox-e-fota/')).toBe(true);
    expect(g.opened).toEqual(['https://docs.samsungknox.com/dev/knox-e-fota/']);
  });

  it('denies window.open, opening only allowed https links outside', () => {
    const g = guarded();
    expect(g.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(g.open('https://seap.samsung.com/api-references/e-fota/Content/serverInit.htm')).toEqual({ action: 'deny' });
    expect(g.open('app://fota/index.html')).toEqual({ action: 'deny' });
    expect(g.opened).toEqual(['https://seap.samsung.com/api-references/e-fota/Content/serverInit.htm']);
  });

  it('refuses <webview> and redirects away from the app', () => {
    const g = guarded();
    expect(g.emit('will-attach-webview', '')).toBe(true);
    expect(g.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(g.emit('will-redirect', 'app://fota/index.html')).toBe(false);
  });
});

describe('openExternal allow-list', () => {
  it.each([
    ['https://docs.samsungknox.com/x', true],
    ['https://samsungknox.com/', true],
    ['https://www.samsungknox.com:443/', true],
    ['http://docs.samsungknox.com/', false],
    ['https://samsungknox.com.evil.example/', false],
    ['https://evilsamsungknox.com/', false],
    ['https://user:pw@docs.samsungknox.com/', false],
    ['https://docs.samsungknox.com:8443/', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['not a url', false],
  ])('%s → %s', (url, open) => {
    expect(checkExternalUrl(url).open).toBe(open);
  });

  it('reports a refusal and a failing opener instead of throwing', async () => {
    const reports: string[] = [];
    const calls: string[] = [];
    await safeOpenExternal('file:///etc/passwd', async (u) => void calls.push(u), (m) => reports.push(m));
    await safeOpenExternal('https://docs.samsungknox.com/', async () => { throw new Error('no browser'); }, (m) => reports.push(m));
    expect(calls).toEqual([]);
    expect(reports).toEqual([expect.stringMatching(/only https:/), expect.stringMatching(/no browser/)]);
  });
});

function fakeSession() {
  const s = {
    request: null as null | Parameters<GuardableSession['setPermissionRequestHandler']>[0],
    check: null as null | Parameters<GuardableSession['setPermissionCheckHandler']>[0],
    device: null as null | ((d: unknown) => boolean),
    download: null as null | ((e: PreventableEvent, item: { getURL(): string }) => void),
    filter: null as null | { urls: string[] },
    beforeRequest: null as null | ((d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void),
  };
  const session: GuardableSession = {
    setPermissionRequestHandler: (h) => void (s.request = h),
    setPermissionCheckHandler: (h) => void (s.check = h),
    setDevicePermissionHandler: (h) => void (s.device = h),
    on: (_event, listener) => void (s.download = listener),
    webRequest: { onBeforeRequest: (filter, listener) => void ((s.filter = filter), (s.beforeRequest = listener)) },
  };
  return { session, s };
}

describe('session guards', () => {
  const { session, s } = fakeSession();
  const reports: string[] = [];
  guardSession(session, { trusted, report: (m) => reports.push(m) });

  const ask = (permission: string, requestingUrl: string): boolean => {
    let granted: boolean | null = null;
    s.request!(null, permission, (g) => (granted = g), { requestingUrl });
    return granted!;
  };

  it('denies permission requests by default, including from the app', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb']) {
      expect(ask(permission, `${APP_ORIGIN}/index.html`), permission).toBe(false);
    }
  });

  it('grants clipboard writing (Copy Corp ID) to the app only', () => {
    expect(ask('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`)).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(s.check!(null, 'clipboard-sanitized-write', APP_ORIGIN, {})).toBe(true);
    expect(s.check!(null, 'clipboard-read', APP_ORIGIN, {})).toBe(false);
    expect(s.check!(null, 'media', APP_ORIGIN, {})).toBe(false);
    expect(s.device!({})).toBe(false);
  });

  it('lets only the app’s own blob: exports download', () => {
    const download = (url: string): boolean => {
      let prevented = false;
      s.download!({ preventDefault: () => void (prevented = true) }, { getURL: () => url });
      return prevented;
    };
    expect(download('blob:app://fota/6f1c-44')).toBe(false);
    expect(download('https://evil.example/payload.exe')).toBe(true);
    expect(download('blob:https://evil.example/1')).toBe(true);
  });

  it('cancels every http(s)/ws(s) request from the window; the dev server is allowed only unpackaged', () => {
    expect(s.filter!.urls).toEqual(NETWORK_URL_PATTERNS);
    const verdict = (url: string): boolean => {
      let cancel = false;
      s.beforeRequest!({ url }, (r) => (cancel = r.cancel === true));
      return cancel;
    };
    expect(verdict('https://eu-api.samsungknox.com/b2bfota/v2/licenseInfo')).toBe(true);
    expect(verdict('http://127.0.0.1:5173/src/main.tsx')).toBe(true);

    const dev = fakeSession();
    guardSession(dev.session, { trusted: trustedOrigins('http://localhost:5173/', false), report: () => undefined });
    let cancel: boolean | undefined;
    dev.s.beforeRequest!({ url: 'http://localhost:5173/src/main.tsx' }, (r) => (cancel = r.cancel));
    expect(cancel).toBeUndefined();
    expect(trustedOrigins('http://localhost:5173/', true)).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('http://evil.example:5173/', false)).toEqual([APP_ORIGIN]);
  });

  it('checks permissions against exact origins', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'app://fota.evil/', trusted)).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', undefined, trusted)).toBe(false);
  });
});
