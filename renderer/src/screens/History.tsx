// History: every sent batch with its forceUpdateIds and their expiry, a stacked bar of its devices'
// states, the per-device results with Samsung's failure reasons, refresh (F5), export, "new batch
// from failed / unknown / not downloaded", a serial search across all history, copy diagnostics.
import { memo, useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ContractError, DeviceResultView, HistoryBatchView } from '../../../common/contract.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { StackedBar } from '../components/StackedBar.tsx';
import { Subject } from '../components/Subject.tsx';
import { useApp } from '../state/app.ts';
import { useCommands } from '../state/commands.ts';
import { useHistory } from '../state/history.ts';
import { count, dateTime } from '../util/format.ts';
import { HistoryDetail } from './HistoryDetail.tsx';

/** Batches that hold the serial without sending it: excluded, or held back, with why. */
function NotSent({ rows }: { readonly rows: readonly DeviceResultView[] }) {
  if (rows.length === 0) return null;
  return (
    <ul className="notices" aria-label="Batches that do not send it" data-testid="search-not-sent">
      {rows.map((r, i) => (
        <li key={`${r.batchId}|${i}`}>{r.label}</li>
      ))}
    </ul>
  );
}

/** Shows rows of the serial search. */
function SearchResults({ serial, rows, inBatches }: { readonly serial: string; readonly rows: readonly DeviceResultView[]; readonly inBatches: readonly DeviceResultView[] }) {
  if (rows.length === 0 && inBatches.length === 0) return <p data-testid="search-result">Nothing in the history or the batches mentions {serial}.</p>;
  if (rows.length === 0) {
    return (
      <div data-testid="search-result">
        <p>{serial} was never pushed from here.</p>
        <NotSent rows={inBatches} />
      </div>
    );
  }
  return (
    <div data-testid="search-result">
      <table className="table">
        <caption>
          {serial}: {count(rows.length, 'event')}, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">State</th>
            <th scope="col">forceUpdateId</th>
            <th scope="col">Target</th>
            <th scope="col">Sent</th>
            <th scope="col">Expires at Samsung</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.batchId}|${r.forceUpdateId ?? ''}|${i}`}>
              <th scope="row">{r.batchName}</th>
              <td>{r.label}</td>
              <td>{r.forceUpdateId ? <code>{r.forceUpdateId}</code> : '—'}</td>
              <td>
                <code>{r.target}</code>
              </td>
              <td>{dateTime(r.sentAt)}</td>
              <td>{dateTime(r.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotSent rows={inBatches} />
    </div>
  );
}

/** Rows added per frame: a history of 1,000 batches appears without holding the page's thread. */
const ROWS_PER_FRAME = 100;

/** One sent batch in the list (memoised: growing the list does not redraw the rows already shown). */
const HistoryRow = memo(function HistoryRow({ batch: b, open, onToggle }: { readonly batch: HistoryBatchView; readonly open: boolean; readonly onToggle: (batchId: string) => void }) {
  return (
    <tr aria-current={open ? 'true' : undefined} className={open ? 'active-row' : undefined}>
      <th scope="row">
        {b.batchName} {b.practice && <span className="practice-mark">PRACTICE</span>}
        {!b.activeTenant && <span className="tag"> another tenant</span>}
      </th>
      <td>{dateTime(b.lastSentAt)}</td>
      <td>{b.devices.toLocaleString()}</td>
      <td className="bar-cell">
        <StackedBar counts={b.counts} />
      </td>
      <td>
        {b.updates.length}
        {b.open > 0 ? ` (${b.open} followed)` : ''}
        {b.scheduled.length > 0 ? `, ${count(b.scheduled.length, 'scheduled push', 'scheduled pushes')}` : ''}
      </td>
      <td>
        <button type="button" className="secondary" onClick={() => onToggle(b.batchId)} aria-expanded={open}>
          {open ? 'Hide devices' : 'Show devices'}
          <Subject text={b.batchName} />
        </button>
      </td>
    </tr>
  );
});

/** The history screen. */
export function HistoryScreen() {
  const { list, error, load, search, find, detailId, openDetail, refresh, refreshing, lastRefresh } = useHistory();
  const announce = useApp((s) => s.announce);
  const [serial, setSerial] = useState('');
  const [diagnostics, setDiagnostics] = useState<string | null>(null);
  const [problem, setProblem] = useState<ContractError | null>(null);
  const pending = useCommands((s) => s.pending);
  const done = useCommands((s) => s.done);
  const total = list?.batches.length ?? 0;
  const [shown, setShown] = useState(ROWS_PER_FRAME);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (shown >= total) return;
    const timer = setTimeout(() => setShown((n) => n + ROWS_PER_FRAME), 0);
    return () => clearTimeout(timer);
  }, [shown, total]);

  const toggle = useCallback((batchId: string) => void openDetail(useHistory.getState().detailId === batchId ? null : batchId), [openDetail]);

  // F5: refresh the batch shown (or every batch of the active tenant).
  useEffect(() => {
    if (pending?.command !== 'refresh') return;
    done(pending.id);
    announce('Asking Samsung for the latest states…');
    void refresh(useHistory.getState().detailId).then(() => {
      const r = useHistory.getState().lastRefresh;
      announce(r ? `${count(r.refreshed, 'forceUpdateId')} refreshed${r.failed > 0 ? `, ${r.failed} failed` : ''}.` : 'Refresh done.');
    });
  }, [pending, done, refresh, announce]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (serial.trim() === '') return;
    await find(serial);
    const s = useHistory.getState().search;
    if (s) announce(s.rows.length === 0 ? `Nothing in the history mentions ${s.serial}.` : `${s.serial}: ${s.rows[0]?.label ?? ''}`);
  };

  const copyDiagnostics = async (): Promise<void> => {
    const result = await useHistory.getState().diagnostics();
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    try {
      await navigator.clipboard.writeText(result.data.text);
      announce('Diagnostics copied to the clipboard (tokens and secrets are redacted).');
      setDiagnostics(null);
    } catch {
      // The clipboard may be refused (permissions): show the text to copy by hand.
      setDiagnostics(result.data.text);
    }
  };

  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title" tabIndex={-1}>
        History
      </h1>
      <p className="lead">Every forceUpdateId sent from this data folder, followed per device — also after Samsung forgets it (3 months).</p>

      <form className="form-row search" role="search" aria-label="Serial look-up" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="history-serial">Find a serial in all history</label>
          <input id="history-serial" type="search" value={serial} spellCheck={false} onChange={(e) => setSerial(e.target.value)} placeholder="e.g. R58N1SP0001" />
        </div>
        <div className="field field-button">
          <button type="submit">Find</button>
        </div>
      </form>
      {search && <SearchResults serial={search.serial} rows={search.rows} inBatches={search.inBatches} />}

      <div className="actions">
        <button type="button" className="secondary" disabled={refreshing} onClick={() => void refresh(null)}>
          {refreshing && detailId === null ? 'Refreshing…' : 'Refresh all (F5)'}
        </button>
        <button type="button" className="secondary" onClick={() => void copyDiagnostics()}>
          Copy diagnostics
        </button>
      </div>
      <ErrorNote error={error} />
      <ErrorNote error={problem} />
      {lastRefresh && lastRefresh.messages.length > 0 && (
        <ul className="notices" aria-label="Refresh messages">
          {lastRefresh.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {list && list.problems.length > 0 && (
        <ul className="note note-warning">
          {list.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {list && list.batches.length === 0 && <p className="muted">Nothing was sent yet.</p>}
      {list && list.batches.length > 0 && (
        <table className="table history-table" data-testid="history-list">
          <caption className="visually-hidden">Sent batches</caption>
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">Sent</th>
              <th scope="col">Devices</th>
              <th scope="col">States</th>
              <th scope="col">forceUpdateIds</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.batches.slice(0, shown).map((b) => (
              <HistoryRow key={b.batchId} batch={b} open={detailId === b.batchId} onToggle={toggle} />
            ))}
          </tbody>
        </table>
      )}
      {detailId && <HistoryDetail />}

      <Dialog open={diagnostics !== null} title="Diagnostics" onClose={() => setDiagnostics(null)} wide>
        <p>The clipboard could not be used. Select the text and copy it into your support ticket (tokens and secrets are redacted).</p>
        <textarea readOnly rows={16} aria-label="Diagnostics text" value={diagnostics ?? ''} />
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setDiagnostics(null)}>
            Close
          </button>
        </div>
      </Dialog>
    </section>
  );
}
