// Web mode's HTTP server: the built renderer plus the handler table, on 127.0.0.1 only. Routes:
//   GET  /?token=…            exchanges the printed token for the session cookie, redirects to /
//   GET  /…                   the renderer's files
//   POST /api/invoke/<name>   one contract call (JSON in, JSON Result out)
//   GET  /api/events          the contract's events as Server-Sent Events
// Every request is checked first (security.ts); no CORS header is ever sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type HandlerTable } from '../ipc/handlers.ts';
import type { EventBus } from '../ipc/events.ts';
import {
  checkHost,
  checkOrigin,
  checkSession,
  newSecrets,
  originOf,
  sameSecret,
  sessionCookie,
  type Address,
  type Refusal,
} from './security.ts';
import { cspOf, StaticFiles } from './static.ts';

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
}

/** A running web-mode server. */
export interface WebServer {
  /** the address to open, with the token */
  readonly url: string;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly port: number;
  /** the URL token (tests use it to build requests) */
  readonly token: string;
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
  const secrets = newSecrets();
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
    if (token !== null && (method === 'GET' || method === 'HEAD')) return exchangeToken(response, url, token);
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

  function exchangeToken(response: ServerResponse, url: URL, token: string): void {
    if (!sameSecret(token, secrets.token)) {
      return refuse(response, { status: 401, message: 'This key is not valid for this FOTA Desk server. Open the address it printed when it started.' });
    }
    response.statusCode = 303;
    response.setHeader('set-cookie', sessionCookie(address.port, secrets.session));
    url.searchParams.delete('token');
    // The clean URL keeps the token out of the address bar, history and bookmarks.
    response.setHeader('location', `${url.pathname}${url.search}`);
    response.end();
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
    url: `${origin}/?token=${secrets.token}`,
    origin,
    port: address.port,
    token: secrets.token,
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
