import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { checkBatch, checkGroup } from '../../../common/batch/check.ts';
import { planBatch } from '../../../common/batch/plan.ts';
import { checkTargetForModel, modelStem, resolveTarget } from '../../../common/batch/target.ts';
import { batch, dayAfter, devices, immediate, scheduled } from './batch-fixture.ts';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const clock = new ManualClock(NOW);

describe('the AP-prefix rule (a warning, never an error)', () => {
  it.each([
    ['SM-G991B', 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1', 0],
    ['SM-T830', 'T830XXU4BTB2.DM/T830OXM4BTB2/', 0],
    ['GT-S8500A', 'S8500AXXJL1/S8500AOXAJL1/S8500AXXJL1', 0],
    ['sm-g991b', 'g991bxxu5cvf1/G991BOXM5CVF1/', 0],
    ['SM-G991B', 'A536BXXU4BWA2/A536BOXM4BWA2/A536BXXU4BWA2', 1],
    ['SM-G991B', '/G991BOXM5CVF1/G991BXXU5CVF1', 1],
    ['SM-G991B', 'Latest', 0],
  ])('model %s, target %s → %i warning(s)', (model, target, count) => {
    const findings = checkTargetForModel(model, target);
    expect(findings).toHaveLength(count);
    expect(findings.every((f) => f.severity === 'warning' && f.element === 'targetFirmwareVersion')).toBe(true);
    if (count) expect(findings[0]?.message).toContain(modelStem(model).toUpperCase());
  });

  it('is part of the group check for a typed target only', () => {
    const typed = checkGroup(immediate('SM-G991B', 'BTU', 'A536BXXU4BWA2/A536BOXM4BWA2/A536BXXU4BWA2'), clock);
    expect(typed.filter((f) => /does not start with G991B/.test(f.message))).toHaveLength(1);
    expect(typed.some((f) => f.severity === 'error')).toBe(false);
    const listed = checkGroup({ ...immediate('SM-G991B', 'BTU', 'A536BXXU4BWA2/A536BOXM4BWA2/A536BXXU4BWA2'), targetSource: 'firmwareList' }, clock);
    expect(listed.filter((f) => /does not start with/.test(f.message))).toHaveLength(0);
  });

  it('resolveTarget: Latest, a firmware from the cached list, or typed (normalised)', () => {
    const cached = [{ targetFirmwareVersion: 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1' }];
    expect(resolveTarget('SM-G991B', ' latest ', cached)).toMatchObject({ target: 'Latest', source: 'latest', findings: [] });
    expect(resolveTarget('SM-G991B', 'g991bxxu5cvf1/g991boxm5cvf1/g991bxxu5cvf1', cached)).toMatchObject({ target: 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1', source: 'firmwareList' });
    const typed = resolveTarget('SM-G991B', 'A536BXXU4BWA2/A536BOXM4BWA2/A536BXXU4BWA2', cached);
    expect(typed.source).toBe('typed');
    expect(typed.findings.map((f) => f.severity)).toEqual(['warning']);
    const bad = resolveTarget('SM-G991B', 'G991B XXU5', null);
    expect(bad.findings.some((f) => f.severity === 'error')).toBe(false);
    expect(resolveTarget('SM-G991B', 'x'.repeat(101), null).findings.some((f) => f.severity === 'error' && f.fud === 'FUD_1013')).toBe(true);
  });
});

describe('the schedule window of a scheduled group, through the E-FOTA rules', () => {
  const start = dayAfter(NOW, 2);
  const window = (endDays: number, startHour = '01', endHour = '04', startDate = start) => ({ startDate, endDate: dayAfter(Date.parse(`${startDate.slice(0, 4)}-${startDate.slice(4, 6)}-${startDate.slice(6)}T00:00:00Z`), endDays), startHour, endHour });
  const errorsOf = (w: ReturnType<typeof window>) => checkGroup(scheduled('SM-T830', 'XAR', 'TABLETS', w), clock).filter((f) => f.severity === 'error').map((f) => f.fud);

  it('accepts a 4-day window of 3 hours a day, starting in the future', () => {
    expect(errorsOf(window(4))).toEqual([]);
  });
  it.each([
    ['end before start', window(-1), 'FUD_3001'],
    ['8 days', window(8), 'FUD_3002'],
    ['hours equal', window(4, '05', '05'), 'FUD_3003'],
    ['13 hours a day', window(4, '01', '14'), 'FUD_3004'],
    ['a start in the past', window(4, '01', '04', dayAfter(NOW, -1)), 'FUD_3005'],
  ])('refuses %s with the FUD code Samsung would answer', (_name, w, fud) => {
    expect(errorsOf(w)).toContain(fud);
  });
  it('names a malformed date with the format code', () => {
    expect(errorsOf({ startDate: '2030-12-01', endDate: '20301205', startHour: '01', endHour: '04' })).toContain('FUD_1014');
  });
  it('checks the carrier code (v1) and the group id of a scheduled group', () => {
    const findings = checkGroup(scheduled('SM-T830', 'X@R', '', window(4)), clock);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.element)).toEqual(expect.arrayContaining(['carrierCode', 'groupId']));
  });
});

describe('checkBatch', () => {
  it('plans 10,000 devices of mixed models next to a scheduled group, with no error', () => {
    const w = { startDate: dayAfter(NOW, 2), endDate: dayAfter(NOW, 6), startHour: '01', endHour: '04' };
    const b = batch(
      [...devices('SM-G991B', 'BTU', 6000, 'A'), ...devices('SM-A536B', 'XEU', 3999, 'B'), ...devices('SM-T830', 'XAR', 1, 'C')],
      [immediate('SM-G991B', 'BTU'), immediate('SM-A536B', 'XEU', 'A536BXXU6CWK1/A536BOXM6CWK1/A536BXXU6CWK1'), scheduled('SM-T830', 'XAR', 'TABLETS', w)],
    );
    expect(checkBatch(b, clock).filter((f) => f.severity === 'error')).toEqual([]);
    const plan = planBatch(b);
    expect(plan.calls.map((c) => c.operation).filter((o) => o === 'forceUpdate')).toHaveLength(60 + 40);
    expect(plan.calls.at(-1)?.operation).toBe('serverInit');
    expect(plan.devices).toBe(9999);
  });

  it('reports a damaged serial, an empty group and a pilot that covers everything', () => {
    const devs = [...devices('SM-G991B', 'BTU', 3), { serial: 'R58N-0001', model: 'SM-G991B', salesCode: 'BTU' }];
    const b = batch(devs, [immediate('SM-G991B', 'BTU'), immediate('SM-A536B', 'XEU')], { pilot: { kind: 'devices', count: 10 } });
    const findings = checkBatch(b, clock);
    expect(findings.find((f) => f.value === 'R58N-0001')).toMatchObject({ severity: 'error', fud: 'FUD_1019', where: 'SM-G991B/BTU' });
    expect(findings.find((f) => f.where === 'SM-A536B/XEU' && /no device left/.test(f.message))?.severity).toBe('warning');
    expect(findings.find((f) => f.element === 'pilot')?.message).toMatch(/no pause/);
  });
});
