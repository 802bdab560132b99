import { describe, expect, it } from 'vitest';
import { applyAbnormalCheck, excludeByAdmin, flattenAbnormal, serialsToCheck, takeBack } from '../../../common/batch/exclusions.ts';
import { planBatch } from '../../../common/batch/plan.ts';
import { STAMP, batch, devices, immediate } from './batch-fixture.ts';

const AT = '2026-11-02T08:00:00.000Z';
const LATER = '2026-11-03T08:00:00.000Z';
const devs = devices('SM-G991B', 'BTU', 5);
const serial = (i: number): string => devs[i]?.serial ?? '';
const base = batch(devs, [immediate('SM-G991B', 'BTU')]);

describe('the abnormal-device check and the Excluded list', () => {
  it('flattens categories, keeps unknown titles verbatim and joins two titles of one serial', () => {
    expect(flattenAbnormal([
      { title: 'Not Enrolled', serials: [serial(1), serial(2).toLowerCase()] },
      { title: 'Something New', serials: [serial(2)] },
    ])).toEqual([{ serial: serial(1), category: 'Not Enrolled' }, { serial: serial(2), category: 'Not Enrolled; Something New' }]);
  });

  it('moves reported serials to Excluded with their category, so the planner leaves them out', () => {
    const out = applyAbnormalCheck(base, [{ serial: serial(1), category: 'Not Enrolled' }, { serial: serial(3), category: 'Blocked, Insufficient License' }], 5, AT);
    expect(out.newlyExcluded.map((x) => [x.serial, x.reason, x.by])).toEqual([
      [serial(1), 'Not Enrolled', 'abnormalDeviceList'],
      [serial(3), 'Blocked, Insufficient License', 'abnormalDeviceList'],
    ]);
    expect(out.batch.abnormalCheck).toEqual({ at: AT, checked: 5, reported: [{ serial: serial(1), category: 'Not Enrolled' }, { serial: serial(3), category: 'Blocked, Insufficient License' }] });
    expect(planBatch(out.batch).calls[0]?.serials).toEqual([serial(0), serial(2), serial(4)]);
  });

  it('brings a device back when a later check no longer reports it, and never touches an admin exclusion', () => {
    const first = applyAbnormalCheck(base, [{ serial: serial(1), category: 'Not Enrolled' }], 5, AT).batch;
    const byAdmin = excludeByAdmin(first, [serial(4)], 'broken screen', STAMP).batch;
    const second = applyAbnormalCheck(byAdmin, [], 5, LATER);
    expect(second.restored).toEqual([serial(1)]);
    expect(second.batch.excluded.map((x) => [x.serial, x.by, x.reason])).toEqual([[serial(4), 'admin', 'broken screen']]);
  });

  it('leaves a device the admin took back in, and says so', () => {
    const first = applyAbnormalCheck(base, [{ serial: serial(2), category: 'Not Enrolled' }], 5, AT).batch;
    const back = takeBack(first, [serial(2).toLowerCase(), 'NOPE123'], { ...STAMP, at: AT });
    expect(back.changed).toEqual([serial(2)]);
    expect(back.unknown).toEqual(['NOPE123']);
    expect(back.batch.takenBack).toEqual([serial(2)]);
    expect(back.batch.edited.at).toBe(AT);
    const again = applyAbnormalCheck(back.batch, [{ serial: serial(2), category: 'Not Enrolled' }], 5, LATER);
    expect(again.newlyExcluded).toEqual([]);
    expect(again.keptByAdmin).toEqual([{ serial: serial(2), category: 'Not Enrolled' }]);
    expect(planBatch(again.batch).devices).toBe(5);
  });

  it('excluding by hand clears a take-back; serials to check are each asked once', () => {
    const back = { ...base, takenBack: [serial(0)] };
    const out = excludeByAdmin(back, [serial(0), serial(0)], 'excluded by the admin', STAMP);
    expect(out.changed).toEqual([serial(0)]);
    expect(out.batch.takenBack).toEqual([]);
    expect(excludeByAdmin(out.batch, [serial(0)], 'again', STAMP).unchanged).toEqual([serial(0)]);
    expect(serialsToCheck(batch([...devs, devs[0]!], [immediate('SM-G991B', 'BTU')]))).toHaveLength(5);
  });
});
