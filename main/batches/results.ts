// Per-device results, for a batch's results view and export and for the helpdesk's serial look-up.
// A device's latest known state comes from the newest thing that happened to it: a tracked
// forceUpdateId, a scheduled group, or a call that gave no id. Success is always "downloaded":
// Samsung counts downloads, not installations.
import { normaliseSerial } from '../../common/efota/normalise.ts';
import { exportRows, PRACTICE_PROFILE_ID } from '../practice/practice-profile.ts';
import { SCHEDULED_NOTE, type BatchHistory, type DeviceState, type TrackStatus } from '../store/history/history-model.ts';
import type { HistoryStore } from '../store/history/history-store.ts';

/**
 * A device's state in a result row: a tracking state, or what happened before tracking could start;
 * for the look-up also `excluded` (left out of a batch) and `held-back` (a batch would not send it
 * because its latest push elsewhere is still open).
 */
export type ResultState = DeviceState | 'scheduled' | 'rejected' | 'send-unknown' | 'not-sent' | 'no-id' | 'excluded' | 'held-back';

/** One device in one batch. */
export interface DeviceRow {
  readonly serial: string;
  readonly model: string;
  readonly salesCode: string;
  readonly state: ResultState;
  /** failure reason (verbatim), why it is unknown, the FUD code of a rejection … */
  readonly reason: string | null;
  readonly batchId: string;
  readonly batchName: string;
  readonly customerId: string;
  readonly practice: boolean;
  readonly forceUpdateId: string | null;
  readonly callId: string;
  /** the send (journal) the row comes from; null when unknown (recorded directly, or a batch not sent) */
  readonly sendId: string | null;
  /** the target as sent */
  readonly target: string;
  readonly sentAt: string | null;
  readonly expiresAt: string | null;
  /** when the state was last confirmed by Samsung */
  readonly asOf: string | null;
  /** where tracking of the id stands; null when there is no id */
  readonly tracking: TrackStatus | null;
  /** ISO time the row's event happened (sent, scheduled, rejected …), for ordering */
  readonly at: string;
}

/** `2030-06-01T14:05:09.000Z` → `2030-06-01 14:05 UTC`. */
export function shortTime(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

/** Every device row of a batch's history (a device sent twice has two rows). */
export function historyRows(h: BatchHistory): DeviceRow[] {
  // The batch's fields are written out in each literal: V8 (Node 20) builds an object spread followed
  // by many more properties a hundred times slower, and a look-up builds thousands of rows.
  const { batchId, batchName, customerId, practice } = h;
  const rows: DeviceRow[] = [];
  for (const u of h.updates) {
    for (const d of u.devices) {
      rows.push({
        batchId,
        batchName,
        customerId,
        practice,
        serial: d.serial,
        model: u.model,
        salesCode: u.salesCode,
        state: d.state,
        reason: d.reason,
        forceUpdateId: u.forceUpdateId,
        callId: u.callId,
        sendId: u.sendId,
        target: u.target,
        sentAt: u.sentAt,
        expiresAt: u.expiresAt,
        asOf: u.asOf,
        tracking: u.status,
        at: u.sentAt,
      });
    }
  }
  for (const s of h.scheduled) {
    for (const serial of s.serials) {
      rows.push({
        batchId,
        batchName,
        customerId,
        practice,
        serial,
        model: s.model,
        salesCode: s.salesCode,
        state: 'scheduled',
        reason: `${SCHEDULED_NOTE} (group ${s.groupId}, ${s.window.startDate}–${s.window.endDate}, daily ${s.window.startHour}–${s.window.endHour} GMT)`,
        forceUpdateId: null,
        callId: s.callId,
        sendId: s.sendId,
        target: s.target,
        sentAt: s.sentAt,
        expiresAt: null,
        asOf: null,
        tracking: null,
        at: s.sentAt,
      });
    }
  }
  for (const c of h.untracked) {
    const state: ResultState = c.state === 'rejected' ? 'rejected' : c.state === 'unknown' ? 'send-unknown' : c.state === 'accepted-without-id' ? 'no-id' : 'not-sent';
    const reason = c.state === 'rejected' ? `${c.code ?? 'rejected'}${c.message ? `: ${c.message}` : ''}` : c.state === 'cancelled' ? `cancelled${c.message ? `: ${c.message}` : ''}` : c.message;
    for (const serial of c.serials) {
      rows.push({ batchId, batchName, customerId, practice, serial, model: c.model, salesCode: c.salesCode, state, reason, forceUpdateId: null, callId: c.callId, sendId: c.sendId, target: c.target, sentAt: null, expiresAt: null, asOf: null, tracking: null, at: c.at });
    }
  }
  return rows;
}

function newestFirst(a: DeviceRow, b: DeviceRow): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : 0;
}

/** Each device's latest row in a batch, in serial order. */
export function batchResults(h: BatchHistory): DeviceRow[] {
  const latest = new Map<string, DeviceRow>();
  for (const row of historyRows(h).sort(newestFirst)) if (!latest.has(row.serial)) latest.set(row.serial, row);
  return [...latest.values()].sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
}

/** Everything known about a serial across all batches and history, newest first. */
export function lookUpSerial(store: HistoryStore, serial: string): DeviceRow[] {
  const wanted = normaliseSerial(serial);
  return store
    .holding(wanted)
    .flatMap((h) => historyRows(h).filter((r) => r.serial === wanted))
    .sort(newestFirst);
}

/** The state in words, with the time it was true: `downloaded (as of 2030-06-01 14:05 UTC)`. */
export function stateLabel(row: DeviceRow): string {
  const asOf = row.asOf ? ` (as of ${shortTime(row.asOf)})` : '';
  const ended = row.tracking === 'expired' ? '; the id has expired at Samsung, this is the last known state' : '';
  switch (row.state) {
    case 'sent':
      return `sent ${shortTime(row.sentAt)}, not refreshed yet${ended}`;
    case 'processing':
    case 'downloaded':
      return `${row.state}${asOf}${ended}`;
    case 'failed':
      return `failed${row.reason ? `: ${row.reason}` : ''}${asOf}${ended}`;
    case 'unknown':
      return `unknown${row.reason ? ` (${row.reason})` : ''}${asOf}${ended}`;
    case 'scheduled':
      return row.reason ?? SCHEDULED_NOTE;
    case 'rejected':
      return `not sent: rejected ${row.reason ?? ''}`.trim();
    case 'send-unknown':
      return `send outcome unknown: the call may have reached Samsung${row.reason ? ` (${row.reason})` : ''}; decide with 'fota batch send'`;
    case 'no-id':
      return row.reason ?? 'accepted without a forceUpdateId';
    case 'not-sent':
      return `not sent${row.reason ? ` (${row.reason})` : ''}`;
    case 'excluded':
    case 'held-back':
      return row.reason ?? row.state;
  }
}

/** The export's columns; the first three are the ones the importer recognises, so an export re-imports as a device list. */
export const RESULT_COLUMNS = ['Serial Number', 'Model', 'Sales Code', 'State', 'Reason', 'Batch', 'forceUpdateId', 'Target', 'Sent At (UTC)', 'Expires At (UTC)', 'As Of (UTC)', 'Tracking'] as const;

/** The export's rows (header first); a practice batch's export starts with the PRACTICE row. */
export function resultsTable(rows: readonly DeviceRow[], practice: boolean): ReadonlyArray<readonly string[]> {
  const table: string[][] = [
    [...RESULT_COLUMNS],
    ...rows.map((r) => [r.serial, r.model, r.salesCode, r.state, r.reason ?? '', r.batchName, r.forceUpdateId ?? '', r.target, r.sentAt ?? '', r.expiresAt ?? '', r.asOf ?? '', r.tracking ?? '']),
  ];
  return exportRows(table, practice ? PRACTICE_PROFILE_ID : '');
}

/** Devices per state, for summaries. */
export function countStates(rows: readonly DeviceRow[]): Record<ResultState, number> {
  const counts: Record<ResultState, number> = { sent: 0, processing: 0, downloaded: 0, failed: 0, unknown: 0, scheduled: 0, rejected: 0, 'send-unknown': 0, 'not-sent': 0, 'no-id': 0, excluded: 0, 'held-back': 0 };
  for (const r of rows) counts[r.state]++;
  return counts;
}
