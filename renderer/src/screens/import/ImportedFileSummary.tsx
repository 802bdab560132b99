// What was read from a list: its name and sheet, how it was read, whether the columns were matched
// with confidence, the totals, the groups by model and sales code, and "Build a batch…".
import { Field } from '../../components/Field.tsx';
import type { ImportView } from '../../import/view.ts';
import { useImport } from '../../state/import.ts';
import { count } from '../../util/format.ts';

/** The summary of the imported list above its rows. */
export function ImportedFileSummary({ view, onCreateBatch }: { readonly view: ImportView; readonly onCreateBatch: () => void }) {
  const reparse = useImport((s) => s.reparse);
  const usedRemembered = useImport((s) => s.usedRemembered);
  return (
    <>
      <h2>
        {view.fileName}
        {view.sheet ? ` — sheet “${view.sheet}”` : ''}
      </h2>
      {view.sheets.length > 1 && (
        <Field label="Sheet">
          {({ id }) => (
            <select id={id} value={view.sheet ?? ''} onChange={(e) => void reparse({ sheet: e.target.value })}>
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
      {usedRemembered && <p className="note note-info">The column mapping you chose for files with this header was used.</p>}
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
        <button type="button" disabled={view.devices.length === 0} onClick={onCreateBatch}>
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
    </>
  );
}
