// The proxy self-test against a real loopback server standing in for a proxy or the E-FOTA host.
// Electron's resolveProxy is injected; Chromium-only failures are raised as net.fetch raises them.
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProxyList, proxySelfTest, type ProxyProbe } from '../../../main/services/proxy-self-test.ts';

let server: Server;
let base = '';
let answer = 401;
const paths: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    res.writeHead(answer, answer === 407 ? { 'proxy-authenticate': 'Basic realm="corp"' } : {}).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A plain HTTP GET (undici's fetch turns a 407 into a network error, so it cannot show one). */
const httpGet: ProxyProbe['fetch'] = (url, init) =>
  new Promise((resolve, reject) => {
    const req = get(url, { signal: init.signal }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on('error', reject);
  });

const probe = (proxy: string, fetch: ProxyProbe['fetch'] = httpGet): ProxyProbe => ({
  resolveProxy: async () => proxy,
  fetch,
});

describe('proxy self-test', () => {
  it('parses Chromium’s proxy list', () => {
    expect(parseProxyList('PROXY proxy.corp:8080; DIRECT')).toEqual([
      { kind: 'proxy', text: 'PROXY proxy.corp:8080' },
      { kind: 'direct', text: 'DIRECT' },
    ]);
    expect(parseProxyList('DIRECT')).toEqual([{ kind: 'direct', text: 'DIRECT' }]);
  });

  it('a 401 from the server means the path works; the request is a harmless GET', async () => {
    answer = 401;
    const result = await proxySelfTest(base, probe('DIRECT'));
    expect(result).toMatchObject({ ok: true, status: 401 });
    expect(result.message).toMatch(/direct connection.*network path works/);
    expect(paths.at(-1)).toBe('GET /b2bfota/v2/licenseInfo');
  });

  it('a 407 says the proxy wants a password and what to do', async () => {
    answer = 407;
    const result = await proxySelfTest(base, probe('PROXY proxy.corp.example:8080; DIRECT'));
    expect(result.ok).toBe(false);
    expect(result.status).toBe(407);
    expect(result.message).toMatch(/user name and password \(HTTP 407\)/);
    expect(result.message).toMatch(/proxy proxy\.corp\.example:8080/);
  });

  it('a 502 from the proxy says it could not reach the host', async () => {
    answer = 502;
    const result = await proxySelfTest(base, probe('PROXY p:3128'));
    expect(result).toMatchObject({ ok: false, status: 502 });
    expect(result.message).toMatch(/could not reach 127\.0\.0\.1/);
  });

  it.each([
    ['net::ERR_PROXY_AUTH_REQUESTED', /HTTP 407/],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', /refused to open a connection/],
    ['net::ERR_PROXY_CONNECTION_FAILED', /proxy did not answer/],
    ['net::ERR_NAME_NOT_RESOLVED', /could not be found \(DNS\)/],
    ['net::ERR_CERT_AUTHORITY_INVALID', /extra CA/],
    ['net::ERR_MANDATORY_PROXY_CONFIGURATION_FAILED', /PAC file/],
  ])('%s gets a message the admin can act on', async (chromium, message) => {
    const result = await proxySelfTest(base, probe('PROXY p:3128', async () => { throw new Error(chromium); }));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(message);
  });

  it('net.fetch cancelling the redirect of redirect: \'manual\' means the network answered', async () => {
    const result = await proxySelfTest(base, probe('PROXY proxy.corp.example:8080', async () => {
      throw new Error('Redirect was cancelled');
    }));
    expect(result).toMatchObject({ ok: true, status: null });
    expect(result.message).toMatch(/127\.0\.0\.1:\d+ answered through the proxy proxy\.corp\.example:8080 with a redirect, which was not followed: the network path works/);
    expect(result.message).toMatch(/check the profile's base URL/);
  });

  it('a redirect status (a fetch that hands it back) says the same', async () => {
    answer = 302;
    const result = await proxySelfTest(base, probe('DIRECT'));
    expect(result).toMatchObject({ ok: true, status: 302 });
    expect(result.message).toMatch(/with a redirect \(HTTP 302\), which was not followed: the network path works/);
  });

  it('says so when the proxy settings themselves cannot be read', async () => {
    const result = await proxySelfTest(base, { resolveProxy: async () => { throw new Error('PAC script failed'); }, fetch: async () => ({ status: 200 }) });
    expect(result).toMatchObject({ ok: false, routes: [] });
    expect(result.message).toMatch(/proxy settings could not be read/);
  });

  it('gives up after the time limit', async () => {
    const result = await proxySelfTest(base, probe('DIRECT', (_url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))))), 50);
    expect(result.message).toMatch(/No answer within/);
  });
});
