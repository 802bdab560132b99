// The confirmation before anything is sent: the profile and tenant by name, what will be sent (the
// dry run's numbers, held-back devices included), the licence and windows as Samsung reports them
// now, what `Latest` means now (with "pin"), every warning of the dry run, and — for a real tenant
// above 100 devices — the device count typed by the admin. Sending starts only here.
import { useState, type FormEvent } from 'react';
import { summaryLine } from '../../../common/batch/send-summary.ts';
import { NO_WITHDRAW, type SendView } from '../../../common/contract.ts';
import { count } from '../util/format.ts';
import { FindingList } from './FindingList.tsx';

/** Props of SendConfirm (rendered inside a Dialog). */
export interface SendConfirmProps {
  readonly view: SendView;
  readonly busy: boolean;
  readonly onConfirm: (pinLatest: boolean, typedCount: number | null) => void;
  readonly onCancel: () => void;
}

/** The confirmation form. */
export function SendConfirm({ view, busy, onConfirm, onCancel }: SendConfirmProps) {
  const [pin, setPin] = useState(false);
  const [typed, setTyped] = useState('');
  const checks = view.checks;
  const summary = view.summary;
  const needsCount = view.typeToConfirm;
  const countOk = needsCount === null || Number(typed.replace(/[\s,.']/g, '')) === needsCount;
  const blocked = checks !== null && !checks.sendable;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!countOk || blocked) return;
    onConfirm(pin, needsCount === null ? null : needsCount);
  };
  const t = view.tenant;
  return (
    <form onSubmit={submit} data-testid="send-confirm">
      <p className={t.practice ? 'note note-info' : 'note note-warning'} id="send-tenant">
        {t.practice ? 'Practice: ' : 'Real tenant: '}
        profile <strong>{t.profileName}</strong>, customer ID <code>{t.customerId}</code>, licence <code>{t.licenseSuffix}</code>.
      </p>
      <p>
        {view.resumed ? 'Continuing an unfinished send: ' : ''}
        <strong>{count(summary.toSend.calls, 'call')}</strong> to send, <strong>{count(summary.toSend.devices, 'device')}</strong>
        {summary.pilotCalls > 0 ? `; the first ${count(summary.pilotCalls, 'call')} are a pilot, then the send pauses for your review` : ''}.
      </p>
      <p data-testid="send-summary">The send, as the dry run showed it: {summaryLine(summary)}.</p>
      {summary.heldBack.length > 0 && (
        <p className="note note-info" data-testid="send-held-back">
          {count(summary.heldBack.length, 'device')} held back — {summary.heldBack.length === 1 ? 'its' : 'their'} latest push is still open:{' '}
          {summary.heldBack.slice(0, 5).map((p) => `${p.serial} (${p.forceUpdateId ?? p.callId})`).join(', ')}
          {summary.heldBack.length > 5 ? ` and ${count(summary.heldBack.length - 5, 'more')}` : ''}.
        </p>
      )}
      {summary.includedOpen.length > 0 && (
        <p className="note note-warning" data-testid="send-included-open">
          {count(summary.includedOpen.length, 'device')} included although {summary.includedOpen.length === 1 ? 'its' : 'their'} latest push is still open: {summary.includedOpen.length === 1 ? 'it' : 'they'} may be pushed twice.
        </p>
      )}
      {view.notices.length > 0 && (
        <ul className="notices">
          {view.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {checks?.license && (
        <p>
          Licence now: {checks.license.status ?? '?'}, type {checks.license.type ?? '?'}, active {checks.license.activePeriod ?? '?'}, {checks.license.remaining ?? '?'} of{' '}
          {checks.license.purchased ?? '?'} seats free.
        </p>
      )}
      {checks && checks.latest.length > 0 && (
        <div className="latest">
          <p>
            <strong>What “Latest” means now</strong> (Samsung resolves it when each call arrives, so it may change during a long send):
          </p>
          <ul data-testid="latest">
            {checks.latest.map((l) => (
              <li key={l.groupKey}>
                {l.groupKey}: {l.firmware ? <code>{l.firmware}</code> : 'nothing'} {l.firmware ? `(${l.detail})` : `— ${l.detail}`}
              </li>
            ))}
          </ul>
          <label className="checkbox">
            <input type="checkbox" checked={pin} onChange={(e) => setPin(e.target.checked)} />
            Pin these firmware versions to the batch, so every call sends exactly them
          </label>
        </div>
      )}
      {checks && <FindingList findings={checks.findings} label="Checks at send time" showWhere />}
      {blocked && <p className="note note-error">The checks above found errors: nothing can be sent until they are fixed.</p>}
      {needsCount !== null && (
        <div className="field">
          <label htmlFor="typed-count">Type the number of devices ({needsCount.toLocaleString()}) to confirm</label>
          <input id="typed-count" inputMode="numeric" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby="send-tenant" />
        </div>
      )}
      <p className="hint">{NO_WITHDRAW}</p>
      <div className="actions">
        <button type="submit" disabled={busy || !countOk || blocked}>
          {busy ? 'Starting…' : `Send ${count(summary.toSend.devices, 'device')} to ${t.profileName}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel} autoFocus>
          Do not send
        </button>
      </div>
    </form>
  );
}
