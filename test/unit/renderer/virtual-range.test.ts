import { describe, expect, it } from 'vitest';
import { MAX_RENDERED_ROWS, nextInSorted, scrollToReveal, visibleRange } from '../../../renderer/src/components/virtual-range.ts';

describe('virtualised table arithmetic', () => {
  it('renders the visible rows plus the overscan', () => {
    expect(visibleRange(0, 280, 28, 200_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRange(28 * 1000, 280, 28, 200_000, 5)).toEqual({ start: 995, end: 1016 });
  });

  it('never passes the end, and never holds more than MAX_RENDERED_ROWS rows', () => {
    const rowHeight = 28;
    const count = 200_000;
    for (const scrollTop of [0, 1, 27, 28, 5_000_000, count * rowHeight - 420, count * rowHeight, count * rowHeight + 10_000]) {
      const range = visibleRange(scrollTop, 420, rowHeight, count, 10);
      expect(range.end).toBeLessThanOrEqual(count);
      expect(range.start).toBeGreaterThanOrEqual(0);
      expect(range.end - range.start).toBeLessThanOrEqual(MAX_RENDERED_ROWS);
      expect(range.end).toBeGreaterThan(range.start);
    }
    expect(visibleRange(0, 100_000, 28, 200_000, 10).end).toBe(MAX_RENDERED_ROWS);
    expect(visibleRange(0, 400, 28, 0, 10)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls as little as possible to reveal a row', () => {
    expect(scrollToReveal(9, 0, 280, 28)).toBe(0); // rows 0–9 fill the 280 px viewport
    expect(scrollToReveal(10, 0, 280, 28)).toBe(28); // row 10 ends at 308
    expect(scrollToReveal(10, 0, 308, 28)).toBe(0);
    expect(scrollToReveal(20, 0, 280, 28)).toBe(20 * 28 + 28 - 280);
    expect(scrollToReveal(3, 500, 280, 28)).toBe(84);
  });

  it('finds the next and previous entry, wrapping around', () => {
    const errors = [4, 9, 150];
    expect(nextInSorted(errors, -1)).toBe(4);
    expect(nextInSorted(errors, 4)).toBe(9);
    expect(nextInSorted(errors, 10)).toBe(150);
    expect(nextInSorted(errors, 150)).toBe(4);
    expect(nextInSorted(errors, 9, true)).toBe(4);
    expect(nextInSorted(errors, 4, true)).toBe(150);
    expect(nextInSorted([], 3)).toBeNull();
  });
});
