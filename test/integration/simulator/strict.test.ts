// The simulator as strict as the documentation by default, each strictness a documented switch:
// a repeated element is read as the client reads answers (first copy wins), and v1 serverInit can
// read its sales code under one documented name only (REFERENCE §5 #11). The token endpoint's
// form-only client, the XML Content-Type and the gateway's "Missing access token" are in
// auth.test.ts and hostile.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { DEFAULT_SWITCHES, startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { fixture, PATH, SimHttp } from './http.ts';

const clock = new ManualClock(Date.UTC(2030, 2, 1, 9));
let sim: RunningSimulator;
let http: SimHttp;
beforeAll(async () => {
  sim = await startSimulator({ clock });
  http = new SimHttp(sim);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});
beforeEach(() => {
  sim.switches = {};
  sim.reset('demo');
});

describe('strict defaults', () => {
  it('are the documented ones', () => {
    expect(DEFAULT_SWITCHES).toMatchObject({
      tokenBasicAuth: false,
      contentType: 'require-xml',
      missingAuthorization: 'missing-access-token',
      repeatedElement: 'first',
      serverInitSalesCodeElement: 'either',
      serverInitMinDays: 3,
    });
  });
});

describe('a repeated element', () => {
  const good = fixture('requests/licenseInfo/ok.xml');
  const twice = (first: string, second: string): string => good.replace(/<license>[^<]*<\/license>/, `<license>${first}</license><license>${second}</license>`);

  it('counts its first copy by default, as the client reads answers', async () => {
    expect((await http.post(PATH.licenseInfo, twice('EFOTA1-fff555-ggg666-hh77', 'EFOTA1-typo00-typo00-ty00'))).status).toBe(200);
    expect((await http.post(PATH.licenseInfo, twice('EFOTA1-typo00-typo00-ty00', 'EFOTA1-fff555-ggg666-hh77'))).code).toBe('FUD_3022');
  });

  it('counts its last copy with repeatedElement=last (as JAXB would)', async () => {
    sim.switches.repeatedElement = 'last';
    expect((await http.post(PATH.licenseInfo, twice('EFOTA1-fff555-ggg666-hh77', 'EFOTA1-typo00-typo00-ty00'))).code).toBe('FUD_3022');
    expect((await http.post(PATH.licenseInfo, twice('EFOTA1-typo00-typo00-ty00', 'EFOTA1-fff555-ggg666-hh77'))).status).toBe(200);
  });
});

describe('v1 serverInit reading one sales-code name only', () => {
  const asCarrier = fixture('templates/serverInit-window.xml', { start: '20300302', end: '20300306', startHour: '01', endHour: '04' });
  const asCustomer = asCarrier.replaceAll('carrierCode>', 'customerCode>');

  it.each([
    ['either', 200, 200],
    ['carrierCode', 200, 'FUD_1007'],
    ['customerCode', 'FUD_1007', 200],
  ] as const)('serverInitSalesCodeElement=%s: <carrierCode> → %s, <customerCode> → %s', async (reads, carrier, customer) => {
    sim.switches.serverInitSalesCodeElement = reads;
    for (const [body, expected] of [[asCarrier, carrier], [asCustomer, customer]] as const) {
      sim.reset('demo');
      const answer = await http.post(PATH.serverInit, body);
      if (expected === 200) expect(answer.status, answer.text).toBe(200);
      else expect(answer.code).toBe(expected);
    }
  });

  it('a refused name schedules nothing', async () => {
    sim.switches.serverInitSalesCodeElement = 'customerCode';
    expect((await http.post(PATH.serverInit, asCarrier)).code).toBe('FUD_1007');
    expect(sim.state.schedules()).toEqual([]);
  });
});
