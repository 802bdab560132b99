// The words the window, the CLI and the previews share: ages and counts, said one way everywhere.
import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo } from '../../../common/batch/time-text.ts';
import { plural } from '../../../common/plural.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('ages', () => {
  it('says a rough age for previews, and how long ago to the minute for people', () => {
    expect([0, 59_999, 12 * MIN, 5 * HOUR + 20 * MIN, 47 * HOUR + 59 * MIN, 3 * 24 * HOUR].map((ms) => formatAge(ms))).toEqual(['just now', 'just now', '12 min', '5 h', '47 h', '3 days']);
    expect([0, 5 * MIN, 3 * HOUR - MIN, 5 * 24 * HOUR].map(formatAgo)).toEqual(['just now', '5 min ago', '2 h 59 min ago', '5 days ago']);
  });
});

describe('plural', () => {
  it('counts in English digits unless told otherwise, with irregular plurals', () => {
    expect(plural(1, 'call')).toBe('1 call');
    expect(plural(0, 'call')).toBe('0 calls');
    expect(plural(1250, 'scheduled push', 'scheduled pushes')).toBe('1,250 scheduled pushes');
    expect(plural(1250, 'row', 'rows', (n) => `#${n}`)).toBe('#1250 rows');
  });
});
