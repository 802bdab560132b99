// The import screen's state: the file's bytes (kept for a re-parse with another mapping or sheet),
// the Worker's result, the filter, and the current row. Parsing itself never runs here.
import { create } from 'zustand';
import { parseInWorker, type ParseProgress } from '../import/client.ts';
import type { ColumnRole, ImportSource, ImportView } from '../import/view.ts';
import { fota } from '../bridge/fota.ts';

/** Which rows the table shows. */
export type RowFilter = 'all' | 'errors' | 'warnings';

interface ImportState {
  readonly status: 'idle' | 'parsing' | 'done' | 'failed';
  readonly progress: ParseProgress | null;
  readonly view: ImportView | null;
  readonly failure: string | null;
  /** 'worker' once a result arrived: where the parser ran */
  readonly parsedIn: 'worker' | null;
  /** what was read, kept for a re-parse */
  readonly source: ImportSource | null;
  readonly sheet: string | null;
  readonly mapping: Readonly<Record<ColumnRole, number | null>> | null;
  readonly defaults: { readonly model: string; readonly salesCode: string };
  readonly filter: RowFilter;
  /** indices into view.rows of the rows shown, in order */
  readonly shown: Int32Array;
  /** positions in `shown` of rows with an error */
  readonly errorPositions: readonly number[];
  /** position in `shown` of the current row */
  readonly current: number | null;
  /** a remembered mapping was applied to this file */
  readonly usedRemembered: boolean;
  open(source: ImportSource): Promise<void>;
  reparse(change: { sheet?: string | null; mapping?: Readonly<Record<ColumnRole, number | null>> | null }): Promise<void>;
  setDefaults(defaults: { model: string; salesCode: string }): void;
  setFilter(filter: RowFilter): void;
  setCurrent(position: number | null): void;
  /** remembers a column mapping for files with this header (main keeps it for the CLI too) */
  saveMapping(headerKey: string, columns: Readonly<Record<ColumnRole, number | null>>): Promise<void>;
}

function select(view: ImportView | null, filter: RowFilter): { shown: Int32Array; errorPositions: number[] } {
  const rows = view?.rows ?? [];
  const picked: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const severity = rows[i]!.severity;
    if (filter === 'all' || (filter === 'errors' && severity === 'error') || (filter === 'warnings' && severity === 'warning')) picked.push(i);
  }
  const shown = Int32Array.from(picked);
  const errorPositions: number[] = [];
  for (let p = 0; p < shown.length; p++) if (rows[shown[p]!]!.severity === 'error') errorPositions.push(p);
  return { shown, errorPositions };
}

/** The import slice. */
export const useImport = create<ImportState>()((set, get) => {
  const run = async (): Promise<void> => {
    const { source, sheet, mapping, defaults } = get();
    if (!source) return;
    set({ status: 'parsing', progress: { done: 0, total: 1, phase: 'Reading the file' }, failure: null });
    try {
      const outcome = await parseInWorker({ source, sheet, mapping, defaults }, (progress) => set({ progress }));
      set({ status: 'done', view: outcome.view, parsedIn: outcome.thread, progress: null, current: null, ...select(outcome.view, get().filter) });
    } catch (error) {
      if (error instanceof Error && error.message === 'superseded') return;
      set({ status: 'failed', failure: error instanceof Error ? error.message : String(error), progress: null });
    }
  };
  return {
    status: 'idle',
    progress: null,
    view: null,
    failure: null,
    parsedIn: null,
    source: null,
    sheet: null,
    mapping: null,
    defaults: { model: '', salesCode: '' },
    filter: 'all',
    shown: new Int32Array(0),
    errorPositions: [],
    current: null,
    usedRemembered: false,
    open: async (source) => {
      set({ source, sheet: null, mapping: null, view: null, usedRemembered: false });
      await run();
      // A mapping remembered for this header wins over detection.
      const view = get().view;
      if (!view || view.headerKey === '') return;
      const remembered = await fota().invoke['import:getMapping']({ headerKey: view.headerKey });
      if (!remembered.ok || remembered.data === null) return;
      const mapping = { serial: null, model: null, salesCode: null, imei: null, ...remembered.data.columns } as Record<ColumnRole, number | null>;
      if (JSON.stringify(mapping) === JSON.stringify(view.mapping)) return;
      set({ mapping, usedRemembered: true });
      await run();
    },
    reparse: async (change) => {
      set({ ...('sheet' in change ? { sheet: change.sheet ?? null } : {}), ...('mapping' in change ? { mapping: change.mapping ?? null } : {}) });
      await run();
    },
    setDefaults: (defaults) => set({ defaults }),
    setFilter: (filter) => set({ filter, current: null, ...select(get().view, filter) }),
    setCurrent: (current) => set({ current }),
    saveMapping: async (headerKey, columns) => {
      await fota().invoke['import:saveMapping']({ headerKey, columns });
    },
  };
});
