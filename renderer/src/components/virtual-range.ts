// The arithmetic of the virtualised table: which rows to put in the DOM for a scroll position, and
// where to scroll to show a row. Pure, so it is unit-tested without a browser.

/** Rows [start, end) to render. */
export interface RowRange {
  readonly start: number;
  readonly end: number;
}

/** Never more rows in the DOM than this, however tall the window. */
export const MAX_RENDERED_ROWS = 200;

/** The rows visible at `scrollTop` plus `overscan` on each side, capped at MAX_RENDERED_ROWS. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.min(count - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
  const shown = Math.max(1, Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + shown + overscan, start + MAX_RENDERED_ROWS);
  return { start, end };
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The first entry of the ascending list `sorted` after `from` (before it, backwards), wrapping around; null when empty. */
export function nextInSorted(sorted: readonly number[], from: number, backwards = false): number | null {
  if (sorted.length === 0) return null;
  let lo = 0;
  let hi = sorted.length;
  // lo = the first position whose entry is > from
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  if (!backwards) return sorted[lo < sorted.length ? lo : 0]!;
  // the last entry < from
  let before = lo - 1;
  while (before >= 0 && sorted[before]! >= from) before--;
  return sorted[before >= 0 ? before : sorted.length - 1]!;
}
