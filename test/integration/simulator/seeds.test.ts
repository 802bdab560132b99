// The documentation's own samples (seeds 000–004), sent byte for byte against the demo tenant.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { element, FIXTURES, PATH, SimHttp } from './http.ts';

const seed = (name: string): string => readFileSync(resolve(FIXTURES, 'seeds', name), 'utf8');
const open: Array<{ sim: RunningSimulator; http: SimHttp }> = [];
async function start(clock?: ManualClock): Promise<{ sim: RunningSimulator; http: SimHttp }> {
  const sim = await startSimulator(clock ? { clock } : {});
  const pair = { sim, http: new SimHttp(sim) };
  open.push(pair);
  return pair;
}
afterEach(async () => {
  for (const { sim, http } of open.splice(0)) {
    await http.close();
    await sim.close();
  }
});

const todayCompact = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

describe('seeds 000 and 001 (forceUpdate)', () => {
  it.each(['000-forceUpdate-tutorial.xml', '001-forceUpdate-reference.xml'])('%s succeeds and returns an ID in the documented shape', async (name) => {
    const { sim, http } = await start();
    const body = seed(name);
    expect(body.startsWith('<B2bForceUpdateVO> <mdmId>d1e2f3g4h5</mdmId>')).toBe(true);
    const reply = await http.post(PATH.forceUpdate, body);
    expect(reply.status, reply.text).toBe(200);
    const id = element(reply.text, 'forceUpdateId') ?? '';
    expect(id).toMatch(/^\d{3}\d{8}-JEA\d{8}$/);
    expect(id.slice(3, 11)).toBe(todayCompact(sim.clock.now()));
    expect(reply.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?><B2bForceUpdateVO><forceUpdateId>/);
    expect(sim.calls.at(-1)).toMatchObject({ operation: 'forceUpdate', forceUpdateId: id, serials: ['C08900518981610', 'C78987898789878', 'C11111111111111'], model: 'GT-S8500AA', salesCode: 'QA4' });
  });

  it("the tutorial's JSON-looking sample is not XML: 400 with FUD_1001", async () => {
    const { http } = await start();
    const reply = await http.post(PATH.forceUpdate, seed('000-forceUpdate-json-sample.txt'));
    expect(reply.status).toBe(400);
    expect(reply.code).toBe('FUD_1001');
  });
});

describe('seed 002 (v1 serverInit)', () => {
  it('as written (closing tag broken) gets the malformed-XML 400 in the v1 error format', async () => {
    const { sim, http } = await start();
    const reply = await http.post(PATH.serverInit, seed('002-serverInit-as-written.xml'));
    expect(reply.status).toBe(400);
    expect(reply.code).toBe('FUD_1001');
    expect(reply.text).not.toContain('<message');
    expect(sim.state.schedules()).toHaveLength(0);
  });

  it('with only the closing tag fixed gets FUD_3005 under the real clock (2016 is in the past)', async () => {
    const fixed = seed('002-serverInit-closing-tag-fixed.xml');
    expect(fixed).toBe(seed('002-serverInit-as-written.xml').replace(/<B2bServerInitVO>$/, '</B2bServerInitVO>'));
    const { http } = await start();
    const reply = await http.post(PATH.serverInit, fixed);
    expect(reply.status).toBe(400);
    expect(reply.code).toBe('FUD_3005');
  });

  it('with the closing tag fixed and the clock set to 2016-05-31 it is scheduled (200, no body)', async () => {
    const { sim, http } = await start(new ManualClock(Date.UTC(2016, 4, 31, 0, 0, 0)));
    const reply = await http.post(PATH.serverInit, seed('002-serverInit-closing-tag-fixed.xml'));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.text).toBe('');
    const [schedule] = sim.state.schedules();
    expect(schedule).toMatchObject({ groupId: 'TEST DEVICE GROUP', model: 'GT-S8500A', carrierCode: 'QA4', target: 'G930FXXU1DQB3/G930FOXA1DQB1/G930FXXU1DQB1', deliveryStartDate: '20160601', deliveryEndDate: '20160608', dailyStartHour: '01', dailyEndHour: '04' });
    expect(schedule?.serials.length).toBeGreaterThan(0);
    expect(sim.calls.at(-1)).toMatchObject({ operation: 'serverInit', groupId: 'TEST DEVICE GROUP' });
  });
});

describe('seed 003 (groupRegister)', () => {
  it('registers EMMGID12312323 (200, no body); sending it again is idempotent', async () => {
    const { sim, http } = await start();
    expect(sim.state.group('d1e2f3g4h5', 'EEEE4444-FF55-AA66-BB77-CCCCCC888888', 'EMMGID12312323')).toBeUndefined();
    const first = await http.post(PATH.groupRegister, seed('003-groupRegister.xml'));
    expect(first.status, first.text).toBe(200);
    expect(first.text).toBe('');
    expect(sim.state.group('D1E2F3G4H5', 'EEEE4444-FF55-AA66-BB77-CCCCCC888888', 'EMMGID12312323')?.license).toBe('EFOTA1-fff555-ggg666-hh77');
    const again = await http.post(PATH.groupRegister, seed('003-groupRegister.xml'));
    expect(again.status).toBe(200);
    sim.switches.groupRegisterAgain = 'FUD_3019';
    const refused = await http.post(PATH.groupRegister, seed('003-groupRegister.xml'));
    expect(refused.code).toBe('FUD_3019');
  });
});

describe('seed 004 (licenseInfo)', () => {
  it('answers the active sample licence with a period around now', async () => {
    const { sim, http } = await start();
    const reply = await http.post(PATH.licenseInfo, seed('004-licenseInfo.xml'));
    expect(reply.status, reply.text).toBe(200);
    expect(element(reply.text, 'licenseStatus')).toBe('Normal');
    expect(element(reply.text, 'licenseType')).toBe('SA');
    expect(element(reply.text, 'purchasedQuantity')).toMatch(/^\d+$/);
    expect(element(reply.text, 'remainingQuantity')).toMatch(/^\d+$/);
    expect(element(reply.text, 'blockedDeviceCount')).toMatch(/^\d+$/);
    const [from, to] = (element(reply.text, 'activePeriod') ?? '').split('~');
    const today = new Date(sim.clock.now()).toISOString().slice(0, 10);
    expect(from! < today && today < to!).toBe(true);
  });
});
