// A failed call's note, plus — when a send journal of the batch is damaged — the button that repairs
// it (the window's `fota batch repair`) and what the repair did.
import { useState } from 'react';
import type { ContractError, RepairView } from '../../../common/contract.ts';
import { useSend } from '../state/send.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { count } from '../util/format.ts';

/** Props of ErrorWithRepair. */
export interface ErrorWithRepairProps {
  readonly error: ContractError | null;
  readonly batchId: string;
  /** told once the journal was repaired (the caller clears its error) */
  readonly onRepaired: (report: RepairView) => void;
}

/** The error note; for a damaged journal, "Repair the journal" and its report. */
export function ErrorWithRepair({ error, batchId, onRepaired }: ErrorWithRepairProps) {
  const [report, setReport] = useState<RepairView | null>(null);
  const [failed, setFailed] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const repair = async (): Promise<void> => {
    setBusy(true);
    setFailed(null);
    const result = await useSend.getState().repair(batchId);
    setBusy(false);
    if (!result.ok) {
      setFailed(result.error);
      return;
    }
    setReport(result.data);
    onRepaired(result.data);
  };
  return (
    <>
      <ErrorNote error={error} />
      {error?.code === 'JOURNAL_DAMAGED' && (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void repair()}>
            {busy ? 'Repairing…' : 'Repair the journal'}
          </button>
        </div>
      )}
      <ErrorNote error={failed} title="The journal could not be repaired." />
      {report && (
        <div className="note note-info" role="status" data-testid="repair-report">
          <strong>
            Journal repaired: {count(report.repaired, 'file')}
            {report.markedUnknown > 0 ? `; ${count(report.markedUnknown, 'call')} now unknown — decide them in the send` : ''}.
          </strong>
          <ul>
            {report.lines.map((line, i) => (
              <li key={`${i}|${line}`}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
