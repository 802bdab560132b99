// Serves the built renderer (out/renderer) read-only, for web mode (main/web/server.ts) and the app's
// app:// protocol (main/desktop/app-protocol.ts) alike. Only files inside that folder can be reached:
// the path is decoded once, normalised, and checked to stay inside before anything is opened.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
}

/** The renderer's files, looked up by URL path. */
export class StaticFiles {
  readonly #root: string;

  constructor(root: string) {
    this.#root = realpathSync(root);
  }

  /** The built index.html (its CSP becomes the response header). */
  index(): StaticFile {
    return this.#read(path.join(this.#root, 'index.html'));
  }

  /** The file for a URL path, or null when there is none (or the path tries to leave the folder). */
  lookup(urlPath: string): StaticFile | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
    if (relative === '' || relative === '.') return this.index();
    if (relative.startsWith('..')) return null;
    const full = path.join(this.#root, relative);
    let real: string;
    try {
      real = realpathSync(full);
      if (!statSync(real).isFile()) return null;
    } catch {
      return null;
    }
    if (real !== this.#root && !real.startsWith(this.#root + path.sep)) return null;
    return this.#read(real);
  }

  #read(file: string): StaticFile {
    return { body: readFileSync(file), type: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
  }
}

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i;

/** The CSP of the built index.html's meta tag, or null when it has none (served as the same header). */
export function cspOf(indexHtml: string): string | null {
  return META_CSP.exec(indexHtml)?.[1] ?? null;
}
