// A send in progress: a progress bar and the state of every call; pause, resume, cancel (saying that
// Samsung cannot withdraw accepted updates); the pilot pause with "continue"; `unknown` calls
// explained, each re-sent only on an explicit confirmation; FUD_3031 culprits with "re-plan".
import { useEffect, useState } from 'react';
import { NO_WITHDRAW, type ContractError, type Result, type SendCallView, type SendView } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Subject } from '../components/Subject.tsx';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { useHistory } from '../state/history.ts';
import { useSend } from '../state/send.ts';
import { count } from '../util/format.ts';

const PHASE_TEXT: Record<SendView['phase'], string> = {
  ready: 'Ready to send',
  sending: 'Sending',
  pausing: 'Pausing: the calls in flight are finishing',
  paused: 'Paused',
  'pilot-paused': 'Pilot sent: paused for your review',
  stopping: 'Stopping after the calls in flight',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
  finished: 'Finished',
};

function callResult(c: SendCallView): string {
  switch (c.state) {
    case 'accepted':
      return c.forceUpdateId ? `accepted — ${c.forceUpdateId}` : c.operation === 'serverInit' ? 'accepted (scheduled; no id to follow)' : 'accepted';
    case 'rejected':
      return `rejected ${c.code ?? ''}${c.local ? ' (refused before sending)' : ''}${c.replacedBy.length > 0 ? `, re-planned as ${c.replacedBy.join(', ')}` : ''}`;
    case 'unknown':
      return c.left ? 'unknown — left (never re-sent)' : 'UNKNOWN — needs your decision';
    case 'pending':
      return c.attempts > 0 ? 'not sent yet (will be retried)' : 'not sent yet';
    default:
      return c.state;
  }
}

type Ask = { readonly kind: 'cancel' } | { readonly kind: 'resend'; readonly call: SendCallView } | null;

/** The send of the batch open in the batches slice. */
export function SendScreen() {
  const batchId = useBatches((s) => s.currentId);
  const view = useSend((s) => (batchId ? (s.views[batchId] ?? null) : null));
  const announce = useApp((s) => s.announce);
  const navigate = useApp((s) => s.navigate);
  const [error, setError] = useState<ContractError | null>(null);
  const [ask, setAsk] = useState<Ask>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (batchId) void useSend.getState().load(batchId);
  }, [batchId]);

  if (!batchId || !view) {
    return (
      <section aria-labelledby="send-title">
        <h1 id="send-title" tabIndex={-1}>
          Send
        </h1>
        <p>
          No send is open.{' '}
          <button type="button" className="link" onClick={() => navigate('batches')}>
            Choose a batch
          </button>
          , run its dry run, then send it from the confirmation.
        </p>
      </section>
    );
  }

  const act = async (call: () => Promise<Result<SendView>>, message: string): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await useSend.getState().act(call);
    setBusy(false);
    setAsk(null);
    if (!result.ok) setError(result.error);
    else announce(message);
  };
  const id = view.batchId;
  const c = view.counts;
  const answered = c.accepted + c.rejected + c.unknown + c.unknownLeft + c.cancelled;
  const running = view.stage === 'running';
  const unknown = view.calls.filter((x) => x.state === 'unknown' && !x.left);
  const culprits = view.calls.filter((x) => x.state === 'rejected' && x.code === 'FUD_3031' && !x.local && x.replacedBy.length === 0);
  const percent = c.calls === 0 ? 100 : Math.round((answered / c.calls) * 100);

  return (
    <section aria-labelledby="send-title" data-testid="send">
      <h1 id="send-title" tabIndex={-1}>
        Sending: {view.batchName} {view.tenant.practice && <span className="practice-mark">PRACTICE</span>}
      </h1>
      <p className="lead">
        To profile <strong>{view.tenant.profileName}</strong>, customer ID <code>{view.tenant.customerId}</code>, licence <code>{view.tenant.licenceSuffix}</code>. Send id{' '}
        <code>{view.sendId}</code>{view.resumed ? ' (continued)' : ''}.
      </p>
      <ErrorNote error={error} />
      <div className="send-status" role="status" aria-live="polite" data-testid="send-phase">
        <strong>{PHASE_TEXT[view.phase]}</strong>
        {view.done ? ' — nothing left to send or decide.' : ''}
      </div>
      <div className="progress">
        <progress aria-label="Calls answered by Samsung" max={Math.max(1, c.calls)} value={answered} data-testid="send-progress" />
        <span>
          {answered} of {count(c.calls, 'call')} answered ({percent} %)
        </span>
      </div>
      <ul className="counts" aria-label="Calls by state" data-testid="send-counts">
        <li>{c.accepted} accepted</li>
        <li>{c.devicesAccepted.toLocaleString()} devices accepted</li>
        <li>{c.rejected} rejected</li>
        <li className={c.unknown > 0 ? 'count-error' : undefined}>{c.unknown} unknown</li>
        {c.cancelled > 0 && <li>{c.cancelled} cancelled</li>}
        <li>{c.pending + c.sending} not answered yet</li>
      </ul>

      <div className="actions">
        {running && view.phase !== 'paused' && view.phase !== 'pausing' && view.phase !== 'pilot-paused' && (
          <button type="button" disabled={busy} onClick={() => void act(() => fota().invoke['send:pause']({ batchId: id }), 'Pausing after the calls in flight.')}>
            Pause
          </button>
        )}
        {(view.phase === 'paused' || view.phase === 'pausing') && (
          <button type="button" disabled={busy} onClick={() => void act(() => fota().invoke['send:resume']({ batchId: id }), 'Sending again.')}>
            Resume
          </button>
        )}
        {view.summary.heldBack.length > 0 && (
        <p className="note note-info" data-testid="send-held-back">
          {count(view.summary.heldBack.length, 'device')} held back, not sent by this send: {view.summary.heldBack.length === 1 ? 'its' : 'their'} latest push is still open (
          {view.summary.heldBack.slice(0, 3).map((p) => `${p.serial}: ${p.forceUpdateId ?? p.callId}`).join(', ')}
          {view.summary.heldBack.length > 3 ? ', …' : ''}).
        </p>
      )}
      {view.phase === 'pilot-paused' && (
          <button type="button" disabled={busy} onClick={() => void act(() => fota().invoke['send:continuePilot']({ batchId: id }), 'Sending the rest after the pilot.')}>
            Continue after the pilot
          </button>
        )}
        {!view.done && c.pending > 0 && (
          <button type="button" className="danger" disabled={busy} onClick={() => setAsk({ kind: 'cancel' })}>
            Cancel the rest…
          </button>
        )}
        {!running && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() =>
              void fota()
                .invoke['send:close']({ batchId: id })
                .then((r) => {
                  if (!r.ok) setError(r.error);
                  else {
                    useSend.getState().forget(id);
                    navigate('batch');
                  }
                })
            }
          >
            Close the send
          </button>
        )}
        {view.done && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              navigate('history');
              void useHistory.getState().openDetail(id);
            }}
          >
            Follow it in History
          </button>
        )}
      </div>
      {view.phase === 'pilot-paused' && (
        <p className="note note-info">
          The pilot calls are answered. Check the pilot devices (History shows their progress) before letting the other {count(c.pending, 'call')} go.
        </p>
      )}

      {unknown.length > 0 && (
        <div className="note note-warning" data-testid="unknown-calls">
          <h2>Unknown calls: your decision is needed</h2>
          <p>
            Samsung may or may not have received these calls: the connection broke after the request left (a timeout, a reset or a server error). E-FOTA has no way to
            list or undo a force update, so FOTA Desk cannot find out and never re-sends them by itself. Check the devices (or the Knox portal) first: re-sending a call that
            did arrive pushes the update twice.
          </p>
          <ul>
            {unknown.map((x) => (
              <li key={x.id}>
                <code>{x.id}</code>, {count(x.devices, 'device')}: {x.message ?? 'no answer'}{' '}
                <span className="row-actions">
                  <button type="button" className="secondary" disabled={busy || running} onClick={() => setAsk({ kind: 'resend', call: x })}>
                    Re-send…<Subject text={x.id} />
                  </button>
                  <button type="button" className="secondary" disabled={busy || running} onClick={() => void act(() => fota().invoke['send:leave']({ batchId: id, callIds: [x.id] }), `${x.id} left: it will never be re-sent.`)}>
                    Leave it (never re-send)<Subject text={x.id} />
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {culprits.length > 0 && (
        <div className="note note-warning" data-testid="culprit-calls">
          <h2>Refused: a device not registered to the licence (FUD_3031)</h2>
          <p>Samsung refuses a whole call of up to 100 devices when one of them is not enrolled or is blocked. abnormalDeviceList names the devices to blame:</p>
          <ul>
            {culprits.map((x) => (
              <li key={x.id}>
                <code>{x.id}</code>, {count(x.devices, 'device')}:{' '}
                {x.culprits === null ? 'not known yet (abnormalDeviceList could not be asked)' : x.culprits.length === 0 ? 'none named — it will be re-planned in halves to narrow it down' : x.culprits.map((k) => `${k.serial} (${k.category})`).join(', ')}{' '}
                <button type="button" disabled={busy || running} onClick={() => void act(() => fota().invoke['send:replan']({ batchId: id, callId: x.id }), `${x.id} re-planned and sent again.`)}>
                  {x.culprits && x.culprits.length > 0 ? 'Re-plan without them' : 'Re-plan'}
                  <Subject text={x.id} />
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      {view.outcome?.detail && <p className="note note-error">Why it stopped: {view.outcome.detail}</p>}
      {view.notices.length > 0 && (
        <details>
          <summary>{count(view.notices.length, 'message')} from the send</summary>
          <ul className="notices">
            {view.notices.map((n, i) => (
              <li key={`${i}|${n}`}>{n}</li>
            ))}
          </ul>
        </details>
      )}

      <h2>Calls</h2>
      <table className="table" data-testid="send-calls">
        <caption className="visually-hidden">Calls of this send</caption>
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">Devices</th>
            <th scope="col">Target</th>
            <th scope="col">State</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {view.calls.map((x) => (
            <tr key={x.id} className={`call-${x.state}`}>
              <th scope="row">
                <code>{x.id}</code>
                {x.pilot ? ' (pilot)' : ''}
              </th>
              <td>{x.operation === 'serverInit' ? `group ${x.groupId ?? ''}` : x.devices}</td>
              <td>
                <code>{x.target}</code>
              </td>
              <td>{callResult(x)}</td>
              <td>{x.state === 'accepted' ? '' : (x.message ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{NO_WITHDRAW}</p>

      <Dialog open={ask?.kind === 'cancel'} title="Cancel the rest of this send?" onClose={() => setAsk(null)}>
        <p>
          The {count(c.pending, 'call')} not sent yet become cancelled; calls in flight finish. <strong>{NO_WITHDRAW}</strong>
        </p>
        <div className="actions">
          <button type="button" className="danger" disabled={busy} onClick={() => void act(() => fota().invoke['send:cancel']({ batchId: id }), 'The rest of the send was cancelled.')}>
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
              <button type="button" className="danger" disabled={busy} onClick={() => void act(() => fota().invoke['send:resend']({ batchId: id, callIds: [ask.call.id] }), `Re-sending ${ask.call.id}.`)}>
                Re-send {ask.call.id}
              </button>
              <button type="button" className="secondary" autoFocus onClick={() => setAsk(null)}>
                Do not re-send
              </button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}
