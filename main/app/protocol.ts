// The app:// scheme: registered as standard + secure before the app is ready (so the renderer gets a
// real origin for CSP 'self', routing, Workers and fetch), then served from out/renderer.
import { protocol } from 'electron';
import { APP_SCHEME } from '../desktop/app-origin.ts';
import { createAppProtocolHandler } from '../desktop/app-protocol.ts';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/** Serves the built renderer folder on app://fota/. */
export function serveRenderer(rendererDir: string): void {
  const handler = createAppProtocolHandler(rendererDir);
  protocol.handle(APP_SCHEME, (request) => handler(request));
}
