// Batches: every stored batch (drafts, sending, sent), opening one in the builder, importing a
// `.fotabatch` hand-off file (the file picker's text goes to main, which checks it) and deleting.
import { useEffect, useRef, useState } from 'react';
import type { BatchSummaryView, ContractError } from '../../../common/contract.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Subject } from '../components/Subject.tsx';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { useCommands } from '../state/commands.ts';
import { importBatchFile } from '../state/shell-requests.ts';
import { count, dateTime } from '../util/format.ts';

const STATE_TEXT: Record<BatchSummaryView['sendState'], string> = { draft: 'Draft', sending: 'Sending', unfinished: 'Send open', sent: 'Sent' };

/** The batch list. */
export function BatchesScreen() {
  const { list, listError, loadList, open } = useBatches();
  const navigate = useApp((s) => s.navigate);
  const announce = useApp((s) => s.announce);
  const fileInput = useRef<HTMLInputElement>(null);
  const [deleting, setDeleting] = useState<BatchSummaryView | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const pending = useCommands((s) => s.pending);
  const done = useCommands((s) => s.done);

  useEffect(() => {
    void loadList();
  }, [loadList]);

  useEffect(() => {
    if (pending?.command !== 'refresh') return;
    done(pending.id);
    void loadList().then(() => announce('The batch list was refreshed.'));
  }, [pending, done, loadList, announce]);

  const remove = async (batch: BatchSummaryView): Promise<void> => {
    const result = await useBatches.getState().remove(batch.id);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setDeleting(null);
    await loadList();
    announce(`Batch ${batch.name} was deleted; its history is kept.`);
  };

  return (
    <section aria-labelledby="batches-title">
      <h1 id="batches-title" tabIndex={-1}>
        Batches
      </h1>
      <p className="lead">A batch is an import turned into calls: groups by model and sales code, a target for each, sent safely and followed to the last device.</p>
      <div className="actions">
        <button type="button" onClick={() => navigate('import')}>
          New batch from an import…
        </button>
        <button type="button" className="secondary" onClick={() => fileInput.current?.click()}>
          Open a .fotabatch file…
        </button>
        <button type="button" className="secondary" onClick={() => void loadList()}>
          Refresh (F5)
        </button>
        <input
          ref={fileInput}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Batch file (.fotabatch)"
          accept=".fotabatch,application/json"
          data-testid="batch-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void file.text().then((text) => importBatchFile(file.name, text));
          }}
        />
      </div>
      <ErrorNote error={listError} />
      <ErrorNote error={error} />
      {list && list.problems.length > 0 && (
        <ul className="note note-warning">
          {list.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {list && list.batches.length === 0 && <p className="muted">No batch yet. Import a device list, then choose “Build a batch”.</p>}
      {list && list.batches.length > 0 && (
        <table className="table" data-testid="batch-list">
          <caption className="visually-hidden">Stored batches</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">State</th>
              <th scope="col">Devices</th>
              <th scope="col">Groups</th>
              <th scope="col">Last edited</th>
              <th scope="col">Prepared</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.batches.map((b) => (
              <tr key={b.id}>
                <th scope="row">
                  {b.name} {b.practice && <span className="practice-mark">PRACTICE</span>} {!b.activeTenant && <span className="tag">another tenant ({b.customerId})</span>}
                </th>
                <td>
                  {STATE_TEXT[b.sendState]}
                  {b.lastSentAt ? `, last sent ${dateTime(b.lastSentAt)}` : ''}
                </td>
                <td>
                  {b.devices.toLocaleString()}
                  {b.excluded > 0 ? ` (${count(b.excluded, 'excluded', 'excluded')})` : ''}
                </td>
                <td>{b.groups}</td>
                <td>
                  {dateTime(b.edited.at)} by {b.edited.by.user}
                </td>
                <td>{b.handoff ? `by ${b.handoff.prepared.by.user} on ${b.handoff.prepared.by.host}, ${dateTime(b.handoff.prepared.at)}` : 'here'}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => void open(b.id)}>
                    Open<Subject text={b.name} />
                  </button>
                  <button type="button" className="danger" disabled={b.sendState === 'sending' || b.sendState === 'unfinished'} onClick={() => setDeleting(b)}>
                    Delete<Subject text={b.name} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={deleting !== null} title="Delete a batch" onClose={() => setDeleting(null)}>
        {deleting && (
          <>
            <p>
              Delete batch <strong>{deleting.name}</strong>? The batch file is removed.{' '}
              {deleting.sendState === 'sent' ? 'Its history of force updates and its send journals are kept.' : 'Nothing was sent from it.'}
            </p>
            <ErrorNote error={error} />
            <div className="actions">
              <button type="button" className="danger" onClick={() => void remove(deleting)}>
                Delete batch
              </button>
              <button type="button" className="secondary" autoFocus onClick={() => setDeleting(null)}>
                Keep it
              </button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}
