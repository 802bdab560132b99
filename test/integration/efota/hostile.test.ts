// Hostile and broken answers from a real HTTPS server: each must end in a ProtocolError or a
// TransportError within the configured limits — no crash, no hang, no unbounded memory — and the
// token must never show in any of the errors.
import { once } from 'node:events';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { classifyFailure, decide } from '../../../main/batches/retry-policy.ts';
import { ProtocolError, TransportError } from '../../../main/efota/errors.ts';
import { answer, startScriptedServer, type ScriptedServer } from './helpers/scripted-server.ts';
import { clientFor, collectedErrors, failure, leaks, PLANTED_TOKEN } from './helpers/client.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
afterAll(() => {
  expect(collectedErrors.length).toBeGreaterThan(10);
  expect(leaks(collectedErrors, PLANTED_TOKEN)).toEqual([]);
});

async function serve(script: Parameters<typeof startScriptedServer>[0]): Promise<ScriptedServer> {
  const server = await startScriptedServer(script);
  open.push(server);
  return server;
}

function client(url: string, options: Parameters<typeof clientFor>[1] = {}) {
  const made = clientFor(url, options);
  open.push(made.transport);
  return made.client;
}

describe('answers that are not what the operation returns', () => {
  it('refuses a wrong root element', async () => {
    const server = await serve(answer(200, '<B2bForceUpdateVO><forceUpdateId>X</forceUpdateId></B2bForceUpdateVO>'));
    const error = await failure(client(server.url).licenseInfo());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'wrong-root', httpStatus: 200, operation: 'licenseInfo' });
    expect((error as Error).message).toMatch(/<B2bForceUpdateVO> where <B2bLicenseInfoVO> was expected/);
  });

  it('refuses an HTML page answered with 200 (a captive portal or wrong host)', async () => {
    const html = '<!DOCTYPE html><html><head><title>Login</title></head><body><p>Please sign in<br></p></body></html>';
    const server = await serve(answer(200, html, { 'content-type': 'text/html' }));
    const error = await failure(client(server.url).forceUpdateSummary('10720230614-JEA00042117'));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).httpStatus).toBe(200);
  });

  it('reports an HTML 502 page as a server failure whose outcome is unknown', async () => {
    const server = await serve(answer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' }));
    const error = await failure(client(server.url).groupRegister('WAREHOUSE'));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'server', httpStatus: 502, mayHaveReachedServer: true });
    expect((error as Error).message).toMatch(/HTML page/);
  });

  it('reports a 429 with Retry-After as throttled, not processed', async () => {
    const server = await serve(answer(429, '', { 'retry-after': '7' }));
    const error = await failure(client(server.url).licenseInfo());
    expect(error).toMatchObject({ kind: 'throttled', mayHaveReachedServer: false, retryAfterMs: 7000 });
  });

  it('refuses a DOCTYPE with nested entities (billion laughs) without expanding it', async () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i < 10; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const body = `<?xml version="1.0"?><!DOCTYPE B2bLicenseInfoVO [${levels.join('')}]><B2bLicenseInfoVO><licenseStatus>&lol9;</licenseStatus></B2bLicenseInfoVO>`;
    const server = await serve(answer(200, body));
    const before = process.memoryUsage().heapUsed;
    const error = await failure(client(server.url).licenseInfo());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'doctype' });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an error body smuggled behind a DOCTYPE as well', async () => {
    const body = '<!DOCTYPE error [<!ENTITY c "FUD_1001">]><error><code>&c;</code></error>';
    const server = await serve(answer(200, body));
    expect(await failure(client(server.url).licenseInfo())).toMatchObject({ type: 'protocol', problem: 'doctype' });
  });

  it('refuses truncated XML', async () => {
    const server = await serve(answer(200, '<B2bLicenseInfoVO><activePeriod>2024-01-15~2025-01-14</activePeriod><licenseSta'));
    const error = await failure(client(server.url).licenseInfo());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'not-xml' });
  });

  it('refuses an empty 200 where a body is promised', async () => {
    const server = await serve(answer(200, ''));
    expect(await failure(client(server.url).forceUpdate({ model: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: 'Latest', serials: ['R58N31ABCDE'] }))).toMatchObject({
      type: 'protocol',
      problem: 'empty',
      httpStatus: 200,
    });
  });

  it('says so when a forceUpdate was accepted without an ID', async () => {
    const server = await serve(answer(200, '<B2bForceUpdateVO><somethingElse>1</somethingElse></B2bForceUpdateVO>'));
    const error = await failure(client(server.url).forceUpdate({ model: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: 'Latest', serials: ['R58N31ABCDE'] }));
    expect(error).toMatchObject({ type: 'protocol', problem: 'missing-element', httpStatus: 200 });
    expect((error as Error).message).toMatch(/may have started/);
  });

  it('never repeats the token when a server echoes the request back', async () => {
    const server = await serve((req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`Bad request. You sent: authorization=${req.headers.authorization ?? ''} raw=${PLANTED_TOKEN}`);
    });
    const error = await failure(client(server.url).licenseInfo());
    expect(error).toMatchObject({ type: 'protocol', problem: 'unexpected-status', httpStatus: 400 });
    expect((error as Error).message).toMatch(/Bearer \[redacted\]/);
    expect((error as Error).message).not.toContain(PLANTED_TOKEN);
  });

  it('refuses a token with characters no token has, before sending anything', async () => {
    const server = await serve(answer(200, '<B2bLicenseInfoVO/>'));
    const error = await failure(client(server.url, { tokens: { getToken: () => Promise.resolve(`${PLANTED_TOKEN}\u00e9\n`) } }).licenseInfo());
    expect(error).toMatchObject({ type: 'auth', httpStatus: null });
    expect(server.requests).toHaveLength(0);
  });

  it('reports a 404 without a FUD body as a protocol problem pointing at the base URL', async () => {
    const server = await serve(answer(404, 'Policy Falsified', { 'content-type': 'text/plain' }));
    const error = await failure(client(server.url).licenseInfo());
    expect(error).toMatchObject({ type: 'protocol', problem: 'unexpected-status', httpStatus: 404 });
    expect((error as Error).message).toMatch(/Policy Falsified/);
    expect((error as Error).message).toMatch(/base URL/);
  });
});

describe('bounded memory', () => {
  const tenMegabytes = 10 * 1024 * 1024;

  it('cuts a 10 MB body announced by Content-Length before reading it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(tenMegabytes) });
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      let sent = 0;
      const pump = (): void => {
        while (sent < tenMegabytes && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const error = await failure(client(server.url).licenseInfo());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'oversized' });
  });

  it('cuts a chunked 10 MB body at the limit while reading', async () => {
    let written = 0;
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.from(`<B2bLicenseInfoVO>${'<x>padding</x>'.repeat(4096)}`);
      const pump = (): void => {
        while (written < tenMegabytes && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    const error = await failure(client(server.url, { timeouts: { maxBodyBytes: 256 * 1024 } }).licenseInfo());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'oversized' });
    expect((error as Error).message).toMatch(/larger than 262144 bytes/);
  });
});

describe('stalls and broken connections', () => {
  it('gives up on a server that accepts and never answers, within the call limit', async () => {
    const server = await serve(() => undefined);
    const error = await failure(client(server.url, { timeouts: { timeoutMs: 300 } }).forceUpdateSummary('10720230614-JEA00042117'));
    expect(error).toBeInstanceOf(TransportError);
    // the request was written before the wait: its outcome is unknown
    expect(error).toMatchObject({ kind: 'timeout', mayHaveReachedServer: true });
    expect((error as Error).message).toMatch(/limit 300 ms/);
  });

  it('gives up on a server that sends headers and then stalls the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write('<B2bLicenseInfoVO><activePeriod>');
    });
    const error = await failure(client(server.url, { timeouts: { timeoutMs: 300 } }).licenseInfo());
    expect(error).toMatchObject({ type: 'transport', kind: 'timeout', mayHaveReachedServer: true });
  });

  it('gives up on a TLS handshake that never completes, as a connect timeout that reached nothing', async () => {
    const sockets: Socket[] = [];
    const tcp = createTcpServer((socket) => void sockets.push(socket));
    tcp.listen(0, '127.0.0.1');
    await once(tcp, 'listening');
    open.push({ close: () => new Promise<void>((done) => { sockets.forEach((s) => s.destroy()); tcp.close(() => done()); }) });
    const { port } = tcp.address() as AddressInfo;
    const error = await failure(client(`https://127.0.0.1:${port}`, { connectTimeoutMs: 200, timeouts: { timeoutMs: 5_000 } }).licenseInfo());
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout', mayHaveReachedServer: false });
  });

  it('reports a connection reset after the request was written as possibly received', async () => {
    const server = await serve((_req, _res, socket) => void socket.destroy());
    const error = await failure(client(server.url).groupRegister('WAREHOUSE'));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'reset', mayHaveReachedServer: true });
  });

  it('reports a connection closed during the TLS handshake as never received', async () => {
    const tcp = createTcpServer((socket) => socket.destroy());
    tcp.listen(0, '127.0.0.1');
    await once(tcp, 'listening');
    open.push({ close: () => new Promise<void>((done) => tcp.close(() => done())) });
    const { port } = tcp.address() as AddressInfo;
    const error = await failure(client(`https://127.0.0.1:${port}`).groupRegister('WAREHOUSE'));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ mayHaveReachedServer: false });
  });

  it('reports a refused connection as never received', async () => {
    const tcp = createTcpServer();
    tcp.listen(0, '127.0.0.1');
    await once(tcp, 'listening');
    const { port } = tcp.address() as AddressInfo;
    await new Promise<void>((done) => tcp.close(() => done()));
    const error = await failure(client(`https://127.0.0.1:${port}`).licenseInfo());
    expect(error).toMatchObject({ type: 'transport', kind: 'refused', mayHaveReachedServer: false, errorCode: 'ECONNREFUSED' });
  });

  it('reports an unknown host as DNS, never received', async () => {
    const error = await failure(client('https://efota.host-that-does-not-exist.invalid', { timeouts: { timeoutMs: 15_000 } }).licenseInfo());
    expect(error).toMatchObject({ type: 'transport', mayHaveReachedServer: false });
    expect(['dns', 'timeout']).toContain((error as TransportError).kind);
  });

  it('reports an untrusted certificate as a TLS failure, never received', async () => {
    const server = await serve(answer(200, '<B2bLicenseInfoVO/>'));
    const { createNodeFetch } = await import('../../../main/efota/node-fetch.ts');
    const { createEfotaClient } = await import('../../../main/efota/client.ts');
    const { fixedTokens, TEST_IDENTITY } = await import('./helpers/client.ts');
    const transport = createNodeFetch({});
    open.push(transport);
    const untrusting = createEfotaClient({ baseUrl: server.url, identity: TEST_IDENTITY, tokens: fixedTokens(), fetch: transport.fetch });
    const error = await failure(untrusting.licenseInfo());
    expect(error).toMatchObject({ type: 'transport', kind: 'tls', mayHaveReachedServer: false });
    expect(server.requests).toHaveLength(0);
  });
});

describe('redirects', () => {
  it('refuses a 302 and never sends the token to the redirect target', async () => {
    const target = await serve(answer(200, '<B2bLicenseInfoVO><licenseStatus>Normal</licenseStatus></B2bLicenseInfoVO>'));
    const redirecting = await serve((_req, res) => {
      res.writeHead(302, { location: `${target.url}/b2bfota/v2/licenseInfo` });
      res.end();
    });
    const error = await failure(client(redirecting.url).licenseInfo());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'redirect' });
    expect(redirecting.requests).toHaveLength(1);
    expect(redirecting.requests[0]?.headers.authorization).toBe(`Bearer ${PLANTED_TOKEN}`);
    expect(target.requests).toHaveLength(0);
  });

  it('names a refused redirect on a state-changing call, which stays unknown (the POST was answered)', async () => {
    const target = await serve(answer(200, '<B2bForceUpdateVO><forceUpdateId>X</forceUpdateId></B2bForceUpdateVO>'));
    const redirecting = await serve(answer(307, '', { location: `${target.url}/b2bfota/v1/forceUpdate` }));
    const error = await failure(client(redirecting.url).forceUpdate({ model: 'SM-G991B', salesCode: 'XEU', targetFirmwareVersion: 'G991BXXU5CVLL', serials: ['R58N12345AB'] }));
    expect(error).toMatchObject({ type: 'protocol', problem: 'redirect', httpStatus: 307 });
    const host = new URL(target.url).host;
    expect((error as Error).message).toContain(`the server answered with a redirect (HTTP 307 to ${host})`);
    expect((error as Error).message).toMatch(/may have acted on the request before it redirected: its outcome is unknown/);
    // The send never re-sends it: unknown, with the redirect named in the reason the admin reads.
    const decision = decide('change', classifyFailure(error), 1);
    expect(decision).toMatchObject({ action: 'unknown' });
    expect(decision.reason).toContain(`redirect (HTTP 307 to ${host})`);
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
  });

  it('a redirected read names its target but claims no unknown outcome', async () => {
    const redirecting = await serve(answer(302, '', { location: 'https://elsewhere.example/b2bfota/v2/licenseInfo' }));
    const error = await failure(client(redirecting.url).licenseInfo());
    expect((error as Error).message).toContain('the server answered with a redirect (HTTP 302 to elsewhere.example)');
    expect((error as Error).message).not.toMatch(/outcome is unknown/);
  });

  it('refuses a redirect to plain http as well', async () => {
    const trap = createHttpServer((req, res) => {
      trapped.push(req.headers.authorization ?? '');
      res.end();
    });
    const trapped: string[] = [];
    trap.listen(0, '127.0.0.1');
    await once(trap, 'listening');
    open.push({ close: () => new Promise<void>((done) => trap.close(() => done())) });
    const { port } = trap.address() as AddressInfo;
    const redirecting = await serve(answer(307, '', { location: `http://127.0.0.1:${port}/steal` }));
    expect(await failure(client(redirecting.url).licenseInfo())).toMatchObject({ type: 'protocol', problem: 'redirect' });
    expect(trapped).toEqual([]);
  });
});
