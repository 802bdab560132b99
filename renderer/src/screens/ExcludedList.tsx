// The Excluded list of a batch: devices the abnormal-device check reported (one of them would make
// Samsung refuse its whole call, FUD_3031) and devices the admin left out, each with its reason and a
// way to take it back; and a small form to leave a device out by hand.
import { useState, type FormEvent } from 'react';
import type { BatchView } from '../../../common/contract.ts';
import { Subject } from '../components/Subject.tsx';
import { count, dateTime } from '../util/format.ts';

/** Props of ExcludedList. */
export interface ExcludedListProps {
  readonly batch: BatchView;
  readonly disabled: boolean;
  readonly onTakeBack: (serial: string) => void;
  readonly onExclude: (serial: string, reason: string) => void;
}

/** The Excluded list. */
export function ExcludedList({ batch, disabled, onTakeBack, onExclude }: ExcludedListProps) {
  const [serial, setSerial] = useState('');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (serial.trim() === '') return;
    onExclude(serial.trim(), reason);
    setSerial('');
    setReason('');
  };
  return (
    <section aria-labelledby="excluded-title">
      <h2 id="excluded-title">Excluded ({batch.excludedTotal.toLocaleString()})</h2>
      {batch.abnormalCheck ? (
        <p className="muted">
          Checked with abnormalDeviceList {dateTime(batch.abnormalCheck.at)}: {count(batch.abnormalCheck.checked, 'serial')} asked about, {batch.abnormalCheck.reported.length.toLocaleString()} reported.
        </p>
      ) : (
        <p className="muted">The serials were not checked with abnormalDeviceList yet; the dry run does it.</p>
      )}
      {batch.excludedTotal === 0 ? (
        <p>No device is left out.</p>
      ) : (
        <table className="table" data-testid="excluded">
          <caption className="visually-hidden">Excluded devices</caption>
          <thead>
            <tr>
              <th scope="col">Serial</th>
              <th scope="col">Model / sales code</th>
              <th scope="col">Reason</th>
              <th scope="col">Left out by</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {batch.excluded.map((x) => (
              <tr key={x.serial}>
                <th scope="row">
                  <code>{x.serial}</code>
                </th>
                <td>
                  {x.model} / {x.salesCode}
                </td>
                <td>{x.reason}</td>
                <td>{x.by === 'abnormalDeviceList' ? `the abnormal-device check, ${dateTime(x.excludedAt)}` : `you, ${dateTime(x.excludedAt)}`}</td>
                <td>
                  <button type="button" className="secondary" disabled={disabled} onClick={() => onTakeBack(x.serial)}>
                    Take back<Subject text={x.serial} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {batch.excludedTotal > batch.excluded.length && <p className="muted">The first {batch.excluded.length.toLocaleString()} are shown.</p>}
      <form className="form-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="exclude-serial">Leave a device out (serial)</label>
          <input id="exclude-serial" value={serial} spellCheck={false} onChange={(e) => setSerial(e.target.value)} disabled={disabled} />
        </div>
        <div className="field">
          <label htmlFor="exclude-reason">Reason (optional)</label>
          <input id="exclude-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} disabled={disabled} />
        </div>
        <div className="field field-button">
          <button type="submit" className="secondary" disabled={disabled || serial.trim() === ''}>
            Exclude
          </button>
        </div>
      </form>
    </section>
  );
}
