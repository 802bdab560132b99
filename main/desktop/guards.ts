// App-wide guards on every webContents and on the window's session: no navigation away from the app,
// no new windows, no permission unless allow-listed, no download that did not come from the app, no
// network request from the page. Electron's objects are described structurally (method parameters
// are checked bivariantly, so the real WebContents and Session fit), which lets tests hand in fakes.
import { checkExternalUrl } from './open-external.ts';
import { originOf } from './app-origin.ts';

/** An Electron event that can be cancelled (`url` is set on navigation events). */
export interface PreventableEvent {
  preventDefault(): void;
  readonly url?: string;
  readonly isMainFrame?: boolean;
}

/** The part of a webContents the guards touch. */
export interface GuardableWebContents {
  on(event: string, listener: (event: PreventableEvent, ...args: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** What the guards do with a refused link or request. */
export interface GuardHooks {
  /** the origins the page may be loaded from (app://fota, the dev server in development) */
  readonly trusted: readonly string[];
  /** hands an allowed https: link to the system browser (safeOpenExternal) */
  readonly openExternal: (url: string) => void;
  /** records a refusal (logged; never shown to the page) */
  readonly report: (message: string) => void;
}

/** Cancels every navigation and window.open; allowed https: links go to the system browser instead. */
export function guardWebContents(contents: GuardableWebContents, hooks: GuardHooks): void {
  const toBrowser = (url: string, why: string): void => {
    if (checkExternalUrl(url).open) hooks.openExternal(url);
    else hooks.report(`${why} refused: ${describe(url)}`);
  };
  contents.on('will-navigate', (event, url) => {
    // The app is one page; a link that would replace it opens in the browser if it may open at all.
    event.preventDefault();
    toBrowser(event.url ?? String(url ?? ''), 'navigation');
  });
  contents.on('will-frame-navigate', (event, url) => {
    // Frames are not used; will-navigate above already handles (and reports) the main frame.
    event.preventDefault();
    if (event.isMainFrame === false) hooks.report(`frame navigation refused: ${describe(event.url ?? String(url ?? ''))}`);
  });
  contents.on('will-redirect', (event, url) => {
    const target = event.url ?? String(url ?? '');
    if (!isTrustedUrl(target, hooks.trusted)) {
      event.preventDefault();
      hooks.report(`redirect refused: ${describe(target)}`);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    hooks.report('a <webview> was refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    toBrowser(url, 'window.open');
    return { action: 'deny' };
  });
}

/** Permissions the page may use, and only from a trusted origin. */
export const ALLOWED_PERMISSIONS: readonly string[] = [
  // "Copy Corp ID" writes to the clipboard; reading it stays denied.
  'clipboard-sanitized-write',
];

/** Whether `permission`, asked by a page at `url`, is granted. */
export function permissionAllowed(permission: string, url: string | undefined, trusted: readonly string[]): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && url !== undefined && isTrustedUrl(url, trusted);
}

/** A download (or web request) as the session reports it. */
export interface DownloadLike {
  getURL(): string;
}

/** The part of a session the guards touch. */
export interface GuardableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  on(event: 'will-download', listener: (event: PreventableEvent, item: DownloadLike) => void): unknown;
  readonly webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ): void;
  };
}

/** URL patterns of requests a page could send to the network. */
export const NETWORK_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/**
 * Default-deny for the window's session: permissions, devices, downloads from elsewhere, and any
 * http(s)/ws(s) request (the renderer never talks to the network; only the dev server is allowed).
 */
export function guardSession(session: GuardableSession, hooks: Pick<GuardHooks, 'trusted' | 'report'>): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = permissionAllowed(permission, details.requestingUrl, hooks.trusted);
    if (!granted) hooks.report(`permission "${permission}" refused`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, hooks.trusted),
  );
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    const url = item.getURL();
    // Exports are built in the page as blobs; nothing else may land on disk through the window.
    if (!(url.startsWith('blob:') && isTrustedUrl(url, hooks.trusted))) {
      event.preventDefault();
      hooks.report(`download refused: ${describe(url)}`);
    }
  });
  session.webRequest.onBeforeRequest({ urls: [...NETWORK_URL_PATTERNS] }, (details, callback) => {
    const allowed = isTrustedUrl(details.url, hooks.trusted);
    if (!allowed) hooks.report(`network request from the window refused: ${describe(details.url)}`);
    callback(allowed ? {} : { cancel: true });
  });
}

/** True when `url` belongs to one of the trusted origins. */
export function isTrustedUrl(url: string, trusted: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trusted.includes(origin);
}

/** A URL shortened for a log line (no query string: it could carry anything). */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.slice(0, 200);
  } catch {
    return '(not a URL)';
  }
}
