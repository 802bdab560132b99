// The local history of every forceUpdateId: what was sent (as sent), what Samsung last said about
// it, and each device's state. Kept per batch, for as long as the admin keeps the data folder —
// Samsung forgets an id after 3 months (docs/efota-api.md §2.7), FOTA Desk does not.
import type { DeliveryWindow } from '../../../common/batch/model.ts';

/** Format version of the per-batch history files and the index. */
export const HISTORY_SCHEMA_VERSION = 1;

/**
 * What is known of one device in one force update. `sent`: accepted, not refreshed yet;
 * `downloaded`: Samsung counts it as downloaded (never "installed": the counts are about download);
 * `unknown`: the answer could not be read (detail not understood) or did not add up.
 */
export type DeviceState = 'sent' | 'processing' | 'downloaded' | 'failed' | 'unknown';

/** The state of one device of a tracked force update. */
export interface DeviceResult {
  readonly serial: string;
  readonly state: DeviceState;
  /** Samsung's failure reason, verbatim; or why the state is unknown */
  readonly reason: string | null;
  /** ISO time this state was first seen */
  readonly since: string;
}

/** forceUpdateSummary's counts (successCount is kept as `downloaded`). */
export interface SummarySnapshot {
  /** ISO time of the answer */
  readonly at: string;
  readonly target: string | null;
  readonly processing: number | null;
  readonly downloaded: number | null;
  readonly failed: number | null;
}

/** The last forceUpdateDetail answer, raw, so a later release can read it again. */
export interface DetailSnapshot {
  readonly at: string;
  /** true when the parser recognised at least one device list */
  readonly understood: boolean;
  /** what the parser made of it, for people */
  readonly note: string;
  /** the XML as received */
  readonly raw: string;
}

/** Where tracking of an id stands. `open`: refreshed on schedule; `final`: nothing left processing; `expired`: Samsung no longer answers for it. */
export type TrackStatus = 'open' | 'final' | 'expired';

/** One refresh attempt. */
export interface RefreshAttempt {
  readonly at: string;
  readonly ok: boolean;
  /** FUD code or error family of a failed attempt */
  readonly code: string | null;
  readonly message: string | null;
}

/** One accepted forceUpdate call and everything learnt about it since. */
export interface TrackedUpdate {
  readonly forceUpdateId: string;
  /** the send (journal) it came from; null when recorded directly */
  readonly sendId: string | null;
  /** the planned call id, e.g. `SM-G991B/BTU#2` */
  readonly callId: string;
  readonly groupKey: string;
  readonly model: string;
  readonly salesCode: string;
  /** the target exactly as sent (`Latest` or a pinned firmware) */
  readonly target: string;
  readonly network: 'ANY' | 'WIFIONLY' | null;
  readonly serials: readonly string[];
  /** ISO time Samsung accepted the call */
  readonly sentAt: string;
  /** sentAt + 3 months: after this Samsung answers FUD_3038 */
  readonly expiresAt: string;
  readonly status: TrackStatus;
  /** why tracking stopped (expiry date reached, FUD_3038, nothing processing); null while open */
  readonly closedReason: string | null;
  /** ISO time of the last answer the devices' states come from; null before the first */
  readonly asOf: string | null;
  readonly lastAttempt: RefreshAttempt | null;
  readonly refreshes: number;
  readonly summary: SummarySnapshot | null;
  readonly detail: DetailSnapshot | null;
  /** one per serial, in the order sent */
  readonly devices: readonly DeviceResult[];
}

/** A v1 serverInit (scheduled) call: Samsung gives no id, so it cannot be followed through the API. */
export interface ScheduledEntry {
  readonly sendId: string;
  readonly callId: string;
  readonly groupKey: string;
  readonly model: string;
  readonly salesCode: string;
  readonly target: string;
  readonly groupId: string;
  readonly window: DeliveryWindow;
  readonly sentAt: string;
  /** the batch's devices of this group when it was sent, for the serial look-up (information only) */
  readonly serials: readonly string[];
}

/** The words shown for a scheduled group. */
export const SCHEDULED_NOTE = 'scheduled: not trackable through the API';

/** How a call that produced no trackable id ended (from the send journal). */
export type UntrackedState = 'rejected' | 'unknown' | 'cancelled' | 'pending' | 'accepted-without-id';

/** A forceUpdate call of a send that gave no forceUpdateId to follow. */
export interface UntrackedCall {
  readonly sendId: string;
  readonly callId: string;
  readonly groupKey: string;
  readonly model: string;
  readonly salesCode: string;
  readonly target: string;
  readonly serials: readonly string[];
  readonly state: UntrackedState;
  /** FUD code of a rejection */
  readonly code: string | null;
  readonly message: string | null;
  /** ISO time of the call's last record */
  readonly at: string;
}

/** The history of one batch: one file `<dataDir>/history/<batchId>.json`. */
export interface BatchHistory {
  readonly schemaVersion: typeof HISTORY_SCHEMA_VERSION;
  readonly batchId: string;
  readonly batchName: string;
  readonly customerId: string;
  /** the profile name the sends used */
  readonly profile: string;
  /** made with the practice profile (the built-in simulator): exports say PRACTICE */
  readonly practice: boolean;
  /** bumped on every write */
  readonly revision: number;
  readonly updates: readonly TrackedUpdate[];
  readonly scheduled: readonly ScheduledEntry[];
  readonly untracked: readonly UntrackedCall[];
}

/** One batch in the index. */
export interface IndexEntry {
  readonly batchId: string;
  readonly batchName: string;
  readonly customerId: string;
  readonly practice: boolean;
  readonly revision: number;
  /** size and modification time of the batch file when indexed: a mismatch means the index is stale */
  readonly fileBytes: number;
  readonly fileMtimeMs: number;
  readonly updates: number;
  readonly open: number;
  readonly scheduled: number;
  readonly devices: number;
  /** ISO times of the first and last accepted call; null when none */
  readonly firstSentAt: string | null;
  readonly lastSentAt: string | null;
}

/** The index of the history folder: rebuilt from the batch files whenever it is missing, damaged or stale. */
export interface HistoryIndex {
  readonly schemaVersion: typeof HISTORY_SCHEMA_VERSION;
  /** sorted by batch id */
  readonly batches: readonly IndexEntry[];
  /** serial → ids of the batches that hold it (sorted) */
  readonly serials: Readonly<Record<string, readonly string[]>>;
}

/** Every serial a batch history mentions (tracked, scheduled for information, or in untracked calls). */
export function serialsOf(history: BatchHistory): Set<string> {
  const out = new Set<string>();
  for (const u of history.updates) for (const s of u.serials) out.add(s);
  for (const s of history.scheduled) for (const serial of s.serials) out.add(serial);
  for (const c of history.untracked) for (const s of c.serials) out.add(s);
  return out;
}

/** An empty history for a batch. */
export function emptyHistory(init: { batchId: string; batchName: string; customerId: string; profile: string; practice: boolean }): BatchHistory {
  return { schemaVersion: HISTORY_SCHEMA_VERSION, ...init, revision: 0, updates: [], scheduled: [], untracked: [] };
}
