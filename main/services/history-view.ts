// The tracking history as the window shows it: per batch, the forceUpdateIds with their expiry and
// the devices per state for the stacked bar; per device, the state in words with Samsung's reason.
import type { DeviceResultView, HistoryBatchView, StateCountsView, TrackedUpdateView } from '../../common/contract.ts';
import { readableDate } from '../../common/batch/time-text.ts';
import { batchResults, stateLabel, type DeviceRow } from '../batches/results.ts';
import type { BatchHistory, TrackedUpdate } from '../store/history/history-model.ts';

/** Devices per segment of the stacked bar. */
export function stateCounts(rows: readonly DeviceRow[]): StateCountsView {
  const c = { processing: 0, downloaded: 0, failed: 0, unknown: 0, other: 0 };
  for (const r of rows) {
    if (r.state === 'sent' || r.state === 'processing') c.processing++;
    else if (r.state === 'downloaded') c.downloaded++;
    else if (r.state === 'failed') c.failed++;
    else if (r.state === 'unknown' || r.state === 'send-unknown') c.unknown++;
    else c.other++;
  }
  return c;
}

function updateView(u: TrackedUpdate): TrackedUpdateView {
  const failedRefresh = u.lastAttempt && !u.lastAttempt.ok ? `last refresh failed${u.lastAttempt.code ? ` (${u.lastAttempt.code})` : ''}: ${u.lastAttempt.message ?? ''}`.trim() : null;
  return {
    forceUpdateId: u.forceUpdateId,
    callId: u.callId,
    groupKey: u.groupKey,
    target: u.target,
    devices: u.serials.length,
    sentAt: u.sentAt,
    expiresAt: u.expiresAt,
    status: u.status,
    asOf: u.asOf,
    note: u.closedReason ?? failedRefresh,
  };
}

/** One batch of the history list. */
export function historyBatchView(h: BatchHistory, activeCustomerId: string, rows: readonly DeviceRow[] = batchResults(h)): HistoryBatchView {
  const sent = [...h.updates.map((u) => u.sentAt), ...h.scheduled.map((s) => s.sentAt)].sort();
  return {
    batchId: h.batchId,
    batchName: h.batchName,
    customerId: h.customerId,
    profile: h.profile,
    practice: h.practice,
    activeTenant: h.customerId === activeCustomerId,
    firstSentAt: sent[0] ?? null,
    lastSentAt: sent[sent.length - 1] ?? null,
    devices: rows.length,
    counts: stateCounts(rows),
    updates: h.updates.map(updateView),
    scheduled: h.scheduled.map((s) => ({
      groupKey: s.groupKey,
      groupId: s.groupId,
      window: `${readableDate(s.window.startDate)} to ${readableDate(s.window.endDate)}, daily ${s.window.startHour}:00–${s.window.endHour}:00 GMT`,
      sentAt: s.sentAt,
    })),
    open: h.updates.filter((u) => u.status === 'open').length,
  };
}

/** One device row. */
export function deviceResultView(r: DeviceRow): DeviceResultView {
  return {
    serial: r.serial,
    model: r.model,
    salesCode: r.salesCode,
    state: r.state,
    label: stateLabel(r),
    reason: r.reason,
    batchId: r.batchId,
    batchName: r.batchName,
    forceUpdateId: r.forceUpdateId,
    target: r.target,
    sentAt: r.sentAt,
    expiresAt: r.expiresAt,
    asOf: r.asOf,
  };
}
