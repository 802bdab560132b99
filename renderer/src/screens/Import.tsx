// Import: a spreadsheet or a pasted list → rows checked with Samsung's rules (in a Web Worker),
// shown in a virtualised table with filters, F8 to the next error, and the column-mapping dialog.
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Field } from '../components/Field.tsx';
import { VirtualTable, type VirtualColumn } from '../components/VirtualTable.tsx';
import { nextInSorted } from '../components/virtual-range.ts';
import { useApp } from '../state/app.ts';
import { useImport, type RowFilter } from '../state/import.ts';
import { useImportCommands } from '../state/import-commands.ts';
import { count } from '../util/format.ts';
import { MappingDialog } from './MappingDialog.tsx';
import { PasteDialog } from './PasteDialog.tsx';
import { CreateBatchForm } from './CreateBatch.tsx';
import { Dialog } from '../components/Dialog.tsx';
import type { ImportSource } from '../import/view.ts';

const COLUMNS: readonly VirtualColumn[] = [
  { id: 'row', label: 'Row' },
  { id: 'serial', label: 'Serial' },
  { id: 'model', label: 'Model' },
  { id: 'salesCode', label: 'Sales code' },
  { id: 'status', label: 'Status' },
  { id: 'messages', label: 'Findings' },
];

const STATUS_TEXT = { error: 'Error', warning: 'Warning', ok: 'OK' } as const;

/** The import screen. */
export function ImportScreen() {
  const state = useImport();
  const { view, shown, current, errorPositions, filter, status, progress } = state;
  const announce = useApp((s) => s.announce);
  const fileInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [mappingOpen, setMappingOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const pending = useImportCommands((s) => s.pending);
  const done = useImportCommands((s) => s.done);

  const openSource = useCallback(
    async (source: ImportSource) => {
      const name = source.kind === 'file' ? source.name : 'the pasted list';
      announce(`Reading ${name}…`);
      await useImport.getState().open(source);
      const after = useImport.getState();
      if (after.status === 'failed') announce(`${name} could not be read.`);
      else if (after.view) {
        const t = after.view.totals;
        announce(`${after.view.fileName}: ${count(t.read, 'row')} read, ${t.valid.toLocaleString()} valid, ${t.warnings.toLocaleString()} with warnings, ${t.rejected.toLocaleString()} rejected.`);
        if (after.view.mappingProblems.length > 0) setMappingOpen(true);
      }
    },
    [announce],
  );

  const openFile = useCallback(
    async (file: File) => {
      await openSource({ kind: 'file', name: file.name, bytes: await file.arrayBuffer() });
    },
    [openSource],
  );

  const jump = useCallback(
    (backwards: boolean) => {
      const s = useImport.getState();
      const next = nextInSorted(s.errorPositions, s.current ?? (backwards ? 0 : -1), backwards);
      if (next === null) {
        announce(s.view ? 'No errors in the rows shown.' : 'Import a file first.');
        return;
      }
      s.setCurrent(next);
      const row = s.view?.rows[s.shown[next]!];
      const index = s.errorPositions.indexOf(next) + 1;
      announce(`Error ${index} of ${s.errorPositions.length}, row ${row?.row ?? ''}: ${row?.messages ?? ''}`);
    },
    [announce],
  );

  // Keyboard shortcuts posted by the shell.
  useEffect(() => {
    if (!pending) return;
    done(pending.id);
    if (pending.command === 'pick-file') fileInput.current?.click();
    if (pending.command === 'paste') setPasteOpen(true);
    if (pending.command === 'next-error') jump(false);
    if (pending.command === 'previous-error') jump(true);
  }, [pending, done, jump]);

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void openFile(file);
  };

  const rowAt = (position: number) => view?.rows[shown[position]!];
  const currentRow = current === null ? undefined : rowAt(current);

  return (
    <section aria-labelledby="import-title" data-parsed-in={state.parsedIn ?? undefined}>
      <h1 id="import-title" tabIndex={-1}>
        Import
      </h1>
      <p className="lead">Bring the device list your MDM or Excel exported. Every row is checked against Samsung’s rules before anything is sent.</p>

      <div
        className={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p>
          <strong>Drop a spreadsheet here</strong> (.xlsx, .csv, .tsv, .txt), or:
        </p>
        <div className="actions" style={{ justifyContent: 'center' }}>
          <button type="button" onClick={() => fileInput.current?.click()}>
            Choose a file… (Ctrl+O)
          </button>
          <button type="button" className="secondary" onClick={() => setPasteOpen(true)}>
            Paste a list… (Ctrl+Shift+V)
          </button>
        </div>
        <input
          ref={fileInput}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Spreadsheet file"
          accept=".xlsx,.ods,.csv,.tsv,.txt,.xls,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
          data-testid="file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void openFile(file);
            e.target.value = '';
          }}
        />
      </div>

      <Defaults />

      {status === 'parsing' && progress && (
        <div className="progress">
          <progress aria-label="Import progress" max={Math.max(1, progress.total)} value={progress.done} />
          <span>
            {progress.phase}… {progress.total > 0 ? `${Math.floor((progress.done / progress.total) * 100)} %` : ''}
          </span>
        </div>
      )}
      {status === 'failed' && <ErrorNote error={{ code: 'INVALID_INPUT', message: state.failure ?? 'The file could not be read.', remedy: null }} title="The list was not imported:" />}

      {view && (
        <>
          <h2>
            {view.fileName}
            {view.sheet ? ` — sheet “${view.sheet}”` : ''}
          </h2>
          {view.sheets.length > 1 && (
            <Field label="Sheet">
              {({ id }) => (
                <select id={id} value={view.sheet ?? ''} onChange={(e) => void state.reparse({ sheet: e.target.value })}>
                  {view.sheets.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {view.notices.length > 0 && (
            <ul className="notices" aria-label="How the file was read">
              {view.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          {state.usedRemembered && <p className="note note-info">The column mapping you chose for files with this header was used.</p>}
          {view.mappingProblems.length > 0 && (
            <div className="note note-warning">
              <p>The columns could not be matched with confidence:</p>
              <ul>
                {view.mappingProblems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="actions">
            <button type="button" disabled={view.devices.length === 0} onClick={() => setCreating(true)}>
              Build a batch from these {count(view.devices.length, 'device')}…
            </button>
          </div>
          <ul className="counts" aria-label="Totals" data-testid="import-totals">
            <li>{count(view.totals.read, 'row')} read</li>
            <li>{view.totals.valid.toLocaleString()} valid</li>
            <li>{view.totals.warnings.toLocaleString()} with warnings</li>
            <li>{view.totals.rejected.toLocaleString()} rejected</li>
            <li>{count(view.totals.devices, 'device')} to send</li>
          </ul>
          {view.groups.length > 0 && (
            <details>
              <summary>{count(view.groups.length, 'group')} by model and sales code</summary>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Sales code</th>
                    <th scope="col">Devices</th>
                  </tr>
                </thead>
                <tbody>
                  {view.groups.map((g) => (
                    <tr key={`${g.model}/${g.salesCode}`}>
                      <td>{g.model}</td>
                      <td>{g.salesCode}</td>
                      <td>{g.count.toLocaleString()}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          <div className="toolbar">
            <fieldset className="filters">
              <legend className="visually-hidden">Show</legend>
              {(
                [
                  ['all', 'All rows'],
                  ['errors', 'Errors only'],
                  ['warnings', 'Warnings only'],
                ] as const
              ).map(([value, label]) => (
                <label key={value}>
                  <input type="radio" name="row-filter" value={value} checked={filter === value} onChange={() => setFilterAnnounced(value as RowFilter)} />
                  {label}
                </label>
              ))}
            </fieldset>
            <button type="button" className="secondary" onClick={() => jump(false)} disabled={errorPositions.length === 0}>
              Next error (F8)
            </button>
            <button type="button" className="secondary" onClick={() => setMappingOpen(true)}>
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
            onCurrentChange={state.setCurrent}
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
      )}

      <PasteDialog
        open={pasteOpen}
        onClose={() => setPasteOpen(false)}
        onImport={(text) => {
          setPasteOpen(false);
          void openSource({ kind: 'paste', text });
        }}
      />
      {view && <MappingDialog open={mappingOpen} view={view} onClose={() => setMappingOpen(false)} />}
      <Dialog open={creating && view !== null} title="Create a batch" onClose={() => setCreating(false)}>
        {view && <CreateBatchForm view={view} onClose={() => setCreating(false)} />}
      </Dialog>
    </section>
  );

  function setFilterAnnounced(next: RowFilter): void {
    state.setFilter(next);
    const after = useImport.getState();
    announce(`${count(after.shown.length, 'row')} shown.`);
  }
}

function Defaults() {
  const defaults = useImport((s) => s.defaults);
  const setDefaults = useImport((s) => s.setDefaults);
  const view = useImport((s) => s.view);
  const reparse = useImport((s) => s.reparse);
  return (
    <details className="defaults">
      <summary>Model and sales code for lists without them</summary>
      <p className="hint">A list of serials only (or a file without these columns) takes the model and sales code from here.</p>
      <div className="form-row">
        <Field label="Default model">
          {({ id }) => <input id={id} value={defaults.model} placeholder="e.g. SM-G991B" onChange={(e) => setDefaults({ ...defaults, model: e.target.value })} spellCheck={false} />}
        </Field>
        <Field label="Default sales code">
          {({ id }) => <input id={id} value={defaults.salesCode} placeholder="e.g. BTU" onChange={(e) => setDefaults({ ...defaults, salesCode: e.target.value })} spellCheck={false} />}
        </Field>
      </div>
      {view && (
        <button type="button" className="secondary" onClick={() => void reparse({})}>
          Check the file again with these
        </button>
      )}
    </details>
  );
}
