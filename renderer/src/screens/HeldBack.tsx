// Devices the dry run holds back because their latest push (a force update of any batch, send or
// direct command of this data folder) is still open, each with the force update that holds it; the
// admin may include one explicitly, or all of them with their number typed (like a large send).
import { useId, useState, type FormEvent } from 'react';
import type { IncludeOpenRequest, OpenPush, SendSummary } from '../../../common/contract.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Subject } from '../components/Subject.tsx';
import { count, dateTime } from '../util/format.ts';

/** Rows shown before "… N more". */
const SHOWN = 200;

const STATE_TEXT: Record<OpenPush['state'], string> = {
  sent: 'sent, not refreshed yet',
  processing: 'processing',
  unknown: 'unknown on the device',
  'send-unknown': 'answer lost: may have reached Samsung',
  'no-id': 'accepted without an id',
};

/** Props of HeldBack. */
export interface HeldBackProps {
  readonly summary: SendSummary;
  readonly include: IncludeOpenRequest;
  readonly disabled: boolean;
  readonly onChange: (include: IncludeOpenRequest) => void;
}

/** The held-back (and explicitly included) devices of a dry run; nothing when there are none. */
export function HeldBack({ summary, include, disabled, onChange }: HeldBackProps) {
  const titleId = useId();
  const inputId = useId();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const held = summary.heldBack;
  const included = summary.includedOpen;
  const total = held.length + included.length;
  if (total === 0) return null;
  // The box shows the admin's choice at once; the lists follow when the dry run is worked out again.
  const chosen = (serial: string): boolean => include.all || include.serials.includes(serial);
  const rows = [...held, ...included].map((p) => ({ p, on: chosen(p.serial) }));
  const toggle = (serial: string, on: boolean): void =>
    onChange({ all: false, serials: on ? [...include.serials, serial] : include.serials.filter((s) => s !== serial), typedCount: null });
  const typedOk = Number(typed.replace(/[\s,.']/g, '')) === total;
  const includeAll = (event: FormEvent): void => {
    event.preventDefault();
    if (!typedOk) return;
    setAsking(false);
    setTyped('');
    onChange({ all: true, serials: [], typedCount: total });
  };
  return (
    <section aria-labelledby={titleId} className="held-back" data-testid="held-back">
      <h3 id={titleId}>Held back: the latest push of {count(total, 'device')} is still open</h3>
      <p>
        {held.length > 0 ? `${count(held.length, 'device')} of this batch ${held.length === 1 ? 'is' : 'are'} not sent` : 'No device is held back now'}: each is in a force update (or a call whose
        answer was lost) that has not finished, so sending it again could push the firmware twice. Include a device only when a second push is intended.
        {included.length > 0 && <strong> {count(included.length, 'device')} included: {included.length === 1 ? 'it' : 'they'} may be pushed twice.</strong>}
      </p>
      <table className="table">
        <caption className="visually-hidden">Devices whose latest push is still open</caption>
        <thead>
          <tr>
            <th scope="col">Serial</th>
            <th scope="col">Held by</th>
            <th scope="col">State</th>
            <th scope="col">Sent</th>
            <th scope="col">Send anyway</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map(({ p, on }) => (
            <tr key={p.serial}>
              <th scope="row">{p.serial}</th>
              <td>
                {p.forceUpdateId ? <code>{p.forceUpdateId}</code> : <>call <code>{p.callId}</code></>} of batch “{p.batchName}”
              </td>
              <td>{STATE_TEXT[p.state]}</td>
              <td>{dateTime(p.at)}</td>
              <td>
                <label className="checkbox">
                  <input type="checkbox" checked={on} disabled={disabled || include.all} onChange={(e) => toggle(p.serial, e.target.checked)} />
                  Include<Subject text={p.serial} />
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN && <p className="muted">… and {count(rows.length - SHOWN, 'more device')}.</p>}
      <div className="actions">
        {!include.all && held.length > 0 && (
          <button type="button" className="secondary" disabled={disabled} onClick={() => setAsking(true)}>
            Include all {total.toLocaleString()}…
          </button>
        )}
        {(include.all || include.serials.length > 0) && (
          <button type="button" className="secondary" disabled={disabled} onClick={() => onChange({ all: false, serials: [], typedCount: null })}>
            Hold them all back again
          </button>
        )}
      </div>
      <Dialog open={asking} title="Send every device whose force update is still open?" onClose={() => setAsking(false)}>
        <form onSubmit={includeAll}>
          <p>
            The latest push of these {count(total, 'device')} has not finished. Sending them again <strong>may push the firmware twice</strong>. Do it only when a second push is
            intended.
          </p>
          <div className="field">
            <label htmlFor={inputId}>Type the number of devices ({total.toLocaleString()}) to confirm</label>
            <input id={inputId} inputMode="numeric" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" className="danger" disabled={!typedOk}>
              Include all {total.toLocaleString()}
            </button>
            <button type="button" className="secondary" autoFocus onClick={() => setAsking(false)}>
              Keep them held back
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
