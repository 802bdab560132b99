// The two questions of a running send: cancel the rest (Samsung cannot withdraw what it accepted),
// and re-send an unknown call (it may already have arrived).
import { NO_WITHDRAW } from '../../../../common/contract.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { count } from '../../util/format.ts';
import type { SendControls } from './use-send-controls.ts';

/** The cancel and re-send confirmations; `pending` is the number of calls not sent yet. */
export function SendQuestions({ controls, pending }: { readonly controls: SendControls; readonly pending: number }) {
  const { ask, setAsk, busy } = controls;
  return (
    <>
      <Dialog open={ask?.kind === 'cancel'} title="Cancel the rest of this send?" onClose={() => setAsk(null)}>
        <p>
          The {count(pending, 'call')} not sent yet become cancelled; calls in flight finish. <strong>{NO_WITHDRAW}</strong>
        </p>
        <div className="actions">
          <button type="button" className="danger" disabled={busy} onClick={controls.cancel}>
            Cancel the calls not sent
          </button>
          <button type="button" className="secondary" autoFocus onClick={() => setAsk(null)}>
            Keep sending
          </button>
        </div>
      </Dialog>
      <Dialog open={ask?.kind === 'resend'} title="Re-send an unknown call?" onClose={() => setAsk(null)}>
        {ask?.kind === 'resend' && (
          <>
            <p>
              <code>{ask.call.id}</code> ({count(ask.call.devices, 'device')}) <strong>may already have reached Samsung.</strong> Re-sending it can push the same update
              twice. Re-send only after checking the devices.
            </p>
            <div className="actions">
              <button type="button" className="danger" disabled={busy} onClick={() => controls.resend(ask.call)}>
                Re-send {ask.call.id}
              </button>
              <button type="button" className="secondary" autoFocus onClick={() => setAsk(null)}>
                Do not re-send
              </button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}
