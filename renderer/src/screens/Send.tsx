// A send in progress: a progress bar and the state of every call; pause, resume, cancel (saying that
// Samsung cannot withdraw accepted updates); the pilot pause with "continue"; `unknown` calls
// explained, each re-sent only on an explicit confirmation; FUD_3031 culprits with "re-plan".
import { useEffect } from 'react';
import type { SendView } from '../../../common/contract.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { useSend } from '../state/send.ts';
import { count } from '../util/format.ts';
import { RefusedCalls } from './send/RefusedCalls.tsx';
import { SendCallsTable } from './send/SendCallsTable.tsx';
import { SendProgress } from './send/SendProgress.tsx';
import { SendQuestions } from './send/SendQuestions.tsx';
import { UnknownCalls } from './send/UnknownCalls.tsx';
import { useSendControls, type SendControls } from './send/use-send-controls.ts';

/** The send of the batch open in the batches slice. */
export function SendScreen() {
  const batchId = useBatches((s) => s.currentId);
  const view = useSend((s) => (batchId ? (s.views[batchId] ?? null) : null));

  useEffect(() => {
    if (batchId) void useSend.getState().load(batchId);
  }, [batchId]);

  if (!batchId || !view) return <NoSend />;
  return <OpenSend view={view} />;
}

function NoSend() {
  const navigate = useApp((s) => s.navigate);
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

function OpenSend({ view }: { readonly view: SendView }) {
  const controls = useSendControls(view.batchId);
  const { busy } = controls;
  const running = view.stage === 'running';
  const unknown = view.calls.filter((x) => x.state === 'unknown' && !x.left);
  const culprits = view.calls.filter((x) => x.state === 'rejected' && x.code === 'FUD_3031' && !x.local && x.replacedBy.length === 0);

  return (
    <section aria-labelledby="send-title" data-testid="send">
      <h1 id="send-title" tabIndex={-1}>
        Sending: {view.batchName} {view.tenant.practice && <span className="practice-mark">PRACTICE</span>}
      </h1>
      <p className="lead">
        To profile <strong>{view.tenant.profileName}</strong>, customer ID <code>{view.tenant.customerId}</code>, licence <code>{view.tenant.licenseSuffix}</code>. Send id{' '}
        <code>{view.sendId}</code>
        {view.resumed ? ' (continued)' : ''}.
      </p>
      <ErrorNote error={controls.error} />
      <SendProgress view={view} />
      <SendButtons view={view} controls={controls} />
      {view.phase === 'pilot-paused' && (
        <p className="note note-info">
          The pilot calls are answered. Check the pilot devices (History shows their progress) before letting the other {count(view.counts.pending, 'call')} go.
        </p>
      )}
      <UnknownCalls calls={unknown} disabled={busy || running} onResend={(call) => controls.setAsk({ kind: 'resend', call })} onLeave={controls.leave} />
      <RefusedCalls calls={culprits} disabled={busy || running} onReplan={controls.replan} />
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
      <SendCallsTable calls={view.calls} />
      <SendQuestions controls={controls} pending={view.counts.pending} />
    </section>
  );
}

// The held-back note sits among the buttons, as it always has, so the page reads the same.
function SendButtons({ view, controls }: { readonly view: SendView; readonly controls: SendControls }) {
  const { busy } = controls;
  const running = view.stage === 'running';
  const held = view.summary.heldBack;
  return (
    <div className="actions">
      {running && view.phase !== 'paused' && view.phase !== 'pausing' && view.phase !== 'pilot-paused' && (
        <button type="button" disabled={busy} onClick={controls.pause}>
          Pause
        </button>
      )}
      {(view.phase === 'paused' || view.phase === 'pausing') && (
        <button type="button" disabled={busy} onClick={controls.resume}>
          Resume
        </button>
      )}
      {held.length > 0 && (
        <p className="note note-info" data-testid="send-held-back">
          {count(held.length, 'device')} held back, not sent by this send: {held.length === 1 ? 'its' : 'their'} latest push is still open (
          {held.slice(0, 3).map((p) => `${p.serial}: ${p.forceUpdateId ?? p.callId}`).join(', ')}
          {held.length > 3 ? ', …' : ''}).
        </p>
      )}
      {view.phase === 'pilot-paused' && (
        <button type="button" disabled={busy} onClick={controls.continuePilot}>
          Continue after the pilot
        </button>
      )}
      {!view.done && view.counts.pending > 0 && (
        <button type="button" className="danger" disabled={busy} onClick={() => controls.setAsk({ kind: 'cancel' })}>
          Cancel the rest…
        </button>
      )}
      {!running && (
        <button type="button" className="secondary" disabled={busy} onClick={controls.close}>
          Close the send
        </button>
      )}
      {view.done && (
        <button type="button" className="secondary" onClick={controls.followInHistory}>
          Follow it in History
        </button>
      )}
    </div>
  );
}
