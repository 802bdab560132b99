// Where a send is: its phase (announced politely), the progress bar of calls answered, and the
// calls by state.
import type { SendView } from '../../../../common/contract.ts';
import { count } from '../../util/format.ts';

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

/** Calls Samsung has answered one way or another. */
export function answeredCalls(c: SendView['counts']): number {
  return c.accepted + c.rejected + c.unknown + c.unknownLeft + c.cancelled;
}

/** The phase, the progress bar and the counts of a send. */
export function SendProgress({ view }: { readonly view: SendView }) {
  const c = view.counts;
  const answered = answeredCalls(c);
  const percent = c.calls === 0 ? 100 : Math.round((answered / c.calls) * 100);
  return (
    <>
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
    </>
  );
}
