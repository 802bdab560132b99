// The model and sales code for lists that carry serials only.
import { Field } from '../../components/Field.tsx';
import { useImport } from '../../state/import.ts';

/** The default model and sales code, and "check the file again with these". */
export function ImportDefaults() {
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
