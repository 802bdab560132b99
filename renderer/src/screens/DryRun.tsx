// The dry run of a batch: the calls the next send makes, the real scope of each group, the licence and
// the abnormal-device check as of now, what the send will do in the numbers the confirmation and the
// send show too (held-back devices included), and every warning and error. Nothing has been sent;
// "Send…" opens the confirmation.
import type { ReactNode } from 'react';
import { summaryLine } from '../../../common/batch/send-summary.ts';
import type { PreviewView } from '../../../common/contract.ts';
import { count, dateTime } from '../util/format.ts';
import { FindingList } from './FindingList.tsx';

function abnormalText(p: PreviewView['preview']['abnormal']): string {
  switch (p.run.kind) {
    case 'ran':
      return `Checked now: ${count(p.checked, 'serial')} asked about, ${p.reported.toLocaleString()} reported; ${p.run.newlyExcluded.toLocaleString()} newly excluded, ${p.run.restored.toLocaleString()} back in.`;
    case 'failed':
      return `The check failed: ${p.run.message}`;
    case 'skipped':
      return p.lastRanAt ? `Not checked now (${p.run.reason}); last checked ${dateTime(p.lastRanAt)}.` : `Not checked (${p.run.reason}).`;
  }
}

/** The dry run's result; `children` (the held-back devices) come after its facts. */
export function DryRun({ view, stale = null, onSend, sendDisabledReason, children }: { readonly view: PreviewView; readonly stale?: string | null; readonly onSend: () => void; readonly sendDisabledReason: string | null; readonly children?: ReactNode }) {
  const p = view.preview;
  return (
    <section aria-labelledby="dry-run-title" className="dry-run" data-testid="dry-run">
      <h2 id="dry-run-title">Dry run — nothing was sent</h2>
      {stale && (
        <p className="note note-warning" role="status" data-testid="dry-run-stale">
          {stale}
        </p>
      )}
      <ul className="counts" aria-label="What the send will do">
        <li>{count(p.totals.forceUpdateCalls, 'forceUpdate call')}</li>
        {p.totals.serverInitCalls > 0 && <li>{count(p.totals.serverInitCalls, 'scheduled push', 'scheduled pushes')}</li>}
        <li>{count(p.totals.devicesToSend, 'device')} to send</li>
        <li>{p.totals.excluded.toLocaleString()} excluded</li>
        {p.totals.pilotCalls > 0 && <li>{count(p.totals.pilotCalls, 'pilot call')} first, then a pause</li>}
        <li className={p.errors > 0 ? 'count-error' : undefined}>{count(p.errors, 'error')}</li>
        <li>{count(p.warnings, 'warning')}</li>
      </ul>
      <table className="table">
        <caption className="visually-hidden">Groups in the dry run</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Reaches</th>
            <th scope="col">Target</th>
            <th scope="col">Calls</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {p.groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.key}</th>
              <td>{g.scope}</td>
              <td>
                <code>{g.target}</code>
                {g.network ? `, ${g.network === 'WIFIONLY' ? 'Wi-Fi only' : 'any network'}` : ''}
              </td>
              <td>{g.calls}</td>
              <td>
                {g.window ? (
                  <>
                    {g.window.gmt}
                    <br />
                    <span className="muted">{g.window.local}</span>
                  </>
                ) : (
                  'as soon as the call is accepted'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        <div>
          <dt>Licence (last known)</dt>
          <dd>{p.license ? `${p.license.status ?? '?'}, ${p.license.type ?? '?'}, until ${p.license.expiresOn ?? '?'} (as of ${dateTime(p.license.fetchedAt)})` : 'not known yet'}</dd>
        </div>
        <div>
          <dt>Abnormal devices</dt>
          <dd>{abnormalText(p.abnormal)}</dd>
        </div>
        <div>
          <dt>The send</dt>
          <dd data-testid="dry-run-summary">{summaryLine(p.summary)}</dd>
        </div>
      </dl>
      {children}
      <FindingList findings={p.findings} label="Checks of the dry run" testId="dry-run-findings" showWhere />
      <div className="actions">
        <button type="button" onClick={onSend} disabled={sendDisabledReason !== null} aria-describedby={sendDisabledReason ? 'send-disabled-why' : undefined}>
          Send…
        </button>
        {sendDisabledReason && (
          <span className="muted" id="send-disabled-why">
            {sendDisabledReason}
          </span>
        )}
      </div>
    </section>
  );
}
