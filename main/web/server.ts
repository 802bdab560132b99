// Web mode's HTTP server: the built renderer plus the handler table, on 127.0.0.1 only. Routes:
//   GET  /?token=…            exchanges a link's single-use token for a session cookie, redirects
//                             to the same-origin path asked for (never to another host)
//   POST /api/new-link        a new link, for `--new-link` (needs the control key of the run)
//   GET  /…                   the renderer's files
//   POST /api/invoke/<name>   one contract call (JSON in, JSON Result out)
//   GET  /api/events          the contract's events as Server-Sent Events
// Every request is checked first (security.ts); no CORS header is ever sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type HandlerTable } from '../ipc/handlers.ts';
import type { EventBus } from '../services/events.ts';
import {
  checkHost,
  checkOrigin,
  checkSession,
  NEW_LINK_HELP,
  originOf,
  sameOriginPath,
  sameSecret,
  sessionCookie,
  WebSecrets,
  type Address,
  type Refusal,
} from './security.ts';
import { cspOf, StaticFiles } from '../static/static-files.ts';

/** What the server serves. */
export interface WebServerOptions {
  readonly handlers: HandlerTable;
  readonly events: EventBus;
  /** the built renderer (out/renderer) */
  readonly rendererDir: string;
  /** 0 (default) picks a free port */
  readonly port?: number;
  /** largest accepted call body (default 64 MiB: a batch of 250,000 devices fits) */
  readonly maxBodyBytes?: number;
  /** SSE keep-alive interval (default 15 s) */
  readonly heartbeatMs?: number;
  /** the key `--new-link` presents to get a new link (control.ts); without one, no link is handed out that way */
  readonly controlKey?: string;
  /** told whenever a new link is handed out through the control route */
  readonly onNewLink?: () => void;
}

/** A running web-mode server. */
export interface WebServer {
  /** the first address to open, with its single-use token */
  readonly url: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** the first link's token (tests use it to build requests) */
  readonly token: string;
  /** a new single-use link, for another browser */
  newLink(): string;
  close(): Promise<void>;
}

/** The loopback address web mode listens on (never a public interface). */
export const WEB_HOST = '127.0.0.1';

/** Starts the server; resolves once it listens. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const files = new StaticFiles(options.rendererDir);
  const meta = cspOf(files.index().body.toString('utf8'));
  if (meta === null) throw new Error(`${options.rendererDir}/index.html has no Content-Security-Policy meta tag; refusing to serve it without one.`);
  // frame-ancestors works only as a header: nobody may frame the app (clickjacking).
  const csp = `${meta}; frame-ancestors 'none'`;
  const secrets = new WebSecrets();
  const firstToken = secrets.newToken();
  const streams = new Set<ServerResponse>();
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  let address: Address = { host: WEB_HOST, port: 0 };

  const server = createServer((request, response) => {
    setCommonHeaders(response, csp);
    route(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'FOTA Desk hit an unexpected error.');
      else response.destroy();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = checkHost(request, address);
    if (host) return refuse(response, host);
    const url = new URL(request.url ?? '/', originOf(address));
    const method = request.method ?? 'GET';
    const token = url.searchParams.get('token');
    if (token !== null && (method === 'GET' || method === 'HEAD')) return exchangeToken(request, response, url, token);
    if (url.pathname === '/api/new-link') return handOutLink(request, response);
    const session = checkSession(request, address, secrets);
    if (session) return refuse(response, session);

    if (url.pathname.startsWith('/api/invoke/')) {
      if (method !== 'POST') return refuse(response, { status: 405, message: 'Calls use POST.' });
      const origin = checkOrigin(request, address, true);
      if (origin) return refuse(response, origin);
      return invoke(request, response, decodeURIComponent(url.pathname.slice('/api/invoke/'.length)));
    }
    if (url.pathname === '/api/events') {
      if (method !== 'GET') return refuse(response, { status: 405, message: 'The event stream uses GET.' });
      const origin = checkOrigin(request, address, false);
      if (origin) return refuse(response, origin);
      return openStream(request, response);
    }
    if (method !== 'GET' && method !== 'HEAD') return refuse(response, { status: 405, message: 'Only GET and HEAD are served here.' });
    const file = files.lookup(url.pathname);
    if (!file) return refuse(response, { status: 404, message: 'Not found.' });
    response.statusCode = 200;
    response.setHeader('content-type', file.type);
    response.setHeader('content-length', file.body.length);
    response.end(method === 'HEAD' ? undefined : file.body);
  }

  function exchangeToken(request: IncomingMessage, response: ServerResponse, url: URL, token: string): void {
    url.searchParams.delete('token');
    // The clean URL keeps the token out of the address bar, history and bookmarks.
    const location = sameOriginPath(url.pathname, url.search);
    const session = secrets.exchange(token);
    if (session === null) {
      // A browser already let in that opens the used link again (a reload, history) just goes on.
      if (!checkSession(request, address, secrets)) return redirect(response, location);
      return refuse(response, {
        status: 401,
        message: `This link has been used already, or is not one of this FOTA Desk server's: each link lets one browser in, once. For a new link, ${NEW_LINK_HELP}.`,
      });
    }
    response.setHeader('set-cookie', sessionCookie(address.port, session));
    redirect(response, location);
  }

  function redirect(response: ServerResponse, location: string): void {
    response.statusCode = 303;
    response.setHeader('location', location);
    response.end();
  }

  // `--new-link` from a terminal of the same user: it read the control key from the data folder (0600).
  function handOutLink(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'POST') return refuse(response, { status: 405, message: 'A new link is asked for with POST.' });
    // A browser page never has the key; refuse anything a browser sends, whatever it carries.
    if (request.headers['origin'] !== undefined || request.headers['cookie'] !== undefined) {
      return refuse(response, { status: 403, message: 'New links are handed out to the command line only.' });
    }
    const given = request.headers['x-fota-desk-control'];
    if (!options.controlKey || typeof given !== 'string' || !sameSecret(given, options.controlKey)) {
      return refuse(response, { status: 403, message: 'That control key is not this server’s.' });
    }
    const link = `${originOf(address)}/?token=${secrets.newToken()}`;
    options.onNewLink?.();
    send(response, 200, 'application/json', JSON.stringify({ url: link }));
  }

  async function invoke(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) return refuse(response, { status: 415, message: 'Calls are JSON (Content-Type: application/json).' });
    const body = await readBody(request, maxBody);
    if (body === null) response.setHeader('connection', 'close');
    if (body === null) return refuse(response, { status: 413, message: `The call is larger than ${maxBody >= 1024 * 1024 ? `${Math.round(maxBody / 1024 / 1024)} MiB` : `${maxBody} bytes`}.` });
    let payload: unknown;
    try {
      payload = body.length === 0 ? null : JSON.parse(body.toString('utf8'));
    } catch {
      return send(response, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: 'The call body is not valid JSON.', remedy: null } }));
    }
    const result = await dispatch(options.handlers, channel, payload);
    send(response, 200, 'application/json', JSON.stringify(result));
  }

  function openStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    response.write('retry: 2000\n\n');
    streams.add(response);
    const unsubscribe = options.events.subscribe((event) => {
      response.write(`event: ${event.channel}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
    const end = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
    };
    request.on('close', end);
    response.on('close', end);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: WEB_HOST, port: options.port ?? 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  address = { host: WEB_HOST, port: (server.address() as AddressInfo).port };
  const origin = originOf(address);
  return {
    url: `${origin}/?token=${firstToken}`,
    origin,
    port: address.port,
    token: firstToken,
    newLink: () => `${origin}/?token=${secrets.newToken()}`,
    close: () => closeServer(server, streams),
  };
}

function setCommonHeaders(response: ServerResponse, csp: string): void {
  response.setHeader('content-security-policy', csp);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
  response.setHeader('cache-control', 'no-store');
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.statusCode = status;
  response.setHeader('content-type', type.includes('charset') ? type : `${type}; charset=utf-8`);
  response.end(body);
}

function refuse(response: ServerResponse, refusal: Refusal): void {
  send(response, refusal.status, 'text/plain; charset=utf-8', `${refusal.message}\n`);
}

/** The request body, or null when it exceeds `max` bytes (the rest is not read). */
function readBody(request: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the 413 answer still reaches the caller.
      if (size > max) {
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size > max ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function closeServer(server: Server, streams: Set<ServerResponse>): Promise<void> {
  for (const stream of streams) stream.end();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
