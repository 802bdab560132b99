// Every call of a send with its state as Samsung answered it (or why it was not sent).
import { NO_WITHDRAW, type SendCallView } from '../../../../common/contract.ts';

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

/** The calls table of a send, with the reminder that accepted updates cannot be withdrawn. */
export function SendCallsTable({ calls }: { readonly calls: readonly SendCallView[] }) {
  return (
    <>
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
          {calls.map((x) => (
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
    </>
  );
}
