// The v1 serverInit window rules (docs/efota-api.md §2.9, FUD_1014–1017, FUD_3001–3005), at a fixed clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { SimHttp } from './http.ts';

const NOW = Date.UTC(2030, 2, 10, 5, 30, 0); // 2030-03-10 05:30 GMT
const clock = new ManualClock(NOW);
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
  clock.set(NOW);
  http.dropToken();
  sim.switches = {};
  sim.reset('demo');
});

const schedule = (start: string, end: string, startHour: string, endHour: string): ReturnType<SimHttp['send']> =>
  http.send('serverInit', 'templates/serverInit-window.xml', { start, end, startHour, endHour });

describe('delivery dates', () => {
  it.each([
    ['3 days (the minimum)', '20300311', '20300314', 200],
    ['7 days (the maximum)', '20300311', '20300318', 200],
    ['2 days', '20300311', '20300313', 'FUD_3002'],
    ['8 days', '20300311', '20300319', 'FUD_3002'],
    ['same day', '20300311', '20300311', 'FUD_3002'],
    ['end before start', '20300314', '20300311', 'FUD_3001'],
    ['start not a date', '2030311', '20300314', 'FUD_1014'],
    ['start 30 February', '20300230', '20300304', 'FUD_1014'],
    ['end with letters', '20300311', '2030O314', 'FUD_1015'],
  ])('%s → %s', async (_name, start, end, expected) => {
    const reply = await schedule(start, end, '01', '04');
    if (expected === 200) expect(reply.status, reply.text).toBe(200);
    else expect(reply.code).toBe(expected);
  });

  it('the minimum is a switch (the v1 tutorial itself uses a 2-day window)', async () => {
    sim.switches.serverInitMinDays = 2;
    expect((await schedule('20300713', '20300715', '01', '04')).status).toBe(200);
  });
});

describe('daily hours', () => {
  it.each([
    ['12 hours (allowed)', '01', '13', 200],
    ['13 hours', '01', '14', 'FUD_3004'],
    ['across midnight, 6 hours', '22', '04', 200],
    ['across midnight, 13 hours', '20', '09', 'FUD_3004'],
    ['equal hours', '03', '03', 'FUD_3003'],
    ['24 as an end hour', '20', '24', 200],
    ['one digit', '1', '04', 'FUD_1016'],
    ['end hour 25', '01', '25', 'FUD_1017'],
    ['end hour with a sign', '01', '+4', 'FUD_1017'],
  ])('%s → %s', async (_name, startHour, endHour, expected) => {
    const reply = await schedule('20300311', '20300314', startHour, endHour);
    if (expected === 200) expect(reply.status, reply.text).toBe(200);
    else expect(reply.code).toBe(expected);
  });

  it('24 is refused when allowHour24 is off', async () => {
    sim.switches.allowHour24 = false;
    expect((await schedule('20300311', '20300314', '20', '24')).code).toBe('FUD_1017');
  });

  it('the longest window is a switch', async () => {
    sim.switches.serverInitMaxHours = 11;
    expect((await schedule('20300311', '20300314', '01', '13')).code).toBe('FUD_3004');
  });
});

describe('a start in the past (GMT)', () => {
  it('today at an hour that has passed → FUD_3005; at a later hour → 200', async () => {
    expect((await schedule('20300310', '20300314', '05', '08')).code).toBe('FUD_3005');
    expect((await schedule('20300310', '20300314', '06', '08')).status).toBe(200);
  });

  it('the same request turns into FUD_3005 once the clock passes the start', async () => {
    expect((await schedule('20300311', '20300314', '01', '04')).status).toBe(200);
    clock.set(Date.UTC(2030, 2, 11, 1, 0, 1));
    http.dropToken(); // 19 hours later, the first token has expired
    const late = await schedule('20300311', '20300314', '01', '04');
    expect(late.code, late.text).toBe('FUD_3005');
  });

  it('the schedule is recorded with the group’s GT-S8500A devices and the resolved target', async () => {
    await schedule('20300311', '20300314', '01', '04');
    const [s] = sim.state.schedules();
    expect(s?.target).toBe('G930FXXU1DQB3/G930FOXA1DQB1/G930FXXU1DQB1');
    expect(s?.requestedTarget).toBe('Latest');
    expect(s?.serials).toHaveLength(4);
    expect(s?.serials.every((serial) => sim.state.device(serial)?.model === 'GT-S8500A')).toBe(true);
  });
});
