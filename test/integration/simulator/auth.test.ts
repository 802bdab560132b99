// The OAuth token endpoint and the bearer check (docs/efota-api.md §3), with a ManualClock for expiry.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { fixture, PATH, SimHttp } from './http.ts';

const clock = new ManualClock(Date.UTC(2030, 0, 15, 9, 0, 0));
let sim: RunningSimulator;
let http: SimHttp;
const LICENSE = fixture('seeds/004-licenseInfo.xml');

beforeAll(async () => {
  sim = await startSimulator({ clock, fixedToken: 'cli-fixed-token', tokenLifetimeSeconds: 3600, clients: [{ clientId: 'aaaa1111-bb22-cc33-dd44-eeeeee555555', clientSecret: 'ffff6666-aa77-bb88-cc99-dddddd000000' }] });
  http = new SimHttp(sim);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});
beforeEach(() => {
  sim.faults = {};
  sim.switches = {};
  http.dropToken();
});

const credentials = { grant_type: 'client_credentials', client_id: 'aaaa1111-bb22-cc33-dd44-eeeeee555555', client_secret: 'ffff6666-aa77-bb88-cc99-dddddd000000' };

async function newToken(): Promise<string> {
  const reply = await http.form(credentials);
  return (JSON.parse(reply.text) as { access_token: string }).access_token;
}

describe('token endpoint', () => {
  it('issues a bearer token as JSON for client credentials', async () => {
    const reply = await http.form(credentials);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(reply.text) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'fota' });
    expect(body['access_token']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('takes the client in the form only by default; an HTTP Basic header only with tokenBasicAuth', async () => {
    const basic = Buffer.from(`${credentials.client_id}:${credentials.client_secret}`).toString('base64');
    const send = () => http.raw('/iam/auth/oauth/v2/token', 'grant_type=client_credentials', { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` });
    const refused = await send();
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'invalid_client' });
    sim.switches.tokenBasicAuth = true;
    expect((await send()).status).toBe(200);
  });

  it.each([
    ['a wrong secret', { ...credentials, client_secret: 'wrong' }, 401, 'invalid_client'],
    ['an unknown client', { ...credentials, client_id: 'nobody' }, 401, 'invalid_client'],
    ['no client at all', { grant_type: 'client_credentials' }, 401, 'invalid_client'],
    ['no grant_type', { client_id: credentials.client_id, client_secret: credentials.client_secret }, 400, 'invalid_request'],
    ['another grant type', { ...credentials, grant_type: 'password' }, 400, 'unsupported_grant_type'],
  ])('refuses %s', async (_name, fields, status, error) => {
    const reply = await http.form(fields as Record<string, string>);
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(reply.text)).toMatchObject({ error });
  });

  it('refuses a JSON body (PM: JSON is not accepted) with "Missing grant_type"', async () => {
    const reply = await http.raw('/iam/auth/oauth/v2/token', JSON.stringify(credentials), { 'content-type': 'application/json' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({ error: 'invalid_request', error_description: 'Missing grant_type' });
  });

  it('issues tokens with a lifetime set at run time', async () => {
    sim.tokens.lifetimeSeconds = 60;
    try {
      const body = JSON.parse((await http.form(credentials)).text) as { expires_in: number };
      expect(body.expires_in).toBe(60);
    } finally {
      sim.tokens.lifetimeSeconds = 3600;
    }
  });
});

describe('bearer check on API calls', () => {
  const expect401 = (reply: { status: number; text: string; headers: { get(n: string): string | null } }): void => {
    expect(reply.status).toBe(401);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(reply.text)).toEqual({ error: 'invalid_request', error_description: 'Validation error' });
  };

  it("without an Authorization header: the gateway's 401 \"Missing access token\"; the documented \"Validation error\" by switch", async () => {
    const missing = await http.post(PATH.licenseInfo, LICENSE, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(missing.text)).toEqual({ error: 'invalid_request', error_description: 'Missing access token' });
    sim.switches.missingAuthorization = 'validation-error';
    expect401(await http.post(PATH.licenseInfo, LICENSE, { token: null }));
  });

  it('401 JSON with a token it never issued', async () => {
    expect401(await http.post(PATH.licenseInfo, LICENSE, { token: 'aaaa1111-bb22-cc33-dd44-eeeeee555555' }));
  });

  it('a token works until its lifetime is over, then 401', async () => {
    const token = await newToken();
    expect((await http.post(PATH.licenseInfo, LICENSE, { token })).status).toBe(200);
    clock.advance(3599_000);
    expect((await http.post(PATH.licenseInfo, LICENSE, { token })).status).toBe(200);
    clock.advance(1_000);
    expect401(await http.post(PATH.licenseInfo, LICENSE, { token }));
    // a new token works again
    expect((await http.post(PATH.licenseInfo, LICENSE, { token: await newToken() })).status).toBe(200);
  });

  it('expireAll and revoke end tokens early', async () => {
    const a = await newToken();
    const b = await newToken();
    sim.tokens.revoke(a);
    expect401(await http.post(PATH.licenseInfo, LICENSE, { token: a }));
    expect((await http.post(PATH.licenseInfo, LICENSE, { token: b })).status).toBe(200);
    sim.expireTokens();
    expect401(await http.post(PATH.licenseInfo, LICENSE, { token: b }));
  });

  it('the fixed token (CLI --token) never expires, but the revokeTokens fault refuses it', async () => {
    clock.advance(30 * 86_400_000);
    sim.tokens.expireAll();
    expect((await http.post(PATH.licenseInfo, LICENSE, { token: 'cli-fixed-token' })).status).toBe(200);
    sim.faults.revokeTokens = true;
    expect401(await http.post(PATH.licenseInfo, LICENSE, { token: 'cli-fixed-token' }));
  });

  it('the scheme is case-insensitive by default and exact with the switch off', async () => {
    const token = await newToken();
    const lower = await http.raw(PATH.licenseInfo, LICENSE, { 'content-type': 'application/xml', authorization: `bearer ${token}` });
    expect(lower.status).toBe(200);
    sim.switches.bearerCaseInsensitive = false;
    expect401(await http.raw(PATH.licenseInfo, LICENSE, { 'content-type': 'application/xml', authorization: `bearer ${token}` }));
    expect((await http.raw(PATH.licenseInfo, LICENSE, { 'content-type': 'application/xml', authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it('the auth check comes before the XML check: a bad body without a token is still a 401', async () => {
    expect((await http.post(PATH.licenseInfo, '<not-xml', { token: null })).status).toBe(401);
    expect401(await http.post(PATH.licenseInfo, '<not-xml', { token: 'aaaa1111-bb22-cc33-dd44-eeeeee555555' }));
  });
});
