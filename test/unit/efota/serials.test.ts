import { describe, expect, it } from 'vitest';
import { checkSerialList, firstError, MAX_SERIALS_PER_CALL, uniqueSerials } from '../../../common/efota/index.ts';

const serials = (count: number): string[] => Array.from({ length: count }, (_, i) => `R58N${String(i).padStart(7, '0')}`);

describe('checkSerialList', () => {
  it('0 serials: FUD_1018', () => {
    expect(checkSerialList([])).toEqual([expect.objectContaining({ severity: 'error', fud: 'FUD_1018' })]);
  });

  it.each([1, 100])('%i serials: fine', (count) => {
    expect(checkSerialList(serials(count))).toEqual([]);
  });

  it('101 serials: FUD_1018, saying how to split', () => {
    const found = checkSerialList(serials(MAX_SERIALS_PER_CALL + 1));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'error', fud: 'FUD_1018' });
    expect(found[0]?.message).toContain('101 serial numbers in one call; Samsung accepts at most 100');
  });

  it('checks each serial and reports an empty entry by position', () => {
    const found = checkSerialList(['R58N31ABCDE', ' ', 'R58N 31']);
    expect(found.map((f) => [f.severity, f.fud])).toEqual([
      ['error', 'FUD_1018'],
      ['error', 'FUD_1019'],
    ]);
    expect(found[0]?.message).toContain('Entry 2 of 3');
  });

  it('flags duplicates after case folding, as a warning without a FUD code (Samsung does not document them)', () => {
    const found = checkSerialList(['R58N31ABCDE', 'r58n31abcde', 'R58N31ABCDF', ' R58N31ABCDE']);
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', fud: null, value: 'R58N31ABCDE' })]);
    expect(found[0]?.message).toContain('appears 3 times');
  });

  it('puts the count error first, so it is the one Samsung would answer', () => {
    const list = [...serials(100), 'BAD SERIAL'];
    expect(firstError(checkSerialList(list))?.message).toContain('101 serial numbers');
  });

  it('uniqueSerials keeps the first spelling order and drops empties', () => {
    expect(uniqueSerials(['b1', 'A1', 'B1', '', 'a1 '])).toEqual(['B1', 'A1']);
  });
});
