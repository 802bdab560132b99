// Every FUD code that has an endpoint, produced over HTTPS by a realistic cause on every endpoint
// the FUD table lists without "(inferred)" (and on at least one where all are inferred).
// One hand-written request per case: test/fixtures/simulator/requests/<operation>/FUD_nnnn-*.xml.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { startSimulator, type RunningSimulator, type SimulatorSwitches } from '../../../main/simulator/index.ts';
import { FIXTURES, PATH, pushForceUpdate, SimHttp, type Operation } from './http.ts';

// Transcribed from docs/efota-api.md §4 (error-codes.json): endpoints listed without "(inferred)".
const DOCUMENTED: Record<string, readonly Operation[]> = {
  FUD_1001: ['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
  FUD_1002: ['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
  FUD_1003: ['groupRegister', 'serviceregister'],
  FUD_1004: ['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
  FUD_1005: ['forceUpdate', 'serverInit'],
  FUD_1006: ['forceUpdate', 'serverInit'],
  FUD_1007: ['forceUpdate', 'serverInit'],
  FUD_1008: ['forceUpdate', 'serverInit'],
  FUD_1013: ['forceUpdate', 'serverInit'],
  FUD_1018: ['forceUpdate', 'serverInit'],
  FUD_1019: ['forceUpdate', 'serverInit'],
  FUD_1022: ['forceUpdate', 'serverInit'],
  FUD_1024: ['forceUpdateSummary'],
  FUD_3013: ['forceUpdate', 'serverInit'],
  FUD_3014: ['forceUpdate', 'serverInit'],
  FUD_3015: ['forceUpdate', 'serverInit'],
  FUD_3016: ['forceUpdate', 'serverInit', 'forceUpdateSummary'],
  FUD_3017: ['groupRegister', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
  FUD_3018: ['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
  FUD_3019: ['groupRegister', 'serviceregister'],
  FUD_3020: ['groupRegister', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
  FUD_3021: ['groupRegister', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
  FUD_3022: ['groupRegister', 'forceUpdate', 'forceUpdateSummary', 'serviceregister'],
  FUD_3030: ['forceUpdate', 'serverInit'],
  FUD_3031: ['forceUpdate', 'serverInit'],
  FUD_3038: ['forceUpdateSummary'],
  FUD_9001: ['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
  FUD_9003: ['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'],
};
// Codes whose every endpoint is "(inferred)": at least one of these must produce it.
const INFERRED_ONLY: Record<string, readonly Operation[]> = {
  FUD_1009: ['firmwareList'],
  FUD_1010: ['firmwareList'],
  FUD_1011: ['firmwareList'],
  FUD_1012: ['firmwareList'],
  FUD_1014: ['serverInit'],
  FUD_1015: ['serverInit'],
  FUD_1016: ['serverInit'],
  FUD_1017: ['serverInit'],
  FUD_1023: ['groupLicenseChange'],
  FUD_3001: ['serverInit'],
  FUD_3002: ['serverInit'],
  FUD_3003: ['serverInit'],
  FUD_3004: ['serverInit'],
  FUD_3005: ['serverInit'],
  FUD_3011: ['serverInit', 'groupLicenseChange'],
  FUD_3012: ['licenseInfo', 'abnormalDeviceList', 'firmwareList', 'forceUpdate', 'forceUpdateSummary', 'forceUpdateDetail'],
  FUD_3027: ['firmwareList'],
  FUD_3028: ['forceUpdate', 'serverInit'],
  FUD_3029: ['firmwareList'],
  FUD_3032: ['groupLicenseChange'],
  FUD_3033: ['groupLicenseChange'],
  FUD_3034: ['groupLicenseChange'],
  FUD_3035: ['groupLicenseChange'],
  FUD_3036: ['groupLicenseChange'],
  FUD_3037: ['groupLicenseChange'],
  FUD_3039: ['groupLicenseChange'],
};
// No documented call carries their element: the simulator never emits them.
const NEVER_EMITTED = ['FUD_1020', 'FUD_1021', 'FUD_3023', 'FUD_3024', 'FUD_3026'];

/** Switches a case needs (an [inferred] behaviour turned the other way). */
const CASE_SWITCHES: Record<string, Partial<SimulatorSwitches>> = {
  'licenseInfo/FUD_3012-not-registered.xml': { licenseInfoRequiresRegistration: true },
  'licenseInfo/FUD_3017-license-expired.xml': { licenseInfoBadLicence: 'error' },
  'licenseInfo/FUD_3020-license-cancelled.xml': { licenseInfoBadLicence: 'error' },
  'licenseInfo/FUD_3021-license-terminated.xml': { licenseInfoBadLicence: 'error' },
};

interface Case {
  operation: Operation;
  code: string;
  /** path below requests/ */
  file: string;
  /** fault that produces a service error */
  fault?: 'FUD_9001' | 'FUD_9003';
}

const OPERATIONS = Object.keys(PATH) as Operation[];
const CASES: Case[] = OPERATIONS.flatMap((operation) => {
  const files = readdirSync(resolve(FIXTURES, 'requests', operation)).filter((f) => /^FUD_\d{4}-.+\.xml$/.test(f)).sort();
  const fromFiles = files.map((f) => ({ operation, code: f.slice(0, 8), file: `${operation}/${f}` }));
  // Service errors need no bad input: a valid request meets a failing database or server.
  const service = (['FUD_9001', 'FUD_9003'] as const).map((code) => ({ operation, code, file: `${operation}/ok.xml`, fault: code }));
  return [...fromFiles, ...service];
});

const AT = Date.UTC(2030, 2, 1, 0, 0, 0); // serverInit fixtures schedule 2030-03-10..14
let sim: RunningSimulator;
let http: SimHttp;

beforeAll(async () => {
  sim = await startSimulator({ clock: new ManualClock(AT) });
  http = new SimHttp(sim);
});
afterAll(async () => {
  await http.close();
  await sim.close();
});
beforeEach(() => {
  sim.reset('demo');
  sim.faults = {};
  sim.switches = {};
});

describe('FUD table coverage', () => {
  const covered = new Map<string, Set<Operation>>();
  for (const c of CASES) covered.set(c.code, (covered.get(c.code) ?? new Set()).add(c.operation));

  it.each(Object.entries(DOCUMENTED))('%s has a case on every documented endpoint', (code, endpoints) => {
    expect([...(covered.get(code) ?? [])]).toEqual(expect.arrayContaining([...endpoints]));
  });

  it.each(Object.entries(INFERRED_ONLY))('%s (all endpoints inferred) has a case on one of them', (code, endpoints) => {
    expect([...(covered.get(code) ?? [])].some((op) => endpoints.includes(op))).toBe(true);
  });

  it('covers exactly the 54 codes that have an endpoint, and none of the five that have none', () => {
    const codes = new Set(CASES.map((c) => c.code));
    expect(codes.size).toBe(54);
    expect(new Set([...Object.keys(DOCUMENTED), ...Object.keys(INFERRED_ONLY)])).toEqual(codes);
    for (const code of NEVER_EMITTED) expect(codes.has(code)).toBe(false);
  });
});

describe('each FUD case over HTTPS', () => {
  it.each(CASES.map((c) => [`${c.code} on ${c.operation} (${c.file})`, c] as const))('%s', async (_name, c) => {
    const switches = CASE_SWITCHES[c.file];
    if (switches) sim.switches = switches;
    const vars: Record<string, string> = {};
    if (c.operation === 'forceUpdateSummary' || c.operation === 'forceUpdateDetail') vars['forceUpdateId'] = await pushForceUpdate(http);
    const before = sim.calls.length;
    const stateBefore = JSON.stringify({ groups: sim.state.groups().map((g) => [g.groupId, g.license]), fu: sim.state.forceUpdates().length, schedules: sim.state.schedules().length });
    if (c.fault) sim.faults = { serverErrorRate: 1, serverErrorCode: c.fault };

    const reply = await http.send(c.operation, `requests/${c.file}`, vars);

    expect(reply.code).toBe(c.code);
    expect(reply.status).toBe(c.code.startsWith('FUD_9') ? 500 : 400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(reply.text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><error>')).toBe(true);
    if (c.operation === 'serverInit' || c.operation === 'serviceregister') {
      expect(reply.text).not.toContain('<message');
      expect(reply.text).toContain('<resource>com.samsung.efota.b2b.service.B2BDeviceServiceResourceImpl</resource>');
    } else {
      expect(reply.text).toMatch(/<message\/>|<message><\/message>/);
      expect(reply.text).toMatch(/<resource>com\.samsung\.efota\.mdm\.(service|biz)\.v2\.\w+<\/resource>/);
    }
    // A refused call is not recorded and changes nothing.
    expect(sim.calls.length).toBe(before);
    expect(JSON.stringify({ groups: sim.state.groups().map((g) => [g.groupId, g.license]), fu: sim.state.forceUpdates().length, schedules: sim.state.schedules().length })).toBe(stateBefore);
  });

  it.each(OPERATIONS)('the valid %s fixture succeeds (so each case fails only for its cause)', async (operation) => {
    const vars: Record<string, string> = {};
    if (operation === 'forceUpdateSummary' || operation === 'forceUpdateDetail') vars['forceUpdateId'] = await pushForceUpdate(http);
    const reply = await http.send(operation, `requests/${operation}/ok.xml`, vars);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.code).toBeNull();
  });
});
