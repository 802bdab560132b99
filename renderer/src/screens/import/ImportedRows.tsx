// The rows of an imported list: the filter (all, errors, warnings), F8 to the next error, the
// column mapping, the virtualised table, and every finding of the current row.
import { VirtualTable, type VirtualColumn } from '../../components/VirtualTable.tsx';
import type { ImportView } from '../../import/view.ts';
import { useApp } from '../../state/app.ts';
import { useImport, type RowFilter } from '../../state/import.ts';
import { count } from '../../util/format.ts';

const COLUMNS: readonly VirtualColumn[] = [
  { id: 'row', label: 'Row' },
  { id: 'serial', label: 'Serial' },
  { id: 'model', label: 'Model' },
  { id: 'salesCode', label: 'Sales code' },
  { id: 'status', label: 'Status' },
  { id: 'messages', label: 'Findings' },
];

const STATUS_TEXT = { error: 'Error', warning: 'Warning', ok: 'OK' } as const;

const FILTERS = [
  ['all', 'All rows'],
  ['errors', 'Errors only'],
  ['warnings', 'Warnings only'],
] as const;

/** Props of ImportedRows. */
export interface ImportedRowsProps {
  readonly view: ImportView;
  readonly onNextError: () => void;
  readonly onMapColumns: () => void;
}

/** The toolbar, the rows and the current row's findings. */
export function ImportedRows({ view, onNextError, onMapColumns }: ImportedRowsProps) {
  const { shown, current, errorPositions, filter, setFilter, setCurrent } = useImport();
  const announce = useApp((s) => s.announce);
  const rowAt = (position: number) => view.rows[shown[position]!];
  const currentRow = current === null ? undefined : rowAt(current);

  const setFilterAnnounced = (next: RowFilter): void => {
    setFilter(next);
    announce(`${count(useImport.getState().shown.length, 'row')} shown.`);
  };

  return (
    <>
      <div className="toolbar">
        <fieldset className="filters">
          <legend className="visually-hidden">Show</legend>
          {FILTERS.map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="row-filter" value={value} checked={filter === value} onChange={() => setFilterAnnounced(value)} />
              {label}
            </label>
          ))}
        </fieldset>
        <button type="button" className="secondary" onClick={onNextError} disabled={errorPositions.length === 0}>
          Next error (F8)
        </button>
        <button type="button" className="secondary" onClick={onMapColumns}>
          Column mapping…
        </button>
        <span className="muted" data-testid="shown-count">
          {count(shown.length, 'row')} shown, {count(errorPositions.length, 'error')}
        </span>
      </div>
      <VirtualTable
        label={`Rows of ${view.fileName}`}
        columns={COLUMNS}
        rowCount={shown.length}
        current={current}
        onCurrentChange={setCurrent}
        rowClass={(p) => `sev-${rowAt(p)?.severity ?? 'ok'}`}
        renderCells={(p) => {
          const r = rowAt(p);
          if (!r) return [];
          return [
            r.row,
            r.serial,
            r.model,
            r.salesCode,
            <span key="s" className={`sev sev-text-${r.severity}`}>
              {STATUS_TEXT[r.severity]}
              {r.duplicate ? ' (repeat)' : ''}
            </span>,
            <span key="m" title={r.messages}>
              {r.messages.split('\n')[0]}
            </span>,
          ];
        }}
      />
      <div className="row-details" aria-live="polite" data-testid="row-details">
        {currentRow ? (
          <>
            <h3>Row {currentRow.row}</h3>
            {currentRow.messages ? (
              <ul>
                {currentRow.messages.split('\n').map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : (
              <p>No findings: this row is ready.</p>
            )}
          </>
        ) : (
          <p className="muted">Select a row (or press F8) to see all its findings.</p>
        )}
      </div>
    </>
  );
}
