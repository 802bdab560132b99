// The builder's group drafts: what is saved, when a draft differs from the stored group, and the
// live findings that explain a broken window (and a target for another model) before saving.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import type { BatchGroupView } from '../../../common/contract.ts';
import { compactDate, dashedDate, draftFindings, draftOf, draftScope, draftWindowText, isDirty, settingOf } from '../../../renderer/src/screens/group-draft.ts';

const NOW = Date.UTC(2030, 5, 1, 12);
const clock = new ManualClock(NOW);
const saved: BatchGroupView = {
  key: 'SM-A536B/BTU',
  model: 'SM-A536B',
  salesCode: 'BTU',
  devices: 6,
  excluded: 1,
  target: 'Latest',
  targetSource: 'latest',
  pinnedTarget: null,
  network: 'WIFIONLY',
  schedule: null,
  scope: '5 listed devices of model SM-A536B / sales code BTU',
  sample: ['R58T1SP0001'],
};

describe('group drafts', () => {
  it('start from the stored group, unchanged, with a schedule proposal from tomorrow', () => {
    const d = draftOf(saved, [], NOW);
    expect(d).toMatchObject({ choice: 'latest', network: 'WIFIONLY', scheduled: false, startDate: '2030-06-02', endDate: '2030-06-05', startHour: '01', endHour: '05' });
    expect(isDirty(d, saved)).toBe(false);
    expect(settingOf(d)).toEqual({ key: 'SM-A536B/BTU', target: 'Latest', network: 'WIFIONLY', schedule: null });
    expect(draftFindings(d, saved, clock)).toEqual([]);
  });

  it('convert date-picker dates to serverInit dates and back', () => {
    expect(compactDate('2030-06-02')).toBe('20300602');
    expect(dashedDate('20300602')).toBe('2030-06-02');
    expect(dashedDate('2030-06-02')).toBe('');
  });

  it('say a scheduled group reaches the whole registered group, and save it normalised', () => {
    const d = { ...draftOf(saved, [], NOW), scheduled: true, groupId: ' sales-phones ' };
    expect(isDirty(d, saved)).toBe(true);
    expect(draftScope(d, saved)).toBe('all devices of group SALES-PHONES with model SM-A536B / carrier code BTU');
    expect(settingOf(d).schedule).toEqual({ groupId: 'SALES-PHONES', window: { startDate: '20300602', endDate: '20300605', startHour: '01', endHour: '05' } });
    expect(draftFindings(d, saved, clock).filter((f) => f.severity === 'error')).toEqual([]);
    const text = draftWindowText(d, () => 120);
    expect(text?.gmt).toBe('2030-06-02 to 2030-06-05, daily 01:00–05:00 GMT');
    expect(text?.local).toContain('local time (GMT+02:00)');
  });

  it('explain a broken window before anything is saved: too long, in the past, a daily slot over 12 hours', () => {
    const base = { ...draftOf(saved, [], NOW), scheduled: true, groupId: 'SALES-PHONES' };
    const errors = (patch: Partial<typeof base>) => draftFindings({ ...base, ...patch }, saved, clock).filter((f) => f.severity === 'error').map((f) => f.fud);
    expect(errors({ endDate: '2030-06-12' })).toEqual(['FUD_3002']);
    expect(errors({ startDate: '2030-05-30' })).toContain('FUD_3005');
    expect(errors({ startHour: '01', endHour: '20' })).toEqual(['FUD_3004']);
    expect(draftFindings({ ...base, groupId: ' ' }, saved, clock)[0]?.message).toMatch(/registered group/);
  });

  it('warn when a typed target looks like another model’s, and ask for a target when none is given', () => {
    const typed = { ...draftOf(saved, [], NOW), choice: 'typed' as const, typed: 'g991bxxu5cvd1/g991boxm5cvd1/g991bxxu5cvd1' };
    expect(settingOf(typed).target).toBe('G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1');
    const warning = draftFindings(typed, saved, clock).find((f) => f.severity === 'warning');
    expect(warning?.message).toMatch(/does not start with A536B/);
    expect(draftFindings({ ...typed, typed: '' }, saved, clock)[0]).toMatchObject({ severity: 'error' });
  });

  it('recognise a target picked from the firmware list', () => {
    const picked = { ...saved, target: 'A536BXXS9DXG3/A536BOXM9DXG3/A536BXXS9DXG3', targetSource: 'firmwareList' as const };
    const d = draftOf(picked, [{ version: picked.target, description: null, osVersion: null, openedDate: null }], NOW);
    expect(d).toMatchObject({ choice: 'list', listed: picked.target });
    expect(isDirty(d, picked)).toBe(false);
  });
});
