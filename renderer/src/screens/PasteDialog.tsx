// Paste a list: serials one per line, or cells copied from Excel (tab-separated, with or without a
// header row). The text is checked like a file.
import { useState } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { Field } from '../components/Field.tsx';

/** The paste dialog. */
export function PasteDialog({ open, onClose, onImport }: { readonly open: boolean; readonly onClose: () => void; readonly onImport: (text: string) => void }) {
  return (
    <Dialog open={open} title="Paste a list" onClose={onClose} wide>
      <PasteForm onClose={onClose} onImport={onImport} />
    </Dialog>
  );
}

function PasteForm({ onClose, onImport }: { readonly onClose: () => void; readonly onImport: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onImport(text);
      }}
    >
      <Field label="Devices" hint="One serial per line, or cells copied from Excel (serial, model and sales code in columns).">
        {({ id, describedBy }) => (
          <textarea id={id} aria-describedby={describedBy} rows={12} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} autoFocus />
        )}
      </Field>
      <div className="actions">
        <button type="submit" disabled={text.trim() === ''}>
          Check the list
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
