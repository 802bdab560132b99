// Calls Samsung refused whole because one device is not registered to the licence (FUD_3031), with
// the devices abnormalDeviceList blames and "re-plan".
import type { SendCallView } from '../../../../common/contract.ts';
import { Subject } from '../../components/Subject.tsx';
import { count } from '../../util/format.ts';

/** Props of RefusedCalls. */
export interface RefusedCallsProps {
  readonly calls: readonly SendCallView[];
  readonly disabled: boolean;
  readonly onReplan: (call: SendCallView) => void;
}

/** The FUD_3031 calls still to re-plan; nothing when there are none. */
export function RefusedCalls({ calls, disabled, onReplan }: RefusedCallsProps) {
  if (calls.length === 0) return null;
  return (
    <div className="note note-warning" data-testid="culprit-calls">
      <h2>Refused: a device not registered to the licence (FUD_3031)</h2>
      <p>Samsung refuses a whole call of up to 100 devices when one of them is not enrolled or is blocked. abnormalDeviceList names the devices to blame:</p>
      <ul>
        {calls.map((x) => (
          <li key={x.id}>
            <code>{x.id}</code>, {count(x.devices, 'device')}:{' '}
            {x.culprits === null ? 'not known yet (abnormalDeviceList could not be asked)' : x.culprits.length === 0 ? 'none named — it will be re-planned in halves to narrow it down' : x.culprits.map((k) => `${k.serial} (${k.category})`).join(', ')}{' '}
            <button type="button" disabled={disabled} onClick={() => onReplan(x)}>
              {x.culprits && x.culprits.length > 0 ? 'Re-plan without them' : 'Re-plan'}
              <Subject text={x.id} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
