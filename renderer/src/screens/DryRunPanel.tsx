// The dry run and what follows it in the builder: devices held back because their latest push is
// still open (include some, or all with their number typed — the dry run is worked out again), then
// "Send…", which opens the send with the same inclusions, and the confirmation dialog.
import { useState } from 'react';
import type { BatchView, ContractError, IncludeOpenRequest, PreviewView } from '../../../common/contract.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { useSend } from '../state/send.ts';
import { count } from '../util/format.ts';
import { DryRun } from './DryRun.tsx';
import { HeldBack } from './HeldBack.tsx';
import { SendConfirm } from './SendConfirm.tsx';

/** Props of DryRunPanel. */
export interface DryRunPanelProps {
  readonly batch: BatchView;
  readonly view: PreviewView;
  /** why the plan shown is out of date (the batch was saved after it), or null */
  readonly stale: string | null;
  /** why the builder cannot send now (unsaved changes, errors…), or null */
  readonly sendDisabledReason: string | null;
  readonly onError: (error: ContractError | null) => void;
}

/** The dry run, the held-back devices, "Send…" and the confirmation. */
export function DryRunPanel({ batch, view, stale, sendDisabledReason, onError }: DryRunPanelProps) {
  const announce = useApp((s) => s.announce);
  const navigate = useApp((s) => s.navigate);
  const include = useBatches((s) => s.include);
  const sendView = useSend((s) => s.views[batch.id] ?? null);
  const [busy, setBusy] = useState<null | 'preview' | 'send'>(null);
  const [confirming, setConfirming] = useState(false);

  const changeInclude = async (next: IncludeOpenRequest): Promise<void> => {
    const { setInclude, runPreview } = useBatches.getState();
    setInclude(next);
    setBusy('preview');
    onError(null);
    const result = await runPreview(false);
    setBusy(null);
    if (!result.ok) {
      onError(result.error);
      return;
    }
    const s = result.data.preview.summary;
    announce(`Dry run again: ${count(s.toSend.devices, 'device')} to send, ${count(s.heldBack.length, 'device')} held back, ${count(s.includedOpen.length, 'device')} included although open.`);
  };

  const openSend = async (): Promise<void> => {
    setBusy('send');
    onError(null);
    const result = await useSend.getState().open(batch.id, include);
    setBusy(null);
    if (!result.ok) {
      onError(result.error);
      return;
    }
    if (result.data.stage === 'confirm') setConfirming(true);
    else navigate('send');
  };

  const confirm = async (pinLatest: boolean, typedCount: number | null): Promise<void> => {
    setBusy('send');
    const result = await useSend.getState().start(batch.id, pinLatest, typedCount);
    setBusy(null);
    if (!result.ok) {
      onError(result.error);
      return;
    }
    setConfirming(false);
    useBatches.getState().setPreview(null);
    announce(`Sending ${batch.name}…`);
    navigate('send');
  };

  const cancelSend = async (): Promise<void> => {
    setConfirming(false);
    await useSend.getState().close(batch.id);
    // Forgotten even when main could not close it: the builder shows no send either way.
    useSend.getState().forget(batch.id);
    announce('Nothing was sent.');
  };

  const reason = sendDisabledReason ?? view.preview.summary.nothingToSend ?? (busy === 'preview' ? 'The dry run is being worked out again…' : null);
  return (
    <>
      <DryRun view={view} stale={stale} onSend={() => void openSend()} sendDisabledReason={reason}>
        <HeldBack summary={view.preview.summary} include={include} disabled={busy !== null} onChange={(next) => void changeInclude(next)} />
      </DryRun>
      <Dialog open={confirming && sendView !== null && sendView.stage === 'confirm'} title={`Send ${batch.name}?`} onClose={() => void cancelSend()} wide describedBy="send-tenant">
        {sendView && <SendConfirm view={sendView} busy={busy === 'send'} onConfirm={(pin, typed) => void confirm(pin, typed)} onCancel={() => void cancelSend()} />}
      </Dialog>
    </>
  );
}
