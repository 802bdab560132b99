import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { buildBatch, mergeDevices, parseGroupRef, type BuildChoices, type ImportedFile } from '../../../common/batch/build.ts';
import { parseBatch } from '../../../common/batch/parse.ts';
import { STAMP, dayAfter, devices } from './batch-fixture.ts';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const clock = new ManualClock(NOW);
const file = (fileName: string, devs: ImportedFile['devices']): ImportedFile => ({ fileName, sha256: 'c'.repeat(64), importedAt: STAMP.at, devices: devs });
const choices = (over: Partial<BuildChoices> = {}): BuildChoices => ({
  id: 'b-0000000000b1', name: '  Q4  ', notes: '', customerId: 'C-1', stamp: STAMP, target: 'Latest', targetFor: new Map(), network: 'ANY', schedule: null, pilot: null,
  firmwareFor: () => null, ...over,
});

describe('building a batch from imported files', () => {
  it('reads MODEL:CSC references', () => {
    expect(parseGroupRef(' sm-g991b : btu ')).toBe('SM-G991B/BTU');
    expect(parseGroupRef('SM-T830/XAR')).toBe('SM-T830/XAR');
    expect(parseGroupRef('SM-T830')).toBeNull();
  });

  it('merges files: a repeat is kept once, a serial with two models is left out entirely', () => {
    const a = devices('SM-G991B', 'BTU', 3, 'A');
    const merged = mergeDevices([file('a.csv', a), file('b.csv', [a[0]!, { ...a[1]!, model: 'SM-A536B', salesCode: 'XEU' }, ...devices('SM-A536B', 'XEU', 2, 'B')])]);
    expect(merged.devices.map((d) => d.serial)).toEqual([a[0]!.serial, a[2]!.serial, 'B0000000', 'B0000001']);
    expect(merged.repeated).toBe(1);
    expect(merged.conflicts).toEqual([{ serial: a[1]!.serial, seenAs: [{ model: 'SM-G991B', salesCode: 'BTU', fileName: 'a.csv' }, { model: 'SM-A536B', salesCode: 'XEU', fileName: 'b.csv' }] }]);
    expect(merged.contributed).toEqual([2, 2]);
  });

  it('gives every group a target (per group over the default), marks a firmware from the cached list, and stores a valid batch', () => {
    const cached = [{ targetFirmwareVersion: 'A536BXXU6CWK1/A536BOXM6CWK1/A536BXXU6CWK1' }];
    const r = buildBatch([file('a.csv', [...devices('SM-G991B', 'BTU', 2, 'A'), ...devices('SM-A536B', 'XEU', 2, 'B')])], choices({
      targetFor: new Map([['SM-A536B/XEU', 'a536bxxu6cwk1/a536boxm6cwk1/a536bxxu6cwk1']]),
      firmwareFor: (model) => (model === 'SM-A536B' ? cached : null),
    }), clock);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.batch.name).toBe('Q4');
    expect(r.batch.groups.map((g) => [g.model, g.target, g.targetSource, g.mode])).toEqual([
      ['SM-G991B', 'Latest', 'latest', { kind: 'immediate', network: 'ANY' }],
      ['SM-A536B', 'A536BXXU6CWK1/A536BOXM6CWK1/A536BXXU6CWK1', 'firmwareList', { kind: 'immediate', network: 'ANY' }],
    ]);
    expect(r.findings).toEqual([]);
    expect(parseBatch(JSON.parse(JSON.stringify(r.batch)))).toEqual({ ok: true, batch: r.batch });
  });

  it('warns about a typed target that is not in the cached list, or not for the model', () => {
    const r = buildBatch([file('a.csv', devices('SM-A536B', 'XEU', 2))], choices({
      target: 'G991BXXU5CVF1/G991BOXM5CVF1/G991BXXU5CVF1',
      firmwareFor: () => [{ targetFirmwareVersion: 'A536BXXU6CWK1/A536BOXM6CWK1/A536BXXU6CWK1' }],
    }), clock);
    expect(r.ok).toBe(true);
    expect(r.findings.map((f) => [f.severity, f.fud])).toEqual([['warning', null], ['warning', 'FUD_3015']]);
  });

  it('schedules only the named groups, upper-casing the group id', () => {
    const w = { startDate: dayAfter(NOW, 2), endDate: dayAfter(NOW, 6), startHour: '01', endHour: '04' };
    const r = buildBatch([file('a.csv', [...devices('SM-G991B', 'BTU', 2, 'A'), ...devices('SM-T830', 'XAR', 2, 'T')])], choices({ schedule: { groupId: 'tablets', window: w, only: ['SM-T830/XAR'] } }), clock);
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.batch.groups.map((g) => g.mode.kind)).toEqual(['immediate', 'scheduled']);
    expect(r.batch.groups[1]?.mode).toEqual({ kind: 'scheduled', groupId: 'TABLETS', window: w });
  });

  it('refuses: no target for a group, a target for a group not imported, a window Samsung would refuse, no device at all', () => {
    const devs = devices('SM-G991B', 'BTU', 2);
    const noTarget = buildBatch([file('a.csv', devs)], choices({ target: null }), clock);
    expect(!noTarget.ok && noTarget.problems).toEqual(['No target for SM-G991B/BTU: give --target (e.g. Latest) or --target-for SM-G991B:BTU=FIRMWARE.']);
    const stray = buildBatch([file('a.csv', devs)], choices({ targetFor: new Map([['SM-X200/XAR', 'Latest']]) }), clock);
    expect(!stray.ok && stray.problems[0]).toMatch(/--target-for names SM-X200\/XAR, but no imported device has that model and sales code \(found: SM-G991B\/BTU\)/);
    const past = buildBatch([file('a.csv', devs)], choices({ schedule: { groupId: 'G', window: { startDate: dayAfter(NOW, -2), endDate: dayAfter(NOW, 2), startHour: '01', endHour: '04' }, only: null } }), clock);
    expect(!past.ok && past.problems.join('\n')).toMatch(/already past.*\(FUD_3005\)/);
    const empty = buildBatch([file('a.csv', [])], choices(), clock);
    expect(!empty.ok && empty.problems).toEqual(['No valid device in the files: nothing to put in a batch.']);
  });
});
