// Serves the built renderer (out/renderer) for app://fota/… — Electron's `protocol.handle` calls
// this with each request (main/app/protocol.ts). File lookup is shared with web mode (main/static: decoded once,
// normalised, symlinks resolved, never outside the folder); this adds the app:// checks on top:
// our host only, GET/HEAD only, `..`/backslash/NUL refused outright, and the CSP header on every
// answer, so Workers (which take their policy from their own response) are held to it too.
import path from 'node:path';
import { StaticFiles, type StaticFile } from '../static/static-files.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

/** Headers on every answer of the app protocol. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/** The URL path a request asks for, or why it is refused before any file is looked at. */
export function requestedPath(rawUrl: string): { path: string } | { status: 400 | 403 | 404; reason: string } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return { status: 404, reason: 'not an app:// URL of this app' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 403, reason: 'NUL or backslash in the path' };
  // An encoded "../" survives URL parsing; it is refused here rather than normalised away.
  if (decoded.split('/').some((s) => s === '..')) return { status: 403, reason: 'path traversal' };
  return { path: url.pathname };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/**
 * Creates the handler for the renderer folder `rendererDir`. Unknown paths without an extension get
 * index.html (history routing, as in web mode); unknown files get 404. Throws (ENOENT, with the path)
 * when the folder or its index.html is missing: the start fails with a clear message instead of
 * showing an empty window.
 */
export function createAppProtocolHandler(rendererDir: string): (request: { url: string; method: string }) => Response {
  const files = new StaticFiles(rendererDir);
  files.index();
  return (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const target = requestedPath(request.url);
    if ('status' in target) return plain(target.status, target.reason);
    let file: StaticFile | null = files.lookup(target.path);
    if (file === null && path.posix.extname(target.path) === '') file = files.index();
    if (file === null) return plain(404, 'Not found');
    const body = request.method === 'HEAD' ? null : new Uint8Array(file.body);
    return new Response(body, { status: 200, headers: securityHeaders(file.type) });
  };
}
