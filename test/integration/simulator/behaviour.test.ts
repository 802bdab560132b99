// Tenant behaviour and the switches for [inferred] behaviour, through the API. Strict as the
// documentation by default, each strictness a switch: a repeated element is read as the client reads
// answers (first copy wins), and v1 serverInit can read its sales code under one documented name only
// (docs/efota-api.md §5 #11). The token endpoint's form-only client, the XML Content-Type and the gateway's
// "Missing access token" are in auth.test.ts and hostile.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { DEFAULT_SWITCHES, DEMO_LICENSES, startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { element, fixture, PATH, SimHttp } from './http.ts';

const clock = new ManualClock(Date.UTC(2030, 6, 1, 10, 0, 0));
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
  sim.reset('demo');
  sim.switches = {};
});

const adl = (root: string, serials: string[]): Promise<Awaited<ReturnType<SimHttp['send']>>> =>
  http.send('abnormalDeviceList', 'templates/abnormalDeviceList.xml', { root, serials: serials.map((s) => `<serialNumber>${s}</serialNumber>`).join('') });
const license = (key: string): Promise<Awaited<ReturnType<SimHttp['send']>>> => http.send('licenseInfo', 'templates/licenseInfo.xml', { license: key });

describe("docs/efota-api.md's composed examples: a second partner, from registration to push", () => {
  it('refuses everything with FUD_3012 until a group is registered, then works', async () => {
    expect((await http.post(PATH.forceUpdate, fixture('behaviour/forceUpdate.xml'))).code).toBe('FUD_3012');
    expect((await http.post(PATH.groupRegister, fixture('behaviour/groupRegister.xml'))).status).toBe(200);
    const abnormal = await http.post(PATH.abnormalDeviceList, fixture('behaviour/abnormalDeviceList.xml'));
    expect(abnormal.status).toBe(200);
    expect(abnormal.text).toContain('<abnormalCategoryItem><abnormalCategoryTitle>Not Enrolled</abnormalCategoryTitle><abnormalDeviceList><serialNumber>R58N31ABCDG</serialNumber></abnormalDeviceList></abnormalCategoryItem>');
    const pushed = await http.post(PATH.forceUpdate, fixture('behaviour/forceUpdate.xml'));
    expect(pushed.status, pushed.text).toBe(200);
  });
});

describe('abnormalDeviceList', () => {
  it.each(['B2bAbnormalDeviceListVO', 'B2bDeviceUpdateStatusVO'])('sorts serials into the two documented categories (root %s)', async (root) => {
    const reply = await adl(root, ['R58N1SP0001', 'R58T1BL0001', 'R58N1NE0001', 'R58N9ZZ9999', 'R58N31ABCDE']);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<B2bAbnormalDeviceListVO><abnormalCategoryList>');
    expect(reply.text).toContain('<abnormalCategoryTitle>Blocked, Insufficient License</abnormalCategoryTitle><abnormalDeviceList><serialNumber>R58T1BL0001</serialNumber></abnormalDeviceList>');
    // never enrolled, unknown, and another partner's device are all "Not Enrolled" for this licence
    expect(reply.text).toContain('<abnormalCategoryTitle>Not Enrolled</abnormalCategoryTitle><abnormalDeviceList><serialNumber>R58N1NE0001</serialNumber><serialNumber>R58N9ZZ9999</serialNumber><serialNumber>R58N31ABCDE</serialNumber></abnormalDeviceList>');
    expect(reply.text).not.toContain('R58N1SP0001');
  });

  it('healthy devices only: an empty category list', async () => {
    const reply = await adl('B2bAbnormalDeviceListVO', ['R58N1SP0001', 'R58N1SP0002']);
    expect(reply.text).toContain('<B2bAbnormalDeviceListVO><abnormalCategoryList/></B2bAbnormalDeviceListVO>');
  });

  it('the tutorial root can be refused by switch', async () => {
    sim.switches.acceptDeviceUpdateStatusRoot = false;
    expect((await adl('B2bDeviceUpdateStatusVO', ['R58N1SP0001'])).code).toBe('FUD_1001');
  });
});

describe('firmwareList', () => {
  it('without a current version: every version, newest first, with None where nothing applies', async () => {
    const reply = await http.post(PATH.firmwareList, fixture('behaviour/firmwareList-no-current.xml'));
    expect(reply.status).toBe(200);
    const targets = [...reply.text.matchAll(/<targetFirmwareVersion>([^<]*)</g)].map((m) => m[1]);
    expect(targets).toEqual(['T830XXS4CUE1/T830OXM4CUE1/', 'T830XXU4BTB2.DM/T830OXM4BTB2/', 'T830XXU4BTA1/T830OXM4BTA1/']);
    expect(element(reply.text, 'firmwareId')).toBe('None');
    expect(element(reply.text, 'currentFirmwareVersion')).toBe('None');
    expect(element(reply.text, 'osOldVersion')).toBe('None');
    expect(element(reply.text, 'openedDate')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('with the newest version as current: an empty list', async () => {
    const body = fixture('requests/firmwareList/ok.xml').replace('G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1', 'G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1');
    const reply = await http.post(PATH.firmwareList, body);
    expect(reply.text).toContain('<firmwareVersionList/>');
  });

  it('currentFirmwareVersion becomes mandatory with the switch (FUD_1009)', async () => {
    sim.switches.firmwareListRequiresCurrent = true;
    expect((await http.post(PATH.firmwareList, fixture('behaviour/firmwareList-no-current.xml'))).code).toBe('FUD_1009');
  });

  it('a model no device of the licence has: FUD_3014, or an empty list by switch', async () => {
    const body = fixture('requests/firmwareList/FUD_3014-model-not-in-fleet.xml');
    sim.switches.firmwareListUnusedModel = 'empty';
    const reply = await http.post(PATH.firmwareList, body);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<firmwareVersionList/>');
  });

  it('a licence with no device at all: an empty list (FWT)', async () => {
    sim.reset('empty');
    await http.post(PATH.groupRegister, fixture('seeds/003-groupRegister.xml'));
    const reply = await http.post(PATH.firmwareList, fixture('behaviour/firmwareList-no-current.xml'));
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<firmwareVersionList/>');
  });
});

describe('licenseInfo', () => {
  it.each([
    [DEMO_LICENSES.expired, 'Terminated'],
    [DEMO_LICENSES.cancelled, 'Cancelled'],
    [DEMO_LICENSES.terminated, 'Terminated'],
    [DEMO_LICENSES.notActive, 'Not Active'],
  ])('answers %s with status %s by default', async (key, status) => {
    const reply = await license(key);
    expect(reply.status).toBe(200);
    expect(element(reply.text, 'licenseStatus')).toBe(status);
  });

  it('an EE licence has no seat counts (N/A)', async () => {
    const reply = await license(DEMO_LICENSES.enterprise);
    expect(element(reply.text, 'licenseType')).toBe('EE');
    expect(element(reply.text, 'purchasedQuantity')).toBe('N/A');
    expect(element(reply.text, 'remainingQuantity')).toBe('N/A');
  });

  it('the state hooks show through: status, period, seats', async () => {
    const key = 'EFOTA1-fff555-ggg666-hh77';
    sim.state.setLicenseStatus(key, 'Cancelled');
    expect(element((await license(key)).text, 'licenseStatus')).toBe('Cancelled');
    sim.state.setLicenseStatus(key, 'Normal');
    sim.state.setLicensePeriod(key, '2029-01-01', '2030-06-30');
    expect(element((await license(key)).text, 'licenseStatus')).toBe('Terminated');
    expect(element((await license(key)).text, 'activePeriod')).toBe('2029-01-01~2030-06-30');
    expect((await http.post(PATH.forceUpdate, fixture('requests/forceUpdate/ok.xml'))).code).toBe('FUD_3017');
  });
});

describe('groupLicenseChange', () => {
  it('moves the group and its seats to the new licence (empty 200), then pushes count against it', async () => {
    const before = Number(element((await license(DEMO_LICENSES.spare)).text, 'remainingQuantity'));
    const reply = await http.post(PATH.groupLicenseChange, fixture('behaviour/groupLicenseChange.xml'));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.text).toBe('');
    expect(sim.state.group('D1E2F3G4H5', 'EEEE4444-FF55-AA66-BB77-CCCCCC888888', 'WAREHOUSE-TABLETS')?.license).toBe(DEMO_LICENSES.spare);
    expect(Number(element((await license(DEMO_LICENSES.spare)).text, 'remainingQuantity'))).toBe(before - 75);
    // the tablets now belong to the spare licence: pushing them under the old one is refused
    expect((await http.post(PATH.forceUpdate, fixture('behaviour/forceUpdate-lower-case.xml'))).code).toBe('FUD_3014');
  });

  it('answers an XML echo with the switch', async () => {
    sim.switches.groupLicenseChangeBody = 'xml';
    const reply = await http.post(PATH.groupLicenseChange, fixture('behaviour/groupLicenseChange.xml'));
    expect(reply.text).toContain(`<B2bGroupLicenseChangeVO><groupId>WAREHOUSE-TABLETS</groupId><license>${DEMO_LICENSES.spare}</license>`);
  });
});

describe('forceUpdate rules and switches', () => {
  it('folds mdmId, serials and firmware case; duplicates are counted once', async () => {
    const reply = await http.post(PATH.forceUpdate, fixture('behaviour/forceUpdate-lower-case.xml'));
    expect(reply.status, reply.text).toBe(200);
    expect(sim.calls.at(-1)?.serials).toEqual(['R52M1WT0001', 'R52M1WT0002']);
    expect(sim.calls.at(-1)?.resolvedTarget).toBe('T830XXU4BTB2.DM/T830OXM4BTB2/');
  });

  it('duplicate serials are refused with FUD_1018 by switch', async () => {
    sim.switches.duplicateSerials = 'FUD_1018';
    expect((await http.post(PATH.forceUpdate, fixture('behaviour/forceUpdate-lower-case.xml'))).code).toBe('FUD_1018');
  });

  it('firmware case is exact with the switch off (FUD_3028)', async () => {
    sim.switches.firmwareCaseInsensitive = false;
    expect((await http.post(PATH.forceUpdate, fixture('behaviour/forceUpdate-lower-case.xml'))).code).toBe('FUD_3028');
  });

  it('model and sales code are exact by default (FUD_3030), folded by switch', async () => {
    expect((await http.post(PATH.forceUpdate, fixture('behaviour/forceUpdate-lower-case-model.xml'))).code).toBe('FUD_3030');
    sim.switches.foldModelAndSalesCode = true;
    expect((await http.post(PATH.forceUpdate, fixture('behaviour/forceUpdate-lower-case-model.xml'))).status).toBe(200);
  });

  it('customerId is compared exactly (lower case → FUD_3018)', async () => {
    expect((await http.post(PATH.licenseInfo, fixture('behaviour/licenseInfo-lower-case-customer.xml'))).code).toBe('FUD_3018');
  });

  it('unknownSerials=skip pushes the enrolled ones and records the skipped', async () => {
    sim.switches.unknownSerials = 'skip';
    const reply = await http.post(PATH.forceUpdate, fixture('requests/forceUpdate/FUD_3031-not-enrolled-serial.xml'));
    expect(reply.status).toBe(200);
    expect(sim.calls.at(-1)).toMatchObject({ serials: ['R58N1SP0001'], skippedSerials: ['R58N1NE0001'] });
  });

  it('forceUpdateRequiresGroup off: devices of an unregistered group are simply not the licence’s (FUD_3031)', async () => {
    sim.switches.forceUpdateRequiresGroup = false;
    expect((await http.post(PATH.forceUpdate, fixture('requests/forceUpdate/FUD_3013-group-not-registered.xml'))).code).toBe('FUD_3031');
  });

  it('an unknown networkType counts as ANY by default, FUD_1022 by switch', async () => {
    const body = fixture('requests/forceUpdate/ok.xml').replace('<networkType>WIFIONLY</networkType>', '<networkType>CELLULAR</networkType>');
    expect((await http.post(PATH.forceUpdate, body)).status).toBe(200);
    expect(sim.calls.at(-1)?.networkType).toBe('ANY');
    sim.switches.networkTypeUnknown = 'FUD_1022';
    expect((await http.post(PATH.forceUpdate, body)).code).toBe('FUD_1022');
  });

  it('an enrolment hook adds a device; a licence without free seats blocks it', async () => {
    const corpId = 'D1E2F3G4H5/EEEE4444-FF55-AA66-BB77-CCCCCC888888/SALES-PHONES';
    sim.state.enrol({ serialNumber: 'R58N7NEW001', model: 'SM-G991B', salesCode: 'BTU', firmware: 'G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1', corpId });
    const body = fixture('requests/forceUpdate/ok.xml').replace('R58N1SP0002', 'R58N7NEW001');
    expect((await http.post(PATH.forceUpdate, body)).status).toBe(200);
    sim.state.setLicenseSeats('EFOTA1-fff555-ggg666-hh77', sim.state.usedSeats('EFOTA1-fff555-ggg666-hh77'));
    expect(sim.state.enrol({ serialNumber: 'R58N7NEW002', model: 'SM-G991B', salesCode: 'BTU', firmware: 'G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1', corpId }).state).toBe('Blocked, Insufficient License');
    const abnormal = await adl('B2bAbnormalDeviceListVO', ['R58N7NEW002']);
    expect(abnormal.text).toContain('Blocked, Insufficient License');
  });
});

describe('parameter checks', () => {
  it('which error wins: documented order by default, request order by switch', async () => {
    expect((await http.post(PATH.licenseInfo, fixture('behaviour/licenseInfo-two-errors.xml'))).code).toBe('FUD_1002');
    sim.switches.parameterOrder = 'request';
    expect((await http.post(PATH.licenseInfo, fixture('behaviour/licenseInfo-two-errors.xml'))).code).toBe('FUD_1004');
  });

  it('a mis-cased element is missing by default, accepted by switch', async () => {
    expect((await http.post(PATH.licenseInfo, fixture('behaviour/licenseInfo-miscased-element.xml'))).code).toBe('FUD_1001');
    sim.switches.caseInsensitiveElementNames = true;
    expect((await http.post(PATH.licenseInfo, fixture('behaviour/licenseInfo-miscased-element.xml'))).status).toBe(200);
  });

  it('v1 customerCode is refused when the server reads only carrierCode (FUD_1007)', async () => {
    sim.switches.serverInitSalesCodeElement = 'carrierCode';
    expect((await http.post(PATH.serverInit, fixture('seeds/002-serverInit-closing-tag-fixed.xml'))).code).toBe('FUD_1007');
  });

  it('errorMessageText fills <message>', async () => {
    sim.switches.errorMessageText = true;
    const reply = await http.post(PATH.licenseInfo, fixture('requests/licenseInfo/FUD_1002-customerId-missing.xml'));
    expect(element(reply.text, 'message')).toMatch(/customerId/);
  });

  it('switch values of the wrong kind are refused', () => {
    expect(() => {
      sim.switches = { serverInitMinDays: '3' as unknown as number };
    }).toThrow(/serverInitMinDays/);
  });
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
  const asCarrier = fixture('templates/serverInit-window.xml', { start: '20300702', end: '20300706', startHour: '01', endHour: '04' });
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
