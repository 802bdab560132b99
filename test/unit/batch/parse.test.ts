import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../../common/batch/parse.ts';
import { batch, dayAfter, devices, immediate, scheduled } from './batch-fixture.ts';

const full = () => {
  const devs = devices('SM-G991B', 'BTU', 3);
  return batch([...devs, { serial: 'T0001', model: 'SM-T830', salesCode: 'XAR', imei: '356938035643809', source: { fileName: 'fleet.xlsx', row: 12 } }], [
    immediate('SM-G991B', 'BTU'),
    scheduled('SM-T830', 'XAR', 'TABLETS', { startDate: dayAfter(Date.now(), 3), endDate: dayAfter(Date.now(), 7), startHour: '01', endHour: '04' }),
  ], {
    excluded: [{ ...devs[0]!, reason: 'Not Enrolled', excludedAt: '2026-11-01T10:00:00.000Z', by: 'abnormalDeviceList' }],
    abnormalCheck: { at: '2026-11-01T10:00:00.000Z', checked: 4, reported: [{ serial: devs[0]!.serial, category: 'Not Enrolled' }] },
    takenBack: [devs[1]!.serial],
    pilot: { kind: 'devices', count: 1 },
    sources: [{ fileName: 'fleet.xlsx', sha256: 'a'.repeat(64), importedAt: '2026-11-01T10:00:00.000Z', devices: 4 }],
    handoff: { fileName: 'x.fotabatch', sha256: 'b'.repeat(64), prepared: { at: '2026-11-01T10:00:00.000Z', by: { user: 'a', host: 'h' } }, imported: { at: '2026-11-01T11:00:00.000Z', by: { user: 'b', host: 'h2' } } },
  });
};

const errorsOf = (value: unknown): readonly string[] => {
  const r = parseBatch(value);
  return r.ok ? [] : r.errors;
};

describe('parseBatch', () => {
  it('accepts a batch as JSON gives it back, unchanged', () => {
    const b = full();
    const r = parseBatch(JSON.parse(JSON.stringify(b)));
    expect(r).toEqual({ ok: true, batch: b });
  });

  it('names every bad field by its path', () => {
    const b = JSON.parse(JSON.stringify(full())) as Record<string, unknown> & { devices: Array<Record<string, unknown>>; groups: Array<Record<string, unknown>> };
    b['name'] = 42;
    b.devices[1]!['serial'] = null;
    (b.groups[0]!['mode'] as Record<string, unknown>)['network'] = 'LTE';
    b['surprise'] = true;
    expect(errorsOf(b)).toEqual([
      'batch.surprise: unexpected field',
      'batch.name: expected text, found number 42',
      'batch.devices[1].serial: expected text, found null',
      'batch.groups[0].mode.network: expected one of "WIFIONLY", "ANY", found text "LTE"',
    ]);
  });

  it.each([
    ['an id that could leave the batches folder', { id: '../../etc/passwd' }, /batch\.id: expected an id/],
    ['a blank name', { name: '   ' }, /batch\.name: must not be blank/],
    ['a bad time', { created: { at: 'yesterday', by: { user: 'a', host: 'b' } } }, /batch\.created\.at: expected an ISO 8601 UTC time/],
    ['a window date with separators', { groups: [immediate('SM-G991B', 'BTU'), scheduled('SM-T830', 'XAR', 'T', { startDate: '2030-12-01', endDate: '20301205', startHour: '01', endHour: '04' })] }, /window\.startDate: expected a date as yyyymmdd/],
    ['a pilot of 0 devices', { pilot: { kind: 'devices', count: 0 } }, /batch\.pilot\.count: must be between 1/],
  ])('refuses %s', (_name, change, message) => {
    expect(errorsOf({ ...JSON.parse(JSON.stringify(full())), ...change }).join('\n')).toMatch(message);
  });

  it('checks the invariants the planner relies on', () => {
    const b = full();
    expect(errorsOf({ ...b, groups: [b.groups[0]] }).join('\n')).toMatch(/device T0001 is SM-T830\/XAR, which has no group/);
    expect(errorsOf({ ...b, devices: [...b.devices, b.devices[2]] }).join('\n')).toMatch(/serial R58N0000002 is listed twice/);
    expect(errorsOf({ ...b, groups: [...b.groups, b.groups[0]] }).join('\n')).toMatch(/a second group for SM-G991B\/BTU/);
    expect(errorsOf({ ...b, excluded: [{ ...b.excluded[0]!, serial: 'NOTHERE' }] }).join('\n')).toMatch(/serial NOTHERE is not a device of this batch/);
    expect(errorsOf({ ...b, takenBack: [b.excluded[0]!.serial] }).join('\n')).toMatch(/both excluded and taken back/);
  });

  it('says when a newer FOTA Desk wrote the batch', () => {
    const r = parseBatch({ ...full(), schemaVersion: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.newerSchema).toBe(2);
      expect(r.errors[0]).toMatch(/newer FOTA Desk \(schema 2; this version reads up to 1\)/);
    }
  });

  it('refuses what is not an object, and caps the list of problems', () => {
    expect(errorsOf('batch')).toEqual(['batch: expected an object, found text "batch"']);
    const many = { ...full(), devices: Array.from({ length: 50 }, () => ({ serial: 1 })) };
    const errors = errorsOf(many);
    expect(errors).toHaveLength(21);
    expect(errors.at(-1)).toMatch(/more problems not listed/);
  });
});
