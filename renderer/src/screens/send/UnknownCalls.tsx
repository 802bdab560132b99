// Calls whose answer was lost: Samsung may or may not have them, so each waits for the admin —
// re-send (after a confirmation) or leave it for good.
import type { SendCallView } from '../../../../common/contract.ts';
import { Subject } from '../../components/Subject.tsx';
import { count } from '../../util/format.ts';

/** Props of UnknownCalls. */
export interface UnknownCallsProps {
  readonly calls: readonly SendCallView[];
  readonly disabled: boolean;
  readonly onResend: (call: SendCallView) => void;
  readonly onLeave: (call: SendCallView) => void;
}

/** The unknown calls needing a decision; nothing when there are none. */
export function UnknownCalls({ calls, disabled, onResend, onLeave }: UnknownCallsProps) {
  if (calls.length === 0) return null;
  return (
    <div className="note note-warning" data-testid="unknown-calls">
      <h2>Unknown calls: your decision is needed</h2>
      <p>
        Samsung may or may not have received these calls: the connection broke after the request left (a timeout, a reset or a server error). E-FOTA has no way to
        list or undo a force update, so FOTA Desk cannot find out and never re-sends them by itself. Check the devices (or the Knox portal) first: re-sending a call that
        did arrive pushes the update twice.
      </p>
      <ul>
        {calls.map((x) => (
          <li key={x.id}>
            <code>{x.id}</code>, {count(x.devices, 'device')}: {x.message ?? 'no answer'}{' '}
            <span className="row-actions">
              <button type="button" className="secondary" disabled={disabled} onClick={() => onResend(x)}>
                Re-send…<Subject text={x.id} />
              </button>
              <button type="button" className="secondary" disabled={disabled} onClick={() => onLeave(x)}>
                Leave it (never re-send)<Subject text={x.id} />
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
