// What the history screen exchanges with main: every sent batch with its forceUpdateIds and their
// expiry, per-device results with Samsung's failure reasons, the serial look-up, exports, retry
// drafts and the diagnostics report.
import type { ContractError } from './result.ts';

/** A device's state in a result row (tracking states and what stopped a device being tracked). */
export type DeviceStateView = 'sent' | 'processing' | 'downloaded' | 'failed' | 'unknown' | 'scheduled' | 'rejected' | 'send-unknown' | 'not-sent' | 'no-id' | 'excluded' | 'held-back';

/** Devices per bar segment: processing (sent or processing), downloaded, failed, unknown, and the rest. */
export interface StateCountsView {
  readonly processing: number;
  readonly downloaded: number;
  readonly failed: number;
  readonly unknown: number;
  /** scheduled, rejected, not sent, accepted without an id */
  readonly other: number;
}

/** One forceUpdateId of a batch. */
export interface TrackedUpdateView {
  readonly forceUpdateId: string;
  readonly callId: string;
  readonly groupKey: string;
  readonly target: string;
  readonly devices: number;
  readonly sentAt: string;
  /** Samsung answers for it until then (3 months); the history keeps it after */
  readonly expiresAt: string;
  readonly status: 'open' | 'final' | 'expired';
  /** ISO time of the last answer the states come from */
  readonly asOf: string | null;
  /** why tracking stopped, or the last refresh's failure */
  readonly note: string | null;
}

/** One batch in the history. */
export interface HistoryBatchView {
  readonly batchId: string;
  readonly batchName: string;
  readonly customerId: string;
  readonly profile: string;
  readonly practice: boolean;
  readonly activeTenant: boolean;
  readonly firstSentAt: string | null;
  readonly lastSentAt: string | null;
  readonly devices: number;
  readonly counts: StateCountsView;
  readonly updates: readonly TrackedUpdateView[];
  /** scheduled (serverInit) groups: not trackable through the API */
  readonly scheduled: readonly { readonly groupKey: string; readonly groupId: string; readonly window: string; readonly sentAt: string }[];
  /** ids still being refreshed */
  readonly open: number;
}

/** The history list. */
export interface HistoryListView {
  /** newest first */
  readonly batches: readonly HistoryBatchView[];
  /** history files or journals that could not be read */
  readonly problems: readonly string[];
}

/** One device in one batch (or in a serial look-up). */
export interface DeviceResultView {
  readonly serial: string;
  readonly model: string;
  readonly salesCode: string;
  readonly state: DeviceStateView;
  /** the state in words with its time, e.g. `failed: Low battery (as of 2030-06-01 14:05 UTC)` */
  readonly label: string;
  /** Samsung's failure reason (verbatim), or why the state is unknown */
  readonly reason: string | null;
  readonly batchId: string;
  readonly batchName: string;
  readonly forceUpdateId: string | null;
  readonly target: string;
  readonly sentAt: string | null;
  readonly expiresAt: string | null;
  readonly asOf: string | null;
}

/** One batch's per-device results. */
export interface HistoryDetailView {
  readonly batch: HistoryBatchView;
  readonly rows: readonly DeviceResultView[];
}

/** What a refresh did. */
export interface RefreshResultView {
  readonly refreshed: number;
  readonly failed: number;
  /** left for later by the rate limit (30 ids a minute) */
  readonly deferred: number;
  readonly messages: readonly string[];
  /** the tenant could not be reached at all */
  readonly error: ContractError | null;
  readonly list: HistoryListView;
}

/** Everything known about one serial, newest first. */
export interface SerialLookupView {
  readonly serial: string;
  /** pushes and calls from the history, newest first */
  readonly rows: readonly DeviceResultView[];
  /** batches that hold the device but do not send it: excluded, or held back (its latest push elsewhere is still open), with why */
  readonly inBatches: readonly DeviceResultView[];
}

/** Which devices a retry batch takes. */
export type RetryFromView = 'failed' | 'unknown' | 'not-downloaded';

/** A CSV file to save. */
export interface CsvFileView {
  readonly fileName: string;
  readonly text: string;
  readonly devices: number;
}

/** The "copy diagnostics" report (redacted). */
export interface DiagnosticsView {
  readonly text: string;
}
