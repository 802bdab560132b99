// forceUpdateSummary and forceUpdateDetail agree with the clock-driven per-device progress.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { element, SimHttp } from './http.ts';

const START = Date.UTC(2030, 5, 1, 12, 0, 0);
const clock = new ManualClock(START);
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
  clock.set(START);
  http.dropToken();
  sim.switches = {};
  sim.reset('demo');
});

const serials = (n: number): string[] => Array.from({ length: n }, (_, i) => `R58N1SP${String(i + 1).padStart(4, '0')}`);
const list = (s: readonly string[]): string => s.map((x) => `<serialNumber>${x}</serialNumber>`).join('');

async function push(devices: readonly string[], target = 'Latest', network = 'ANY'): Promise<string> {
  const reply = await http.send('forceUpdate', 'templates/forceUpdate-serials.xml', { target, network, serials: list(devices) });
  expect(reply.status, reply.text).toBe(200);
  return element(reply.text, 'forceUpdateId') ?? '';
}

interface Summary { target: string; processing: number; success: number; failed: number }
async function summary(id: string): Promise<Summary> {
  const r = await http.send('forceUpdateSummary', 'templates/forceUpdateSummary.xml', { forceUpdateId: id });
  expect(r.status, r.text).toBe(200);
  const n = (name: string): number => Number(element(r.text, name));
  return { target: element(r.text, 'targetFirmwareVersion') ?? '', processing: n('processingCount'), success: n('successCount'), failed: n('failedCount') };
}

interface Detail { processing: string[]; failed: Array<{ serial: string; reason: string }>; raw: string }
async function detail(id: string): Promise<Detail> {
  const r = await http.send('forceUpdateDetail', 'templates/forceUpdateDetail.xml', { forceUpdateId: id });
  expect(r.status, r.text).toBe(200);
  const section = (name: string): string => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(r.text)?.[1] ?? '';
  const items = (text: string): string[] => [...text.matchAll(/<deviceItem>([\s\S]*?)<\/deviceItem>/g)].map((m) => m[1] ?? '');
  return {
    processing: items(section('processingDeviceList')).map((i) => element(i, 'serialNumber') ?? ''),
    failed: items(section('failedDeviceList')).map((i) => ({ serial: element(i, 'serialNumber') ?? '', reason: element(i, 'failReason') ?? '' })),
    raw: r.text,
  };
}

describe('progress over the clock', () => {
  it('counts move processing → success/failed, always summing to the devices pushed; detail lists exactly processing + failed', async () => {
    const pushed = serials(40);
    const id = await push(pushed);
    let previous: Summary | null = null;
    for (let minute = 0; minute <= 130; minute += 10) {
      clock.set(START + minute * 60_000);
      http.dropToken();
      const s = await summary(id);
      const d = await detail(id);
      expect(s.processing + s.success + s.failed).toBe(pushed.length);
      expect(d.processing).toHaveLength(s.processing);
      expect(d.failed).toHaveLength(s.failed);
      const listed = [...d.processing, ...d.failed.map((f) => f.serial)];
      expect(new Set(listed).size).toBe(listed.length);
      expect(listed.every((x) => pushed.includes(x))).toBe(true);
      for (const f of d.failed) expect(f.reason.length).toBeGreaterThan(0);
      if (previous) {
        expect(s.processing).toBeLessThanOrEqual(previous.processing);
        expect(s.success).toBeGreaterThanOrEqual(previous.success);
        expect(s.failed).toBeGreaterThanOrEqual(previous.failed);
      }
      previous = s;
    }
    const first = previous as Summary;
    expect(first.processing).toBe(0); // after the slowest device (120 min by default)
    expect(first.success).toBeGreaterThan(0);
    expect(first.target).toBe('G991BXXSAFXH1/G991BOXMAFXH1/G991BXXSAFXH1'); // Latest → newest
  });

  it('at the moment of the push every device is processing (nothing finishes in under 5 minutes)', async () => {
    const id = await push(serials(10));
    expect(await summary(id)).toMatchObject({ processing: 10, success: 0, failed: 0 });
    expect((await detail(id)).processing).toEqual(serials(10));
  });

  it('is deterministic: the same ID at the same time reads the same', async () => {
    const id = await push(serials(30));
    clock.advance(45 * 60_000);
    http.dropToken();
    expect(await detail(id)).toEqual(await detail(id));
  });

  it('the failure rate is a switch: 0 → all succeed, 1 → all fail with a reason', async () => {
    sim.switches.progressFailureRate = 0;
    const ok = await push(serials(12));
    sim.switches.progressFailureRate = 1;
    const bad = await push(serials(12));
    clock.advance(121 * 60_000);
    http.dropToken();
    expect(await summary(ok)).toMatchObject({ processing: 0, success: 12, failed: 0 });
    expect(await summary(bad)).toMatchObject({ processing: 0, success: 0, failed: 12 });
    expect((await detail(bad)).failed.every((f) => f.reason !== '')).toBe(true);
  });

  it('a device that already has the target fails ("no downgrade"), and a success updates the device', async () => {
    sim.switches.progressFailureRate = 0;
    const target = 'G991BXXU7EWCA/G991BOXM7EWCA/G991BXXU7EWCA';
    const devices = serials(30);
    const atOrAbove = devices.filter((s) => sim.state.currentFirmware(s) === target);
    const below = devices.filter((s) => !atOrAbove.includes(s));
    expect(atOrAbove.length).toBeGreaterThan(0);
    const id = await push(devices, target);
    clock.advance(121 * 60_000);
    http.dropToken();
    const d = await detail(id);
    expect(d.failed.map((f) => f.serial).sort()).toEqual([...atOrAbove].sort());
    expect(d.failed.every((f) => /newer firmware/.test(f.reason))).toBe(true);
    for (const s of below) expect(sim.state.currentFirmware(s)).toBe(target);
  });

  it('WIFIONLY pushes take longer for some devices than ANY', async () => {
    const devices = serials(40);
    const wifi = await push(devices, 'Latest', 'WIFIONLY');
    clock.advance(121 * 60_000);
    http.dropToken();
    expect((await summary(wifi)).processing).toBeGreaterThan(0);
  });
});

describe('IDs expire after three months', () => {
  it('summary and detail answer until the ID is 3 months old, then FUD_3038', async () => {
    const id = await push(serials(3));
    clock.set(Date.UTC(2030, 8, 1, 11, 59, 59)); // 2030-09-01 11:59:59, one second before 3 months
    http.dropToken();
    expect((await http.send('forceUpdateSummary', 'templates/forceUpdateSummary.xml', { forceUpdateId: id })).status).toBe(200);
    clock.set(Date.UTC(2030, 8, 1, 12, 0, 0));
    http.dropToken();
    expect((await http.send('forceUpdateSummary', 'templates/forceUpdateSummary.xml', { forceUpdateId: id })).code).toBe('FUD_3038');
    expect((await http.send('forceUpdateDetail', 'templates/forceUpdateDetail.xml', { forceUpdateId: id })).code).toBe('FUD_3038');
  });
});

describe('detail shape (undocumented, so switchable)', () => {
  it('the plausible shape: root B2bForceUpdateDetailVO with processing and failed lists', async () => {
    const id = await push(serials(2));
    const d = await detail(id);
    expect(d.raw).toContain('<B2bForceUpdateDetailVO><forceUpdateId>');
    expect(d.raw).toContain('<processingDeviceList>');
  });

  it('the unrecognisable shape shares the root and nothing else', async () => {
    sim.switches.detailShape = 'unrecognisable';
    const id = await push(serials(2));
    const r = await http.send('forceUpdateDetail', 'templates/forceUpdateDetail.xml', { forceUpdateId: id });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<B2bForceUpdateDetailVO>');
    expect(r.text).not.toMatch(/serialNumber|processingDeviceList|failedDeviceList|failReason/);
    expect(r.text).toContain('R58N1SP0001');
  });
});
