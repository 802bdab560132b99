// Where the renderer comes from. The packaged and `npm start` app serve it from app://fota/ (a
// standard, secure custom scheme), so routing, Workers and CSP 'self' behave as in web mode; only
// `electron-vite dev` loads it from its loopback dev server.

/** The custom scheme the renderer is served from. */
export const APP_SCHEME = 'app';
/** The host part of every app:// URL (a standard scheme needs one). */
export const APP_HOST = 'fota';
/** The renderer's origin in the app. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The origins the window may hold: app://fota, plus electron-vite's dev server when it is running
 * (`ELECTRON_RENDERER_URL`, honoured only when not packaged and only on loopback) and its WebSocket.
 */
export function trustedOrigins(devServerUrl: string | undefined, packaged: boolean): readonly string[] {
  const origins = [APP_ORIGIN];
  if (!packaged && devServerUrl) {
    const dev = loopbackOrigin(devServerUrl);
    // Vite's hot reload talks to the same server over a WebSocket.
    if (dev) origins.push(dev, dev.replace(/^http:/, 'ws:'));
  }
  return origins;
}

/** The origin of an http URL on loopback, else null. */
function loopbackOrigin(raw: string): string | null {
  try {
    const url = new URL(raw);
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return url.protocol === 'http:' && loopback ? url.origin : null;
  } catch {
    return null;
  }
}

/** The origin of `raw`, including for app:// (which `URL.origin` reports as "null" in Node). */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol === `${APP_SCHEME}:`) return `${APP_SCHEME}://${url.host.toLowerCase()}`;
    if (url.protocol === 'blob:') return originOf(url.pathname);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}
