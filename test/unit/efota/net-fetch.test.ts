// Electron's net.fetch as the client's fetch: Chromium's "net::ERR_…" failures become the client's
// TransportError kinds, and only failures before the server could have read the request say so.
// The failing fetch is a stand-in for net.fetch (Electron cannot run here); the success path uses
// Node's own fetch against a real loopback server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError, TransportError } from '../../../main/efota/errors.ts';
import { exchange, type FetchInit } from '../../../main/efota/http.ts';
import { createNodeFetch } from '../../../main/efota/node-fetch.ts';
import { chromiumFetch, chromiumNetError, isRefusedRedirect } from '../../../main/efota/net-fetch.ts';

const limits = { timeoutMs: 5_000, maxBodyBytes: 1024 * 1024 };
const request = (url: string) => ({ operation: 'forceUpdate' as const, url, headers: { authorization: 'Bearer T0KEN-VALUE' }, body: '<x/>', secrets: ['T0KEN-VALUE'] });

/** What Electron's net.fetch does when Chromium fails the request. */
const failing = (message: string) => chromiumFetch(async () => {
  throw new Error(message);
});

async function failure(message: string): Promise<TransportError> {
  try {
    await exchange(failing(message), request('https://eu-api.samsungknox.com/b2bfota/v2/forceUpdate'), limits);
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('Chromium network errors as the client sees them', () => {
  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'dns', false],
    ['net::ERR_CONNECTION_REFUSED', 'refused', false],
    ['net::ERR_INTERNET_DISCONNECTED', 'refused', false],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'refused', false],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'refused', false],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls', false],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls', false],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls', false],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout', false],
    ['net::ERR_CONNECTION_RESET', 'reset', true],
    ['net::ERR_EMPTY_RESPONSE', 'reset', true],
    ['net::ERR_TIMED_OUT', 'timeout', true],
    ['net::ERR_SOMETHING_NEW', 'other', true],
  ] as const)('%s → %s, may have reached the server: %s', async (message, kind, reached) => {
    const error = await failure(message);
    expect(error.kind).toBe(kind);
    expect(error.mayHaveReachedServer).toBe(reached);
    expect(error.message).not.toContain('T0KEN-VALUE');
  });

  it('treats an unrecognised failure as "may have reached the server" (never a safe retry)', async () => {
    const error = await failure('Failed to fetch');
    expect(error.mayHaveReachedServer).toBe(true);
  });

  it('reads the error from a cause, and returns null when there is none', () => {
    expect(chromiumNetError(new Error('fetch failed', { cause: new Error('net::ERR_NAME_NOT_RESOLVED') }))?.code).toBe('ENOTFOUND');
    expect(chromiumNetError(new Error('plain'))).toBeNull();
  });
});

/** What the client throws for `fetch` (any error, typed). */
async function thrownBy(fetch: Parameters<typeof exchange>[0], url: string): Promise<unknown> {
  try {
    await exchange(fetch, request(url), limits);
  } catch (error) {
    return error;
  }
  throw new Error('no error');
}

describe('a redirect net.fetch refused to follow', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    // A wrong base URL (or a proxy's page) answering the API call with a redirect.
    server = createServer((_req, res) => res.writeHead(302, { location: 'https://login.example/' }).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/b2bfota/v2/forceUpdate`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ["redirect: 'error'", "Attempted to redirect, but redirect policy was 'error'"],
    ["redirect: 'manual'", 'Redirect was cancelled'],
  ])('%s ("%s") is the refused redirect the Node transport reports, not a network failure', async (_policy, words) => {
    const electron = await thrownBy(failing(words), url);
    const node = createNodeFetch();
    try {
      // The same server answer through undici, over a real loopback connection.
      const nodeError = await thrownBy(node.fetch, url);
      expect(nodeError).toBeInstanceOf(ProtocolError);
      expect(electron).toBeInstanceOf(ProtocolError);
      // Both transports report the same kind of failure; undici hands the 3xx back (the client asks
      // for 'manual'), so only its error can name the status and the target.
      expect(electron).toMatchObject({ type: 'protocol', problem: 'redirect', httpStatus: null, operation: 'forceUpdate' });
      expect(nodeError).toMatchObject({ type: 'protocol', problem: 'redirect', httpStatus: 302, operation: 'forceUpdate' });
      for (const error of [electron, nodeError]) {
        expect((error as Error).message).toMatch(/redirect.*not followed.*its outcome is unknown\. Check the base URL/);
      }
      expect((nodeError as Error).message).toContain('a redirect (HTTP 302 to login.example)');
    } finally {
      await node.close();
    }
  });

  it('is recognised in a cause too, and a net:: error is not one', () => {
    expect(isRefusedRedirect(new TypeError('fetch failed', { cause: new Error('Redirect was cancelled') }))).toBe(true);
    expect(isRefusedRedirect(new Error('net::ERR_TOO_MANY_REDIRECTS'))).toBe(false);
    expect(isRefusedRedirect('plain')).toBe(false);
  });
});

describe('chromiumFetch success path', () => {
  let server: Server;
  let url = '';
  const seen: { method?: string; body: string; auth?: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', body, auth: req.headers.authorization ?? '' });
        res.writeHead(200, { 'content-type': 'application/xml' }).end('<ok/>');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/b2bfota/v2/forceUpdate`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes method, headers, body and the redirect policy through unchanged', async () => {
    const inits: FetchInit[] = [];
    const fetch = chromiumFetch((u, init) => {
      inits.push(init);
      return globalThis.fetch(u, init);
    });
    const answer = await exchange(fetch, request(url), limits);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('<ok/>');
    expect(seen.at(-1)).toEqual({ method: 'POST', body: '<x/>', auth: 'Bearer T0KEN-VALUE' });
    expect(inits[0]?.redirect).toBe('manual');
  });
});
