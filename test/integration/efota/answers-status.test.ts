// What the real server and the gateways in front of it may answer, fed by a scripted server: a 200
// is not success by itself, a gateway's JSON about the token is an authentication problem (renewed
// once), forceUpdateDetail is read by shape under any root, and a refresh whose detail fails keeps
// the summary it already read. Never a failure called a success.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { applyFetch, fetchUpdate } from '../../../main/batches/refresh.ts';
import { newTrackedUpdate } from '../../../main/batches/track.ts';
import type { TokenProvider } from '../../../main/efota/client.ts';
import { AuthError, FudError, ProtocolError } from '../../../main/efota/errors.ts';
import { clientFor, collectedErrors, failure, leaks, PLANTED_TOKEN } from './helpers/client.ts';
import { reply, routes, startScriptedServer, type Reply } from './helpers/scripted-server.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
afterAll(() => {
  expect(collectedErrors.length).toBeGreaterThan(10);
  expect(leaks(collectedErrors, PLANTED_TOKEN)).toEqual([]);
});

const RENEWED = 'RENEWED-9c8b7a6f-5e4d-4c3b-2a19-f8e7d6c5b4a3';
const HOTEL = '<html><head><title>Hotel Wi-Fi: sign in</title></head><body><form action="/login"><p>Room number</p></form></body></html>';
const FORCE_UPDATE_ID = '10720230614-JEA00042117';
const SCHEDULE = {
  groupId: 'WAREHOUSE', model: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: 'Latest',
  deliveryStartDate: '20990601', deliveryEndDate: '20990605', dailyStartHour: '01', dailyEndHour: '04',
};

async function against(table: Record<string, Reply | readonly Reply[]>, tokens?: TokenProvider) {
  const server = await startScriptedServer(routes(table));
  open.push(server);
  const { client, transport } = clientFor(server.url, tokens ? { tokens } : {});
  open.push(transport);
  return { client, server };
}

const renewing = (renewals: string[]): TokenProvider => ({
  getToken: () => Promise.resolve(PLANTED_TOKEN),
  renew: (old) => (renewals.push(old), Promise.resolve(RENEWED)),
});

describe('a 200 is not success by itself', () => {
  it('a 200 whose body is an <error> without a FUD code is an error, never "registered"', async () => {
    const { client } = await against({ '/b2bfota/v2/groupRegister': reply(200, '<error><code>GW-0042</code><message>Upstream unavailable</message></error>') });
    const error = await failure(client.groupRegister('WAREHOUSE'));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'error-body', httpStatus: 200, operation: 'groupRegister' });
    expect((error as Error).message).toMatch(/GW-0042: Upstream unavailable/);
    expect((error as Error).message).toMatch(/not a success/);
    expect((error as Error).message).toMatch(/unknown/);
  });

  it('a 200 whose body is an <error> with a FUD code is that FUD error', async () => {
    const { client } = await against({ '/b2bfota/v2/groupRegister': reply(200, '<error><code>FUD_3019</code><message/><resource>x</resource></error>') });
    expect(await failure(client.groupRegister('WAREHOUSE'))).toMatchObject({ type: 'fud', code: 'FUD_3019', httpStatus: 200 });
  });

  it.each([
    ['groupRegister', (c: Awaited<ReturnType<typeof against>>['client']) => c.groupRegister('WAREHOUSE'), '/b2bfota/v2/groupRegister', 'text/html; charset=utf-8'],
    ['groupLicenseChange', (c: Awaited<ReturnType<typeof against>>['client']) => c.groupLicenseChange('WAREHOUSE', 'EFOTA1-z9y8x7-w6v5u4-t3s2'), '/b2bfota/v2/groupLicenseChange', 'text/html'],
    ['serverInit', (c: Awaited<ReturnType<typeof against>>['client']) => c.serverInit(SCHEDULE), '/b2bfota/v1/serverInit', 'text/html'],
    // labelled as XML by a sloppy portal: the page itself still gives it away
    ['groupRegister (page labelled XML)', (c: Awaited<ReturnType<typeof against>>['client']) => c.groupRegister('WAREHOUSE'), '/b2bfota/v2/groupRegister', 'application/xml'],
    ['licenseInfo', (c: Awaited<ReturnType<typeof against>>['client']) => c.licenseInfo(), '/b2bfota/v2/licenseInfo', 'text/html'],
  ])('a captive portal page answered 200 to %s is a protocol error naming portals and proxies', async (_name, call, path, type) => {
    const { client } = await against({ [path]: reply(200, HOTEL, { 'content-type': type }) });
    const error = await failure(call(client));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ problem: 'html-page', httpStatus: 200 });
    expect((error as Error).message).toMatch(/captive portal/);
    expect((error as Error).message).toMatch(/proxy/);
    expect((error as Error).message).toContain('Hotel Wi-Fi: sign in');
  });

  it('an empty 200 stays success where no body is promised (seed 003)', async () => {
    const { client, server } = await against({ '/b2bfota/v2/groupRegister': reply(200, ''), '/b2bfota/v1/serverInit': reply(200, '', {}) });
    await expect(client.groupRegister('WAREHOUSE')).resolves.toBeUndefined();
    await expect(client.serverInit(SCHEDULE)).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });
});

describe('gateways speak JSON about the token', () => {
  it.each([
    ['400 Missing access token', 400, { error: 'invalid_request', error_description: 'Missing access token' }],
    ['401 invalid_token', 401, { error: 'invalid_token', error_description: 'The access token is invalid' }],
    ['403 invalid_token', 403, { error: 'invalid_token', error_description: 'The access token expired' }],
  ])('%s: the token is renewed once, then an authentication error in the gateway\'s words', async (_name, status, body) => {
    const renewals: string[] = [];
    const { client, server } = await against({ '/b2bfota/v2/licenseInfo': reply(status, JSON.stringify(body), { 'content-type': 'application/json' }) }, renewing(renewals));
    const error = await failure(client.licenseInfo());
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ httpStatus: status, errorCode: body.error, description: body.error_description });
    expect((error as Error).message).toContain(body.error_description);
    expect((error as Error).message).not.toMatch(/does not look like the E-FOTA API/);
    expect(renewals).toEqual([PLANTED_TOKEN]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${PLANTED_TOKEN}`, `Bearer ${RENEWED}`]);
  });

  it('a renewed token the gateway accepts finishes the call (a state-changing one too: nothing reached E-FOTA)', async () => {
    const renewals: string[] = [];
    const missing = reply(400, '{"error":"invalid_request","error_description":"Missing access token"}', { 'content-type': 'application/json' });
    const { client, server } = await against({ '/b2bfota/v2/groupRegister': [missing, reply(200)] }, renewing(renewals));
    await expect(client.groupRegister('WAREHOUSE')).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it('a 400 JSON body about something else is not mistaken for authentication', async () => {
    const renewals: string[] = [];
    const { client, server } = await against({ '/b2bfota/v2/licenseInfo': reply(400, '{"error":"bad_request","error_description":"Malformed body"}', { 'content-type': 'application/json' }) }, renewing(renewals));
    expect(await failure(client.licenseInfo())).toMatchObject({ type: 'protocol', problem: 'unexpected-status', httpStatus: 400 });
    expect(renewals).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('forceUpdateDetail is read by shape', () => {
  const OTHER_ROOT =
    '<?xml version="1.0" encoding="UTF-8"?><ForceUpdateDetailResponse><id>10720230614-JEA00042117</id><devices>' +
    '<device><serialNo>r58n31abcdf</serialNo><result>FAILED</result><errorMessage>Low battery</errorMessage></device>' +
    '<device><serialNo>R58N31ABCDE</serialNo><result>Processing</result></device>' +
    '<device><serialNo>R58N31ABCDG</serialNo><result>7</result></device>' +
    '</devices></ForceUpdateDetailResponse>';

  it('under a root nobody guessed: devices by their serial-like child, state and reason where present, raw kept', async () => {
    const { client } = await against({ '/b2bfota/v2/forceUpdateDetail': reply(200, OTHER_ROOT) });
    const detail = await client.forceUpdateDetail(FORCE_UPDATE_ID);
    expect(detail.root).toBe('ForceUpdateDetailResponse');
    expect(detail.raw).toBe(OTHER_ROOT);
    expect(detail.devices.map((d) => [d.serial, d.state, d.reason])).toEqual([
      ['R58N31ABCDF', 'failed', 'Low battery'],
      ['R58N31ABCDE', 'processing', null],
      ['R58N31ABCDG', 'unknown', 'detail not understood'],
    ]);
  });

  it('an answer with no device it can read is kept whole and says it was not understood', async () => {
    const raw = '<B2bForceUpdateDetailVO><rs><r><k>R58N31ABCDE</k><v>2</v></r></rs></B2bForceUpdateDetailVO>';
    const { client } = await against({ '/b2bfota/v2/forceUpdateDetail': reply(200, raw) });
    const detail = await client.forceUpdateDetail(FORCE_UPDATE_ID);
    expect(detail).toMatchObject({ understood: false, devices: [], raw });
    expect(detail.note).toMatch(/no device list FOTA Desk recognises/);
  });

  it('an <error> or an HTML page is still no detail', async () => {
    const { client } = await against({ '/b2bfota/v2/forceUpdateDetail': [reply(200, '<error><code>FUD_3038</code></error>'), reply(200, HOTEL, { 'content-type': 'text/html' })] });
    expect(await failure(client.forceUpdateDetail(FORCE_UPDATE_ID))).toBeInstanceOf(FudError);
    expect(await failure(client.forceUpdateDetail(FORCE_UPDATE_ID))).toMatchObject({ problem: 'html-page' });
  });

  it('when the detail fails, a refresh keeps the summary it already read', async () => {
    const summary = reply(200, '<B2bForceUpdateSummaryVO><targetFirmwareVersion>G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1</targetFirmwareVersion><processingCount>1</processingCount><successCount>1</successCount><failedCount>0</failedCount></B2bForceUpdateSummaryVO>');
    const { client } = await against({ '/b2bfota/v2/forceUpdateSummary': summary, '/b2bfota/v2/forceUpdateDetail': reply(503, 'Service Unavailable', { 'content-type': 'text/plain' }) });
    const tracked = newTrackedUpdate({ forceUpdateId: FORCE_UPDATE_ID, sendId: null, callId: 'SM-G991B/BTU#1', model: 'SM-G991B', salesCode: 'BTU', target: 'Latest', network: 'ANY', serials: ['R58N31ABCDE', 'R58N31ABCDF'], sentAt: new Date(Date.UTC(2030, 0, 1)).toISOString() });
    const fetched = await fetchUpdate(client, FORCE_UPDATE_ID);
    expect(fetched.ok).toBe(false);
    const next = applyFetch(tracked, fetched, Date.UTC(2030, 0, 1, 1));
    expect(next.summary).toMatchObject({ processing: 1, downloaded: 1, failed: 0, target: 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1' });
    expect(next.lastAttempt).toMatchObject({ ok: false, code: 'transport' });
    expect(next.lastAttempt?.message).toMatch(/^summary read and kept; the detail failed: forceUpdateDetail: /);
    // the devices' states are not guessed from the summary alone
    expect(next.devices).toEqual(tracked.devices);
    expect(next.status).toBe('open');
  });
});
