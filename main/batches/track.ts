// Tracking starts from the send journals: every accepted forceUpdate call with its forceUpdateId
// becomes a tracked update in the batch's history (target as sent, sent-at, expires-at); scheduled
// groups are recorded as not trackable; calls that gave no id (rejected, unknown, cancelled) are
// kept so a serial look-up can say what happened to a device. Reading the journals — rather than
// listening to a running send — means a crash, a kill or a send made by the other process is never
// missed: every sync catches up with whatever is on disk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { groupKey } from '../../common/batch/model.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';
import {
  emptyHistory,
  type BatchHistory,
  type DeviceResult,
  type ScheduledEntry,
  type TrackedUpdate,
  type UntrackedCall,
  type UntrackedState,
} from '../store/history/history-model.ts';
import type { HistoryStore } from '../store/history/history-store.ts';
import { practiceIdentity } from '../practice/practice-profile.ts';
import { journalDir, readJournal } from './journal.ts';
import type { CallRecord } from './journal-records.ts';
import { JournalInconsistency, replay, type CallStatus, type SendJournalState } from './journal-state.ts';
import { expiryOf } from './refresh-schedule.ts';
import { BATCH_ID_SOURCE } from '../../common/batch/parse.ts';

/** One accepted forceUpdate call, as tracking needs it: the fields of a tracked update that the send knew. */
export type AcceptedCall = Pick<TrackedUpdate, 'forceUpdateId' | 'sendId' | 'callId' | 'model' | 'salesCode' | 'target' | 'network' | 'serials' | 'sentAt'>;

/** Which batch (and tenant) tracked updates belong to. */
export interface TrackedBatch {
  readonly batchId: string;
  readonly batchName: string;
  readonly customerId: string;
  readonly profile: string;
  readonly practice: boolean;
}

let practiceCustomer: string | null = null;

/** True when a customer ID is the practice tenant's (the simulator's demo tenant: Samsung's documentation sample). */
export function isPracticeCustomer(customerId: string): boolean {
  practiceCustomer ??= practiceIdentity().customerId;
  return customerId === practiceCustomer;
}

/** A tracked update just after it was accepted: every device `sent`, open until its expiry. */
export function newTrackedUpdate(call: AcceptedCall): TrackedUpdate {
  const devices: DeviceResult[] = call.serials.map((serial) => ({ serial, state: 'sent', reason: null, since: call.sentAt }));
  return {
    forceUpdateId: call.forceUpdateId,
    sendId: call.sendId,
    callId: call.callId,
    groupKey: groupKey(call.model, call.salesCode),
    model: call.model,
    salesCode: call.salesCode,
    target: call.target,
    network: call.network,
    serials: [...call.serials],
    sentAt: call.sentAt,
    expiresAt: expiryOf(call.sentAt),
    status: 'open',
    closedReason: null,
    asOf: null,
    lastAttempt: null,
    refreshes: 0,
    summary: null,
    detail: null,
    devices,
  };
}

function withUpdates(history: BatchHistory, calls: readonly AcceptedCall[]): BatchHistory {
  const known = new Set(history.updates.map((u) => u.forceUpdateId));
  const added = calls.filter((c) => !known.has(c.forceUpdateId)).map(newTrackedUpdate);
  return added.length === 0 ? history : { ...history, updates: [...history.updates, ...added] };
}

/** Records accepted calls directly (a forceUpdate made outside a batch send, tests); ids already tracked are left as they are. */
export async function recordAccepted(store: HistoryStore, batch: TrackedBatch, calls: readonly AcceptedCall[]): Promise<BatchHistory> {
  return store.update(batch.batchId, () => emptyHistory(batch), (h) => withUpdates(h, calls));
}

/** What a sync found. */
export interface SyncReport {
  /** journal files read */
  readonly journals: number;
  /** forceUpdateIds newly tracked */
  readonly added: number;
  /** batch ids whose history changed */
  readonly changed: readonly string[];
  /** journals that could not be read (they are left untouched; the Sender reports them too) */
  readonly problems: readonly string[];
  /** the files of those journals */
  readonly damaged: readonly string[];
}

// Journals already taken in, per store instance: file → size and modification time.
const seenJournals = new WeakMap<HistoryStore, Map<string, string>>();

function journalSignature(file: string): string | null {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

const JOURNAL_FILE = new RegExp(`^(${BATCH_ID_SOURCE})\\.\\d{8}T\\d{6}[^/]*\\.jsonl$`);

interface Harvest {
  batch: TrackedBatch;
  accepted: AcceptedCall[];
  scheduled: ScheduledEntry[];
  untracked: Map<string, UntrackedCall[]>;
}

function lastTimes(records: readonly CallRecord[]): { accepted: Map<string, string>; last: Map<string, string> } {
  const accepted = new Map<string, string>();
  const last = new Map<string, string>();
  for (const r of records) {
    last.set(r.id, r.at);
    if (r.state === 'accepted') accepted.set(r.id, r.at);
  }
  return { accepted, last };
}

function untrackedOf(s: CallStatus, sendId: string, at: string): UntrackedCall | null {
  const c = s.call;
  if (c.operation !== 'forceUpdate') return null;
  let state: UntrackedState;
  let message = s.message;
  switch (s.state) {
    case 'accepted':
      state = 'accepted-without-id';
      message = 'Samsung accepted the call but sent no forceUpdateId: it cannot be followed through the API';
      break;
    case 'rejected':
      state = 'rejected';
      break;
    case 'unknown':
      state = 'unknown';
      if (s.left) message = `${message ?? ''} (left by the admin: never re-sent)`.trim();
      break;
    case 'cancelled':
      state = 'cancelled';
      break;
    case 'sending':
      // In flight when the journal was read (or when its process died): it may reach Samsung.
      state = 'unknown';
      message = 'in flight when last recorded: it may have reached Samsung';
      break;
    case 'pending':
      state = 'pending';
      break;
  }
  return { sendId, callId: c.id, groupKey: c.groupKey, model: c.model, salesCode: c.salesCode, target: c.target, serials: [...c.serials], state, code: s.code, message, at };
}

function harvest(state: SendJournalState, records: readonly CallRecord[], into: Map<string, Harvest>, batches: BatchStore | null): void {
  const start = state.start;
  const h: Harvest = into.get(start.batchId) ?? {
    batch: { batchId: start.batchId, batchName: start.batchName, customerId: start.customerId, profile: start.profile, practice: isPracticeCustomer(start.customerId) },
    accepted: [],
    scheduled: [],
    untracked: new Map(),
  };
  into.set(start.batchId, h);
  const times = lastTimes(records);
  const untracked: UntrackedCall[] = [];
  h.untracked.set(start.sendId, untracked);
  for (const id of state.order) {
    const s = state.calls.get(id);
    if (!s) continue;
    const at = times.last.get(id) ?? start.at;
    if (s.replacedBy.length > 0) {
      // Re-planned after FUD_3031: its devices are in the replacements, except the culprits left out.
      const kept = new Set(s.replacedBy.flatMap((r) => state.calls.get(r)?.call.serials ?? []));
      const dropped = s.call.serials.filter((serial) => !kept.has(serial));
      if (dropped.length > 0) {
        const why = new Map((s.culprits ?? []).map((c) => [c.serial, c.category]));
        const categories = [...new Set(dropped.map((d) => why.get(d)).filter((x): x is string => x !== undefined))];
        const base = untrackedOf(s, start.sendId, at);
        if (base) untracked.push({ ...base, serials: dropped, message: `left out when the call was re-planned${categories.length > 0 ? ` (${categories.join('; ')})` : ''}` });
      }
      continue;
    }
    if (s.state === 'accepted' && s.call.operation === 'forceUpdate' && s.forceUpdateId) {
      h.accepted.push({
        forceUpdateId: s.forceUpdateId,
        sendId: start.sendId,
        callId: s.call.id,
        model: s.call.model,
        salesCode: s.call.salesCode,
        target: s.call.target,
        network: s.call.network ?? null,
        serials: s.call.serials,
        sentAt: times.accepted.get(id) ?? at,
      });
    } else if (s.state === 'accepted' && s.call.operation === 'serverInit') {
      const batch = batches?.get(start.batchId) ?? null;
      const excluded = new Set(batch?.excluded.map((d) => d.serial) ?? []);
      const informational = batch ? batch.devices.filter((d) => groupKey(d.model, d.salesCode) === s.call.groupKey && !excluded.has(d.serial)).map((d) => d.serial) : [];
      h.scheduled.push({
        sendId: start.sendId,
        callId: s.call.id,
        groupKey: s.call.groupKey,
        model: s.call.model,
        salesCode: s.call.salesCode,
        target: s.call.target,
        groupId: s.call.groupId ?? '',
        window: s.call.window ?? { startDate: '00000000', endDate: '00000000', startHour: '00', endHour: '00' },
        sentAt: times.accepted.get(id) ?? at,
        serials: informational,
      });
    } else {
      const u = untrackedOf(s, start.sendId, at);
      if (u) untracked.push(u);
    }
  }
}

function merge(history: BatchHistory, found: Harvest): BatchHistory {
  let next = withUpdates(history, found.accepted);
  const seen = new Set(next.scheduled.map((s) => `${s.sendId}\u0000${s.callId}`));
  const scheduled = found.scheduled.filter((s) => !seen.has(`${s.sendId}\u0000${s.callId}`));
  if (scheduled.length > 0) next = { ...next, scheduled: [...next.scheduled, ...scheduled] };
  const sends = new Set(found.untracked.keys());
  const untracked = [...next.untracked.filter((u) => !sends.has(u.sendId)), ...[...found.untracked.values()].flat()];
  if (JSON.stringify(untracked) !== JSON.stringify(next.untracked)) next = { ...next, untracked };
  return next;
}

/**
 * Brings the history up to date with every send journal of the data folder. Damaged journals are
 * reported and skipped (never changed); `batches` (optional) names the devices of scheduled groups.
 */
export async function syncFromJournals(dataDir: string, store: HistoryStore, batches: BatchStore | null = null): Promise<SyncReport> {
  const dir = journalDir(dataDir);
  const problems: string[] = [];
  const damaged: string[] = [];
  const found = new Map<string, Harvest>();
  const taken = new Map<string, string>();
  let journals = 0;
  const files = existsSync(dir) ? readdirSync(dir).filter((n) => JOURNAL_FILE.test(n)).sort() : [];
  const seen = seenJournals.get(store) ?? new Map<string, string>();
  seenJournals.set(store, seen);
  const indexed = files.length > 0 ? new Set(store.index().batches.map((b) => b.batchId)) : new Set<string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const signature = journalSignature(file);
    // A journal unchanged since this store last took it in adds nothing (as long as its batch's history is there).
    if (signature !== null && seen.get(file) === signature && indexed.has(JOURNAL_FILE.exec(name)?.[1] ?? '')) continue;
    try {
      const { records } = readJournal(file);
      if (records.length === 0) continue;
      const state = replay(records);
      journals++;
      harvest(state, records.filter((r): r is CallRecord => r.t === 'call'), found, batches);
      if (signature !== null) taken.set(file, signature);
    } catch (error) {
      damaged.push(file);
      if (error instanceof JournalInconsistency) problems.push(`${file}: ${error.message}`);
      else problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  let added = 0;
  const changed: string[] = [];
  for (const [batchId, h] of found) {
    const before = store.get(batchId);
    const after = await store.update(batchId, () => emptyHistory(h.batch), (current) => merge(current, h));
    if (before === null || after.revision !== before.revision) changed.push(batchId);
    added += after.updates.length - (before?.updates.length ?? 0);
  }
  // Remembered only once stored, so a failed write is retried at the next sync.
  for (const [file, signature] of taken) seen.set(file, signature);
  return { journals, added, changed, problems, damaged };
}

/** What one journal (possibly salvaged from a damaged file) says, as a batch history of its own. */
export function journalHistory(state: SendJournalState, records: readonly CallRecord[], batches: BatchStore | null = null): BatchHistory {
  const found = new Map<string, Harvest>();
  harvest(state, records, found, batches);
  const h = found.get(state.start.batchId) as Harvest;
  return merge(emptyHistory(h.batch), h);
}
