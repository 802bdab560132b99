import { describe, expect, it } from 'vitest';
import { planBatch } from '../../../common/batch/plan.ts';
import { BATCH_SCHEMA_VERSION, type Batch, type BatchDevice, type BatchGroup } from '../../../common/batch/model.ts';

const stamp = { at: '2026-11-01T10:00:00.000Z', by: { user: 'alice', host: 'laptop-1' } };

function devices(model: string, salesCode: string, count: number, prefix = 'R58N'): BatchDevice[] {
  return Array.from({ length: count }, (_, i) => ({ serial: `${prefix}${String(i).padStart(7, '0')}`, model, salesCode }));
}

function immediate(model: string, salesCode: string, target = 'Latest'): BatchGroup {
  return { model, salesCode, target, targetSource: 'latest', mode: { kind: 'immediate', network: 'WIFIONLY' } };
}

function batch(devs: BatchDevice[], groups: BatchGroup[], extra: Partial<Batch> = {}): Batch {
  return {
    schemaVersion: BATCH_SCHEMA_VERSION, id: 'b1', name: 'test', notes: '', customerId: 'C1',
    created: stamp, edited: stamp, sources: [], devices: devs, excluded: [], groups, pilot: null, abnormalCheck: null, takenBack: [], handoff: null, ...extra,
  };
}

describe('planBatch', () => {
  it.each([
    [1, [1]],
    [100, [100]],
    [101, [100, 1]],
    [10_000, Array.from({ length: 100 }, () => 100)],
  ])('%i devices of one model become calls of %j serials', (count, sizes) => {
    const plan = planBatch(batch(devices('SM-G991B', 'BTU', count), [immediate('SM-G991B', 'BTU')]));
    expect(plan.calls.map((c) => c.serials.length)).toEqual(sizes);
    expect(plan.devices).toBe(count);
    expect(new Set(plan.calls.flatMap((c) => c.serials)).size).toBe(count);
    expect(plan.calls.every((c) => c.operation === 'forceUpdate' && c.network === 'WIFIONLY')).toBe(true);
  });

  it('keeps one model + sales code per call for mixed devices', () => {
    const devs = [...devices('SM-G991B', 'BTU', 150, 'A'), ...devices('SM-G991B', 'XEU', 20, 'B'), ...devices('SM-A536B', 'BTU', 5, 'C')];
    const plan = planBatch(batch(devs, [immediate('SM-G991B', 'BTU'), immediate('SM-G991B', 'XEU'), immediate('SM-A536B', 'BTU', 'A536BXXU1AVA1/A536BOXM1AVA1/A536BXXU1AVA1')]));
    expect(plan.calls.map((c) => [c.id, c.serials.length])).toEqual([
      ['SM-G991B/BTU#1', 100], ['SM-G991B/BTU#2', 50], ['SM-G991B/XEU#1', 20], ['SM-A536B/BTU#1', 5],
    ]);
    for (const call of plan.calls) {
      const models = new Set(devs.filter((d) => call.serials.includes(d.serial)).map((d) => `${d.model}/${d.salesCode}`));
      expect([...models]).toEqual([call.groupKey]);
    }
    expect(plan.calls[3]?.target).toBe('A536BXXU1AVA1/A536BOXM1AVA1/A536BXXU1AVA1');
  });

  it('plans a scheduled group as one serverInit next to an immediate group, with its scope in words', () => {
    const window = { startDate: '20301201', endDate: '20301205', startHour: '01', endHour: '04' };
    const plan = planBatch(batch([...devices('SM-G991B', 'BTU', 3, 'A'), ...devices('SM-T830', 'XAR', 7, 'T')], [
      immediate('SM-G991B', 'BTU'),
      { model: 'SM-T830', salesCode: 'XAR', target: 'Latest', targetSource: 'latest', mode: { kind: 'scheduled', groupId: 'TABLETS', window } },
    ]));
    expect(plan.calls.map((c) => c.operation)).toEqual(['forceUpdate', 'serverInit']);
    const scheduled = plan.calls[1];
    expect(scheduled?.serials).toEqual([]);
    expect(scheduled?.groupId).toBe('TABLETS');
    expect(scheduled?.window).toEqual(window);
    expect(plan.groups[1]?.scope).toBe('all devices of group TABLETS with model SM-T830 / carrier code XAR');
    expect(plan.groups[0]?.scope).toBe('3 listed devices of model SM-G991B / sales code BTU');
    expect(plan.devices).toBe(3);
  });

  it('leaves out excluded and repeated serials', () => {
    const devs = devices('SM-G991B', 'BTU', 5);
    const excluded = [{ ...devs[1]!, reason: 'Not Enrolled', excludedAt: stamp.at, by: 'abnormalDeviceList' as const }];
    const plan = planBatch(batch([...devs, devs[0]!], [immediate('SM-G991B', 'BTU')], { excluded }));
    expect(plan.calls[0]?.serials).toEqual([devs[0]!.serial, devs[2]!.serial, devs[3]!.serial, devs[4]!.serial]);
    expect(plan.excluded).toBe(1);
  });

  it('puts the first K devices in pilot calls sent first', () => {
    const devs = [...devices('SM-G991B', 'BTU', 3, 'A'), ...devices('SM-A536B', 'XEU', 250, 'B')];
    const plan = planBatch(batch(devs, [immediate('SM-G991B', 'BTU'), immediate('SM-A536B', 'XEU')], { pilot: { kind: 'devices', count: 5 } }));
    expect(plan.pilotCalls).toBe(2);
    expect(plan.calls.slice(0, 2).map((c) => [c.id, c.serials.length, c.pilot])).toEqual([['SM-G991B/BTU#1', 3, true], ['SM-A536B/XEU#1', 2, true]]);
    expect(plan.calls.slice(2).map((c) => c.serials.length)).toEqual([100, 100, 48]);
    expect(plan.calls.slice(2).every((c) => !c.pilot)).toBe(true);
  });

  it('with "first call of each group" sends those calls first', () => {
    const devs = [...devices('SM-G991B', 'BTU', 150, 'A'), ...devices('SM-A536B', 'XEU', 120, 'B')];
    const plan = planBatch(batch(devs, [immediate('SM-G991B', 'BTU'), immediate('SM-A536B', 'XEU')], { pilot: { kind: 'firstCallPerGroup' } }));
    expect(plan.calls.map((c) => [c.id, c.pilot])).toEqual([
      ['SM-G991B/BTU#1', true], ['SM-A536B/XEU#1', true], ['SM-G991B/BTU#2', false], ['SM-A536B/XEU#2', false],
    ]);
  });

  it('sends a pinned firmware instead of Latest', () => {
    const plan = planBatch(batch(devices('SM-G991B', 'BTU', 2), [{ ...immediate('SM-G991B', 'BTU'), pinnedTarget: 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1' }]));
    expect(plan.calls[0]?.target).toBe('G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1');
  });
});
