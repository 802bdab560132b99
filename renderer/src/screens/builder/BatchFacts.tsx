// What the builder says about a batch before its fields: its size and who made it, why it cannot be
// edited or sent now (another tenant, an open send), the hand-off file it came from, its source files.
import type { BatchView } from '../../../../common/contract.ts';
import { count, dateTime } from '../../util/format.ts';

/** The facts and notes at the top of the builder. */
export function BatchFacts({ batch, sending, onShowSend }: { readonly batch: BatchView; readonly sending: boolean; readonly onShowSend: () => void }) {
  return (
    <>
      <p className="lead">
        {count(batch.devices, 'device')} in {count(batch.groups.length, 'group')}, {batch.excludedTotal.toLocaleString()} excluded. Created {dateTime(batch.created.at)} by {batch.created.by.user} on{' '}
        {batch.created.by.host}; last edited {dateTime(batch.edited.at)}.
      </p>
      {!batch.activeTenant && (
        <p className="note note-warning">
          This batch was prepared for customer ID <code>{batch.customerId}</code>, not for the active profile. Make a profile of that tenant active in Settings to run its
          dry run or send it.
        </p>
      )}
      {sending && (
        <p className="note note-info">
          A send of this batch is open, so the batch cannot be edited now.{' '}
          <button type="button" className="link" onClick={onShowSend}>
            Show the send
          </button>
        </p>
      )}
      {batch.handoff && (
        <p className="note note-info" data-testid="handoff">
          From the hand-off file <strong>{batch.handoff.fileName}</strong>: prepared by <strong>{batch.handoff.prepared.by.user}</strong> on{' '}
          <strong>{batch.handoff.prepared.by.host}</strong>, {dateTime(batch.handoff.prepared.at)}; imported here by {batch.handoff.imported.by.user}, {dateTime(batch.handoff.imported.at)}. Its
          checksum was verified — it detects damage, it is not a signature: make sure you know who prepared it.
        </p>
      )}
      {batch.sources.length > 0 && (
        <ul className="notices" aria-label="Imported files">
          {batch.sources.map((s) => (
            <li key={`${s.fileName}|${s.sha256}`}>
              {s.fileName}: {count(s.devices, 'device')}, SHA-256 <code title={s.sha256}>{s.sha256.slice(0, 12)}…</code>, imported {dateTime(s.importedAt)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
