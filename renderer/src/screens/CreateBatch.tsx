// "Create a batch" from the import on screen: the Worker's valid devices, the file's name and
// SHA-256 go to main (never a file path), which checks every device again and stores a draft.
import { useState, type FormEvent } from 'react';
import type { ContractError, NetworkType } from '../../../common/contract.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Field } from '../components/Field.tsx';
import type { ImportView } from '../import/view.ts';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { count } from '../util/format.ts';

function defaultName(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').trim() || 'Batch';
  return `${base} ${new Date().toISOString().slice(0, 10)}`.slice(0, 100);
}

/** The form of the "Create a batch" dialog. */
export function CreateBatchForm({ view, onClose }: { readonly view: ImportView; readonly onClose: () => void }) {
  const announce = useApp((s) => s.announce);
  const [name, setName] = useState(() => defaultName(view.fileName));
  const [target, setTarget] = useState('Latest');
  const [network, setNetwork] = useState<NetworkType | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = view.groups.length;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (network === null) return;
    setBusy(true);
    setError(null);
    const result = await useBatches.getState().create({
      name: name.trim(),
      notes: '',
      target: target.trim() || 'Latest',
      network,
      sources: [{ fileName: view.fileName, sha256: view.sha256, devices: view.devices }],
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const created = result.data;
    onClose();
    announce(
      `Draft batch ${created.batch.name} created: ${count(created.batch.devices, 'device')} in ${count(created.batch.groups.length, 'group')}.` +
        (created.conflicts.length > 0 ? ` ${count(created.conflicts.length, 'serial')} seen with two models were left out.` : ''),
    );
    await useBatches.getState().open(created.batch.id);
  };

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="create-batch">
      <p>
        {count(view.devices.length, 'device')} of {view.fileName} in {count(groups, 'group')} by model and sales code. Rows with errors stay out. Nothing is sent: the
        batch is a draft until you run its dry run and confirm.
      </p>
      <Field label="Batch name">{({ id }) => <input id={id} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} required />}</Field>
      <Field label="Target firmware of every group" hint="Latest, or an AP/CSC/CP firmware. Each group can get its own target in the builder.">
        {({ id, describedBy }) => <input id={id} value={target} spellCheck={false} aria-describedby={describedBy} onChange={(e) => setTarget(e.target.value)} />}
      </Field>
      <fieldset className="radio-group">
        <legend>Network (required: there is no silent default)</legend>
        <label className="checkbox">
          <input type="radio" name="create-network" checked={network === 'WIFIONLY'} onChange={() => setNetwork('WIFIONLY')} required />
          Wi-Fi only (the device waits for Wi-Fi)
        </label>
        <label className="checkbox">
          <input type="radio" name="create-network" checked={network === 'ANY'} onChange={() => setNetwork('ANY')} />
          Any network (mobile data too)
        </label>
      </fieldset>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" disabled={busy || network === null || name.trim() === '' || view.devices.length === 0}>
          {busy ? 'Creating…' : 'Create the draft batch'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
