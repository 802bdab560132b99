// A virtualised grid: only the rows in view (plus a few) are in the DOM, so 250,000 rows scroll as
// smoothly as 25. One tab stop; arrows, Page Up/Down, Home/End move the current row, which screen
// readers follow through aria-activedescendant.
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollToReveal, visibleRange } from './virtual-range.ts';

/** One column of the grid. */
export interface VirtualColumn {
  readonly id: string;
  readonly label: string;
}

/** Props of VirtualTable. */
export interface VirtualTableProps {
  readonly label: string;
  readonly columns: readonly VirtualColumn[];
  readonly rowCount: number;
  /** the cells of row `index` (one element per column) */
  readonly renderCells: (index: number) => readonly ReactNode[];
  /** extra class of row `index` (severity colouring) */
  readonly rowClass?: (index: number) => string;
  readonly current: number | null;
  readonly onCurrentChange: (index: number) => void;
  readonly rowHeight?: number;
  /** grid height in pixels */
  readonly height?: number;
  /** CSS grid-template-columns of the rows (the import table's widths by default) */
  readonly template?: string;
  readonly testId?: string;
}

const OVERSCAN = 8;

/** The virtualised grid. */
export function VirtualTable({ label, columns, rowCount, renderCells, rowClass, current, onCurrentChange, rowHeight = 28, height = 420, template, testId = 'import-grid' }: VirtualTableProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(height);
  const baseId = useId();

  useLayoutEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    const measure = (): void => setViewport(grid.clientHeight - (headRef.current?.offsetHeight ?? 0));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(grid);
    return () => observer.disconnect();
  }, []);

  // Bring the current row into view whenever it changes (F8, keyboard, a filter change).
  useEffect(() => {
    const grid = gridRef.current;
    if (!grid || current === null) return;
    const next = scrollToReveal(current, grid.scrollTop, viewport, rowHeight);
    if (next !== grid.scrollTop) grid.scrollTop = next;
  }, [current, viewport, rowHeight]);

  const move = useCallback(
    (to: number) => {
      if (rowCount === 0) return;
      onCurrentChange(Math.max(0, Math.min(rowCount - 1, to)));
    },
    [rowCount, onCurrentChange],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    const at = current ?? -1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      PageDown: () => move(at + page),
      PageUp: () => move(at - page),
      Home: () => move(0),
      End: () => move(rowCount - 1),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const { start, end } = visibleRange(scrollTop, viewport, rowHeight, rowCount, OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const cells = renderCells(i);
    rows.push(
      <div
        key={i}
        id={`${baseId}-row-${i}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === current}
        className={`vt-row${i % 2 ? ' alt' : ''}${rowClass ? ` ${rowClass(i)}` : ''}${i === current ? ' current' : ''}`}
        style={{ top: i * rowHeight, height: rowHeight, ...(template ? { gridTemplateColumns: template } : {}) }}
        onClick={() => onCurrentChange(i)}
      >
        {cells.map((cell, c) => (
          <div key={columns[c]?.id ?? c} role="gridcell">
            {cell}
          </div>
        ))}
      </div>,
    );
  }

  return (
    <div
      ref={gridRef}
      className="vt"
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length}
      aria-activedescendant={current !== null && current >= start && current < end ? `${baseId}-row-${current}` : undefined}
      tabIndex={0}
      style={{ height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <div ref={headRef} role="rowgroup" className="vt-head-group">
        <div role="row" aria-rowindex={1} className="vt-head" style={template ? { gridTemplateColumns: template } : undefined}>
          {columns.map((c) => (
            <div key={c.id} role="columnheader">
              {c.label}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vt-body" style={{ height: rowCount * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
