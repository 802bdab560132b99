// The OAuth token call and the client's handling of 401: one renewal and one retry (a 401 provably
// changed nothing), then AuthError; any body tolerated; no secret or token in any error.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AuthError, ProtocolError, TransportError } from '../../../main/efota/errors.ts';
import { createNodeFetch } from '../../../main/efota/node-fetch.ts';
import { requestToken } from '../../../main/efota/token.ts';
import { answer, startScriptedServer, TEST_CA_PEM, type ScriptedServer } from './helpers/scripted-server.ts';
import { clientFor, collectedErrors, failure, leaks, PLANTED_TOKEN } from './helpers/client.ts';

const SECRET = 'SECRET-0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
afterAll(() => {
  expect(leaks(collectedErrors, PLANTED_TOKEN)).toEqual([]);
  expect(leaks(collectedErrors, SECRET)).toEqual([]);
});

async function serve(script: Parameters<typeof startScriptedServer>[0]): Promise<ScriptedServer> {
  const server = await startScriptedServer(script);
  open.push(server);
  return server;
}

function tokenCall(url: string, timeouts: { timeoutMs?: number } = {}) {
  const transport = createNodeFetch({ extraCaPem: TEST_CA_PEM });
  open.push(transport);
  return requestToken({ baseUrl: url, clientId: 'client-1', clientSecret: SECRET, fetch: transport.fetch, timeouts });
}

const json = { 'content-type': 'application/json' };

describe('token call', () => {
  it('posts form-encoded client credentials and reads the JSON answer', async () => {
    const server = await serve(answer(200, JSON.stringify({ access_token: PLANTED_TOKEN, token_type: 'Bearer', expires_in: 3600, scope: 'fota' }), json));
    expect(await tokenCall(server.url)).toEqual({ accessToken: PLANTED_TOKEN, tokenType: 'Bearer', expiresIn: 3600, scope: 'fota' });
    const sent = server.requests[0];
    expect(sent?.url).toBe('/iam/auth/oauth/v2/token');
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(sent?.body ?? ''))).toEqual({ grant_type: 'client_credentials', client_id: 'client-1', client_secret: SECRET });
  });

  it('assumes the documented hour when expires_in is missing, and reads it as a string too', async () => {
    const missing = await serve(answer(200, JSON.stringify({ access_token: 'abc-123' }), json));
    expect(await tokenCall(missing.url)).toMatchObject({ expiresIn: 3600, tokenType: 'Bearer' });
    const text = await serve(answer(200, JSON.stringify({ access_token: 'abc-123', expires_in: '1800' }), json));
    expect(await tokenCall(text.url)).toMatchObject({ expiresIn: 1800 });
  });

  it('turns invalid_client into an AuthError that never echoes the secret', async () => {
    const server = await serve(answer(401, JSON.stringify({ error: 'invalid_client', error_description: `unknown client secret ${SECRET}` }), json));
    const error = await failure(tokenCall(server.url));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ httpStatus: 401, errorCode: 'invalid_client', operation: 'token' });
    expect((error as Error).message).toMatch(/client ID and secret/);
  });

  it('tolerates a non-JSON refusal (the gateway\'s "Policy Falsified")', async () => {
    const server = await serve(answer(400, 'Policy Falsified', { 'content-type': 'text/plain' }));
    const error = await failure(tokenCall(server.url));
    expect(error).toMatchObject({ type: 'auth', httpStatus: 400, errorCode: null });
    expect((error as Error).message).toMatch(/Policy Falsified/);
  });

  it('refuses a 200 without an access token', async () => {
    const server = await serve(answer(200, '{"token_type":"Bearer"}', json));
    const error = await failure(tokenCall(server.url));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'bad-json' });
  });

  it('names captive portals and proxies when the token call gets an HTML page', async () => {
    const server = await serve(answer(200, '<html><head><title>Hotel Wi-Fi: sign in</title></head><body>hello</body></html>', { 'content-type': 'text/html' }));
    const error = await failure(tokenCall(server.url));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'html-page', operation: 'token', httpStatus: 200 });
    expect((error as Error).message).toMatch(/captive portal.*Hotel Wi-Fi: sign in|Hotel Wi-Fi: sign in.*captive portal/);
  });

  it('reports a 503 as a server failure and a stall as a timeout', async () => {
    const down = await serve(answer(503, 'down', { 'retry-after': '30' }));
    expect(await failure(tokenCall(down.url))).toMatchObject({ type: 'transport', kind: 'server', retryAfterMs: 30_000 });
    const stalled = await serve(() => undefined);
    const error = await failure(tokenCall(stalled.url, { timeoutMs: 200 }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout' });
  });
});

describe('401 on an API call', () => {
  const LICENSE = '<B2bLicenseInfoVO><licenseStatus>Normal</licenseStatus></B2bLicenseInfoVO>';
  const RENEWED = 'RENEWED-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

  it('renews the token once and retries once', async () => {
    const server = await serve((req, res) => {
      const ok = req.headers.authorization === `Bearer ${RENEWED}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': ok ? 'application/xml' : 'application/json' });
      res.end(ok ? LICENSE : '{"error":"invalid_request","error_description":"Validation error"}');
    });
    const rejected: string[] = [];
    const { client, transport } = clientFor(server.url, {
      tokens: { getToken: () => Promise.resolve(PLANTED_TOKEN), renew: (old) => (rejected.push(old), Promise.resolve(RENEWED)) },
    });
    open.push(transport);
    expect((await client.licenseInfo()).licenseStatus).toBe('Normal');
    expect(rejected).toEqual([PLANTED_TOKEN]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${PLANTED_TOKEN}`, `Bearer ${RENEWED}`]);
  });

  it('gives up with AuthError after the renewed token is refused too', async () => {
    const server = await serve(answer(401, '{"error":"invalid_request","error_description":"Validation error"}', json));
    let renewals = 0;
    const { client, transport } = clientFor(server.url, {
      tokens: { getToken: () => Promise.resolve(PLANTED_TOKEN), renew: () => (renewals++, Promise.resolve(RENEWED)) },
    });
    open.push(transport);
    const error = await failure(client.forceUpdateSummary('10720230614-JEA00042117'));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ httpStatus: 401, errorCode: 'invalid_request', description: 'Validation error' });
    expect(renewals).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect(leaks([error], RENEWED)).toEqual([]);
  });

  it('fails at once when the provider cannot renew, whatever the body', async () => {
    const server = await serve(answer(401, `token ${PLANTED_TOKEN} is not valid`, { 'content-type': 'text/plain' }));
    const { client, transport } = clientFor(server.url);
    open.push(transport);
    const error = await failure(client.licenseInfo());
    expect(error).toMatchObject({ type: 'auth', httpStatus: 401, errorCode: null });
    expect(server.requests).toHaveLength(1);
  });

  it('reports a token provider failure as authentication, without sending anything', async () => {
    const server = await serve(answer(200, LICENSE));
    const { client, transport } = clientFor(server.url, { tokens: { getToken: () => Promise.reject(new Error('keychain locked')) } });
    open.push(transport);
    const error = await failure(client.licenseInfo());
    expect(error).toMatchObject({ type: 'auth', httpStatus: null });
    expect((error as Error).message).toMatch(/keychain locked/);
    expect(server.requests).toHaveLength(0);
  });

  it('treats 403 as authentication too', async () => {
    const server = await serve(answer(403, '{"error":"access_denied"}', json));
    const { client, transport } = clientFor(server.url);
    open.push(transport);
    expect(await failure(client.licenseInfo())).toMatchObject({ type: 'auth', httpStatus: 403, errorCode: 'access_denied' });
  });
});
