// The column-mapping dialog: which column holds the serial, the model, the sales code (and the IMEI,
// kept for display). It opens by itself when detection was unsure: a required column without a
// match, two columns matching one role, or a column whose values mostly do not fit its role.
import { useId, useState } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { useApp } from '../state/app.ts';
import { useImport } from '../state/import.ts';
import { COLUMN_ROLES, ROLE_LABELS } from '../../../common/import/headers.ts';
import type { ColumnRole, ImportView } from '../import/view.ts';

const OPTIONAL: ReadonlySet<ColumnRole> = new Set(['imei']);

/** The mapping dialog for the file shown. */
export function MappingDialog({ open, view, onClose }: { readonly open: boolean; readonly view: ImportView; readonly onClose: () => void }) {
  return (
    <Dialog open={open} title="Column mapping" onClose={onClose} wide>
      <MappingForm view={view} onClose={onClose} />
    </Dialog>
  );
}

function columnLabel(view: ImportView, index: number): string {
  const column = view.columns.find((c) => c.index === index);
  if (!column) return `Column ${index + 1}`;
  const samples = column.samples.filter((s) => s !== '').slice(0, 2).join(', ');
  return `${column.letter}${column.header ? `: ${column.header}` : ''}${samples ? ` (e.g. ${samples})` : ''}`;
}

function MappingForm({ view, onClose }: { readonly view: ImportView; readonly onClose: () => void }) {
  const [mapping, setMapping] = useState<Record<ColumnRole, number | null>>({ ...view.mapping });
  const [remember, setRemember] = useState(view.headerKey !== '');
  const reparse = useImport((s) => s.reparse);
  const announce = useApp((s) => s.announce);
  const hintId = useId();
  const used = Object.values(mapping).filter((c): c is number => c !== null);
  const twice = used.filter((c, i) => used.indexOf(c) !== i);

  const apply = async (): Promise<void> => {
    if (remember && view.headerKey !== '') {
      await useImport.getState().saveMapping(view.headerKey, mapping);
    }
    onClose();
    announce('Checking the file again with the new column mapping…');
    await reparse({ mapping });
    const after = useImport.getState().view;
    if (after) announce(`Checked again: ${after.totals.rejected.toLocaleString()} rows rejected, ${after.totals.valid.toLocaleString()} valid.`);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
      aria-describedby={hintId}
    >
      <p id={hintId}>Choose the column of the file that holds each value. Rows are checked again with your choice.</p>
      {view.mappingProblems.length > 0 && (
        <div className="note note-warning">
          <strong>Why this dialog opened:</strong>
          <ul>
            {view.mappingProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="table mapping-table">
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Column in the file</th>
            <th scope="col">Values that fit</th>
          </tr>
        </thead>
        <tbody>
          {COLUMN_ROLES.map((role) => {
            const label = ROLE_LABELS[role].charAt(0).toUpperCase() + ROLE_LABELS[role].slice(1);
            const required = !OPTIONAL.has(role);
            const column = view.columns.find((c) => c.index === mapping[role]);
            const selectId = `map-${role}`;
            return (
              <tr key={role}>
                <th scope="row">
                  <label htmlFor={selectId}>
                    {label}
                    {required ? '' : ' (optional)'}
                  </label>
                </th>
                <td>
                  <select
                    id={selectId}
                    value={mapping[role] ?? ''}
                    onChange={(e) => setMapping((m) => ({ ...m, [role]: e.target.value === '' ? null : Number(e.target.value) }))}
                  >
                    <option value="">— none —</option>
                    {view.columns.map((c) => (
                      <option key={c.index} value={c.index}>
                        {columnLabel(view, c.index)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{column && column.role === role && column.fit !== null ? `${Math.round(column.fit * 100)} %` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {twice.length > 0 && (
        <p className="note note-warning" role="alert">
          One column is chosen for two values; each value needs its own column.
        </p>
      )}
      {view.headerKey !== '' && (
        <label className="checkbox">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember this mapping for files with the same header
        </label>
      )}
      <div className="actions">
        <button type="submit" disabled={twice.length > 0}>
          Apply and check again
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
