// The licence facts in a definition list, with the warnings main derived from them.
import type { LicenseView } from '../../../common/contract.ts';

/** The licence's facts and warnings. */
export function LicenseSummary({ view }: { readonly view: LicenseView }) {
  const info = view.info;
  return (
    <div className="licence-summary">
      {view.warnings.length > 0 && (
        <ul className="warnings" aria-label="Licence warnings">
          {view.warnings.map((w) => (
            <li key={w.kind} className={w.severity === 'error' ? 'note note-error' : 'note note-warning'}>
              <strong>{w.severity === 'error' ? 'Problem: ' : 'Warning: '}</strong>
              {w.message}
            </li>
          ))}
        </ul>
      )}
      {info === null ? (
        <p>No licence information yet.</p>
      ) : (
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <span className={`status status-${(info.status ?? 'unknown').toLowerCase().replace(/\s+/g, '-')}`}>{info.status ?? 'unknown'}</span>
            </dd>
          </div>
          <div>
            <dt>Active period</dt>
            <dd>
              {info.activeFrom && info.activeTo ? `${info.activeFrom} to ${info.activeTo}` : (info.activePeriod ?? '—')}
              {view.daysLeft !== null && view.daysLeft >= 0 && <span className="muted"> ({view.daysLeft === 0 ? 'last day' : `${view.daysLeft} days left`})</span>}
            </dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>{info.type === 'SA' ? 'SA (stand-alone E-FOTA)' : info.type === 'EE' ? 'EE (Enterprise Edition devices)' : (info.type ?? '—')}</dd>
          </div>
          <div>
            <dt>Seats purchased</dt>
            <dd>{info.purchased ?? '—'}</dd>
          </div>
          <div>
            <dt>Seats remaining</dt>
            <dd>{info.remaining ?? '—'}</dd>
          </div>
          <div>
            <dt>Blocked devices</dt>
            <dd>{info.blocked ?? '—'}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
