// The records of a send journal (one JSON object per line); journal-record-schema.ts checks each
// line read back against them.
import type { Actor } from '../../common/batch/model.ts';
import type { PlannedCall } from '../../common/batch/plan.ts';
import { checkJson } from '../../common/schema/check-json.ts';
import { journalRecordSchema, type JOURNAL_VERSION } from './journal-record-schema.ts';

export { JOURNAL_VERSION } from './journal-record-schema.ts';

/** Where a call of a send stands. */
export type CallState = 'pending' | 'sending' | 'accepted' | 'rejected' | 'unknown' | 'cancelled';

/** A serial abnormalDeviceList reported for a call rejected with FUD_3031, with Samsung's category. */
export interface Culprit {
  readonly serial: string;
  readonly category: string;
}

/** First line: the send, its tenant and every call (all `pending`). */
export interface StartRecord {
  readonly t: 'start';
  readonly v: typeof JOURNAL_VERSION;
  readonly sendId: string;
  readonly batchId: string;
  readonly batchName: string;
  readonly customerId: string;
  /** the batch's `edited.at` when the send began, to notice later edits */
  readonly batchEdited: string;
  readonly profile: string;
  readonly at: string;
  readonly by: Actor;
  /** the first `pilotCalls` calls are the pilot; the send pauses after them */
  readonly pilotCalls: number;
  readonly calls: readonly PlannedCall[];
}

/** A call moved to a new state. */
export type CallRecord =
  | { readonly t: 'call'; readonly id: string; readonly state: 'sending'; readonly attempt: number; readonly at: string }
  | { readonly t: 'call'; readonly id: string; readonly state: 'accepted'; readonly forceUpdateId: string | null; readonly at: string }
  | { readonly t: 'call'; readonly id: string; readonly state: 'rejected'; readonly code: string; readonly local: boolean; readonly message: string; readonly at: string }
  | { readonly t: 'call'; readonly id: string; readonly state: 'unknown'; readonly reason: string; readonly at: string }
  | { readonly t: 'call'; readonly id: string; readonly state: 'pending'; readonly reason: string; readonly at: string }
  | { readonly t: 'call'; readonly id: string; readonly state: 'cancelled'; readonly at: string };

/** The admin's decisions and the Sender's findings. */
export type ActionRecord =
  /** abnormalDeviceList's verdict on the serials of a call rejected with FUD_3031 */
  | { readonly t: 'culprits'; readonly id: string; readonly culprits: readonly Culprit[]; readonly at: string }
  /** the admin confirmed re-sending these `unknown` calls */
  | { readonly t: 'resend'; readonly ids: readonly string[]; readonly at: string; readonly by: Actor }
  /** the admin decided these `unknown` calls are never re-sent (e.g. checked on the devices) */
  | { readonly t: 'leave'; readonly ids: readonly string[]; readonly at: string; readonly by: Actor }
  /** a FUD_3031 call replaced: without its culprits, or in halves */
  | { readonly t: 'replan'; readonly of: string; readonly mode: 'without' | 'halves'; readonly removed: readonly string[]; readonly calls: readonly PlannedCall[]; readonly at: string; readonly by: Actor }
  /** the admin continued after the pilot */
  | { readonly t: 'pilot'; readonly at: string; readonly by: Actor }
  /** calls of a group not yet sent now carry this firmware instead of `Latest` */
  | { readonly t: 'pin'; readonly groupKey: string; readonly target: string; readonly at: string; readonly by: Actor }
  /** the admin cancelled the rest of the send */
  | { readonly t: 'cancel'; readonly at: string; readonly by: Actor }
  /** a torn last line was dropped on replay (kept aside in `keptAt`) */
  | { readonly t: 'torn'; readonly bytes: number; readonly keptAt: string | null; readonly at: string }
  /** devices left out of a call not yet sent, because their latest push (elsewhere) is still open */
  | { readonly t: 'hold'; readonly id: string; readonly serials: readonly string[]; readonly at: string; readonly by: Actor }
  /** the journal was repaired: `lines` damaged lines and a torn tail of `bytes` were dropped; the original is kept in `keptAt` */
  | { readonly t: 'repair'; readonly lines: number; readonly bytes: number; readonly keptAt: string; readonly at: string; readonly by: Actor };

/** Any journal line. */
export type JournalRecord = StartRecord | CallRecord | ActionRecord;

/** Checks one parsed line; returns the record or the problems found. */
export function parseRecord(value: unknown): { ok: true; record: JournalRecord } | { ok: false; problems: readonly string[] } {
  const checked = checkJson(journalRecordSchema, value);
  return checked.ok ? { ok: true, record: checked.value } : { ok: false, problems: checked.problems };
}
