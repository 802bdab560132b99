// What the Node transport trusts and where it connects: the public roots plus an extra CA (never
// instead of them), the proxy from HTTPS_PROXY unless NO_PROXY says otherwise, and base URLs that
// would send the token in clear refused.
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBaseUrl } from '../../../common/efota/base-url.ts';
import { createEfotaClient } from '../../../main/efota/client.ts';
import { createNodeFetch, pemCertificates } from '../../../main/efota/node-fetch.ts';
import { answer, startScriptedServer, TEST_CA_PEM } from './helpers/scripted-server.ts';
import { clientFor, fixedTokens, TEST_IDENTITY } from './helpers/client.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

const LICENSE = '<B2bLicenseInfoVO><licenseStatus>Normal</licenseStatus></B2bLicenseInfoVO>';

describe('trust', () => {
  it('trusts every public root plus the extra CA', () => {
    const transport = createNodeFetch({ extraCaPem: TEST_CA_PEM });
    open.push(transport);
    expect(rootCertificates.length).toBeGreaterThan(50);
    for (const root of rootCertificates) expect(transport.trustedCas).toContain(root);
    expect(transport.trustedCas).toContain(pemCertificates(TEST_CA_PEM)[0]);
    expect(transport.trustedCas).toHaveLength(rootCertificates.length + 1);
  });

  it('reaches a server signed only by the extra CA', async () => {
    const server = await startScriptedServer(answer(200, LICENSE));
    open.push(server);
    const { client, transport } = clientFor(server.url);
    open.push(transport);
    expect((await client.licenseInfo()).licenseStatus).toBe('Normal');
  });

  it('takes every certificate of a PEM bundle and ignores other text', () => {
    const bundle = `# comment\n${TEST_CA_PEM}\nnoise\n${TEST_CA_PEM}`;
    expect(pemCertificates(bundle)).toHaveLength(2);
    expect(pemCertificates('not a certificate')).toEqual([]);
  });
});

describe('proxy from the environment', () => {
  async function startConnectProxy(): Promise<{ url: string; tunnels: string[] }> {
    const tunnels: string[] = [];
    const sockets = new Set<Socket>();
    const proxy = createHttpServer();
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream).add(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    open.push({ close: () => new Promise<void>((done) => { sockets.forEach((s) => s.destroy()); proxy.close(() => done()); }) });
    return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels };
  }

  it('tunnels through HTTPS_PROXY, still verifying the server with the extra CA', async () => {
    const server = await startScriptedServer(answer(200, LICENSE));
    open.push(server);
    const proxy = await startConnectProxy();
    const { client, transport } = clientFor(server.url, { env: { HTTPS_PROXY: proxy.url } });
    open.push(transport);
    expect(transport.proxied).toBe(true);
    expect((await client.licenseInfo()).licenseStatus).toBe('Normal');
    expect(proxy.tunnels).toEqual([server.url.replace('https://', '')]);
    expect(server.requests[0]?.headers.authorization).toMatch(/^Bearer /);
  });

  it('goes direct for hosts listed in NO_PROXY', async () => {
    const server = await startScriptedServer(answer(200, LICENSE));
    open.push(server);
    const proxy = await startConnectProxy();
    const { client, transport } = clientFor(server.url, { env: { https_proxy: proxy.url, no_proxy: 'localhost,127.0.0.1' } });
    open.push(transport);
    expect((await client.licenseInfo()).licenseStatus).toBe('Normal');
    expect(proxy.tunnels).toEqual([]);
  });

  it('ignores the proxy variables of its own process unless they are passed in', async () => {
    const server = await startScriptedServer(answer(200, LICENSE));
    open.push(server);
    const saved = process.env['HTTPS_PROXY'];
    process.env['HTTPS_PROXY'] = 'http://127.0.0.1:9';
    try {
      const { client, transport } = clientFor(server.url, { env: {} });
      open.push(transport);
      expect((await client.licenseInfo()).licenseStatus).toBe('Normal');
    } finally {
      if (saved === undefined) delete process.env['HTTPS_PROXY'];
      else process.env['HTTPS_PROXY'] = saved;
    }
  });
});

describe('base URL', () => {
  it.each([
    ['https://eu-api.samsungknox.com', 'https://eu-api.samsungknox.com'],
    ['https://eu-api.samsungknox.com/', 'https://eu-api.samsungknox.com'],
    ['https://gateway.example.com/efota/', 'https://gateway.example.com/efota'],
    ['http://127.0.0.1:8443', 'http://127.0.0.1:8443'],
    ['http://localhost:8443/', 'http://localhost:8443'],
  ])('accepts %s', (given, url) => {
    expect(checkBaseUrl(given)).toEqual({ ok: true, url });
  });

  it.each(['http://eu-api.samsungknox.com', 'ftp://x', 'not a url', 'https://user:pw@eu-api.samsungknox.com', 'https://eu-api.samsungknox.com/?a=1'])('refuses %s', (given) => {
    const check = checkBaseUrl(given);
    expect(check.ok).toBe(false);
  });

  it('will not build a client that sends the token in clear to a remote host', () => {
    const transport = createNodeFetch();
    open.push(transport);
    expect(() => createEfotaClient({ baseUrl: 'http://eu-api.samsungknox.com', identity: TEST_IDENTITY, tokens: fixedTokens(), fetch: transport.fetch })).toThrow(/https/);
  });

  it('defaults to the documented host', () => {
    const transport = createNodeFetch();
    open.push(transport);
    expect(createEfotaClient({ identity: TEST_IDENTITY, tokens: fixedTokens(), fetch: transport.fetch }).baseUrl).toBe('https://eu-api.samsungknox.com');
  });
});
