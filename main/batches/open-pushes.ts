// "Is this device's latest push still open?" — asked before every dry run and every send, so no
// device is pushed twice by accident. The answer comes from everything the data folder knows: the
// history of every batch (caught up with every readable send journal first, direct `fota
// force-update` commands included, since they are one-call batches), plus whatever can still be read
// from damaged journals and journals set aside in the journals folder.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { groupKey, type Batch } from '../../common/batch/model.ts';
import { openPushText, type OpenPush, type OpenPushState } from '../../common/batch/send-summary.ts';
import { normaliseSerial } from '../../common/efota/normalise.ts';
import type { BatchHistory } from '../store/history/history-model.ts';
import type { HistoryStore } from '../store/history/history-store.ts';
import { journalDir } from './journal.ts';
import { salvageJournal } from './journal-salvage.ts';
import type { CallRecord } from './journal-records.ts';
import { expiryOf } from './refresh-schedule.ts';
import { historyRows, shortTime, type DeviceRow } from './results.ts';
import { isPracticeCustomer, journalHistory } from './track.ts';
import type { TrackingService } from './track-service.ts';
import { BATCH_ID_SOURCE } from '../../common/batch/parse.ts';

/** The open pushes of serials. */
export interface OpenPushLookup {
  /** each given serial whose latest push is still open, with that push; pushes of `exceptSendId` (the send being continued) do not count */
  openPushes(serials: readonly string[], options?: { readonly exceptSendId?: string }): ReadonlyMap<string, OpenPush>;
}

/** Knows no push at all (a data folder that never sent anything; tests). */
export const NO_OPEN_PUSHES: OpenPushLookup = { openPushes: () => new Map() };

/** How a row counts as a push: its open state, 'closed' for a finished push, or null when it was no push at all (rejected, not sent, scheduled). */
export function pushState(row: DeviceRow, now: number): OpenPushState | 'closed' | null {
  switch (row.state) {
    case 'sent':
    case 'processing':
    case 'unknown':
      // Samsung forgets an id after 3 months; the push itself is over by then.
      return row.tracking === 'expired' ? 'closed' : row.state;
    case 'downloaded':
    case 'failed':
      return 'closed';
    case 'send-unknown':
      return 'send-unknown';
    case 'no-id':
      return Date.parse(expiryOf(row.at)) > now ? 'no-id' : 'closed';
    default:
      return null;
  }
}

/** The latest push of each wanted serial among `rows`, when it is open. Earlier rows of the same push are overridden by later sources (history first, salvage after). */
export function openPushesOf(rows: Iterable<DeviceRow>, wanted: ReadonlySet<string>, now: number, exceptSendId: string | null): Map<string, OpenPush> {
  const latest = new Map<string, { row: DeviceRow; state: OpenPushState | 'closed' }>();
  for (const row of rows) {
    if (!wanted.has(row.serial) || (exceptSendId !== null && row.sendId === exceptSendId)) continue;
    const state = pushState(row, now);
    if (state === null) continue;
    const seen = latest.get(row.serial);
    // On a tie the first source wins: the history knows more (refreshed states) than a salvaged file.
    if (!seen || row.at > seen.row.at) latest.set(row.serial, { row, state });
  }
  const out = new Map<string, OpenPush>();
  for (const [serial, { row, state }] of latest) {
    if (state === 'closed') continue;
    out.set(serial, { serial, batchId: row.batchId, batchName: row.batchName, forceUpdateId: row.forceUpdateId, callId: row.callId, state, at: row.sentAt ?? row.at });
  }
  return out;
}

// A journal file, or a copy set aside with a suffix (`.damaged-…`, `.bak`); not the kept torn lines.
const JOURNAL_LIKE = new RegExp(`^${BATCH_ID_SOURCE}\\.\\d{8}T\\d{6}[^/]*\\.jsonl(\\.(?!torn-)[^/]+)?$`);

/** Histories of journal files the sync could not read, and of journals set aside in the journals folder: every record still readable. */
export function salvagedHistories(dataDir: string, damaged: readonly string[]): BatchHistory[] {
  const dir = journalDir(dataDir);
  const files = new Set(damaged);
  if (existsSync(dir)) for (const name of readdirSync(dir)) if (JOURNAL_LIKE.test(name) && !name.endsWith('.jsonl')) files.add(path.join(dir, name));
  const out: BatchHistory[] = [];
  for (const file of [...files].sort()) {
    const salvage = salvageJournal(file);
    if (!salvage.state) continue;
    out.push(journalHistory(salvage.state, salvage.records.filter((r): r is CallRecord => r.t === 'call')));
  }
  return out;
}

/** The look-up over a history store (caught up by the caller) and salvaged histories. */
export function historyOpenPushes(store: HistoryStore, salvaged: readonly BatchHistory[], now: () => number): OpenPushLookup {
  // A history is read (and checked) once per revision: a send asks again after each decision.
  const cache = new Map<string, { revision: number; rows: DeviceRow[] }>();
  const salvagedRows = salvaged.flatMap(historyRows);
  const rowsOf = (batchId: string, revision: number | undefined): DeviceRow[] => {
    const hit = cache.get(batchId);
    if (hit && revision !== undefined && hit.revision === revision) return hit.rows;
    const h = store.get(batchId);
    const rows = h ? historyRows(h) : [];
    if (h) cache.set(batchId, { revision: h.revision, rows });
    return rows;
  };
  return {
    openPushes(serials, options = {}) {
      const wanted = new Set(serials);
      if (wanted.size === 0) return new Map();
      const index = store.index();
      const revisions = new Map(index.batches.map((b) => [b.batchId, b.revision]));
      const batchIds = new Set([...wanted].flatMap((s) => index.serials[s] ?? []));
      const rows = [...[...batchIds].flatMap((id) => rowsOf(id, revisions.get(id))), ...salvagedRows];
      return openPushesOf(rows, wanted, now(), options.exceptSendId ?? null);
    },
  };
}

/** Catches the history up with the journals and returns the look-up; `problems` name journals only partly readable. */
export async function openPushLedger(tracking: TrackingService): Promise<{ lookup: OpenPushLookup; problems: readonly string[] }> {
  const report = await tracking.sync();
  const salvaged = salvagedHistories(tracking.dataDir, report.damaged);
  return { lookup: historyOpenPushes(tracking.history, salvaged, () => tracking.clock.now()), problems: report.problems };
}

/**
 * The batches that hold a serial without sending it, as look-up rows: excluded (with the reason and
 * who excluded it), or held back because the device's latest push elsewhere is still open.
 */
export function notSentRows(batches: readonly Batch[], serial: string, lookup: OpenPushLookup, pushedBy: ReadonlySet<string>): DeviceRow[] {
  const open = lookup.openPushes([serial]).get(serial) ?? null;
  const rows: DeviceRow[] = [];
  for (const b of batches) {
    const device = b.devices.find((d) => d.serial === serial);
    if (!device) continue;
    const base = { serial, model: device.model, salesCode: device.salesCode, batchId: b.id, batchName: b.name, customerId: b.customerId, practice: isPracticeCustomer(b.customerId), forceUpdateId: null, sendId: null, sentAt: null, expiresAt: null, asOf: null, tracking: null };
    const group = b.groups.find((g) => g.model === device.model && g.salesCode === device.salesCode);
    const target = group?.pinnedTarget ?? group?.target ?? '';
    const callId = groupKey(device.model, device.salesCode);
    const excluded = b.excluded.find((x) => x.serial === serial);
    if (excluded) {
      rows.push({ ...base, state: 'excluded', reason: `excluded from batch '${b.name}': ${excluded.reason} (${excluded.by === 'admin' ? 'by the admin' : 'reported by abnormalDeviceList'}, ${shortTime(excluded.excludedAt)})`, callId, target, at: excluded.excludedAt });
    } else if (open && open.batchId !== b.id && !pushedBy.has(b.id) && group?.mode.kind === 'immediate') {
      rows.push({ ...base, state: 'held-back', reason: `held back from batch '${b.name}': its latest push, ${openPushText(open)} sent ${shortTime(open.at)}, is still open`, callId, target, at: b.edited.at });
    }
  }
  return rows;
}

/** Everything the data folder knows of a serial: the history's rows (newest first) and the batches that hold it without sending it. */
export async function lookUpEverywhere(tracking: TrackingService, serial: string): Promise<{ rows: DeviceRow[]; inBatches: DeviceRow[]; problems: readonly string[] }> {
  const ledger = await openPushLedger(tracking);
  const wanted = normaliseSerial(serial);
  const rows = tracking.lookUp(wanted);
  const now = tracking.clock.now();
  const pushedBy = new Set(rows.filter((r) => pushState(r, now) !== null).map((r) => r.batchId));
  return { rows, inBatches: notSentRows(tracking.batches.list(), wanted, ledger.lookup, pushedBy), problems: ledger.problems };
}
