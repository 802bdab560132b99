import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { checkWindow, firstError, type Finding, type WindowInput } from '../../../common/efota/index.ts';

const NOW = Date.UTC(2030, 4, 1, 0, 0); // 2030-05-01 00:00 GMT
const base: WindowInput = { deliveryStartDate: '20300601', deliveryEndDate: '20300605', dailyStartHour: '01', dailyEndHour: '04' };
const check = (change: Partial<WindowInput>, now = NOW): ReturnType<typeof checkWindow> => checkWindow({ ...base, ...change }, new ManualClock(now));
const codes = (findings: Finding[]): [string, string | null][] => findings.map((f) => [f.severity, f.fud]);

describe('checkWindow: dates (FUD_3001, FUD_3002)', () => {
  it('a 4-day window 01–04 GMT in the future is fine and explained', () => {
    const { findings, window } = check({});
    expect(findings).toEqual([]);
    expect(window).toEqual({
      startDate: '20300601', endDate: '20300605', startHour: 1, endHour: 4,
      startsAt: Date.UTC(2030, 5, 1, 1), endsAt: Date.UTC(2030, 5, 5, 4),
      spanDays: 4, dailyHours: 3, crossesMidnight: false,
    });
  });

  it('end before start: FUD_3001', () => {
    expect(codes(check({ deliveryEndDate: '20300531' }).findings)).toEqual([['error', 'FUD_3001']]);
  });

  it.each([
    ['20300601', 0],
    ['20300603', 2],
  ])('end %s (%i days): warning FUD_3002 — the serverInit page allows it, the error table does not', (end) => {
    const { findings } = check({ deliveryEndDate: end });
    expect(codes(findings)).toEqual([['warning', 'FUD_3002']]);
    expect(findings[0]?.message).toContain('20300604 to 20300608');
  });

  it.each(['20300604', '20300608'])('end %s (3 and 7 days) is fine', (end) => {
    expect(check({ deliveryEndDate: end }).findings).toEqual([]);
  });

  it('8 days: error FUD_3002, naming the last allowed end date', () => {
    const { findings } = check({ deliveryEndDate: '20300609' });
    expect(codes(findings)).toEqual([['error', 'FUD_3002']]);
    expect(findings[0]?.message).toContain('no later than 20300608');
  });

  it('counts days across a month end and a leap day', () => {
    expect(check({ deliveryStartDate: '20320227', deliveryEndDate: '20320305' }).findings).toEqual([]);
    expect(codes(check({ deliveryStartDate: '20320227', deliveryEndDate: '20320306' }).findings)).toEqual([['error', 'FUD_3002']]);
    expect(check({ deliveryStartDate: '20320227', deliveryEndDate: '20320301' }).window?.spanDays).toBe(3);
  });
});

describe('checkWindow: hours (FUD_3003, FUD_3004)', () => {
  it('equal hours: FUD_3003', () => {
    expect(codes(check({ dailyStartHour: '05', dailyEndHour: '05' }).findings)).toEqual([['error', 'FUD_3003']]);
  });

  it('exactly 12 h: warning FUD_3004 (the table refuses only "more than 12")', () => {
    expect(codes(check({ dailyStartHour: '01', dailyEndHour: '13' }).findings)).toEqual([['warning', 'FUD_3004']]);
  });

  it('13 h: error FUD_3004', () => {
    const { findings } = check({ dailyStartHour: '01', dailyEndHour: '14' });
    expect(codes(findings)).toEqual([['error', 'FUD_3004']]);
    expect(findings[0]?.message).toContain('no later than 13');
  });

  it('across midnight: 22 → 04 is 6 h and fine', () => {
    const { findings, window } = check({ dailyStartHour: '22', dailyEndHour: '04' });
    expect(findings).toEqual([]);
    expect(window).toMatchObject({ dailyHours: 6, crossesMidnight: true, endsAt: Date.UTC(2030, 5, 6, 4) });
  });

  it('across midnight: 22 → 10 is 12 h (warning), 22 → 11 is 13 h (error)', () => {
    expect(codes(check({ dailyStartHour: '22', dailyEndHour: '10' }).findings)).toEqual([['warning', 'FUD_3004']]);
    expect(codes(check({ dailyStartHour: '22', dailyEndHour: '11' }).findings)).toEqual([['error', 'FUD_3004']]);
  });

  it('a window that ends exactly at midnight does not cross it', () => {
    expect(check({ dailyStartHour: '20', dailyEndHour: '00' }).window).toMatchObject({ dailyHours: 4, crossesMidnight: false });
  });

  it('00 and 24 are the same hour: an empty window (FUD_3003), plus the warning about 24', () => {
    expect(codes(check({ dailyStartHour: '00', dailyEndHour: '24' }).findings)).toEqual([
      ['warning', 'FUD_1017'],
      ['error', 'FUD_3003'],
    ]);
  });
});

describe('checkWindow: start in the past (FUD_3005)', () => {
  const start = Date.UTC(2030, 5, 1, 1); // 20300601 01:00 GMT

  it('one minute after the start: error FUD_3005, with both times in GMT', () => {
    const { findings } = check({}, start + 60_000);
    expect(codes(findings)).toEqual([['error', 'FUD_3005']]);
    expect(findings[0]?.message).toContain('2030-06-01 01:00 GMT, which is already past (it is now 2030-06-01 01:01 GMT)');
  });

  it('one minute before the start: no error, but a warning that it may be past on arrival', () => {
    expect(codes(check({}, start - 60_000).findings)).toEqual([['warning', 'FUD_3005']]);
  });

  it('exactly at the start: not in the past', () => {
    expect(firstError(check({}, start).findings)).toBeUndefined();
  });

  it('an hour before the start: nothing to say', () => {
    expect(check({}, start - 3_600_000).findings).toEqual([]);
  });

  it('start hour 24 means midnight at the end of the start date', () => {
    expect(check({ dailyStartHour: '24', dailyEndHour: '04' }).window?.startsAt).toBe(Date.UTC(2030, 5, 2, 0));
  });

  it('moves with the injected clock', () => {
    const clock = new ManualClock(start - 3_600_000);
    expect(checkWindow(base, clock).findings).toEqual([]);
    clock.advance(2 * 3_600_000);
    expect(firstError(checkWindow(base, clock).findings)?.fud).toBe('FUD_3005');
  });
});

describe('checkWindow: malformed input', () => {
  it.each([
    ['deliveryStartDate', '20230231', 'FUD_1014'],
    ['deliveryStartDate', '2023-06-01', 'FUD_1014'],
    ['deliveryEndDate', '2023061', 'FUD_1015'],
    ['dailyStartHour', '1', 'FUD_1016'],
    ['dailyEndHour', undefined, 'FUD_1017'],
  ] as const)('%s %j: %s and no window rule', (element, value, fud) => {
    const { findings, window } = check({ [element]: value });
    expect(window).toBeNull();
    expect(codes(findings)).toEqual([['error', fud]]);
  });

  it('reports several format problems in document order', () => {
    const { findings } = checkWindow({ deliveryStartDate: 'x', deliveryEndDate: 'y' }, new ManualClock(NOW));
    expect(findings.map((f) => f.fud)).toEqual(['FUD_1014', 'FUD_1015', 'FUD_1016', 'FUD_1017']);
  });
});
