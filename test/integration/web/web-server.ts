// A web-mode server over real services on a temporary data folder, plus a raw HTTP helper that can
// send any Host, Origin or Cookie (fetch would not let a test forge Host).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemorySecretStore } from '../../../main/auth/memory-secret-store.ts';
import { createHandlers } from '../../../main/ipc/handlers.ts';
import { flushAppLogs } from '../../../main/log/logger.ts';
import type { AppServices } from '../../../main/services/app-services.ts';
import { composeServices } from '../../../main/services/compose.ts';
import { startWebServer, type WebServer } from '../../../main/web/server.ts';

/** The CSP of the fixture page, the same as renderer/index.html's. */
export const FIXTURE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** A running server and how to reach it. */
export interface WebFixture {
  readonly server: WebServer;
  readonly services: AppServices;
  readonly secrets: MemorySecretStore;
  readonly dataDir: string;
  /** `127.0.0.1:<port>` */
  readonly host: string;
  /** the session cookie, obtained the way a browser does */
  cookie: string;
  dispose(): Promise<void>;
}

/** Starts web mode on a fixture renderer folder. */
export async function startWebFixture(options: { readonly maxBodyBytes?: number; readonly controlKey?: string } = {}): Promise<WebFixture> {
  const root = mkdtempSync(path.join(tmpdir(), 'fota-web-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${FIXTURE_CSP}" /></head><body>FOTA Desk</body></html>`);
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
  const dataDir = path.join(root, 'data');
  const secrets = new MemorySecretStore();
  const services = composeServices({ dataDir, env: {}, transport: 'web', version: 'test', isPackaged: false, secrets });
  const server = await startWebServer({ handlers: createHandlers(services), events: services.events, rendererDir, heartbeatMs: 60_000, ...options });
  const host = `127.0.0.1:${server.port}`;
  const fixture: WebFixture = {
    server,
    services,
    secrets,
    dataDir,
    host,
    cookie: '',
    async dispose() {
      await server.close();
      await services.close();
      await flushAppLogs(); // the log writes in the background: let it finish before the folder goes
      rmSync(root, { recursive: true, force: true });
    },
  };
  // The fixture's own browser comes in through a link of its own: the printed one stays unused for the tests.
  const link = new URL(server.newLink());
  const exchange = await http(fixture, { path: `${link.pathname}${link.search}`, cookie: null });
  fixture.cookie = (exchange.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  return fixture;
}

/** An HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** What to send; `null` leaves a header out, `undefined` takes the well-behaved default. */
export interface Send {
  readonly method?: string;
  readonly path: string;
  readonly host?: string | null;
  readonly origin?: string | null;
  readonly cookie?: string | null;
  readonly contentType?: string | null;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** stop reading once the body so far satisfies this (event streams) */
  readonly until?: (body: string) => boolean;
}

/** Sends one raw HTTP request to the fixture. */
export function http(fixture: WebFixture, send: Send): Promise<Answer> {
  const headers: Record<string, string> = { ...send.headers };
  const host = send.host === undefined ? fixture.host : send.host;
  if (host !== null) headers['host'] = host;
  const origin = send.origin === undefined ? `http://${fixture.host}` : send.origin;
  if (origin !== null && send.method === 'POST') headers['origin'] = origin;
  else if (send.origin) headers['origin'] = send.origin;
  const cookie = send.cookie === undefined ? fixture.cookie : send.cookie;
  if (cookie) headers['cookie'] = cookie;
  if (send.method === 'POST') headers['content-type'] = send.contentType === undefined ? 'application/json' : (send.contentType ?? '');
  if (send.method === 'POST' && send.contentType === null) delete headers['content-type'];
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: fixture.server.port, method: send.method ?? 'GET', path: send.path, headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (send.until?.(body)) {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          res.destroy();
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (send.body !== undefined) req.write(send.body);
    req.end();
  });
}

/** POSTs one contract call. */
export function call(fixture: WebFixture, channel: string, payload: unknown, overrides: Partial<Send> = {}): Promise<Answer> {
  return http(fixture, { method: 'POST', path: `/api/invoke/${channel}`, body: JSON.stringify(payload), ...overrides });
}

/** An open event stream: `opened` resolves once the server has answered; `wait` once the text so far satisfies `until`. */
export function openEvents(fixture: WebFixture): { opened: Promise<void>; wait: (until: (body: string) => boolean) => Promise<string>; close: () => void } {
  let body = '';
  const waiters: { until: (body: string) => boolean; resolve: (body: string) => void }[] = [];
  let close = (): void => undefined;
  const opened = new Promise<void>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: fixture.server.port, path: '/api/events', headers: { host: fixture.host, cookie: fixture.cookie }, setHost: false },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          resolve();
          for (const w of [...waiters]) if (w.until(body)) w.resolve(body);
        });
        res.on('error', () => undefined);
      },
    );
    req.on('error', reject);
    req.end();
    close = () => req.destroy();
  });
  const wait = (until: (text: string) => boolean): Promise<string> =>
    until(body) ? Promise.resolve(body) : new Promise((resolve) => waiters.push({ until, resolve }));
  return { opened, wait, close: () => close() };
}
