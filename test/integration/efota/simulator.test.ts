// The client against the simulator over real TLS: every operation's success path, FUD answers mapped
// to the catalogue, local refusals that never leave the machine, token renewal, and the simulator's
// network faults ending in the right typed errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { describeFud } from '../../../common/efota/fud-catalogue.ts';
import { createEfotaClient, type EfotaClient, type TokenProvider } from '../../../main/efota/client.ts';
import { FudError, TransportError } from '../../../main/efota/errors.ts';
import type { FetchLike } from '../../../main/efota/http.ts';
import { createNodeFetch, type NodeFetch } from '../../../main/efota/node-fetch.ts';
import { requestToken } from '../../../main/efota/token.ts';
import type { EfotaIdentity } from '../../../main/efota/types.ts';
import { DEMO_LICENSES, startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { collectedErrors, failure, leaks } from './helpers/client.ts';

const HOUR = 3_600_000;
const clock = new ManualClock(Date.UTC(2026, 5, 1, 8, 0, 0));
let sim: RunningSimulator;
let transport: NodeFetch;
let sent = 0;
let counted: FetchLike;
let identity: EfotaIdentity;
const issuedTokens: string[] = [];

/** A provider over the real token endpoint that renews on request (what a profile does). */
function oauthTokens(): TokenProvider & { renewals: number } {
  let current: Promise<string> | null = null;
  const fetchToken = async (): Promise<string> => {
    const t = await requestToken({ baseUrl: sim.url, clientId: sim.tenant.clientId, clientSecret: sim.tenant.clientSecret, fetch: transport.fetch });
    issuedTokens.push(t.accessToken);
    return t.accessToken;
  };
  const provider = {
    renewals: 0,
    getToken: () => (current ??= fetchToken()),
    renew: () => {
      provider.renewals++;
      current = fetchToken();
      return current;
    },
  };
  return provider;
}

function client(options: { identity?: EfotaIdentity; tokens?: TokenProvider } = {}): EfotaClient {
  return createEfotaClient({ baseUrl: sim.url, identity: options.identity ?? identity, tokens: options.tokens ?? oauthTokens(), fetch: counted, clock });
}

beforeAll(async () => {
  sim = await startSimulator({ clock });
  transport = createNodeFetch({ extraCaPem: sim.caPem });
  counted = (url, init) => {
    sent++;
    return transport.fetch(url, init);
  };
  const t = sim.tenant;
  identity = { mdmId: t.mdmId, customerId: t.customerId, license: t.license };
});

afterAll(async () => {
  await transport.close();
  await sim.close();
  expect(issuedTokens.length).toBeGreaterThan(0);
  for (const token of issuedTokens) expect(leaks(collectedErrors, token)).toEqual([]);
});

beforeEach(() => {
  sim.faults = {};
});

function device() {
  const d = sim.tenant.devices[0];
  if (!d) throw new Error('the demo tenant has no enrolled device');
  return d;
}

describe('every operation succeeds against the simulator', () => {
  it('licenseInfo', async () => {
    const info = await client().licenseInfo();
    expect(info).toMatchObject({ licenseStatus: 'Normal', licenseType: 'SA' });
    expect(info.purchased).toBeGreaterThan(0);
    expect(info.activeFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('groupRegister, then groupLicenseChange of that group', async () => {
    const c = client();
    await expect(c.groupRegister('cli-test-group')).resolves.toBeUndefined();
    expect(sim.calls.at(-1)).toMatchObject({ operation: 'groupRegister' });
    await expect(c.groupLicenseChange('CLI-TEST-GROUP', DEMO_LICENSES.spare)).resolves.toBeUndefined();
    expect(sim.calls.at(-1)).toMatchObject({ operation: 'groupLicenseChange' });
  });

  it('firmwareList for an enrolled model, with and without the current version', async () => {
    const d = device();
    const all = await client().firmwareList({ model: d.model, salesCode: d.salesCode });
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((i) => typeof i.targetFirmwareVersion === 'string')).toBe(true);
    const from = await client().firmwareList({ model: d.model, salesCode: d.salesCode, currentFirmwareVersion: d.firmware, languageCode: 'ENG' });
    expect(from.items.length).toBeGreaterThanOrEqual(0);
  });

  it('abnormalDeviceList lists a device that is not enrolled, and not the healthy one', async () => {
    const result = await client().abnormalDeviceList([device().serialNumber, 'R58N1NE0001']);
    const listed = result.categories.flatMap((c) => c.serials);
    expect(listed).toContain('R58N1NE0001');
    expect(listed).not.toContain(device().serialNumber);
    expect(result.categories.find((c) => c.serials.includes('R58N1NE0001'))?.title).toBe('Not Enrolled');
  });

  it('forceUpdate, then its summary and detail as time passes', async () => {
    const d = device();
    const c = client();
    const { forceUpdateId } = await c.forceUpdate({ model: d.model, salesCode: d.salesCode, targetFirmwareVersion: 'Latest', networkType: 'WIFIONLY', serials: [d.serialNumber] });
    expect(forceUpdateId).toMatch(/^[A-Za-z0-9-]{1,30}$/);
    const first = await c.forceUpdateSummary(forceUpdateId);
    expect((first.processingCount ?? 0) + (first.successCount ?? 0) + (first.failedCount ?? 0)).toBe(1);
    const detail = await c.forceUpdateDetail(forceUpdateId);
    expect(detail.root).toBe('B2bForceUpdateDetailVO');
    expect(detail.raw).toContain('<B2bForceUpdateDetailVO');
    clock.advance(6 * HOUR);
    const later = await c.forceUpdateSummary(forceUpdateId);
    expect(later.processingCount).toBe(0);
    expect((later.successCount ?? 0) + (later.failedCount ?? 0)).toBe(1);
  });

  it('reads the unrecognisable detail shape generically too', async () => {
    const d = device();
    const c = client();
    const { forceUpdateId } = await c.forceUpdate({ model: d.model, salesCode: d.salesCode, targetFirmwareVersion: 'Latest', serials: [d.serialNumber] });
    sim.switches = { detailShape: 'unrecognisable' };
    try {
      const detail = await c.forceUpdateDetail(forceUpdateId);
      expect(detail.raw.length).toBeGreaterThan(0);
      expect(Object.keys(detail.lists).length + Object.keys(detail.scalars).length).toBeGreaterThan(0);
    } finally {
      sim.switches = {};
    }
  });

  it('serverInit for a registered group in a future window', async () => {
    const d = device();
    const start = new Date(clock.now() + 2 * 24 * HOUR);
    const end = new Date(clock.now() + 6 * 24 * HOUR);
    const ymd = (x: Date): string => x.toISOString().slice(0, 10).replaceAll('-', '');
    await expect(
      client().serverInit({
        groupId: d.groupId,
        model: d.model,
        salesCode: d.salesCode,
        targetFirmwareVersion: 'Latest',
        deliveryStartDate: ymd(start),
        deliveryEndDate: ymd(end),
        dailyStartHour: '01',
        dailyEndHour: '04',
      }),
    ).resolves.toBeUndefined();
    expect(sim.calls.at(-1)).toMatchObject({ operation: 'serverInit' });
  });
});

describe('FUD answers map to the catalogue', () => {
  async function expectFud(promise: Promise<unknown>, code: string): Promise<FudError> {
    const error = await failure(promise);
    expect(error).toBeInstanceOf(FudError);
    const fud = error as FudError;
    const entry = describeFud(code);
    expect(fud).toMatchObject({ code, local: false, httpStatus: entry.httpStatus, fudCause: entry.cause, remedy: entry.remedy });
    return fud;
  }

  it('FUD_3031: a serial that does not belong to the licence', async () => {
    const d = device();
    await expectFud(client().forceUpdate({ model: d.model, salesCode: d.salesCode, targetFirmwareVersion: 'Latest', serials: ['ZZ99NOTMINE01'] }), 'FUD_3031');
  });

  it('FUD_3027: a model Samsung does not know', async () => {
    await expectFud(client().firmwareList({ model: 'SM-Z999X', salesCode: 'BTU' }), 'FUD_3027');
  });

  it('FUD_3030: a model and sales code that do not go together', async () => {
    await expectFud(client().firmwareList({ model: 'SM-G991B', salesCode: 'XAR' }), 'FUD_3030');
  });

  it('FUD_3014: a catalogued model no device of the licence has', async () => {
    await expectFud(client().firmwareList({ model: 'SM-S918B', salesCode: 'BTU' }), 'FUD_3014');
  });

  it('FUD_3028: a target that exists nowhere', async () => {
    const d = device();
    await expectFud(client().forceUpdate({ model: d.model, salesCode: d.salesCode, targetFirmwareVersion: 'X/Y/Z', serials: [d.serialNumber] }), 'FUD_3028');
  });

  it('FUD_3015: a target of another model', async () => {
    const d = device();
    await expectFud(client().forceUpdate({ model: d.model, salesCode: d.salesCode, targetFirmwareVersion: 'T830XXU4BTB2.DM/T830OXM4BTB2/', serials: [d.serialNumber] }), 'FUD_3015');
  });

  it('FUD_3038 (or 3018): a forceUpdateId nobody issued', async () => {
    const error = await failure(client().forceUpdateSummary('99920260101-JEA99999999'));
    expect(error).toBeInstanceOf(FudError);
    expect((error as FudError).code).toBe('FUD_3038');
  });

  it('FUD_3016/3022: a licence that is not this customer\'s', async () => {
    const error = (await failure(client({ identity: { ...identity, license: 'EFOTA1-not-a-real-key' } }).licenseInfo())) as FudError;
    expect(error).toBeInstanceOf(FudError);
    expect(describeFud(error.code).known).toBe(true);
    expect(error.remedy).toBe(describeFud(error.code).remedy);
  });

  it('FUD_9003 after the commit says the outcome is unknown', async () => {
    const d = device();
    sim.faults = { script: ['server-error-after-commit'] };
    const before = sim.calls.length;
    const fud = await expectFud(client().forceUpdate({ model: d.model, salesCode: d.salesCode, targetFirmwareVersion: 'Latest', serials: [d.serialNumber] }), 'FUD_9003');
    expect(fud.outcomeUnknown).toBe(true);
    expect(sim.calls.length).toBe(before + 1);
  });
});

describe('requests Samsung would refuse never leave the machine', () => {
  it.each([
    ['101 serials', (c: EfotaClient) => c.forceUpdate({ model: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: 'Latest', serials: Array.from({ length: 101 }, (_, i) => `R58N1SP${String(i).padStart(4, '0')}`) }), 'FUD_1018'],
    ['a serial with punctuation', (c: EfotaClient) => c.abnormalDeviceList(['R58N-31ABCDE']), 'FUD_1019'],
    ['a model with a space', (c: EfotaClient) => c.firmwareList({ model: 'SM G991B', salesCode: 'BTU' }), 'FUD_1006'],
    ['a sales code with a dot', (c: EfotaClient) => c.firmwareList({ model: 'SM-G991B', salesCode: 'B.TU' }), 'FUD_1008'],
    ['a schedule in the past', (c: EfotaClient) => c.serverInit({ groupId: 'SALES-PHONES', model: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: 'Latest', deliveryStartDate: '20200101', deliveryEndDate: '20200105', dailyStartHour: '01', dailyEndHour: '04' }), 'FUD_3005'],
    ['an 8-day window', (c: EfotaClient) => c.serverInit({ groupId: 'SALES-PHONES', model: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: 'Latest', deliveryStartDate: '20300101', deliveryEndDate: '20300109', dailyStartHour: '01', dailyEndHour: '04' }), 'FUD_3002'],
    ['an empty forceUpdateId', (c: EfotaClient) => c.forceUpdateDetail(''), describeFud('FUD_3038').code],
  ])('%s', async (_what, call, code) => {
    const before = sent;
    const error = await failure(call(client({ tokens: { getToken: () => Promise.reject(new Error('no token needed')) } })));
    expect(error).toBeInstanceOf(FudError);
    const fud = error as FudError;
    expect(fud).toMatchObject({ local: true, httpStatus: null, outcomeUnknown: false });
    expect(fud.code).toBe(code);
    expect(fud.remedy).toBe(describeFud(fud.code).remedy);
    expect(fud.findings.length).toBeGreaterThan(0);
    expect(sent).toBe(before);
  });
});

describe('tokens and faults', () => {
  it('renews an expired token once and carries on', async () => {
    const tokens = oauthTokens();
    const c = client({ tokens });
    await c.licenseInfo();
    sim.tokens.expireAll();
    await expect(c.licenseInfo()).resolves.toMatchObject({ licenseStatus: 'Normal' });
    expect(tokens.renewals).toBe(1);
  });

  it('ends in AuthError when every token is refused', async () => {
    sim.faults = { revokeTokens: true };
    const tokens = oauthTokens();
    expect(await failure(client({ tokens }).licenseInfo())).toMatchObject({ type: 'auth', httpStatus: 401 });
    expect(tokens.renewals).toBe(1);
  });

  it('a 429 is throttled and not processed', async () => {
    sim.faults = { script: ['rate-limit'], retryAfterSeconds: 2 };
    const error = await failure(client().licenseInfo());
    expect(error).toMatchObject({ type: 'transport', kind: 'throttled', mayHaveReachedServer: false, retryAfterMs: 2000 });
  });

  it('a reset before the server read the request: outcome unknown to the client', async () => {
    sim.faults = { script: ['reset-before-read'] };
    const error = await failure(client().groupRegister('SALES-PHONES'));
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('reset');
  });

  it('a reset after the commit: may have reached the server', async () => {
    const d = device();
    sim.faults = { script: ['reset-after-commit'] };
    const before = sim.calls.length;
    const error = await failure(client().forceUpdate({ model: d.model, salesCode: d.salesCode, targetFirmwareVersion: 'Latest', serials: [d.serialNumber] }));
    expect(error).toMatchObject({ type: 'transport', kind: 'reset', mayHaveReachedServer: true });
    expect(sim.calls.length).toBe(before + 1);
  });

  it('latency beyond the call limit is a timeout', async () => {
    sim.faults = { latencyMs: 1_000 };
    const c = createEfotaClient({ baseUrl: sim.url, identity, tokens: { getToken: () => Promise.resolve(sim.issueToken()) }, fetch: counted, clock, timeouts: { timeoutMs: 200 } });
    expect(await failure(c.licenseInfo())).toMatchObject({ type: 'transport', kind: 'timeout', mayHaveReachedServer: true });
  });
});
