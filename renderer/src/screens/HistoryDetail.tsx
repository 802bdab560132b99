// One sent batch in detail: its forceUpdateIds (sent, expiry, last answer), the per-device table
// with Samsung's failure reasons (virtualised: a batch may hold 250,000 devices), refresh, CSV
// export, and a new draft batch from the failed / unknown / not-downloaded devices.
import { useMemo, useState, type FormEvent } from 'react';
import type { ContractError, DeviceResultView, DeviceStateView, RetryFromView } from '../../../common/contract.ts';
import { Dialog } from '../components/Dialog.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Field } from '../components/Field.tsx';
import { PracticeClock } from '../components/PracticeClock.tsx';
import { StackedBar, describeCounts } from '../components/StackedBar.tsx';
import { VirtualTable, type VirtualColumn } from '../components/VirtualTable.tsx';
import { useApp } from '../state/app.ts';
import { useBatches } from '../state/batches.ts';
import { useHistory } from '../state/history.ts';
import { downloadText } from '../util/download.ts';
import { count, dateTime } from '../util/format.ts';

const COLUMNS: readonly VirtualColumn[] = [
  { id: 'serial', label: 'Serial' },
  { id: 'model', label: 'Model / sales code' },
  { id: 'state', label: 'State' },
  { id: 'id', label: 'forceUpdateId' },
  { id: 'asof', label: 'As of' },
  { id: 'reason', label: 'Reason' },
];
const TEMPLATE = '150px 160px 110px 240px 160px minmax(240px, 1fr)';

type Filter = 'all' | 'processing' | 'downloaded' | 'failed' | 'unknown';
const FILTER_STATES: Record<Filter, readonly DeviceStateView[] | null> = {
  all: null,
  processing: ['sent', 'processing'],
  downloaded: ['downloaded'],
  failed: ['failed'],
  unknown: ['unknown', 'send-unknown'],
};
const STATUS_TEXT = { open: 'followed', final: 'final', expired: 'expired at Samsung' } as const;

/** The detail of the batch chosen in the history slice. */
export function HistoryDetail() {
  const { detail, refresh, refreshing } = useHistory();
  const announce = useApp((s) => s.announce);
  const [filter, setFilter] = useState<Filter>('all');
  const [current, setCurrent] = useState<number | null>(null);
  const [retry, setRetry] = useState<RetryFromView | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const rows = useMemo<readonly DeviceResultView[]>(() => {
    const wanted = FILTER_STATES[filter];
    return detail ? (wanted ? detail.rows.filter((r) => wanted.includes(r.state)) : detail.rows) : [];
  }, [detail, filter]);
  if (!detail) return <p className="muted">Loading the devices…</p>;
  const b = detail.batch;
  const row = current === null ? undefined : rows[current];

  const exportCsv = async (): Promise<void> => {
    const result = await useHistory.getState().exportCsv(b.batchId);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    downloadText(result.data.fileName, result.data.text, 'text/csv;charset=utf-8');
    announce(`${result.data.fileName} saved to your downloads (${count(result.data.devices, 'device')}).`);
  };

  return (
    <section aria-labelledby="history-detail-title" className="history-detail" data-testid="history-detail">
      <h2 id="history-detail-title">Devices of {b.batchName}</h2>
      <StackedBar counts={b.counts} />
      <p className="muted">
        {describeCounts(b.counts)}. Samsung counts downloads, not installations: “downloaded” is as far as E-FOTA reports.
      </p>
      {b.practice && <PracticeClock batchId={b.batchId} />}
      <div className="actions">
        <button type="button" className="secondary" disabled={refreshing || !b.activeTenant} onClick={() => void refresh(b.batchId).then(() => announce(`${b.batchName} refreshed.`))}>
          {refreshing ? 'Refreshing…' : 'Refresh (F5)'}
        </button>
        <button type="button" className="secondary" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <button type="button" className="secondary" disabled={b.counts.failed === 0} onClick={() => setRetry('failed')}>
          New batch from failed…
        </button>
        <button type="button" className="secondary" disabled={b.counts.unknown === 0} onClick={() => setRetry('unknown')}>
          New batch from unknown…
        </button>
        <button type="button" className="secondary" disabled={b.updates.length === 0} onClick={() => setRetry('not-downloaded')}>
          New batch from not downloaded…
        </button>
      </div>
      <ErrorNote error={error} />
      <table className="table" data-testid="history-updates">
        <caption>forceUpdateIds of {b.batchName}</caption>
        <thead>
          <tr>
            <th scope="col">forceUpdateId</th>
            <th scope="col">Call</th>
            <th scope="col">Devices</th>
            <th scope="col">Sent</th>
            <th scope="col">Samsung keeps it until</th>
            <th scope="col">Tracking</th>
            <th scope="col">Last answer</th>
          </tr>
        </thead>
        <tbody>
          {b.updates.map((u) => (
            <tr key={u.forceUpdateId}>
              <th scope="row">
                <code>{u.forceUpdateId}</code>
              </th>
              <td>
                <code>{u.callId}</code>, target <code>{u.target}</code>
              </td>
              <td>{u.devices}</td>
              <td>{dateTime(u.sentAt)}</td>
              <td>{dateTime(u.expiresAt)}</td>
              <td>
                {STATUS_TEXT[u.status]}
                {u.note ? ` — ${u.note}` : ''}
              </td>
              <td>{u.asOf ? dateTime(u.asOf) : 'not refreshed yet'}</td>
            </tr>
          ))}
          {b.scheduled.map((s) => (
            <tr key={`${s.groupKey}|${s.sentAt}`}>
              <th scope="row">none (scheduled)</th>
              <td>
                {s.groupKey}, group {s.groupId}
              </td>
              <td>—</td>
              <td>{dateTime(s.sentAt)}</td>
              <td>—</td>
              <td>not trackable through the API: {s.window}</td>
              <td>—</td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="filters">
        <legend className="visually-hidden">Show devices</legend>
        {(['all', 'processing', 'downloaded', 'failed', 'unknown'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="device-filter" checked={filter === f} onChange={() => { setFilter(f); setCurrent(null); }} />
            {f === 'all' ? 'All devices' : f === 'processing' ? 'Processing' : f === 'downloaded' ? 'Downloaded' : f === 'failed' ? 'Failed' : 'Unknown'}
          </label>
        ))}
        <span className="muted" data-testid="device-count">
          {count(rows.length, 'device')} shown
        </span>
      </fieldset>
      <VirtualTable
        label={`Devices of ${b.batchName}`}
        columns={COLUMNS}
        rowCount={rows.length}
        current={current}
        onCurrentChange={setCurrent}
        template={TEMPLATE}
        height={360}
        testId="history-devices"
        rowClass={(i) => (rows[i]?.state === 'failed' ? 'sev-error' : rows[i]?.state === 'unknown' || rows[i]?.state === 'send-unknown' ? 'sev-warning' : '')}
        renderCells={(i) => {
          const r = rows[i];
          if (!r) return [];
          return [r.serial, `${r.model} / ${r.salesCode}`, r.state, r.forceUpdateId ?? '—', r.asOf ? dateTime(r.asOf) : '—', <span key="r" title={r.label}>{r.reason ?? ''}</span>];
        }}
      />
      <div className="row-details" aria-live="polite" data-testid="device-details">
        {row ? (
          <p>
            <strong>{row.serial}</strong>: {row.label}
          </p>
        ) : (
          <p className="muted">Select a device to read its state in full.</p>
        )}
      </div>
      <RetryDialog from={retry} batchId={b.batchId} batchName={b.batchName} onClose={() => setRetry(null)} />
    </section>
  );
}

function RetryDialog({ from, batchId, batchName, onClose }: { readonly from: RetryFromView | null; readonly batchId: string; readonly batchName: string; readonly onClose: () => void }) {
  const what = from === 'failed' ? 'failed' : from === 'unknown' ? 'unknown' : 'not downloaded';
  return (
    <Dialog open={from !== null} title={`New batch from the ${what} devices`} onClose={onClose}>
      {from && <RetryForm from={from} batchId={batchId} batchName={batchName} onClose={onClose} />}
    </Dialog>
  );
}

function RetryForm({ from, batchId, batchName, onClose }: { readonly from: RetryFromView; readonly batchId: string; readonly batchName: string; readonly onClose: () => void }) {
  const announce = useApp((s) => s.announce);
  const [name, setName] = useState(`${batchName} — retry ${from === 'not-downloaded' ? 'not downloaded' : from}`);
  const [days, setDays] = useState('7');
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const result = await useHistory.getState().retry({ batchId, from, days: Math.max(0, Math.floor(Number(days) || 0)), name: name.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onClose();
    announce(`Draft ${result.data.name} created with ${count(result.data.devices, 'device')}. Nothing was sent.`);
    await useBatches.getState().open(result.data.id);
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <p>A draft batch with exactly these devices, their targets and network as sent. Nothing is sent: it goes through the dry run and the confirmation.</p>
      <Field label="Name of the new batch">{({ id }) => <input id={id} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}</Field>
      {from === 'not-downloaded' && (
        <Field label="Not downloaded after (days)" hint="Devices of forceUpdateIds sent at least this many days ago that have not downloaded.">
          {({ id, describedBy }) => <input id={id} type="number" min={0} max={90} value={days} aria-describedby={describedBy} onChange={(e) => setDays(e.target.value)} />}
        </Field>
      )}
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" disabled={busy || name.trim() === ''}>
          Create the draft
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
