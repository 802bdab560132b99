// The send channels: opening a send (its lock and re-checks), running, pausing and cancelling it, the
// admin's decisions about uncertain calls, and repairing damaged journals.
import * as v from 'valibot';
import { MAX_BATCH_DEVICES } from '../batch/parse.ts';
import { batchId } from './batch-requests.ts';
import { batchSerials } from './batches.ts';
import { channel, flag, list, obj, reply, text, whole, type Checked } from './schema.ts';
import type { RepairView, SendView } from './send-views.ts';

const callId = text({ min: 1, max: 300 });
const callIds = list(callId, 10_000);
/** A device count the admin typed, else null. */
const typedCount = v.nullable(whole(0, MAX_BATCH_DEVICES));

/** Devices with an open push to send anyway; "all" needs the number of such devices typed (`typedCount`), like a large send. */
const includeOpenRequest = obj({ all: flag, serials: batchSerials, typedCount });
/** Devices with an open push to send anyway. */
export type IncludeOpenRequest = Checked<typeof includeOpenRequest>;

/** How to start a send the admin confirmed: `pinLatest` pins the firmware `Latest` resolved to; `typedCount` is required when the view asks for it. */
const sendStartRequest = obj({ batchId, pinLatest: flag, typedCount });
/** How to start a send the admin confirmed. */
export type SendStartRequest = Checked<typeof sendStartRequest>;

const ofBatch = obj({ batchId });

/** The send channels. */
export const sendChannels = {
  /** opens a send (takes the batch's send lock) and runs the send-time re-checks; devices whose latest push is open are held back unless included */
  'send:open': channel(obj({ batchId, include: v.exactOptional(includeOpenRequest) }), reply<SendView>()),
  /** the open send of a batch in this app, or null */
  'send:get': channel(ofBatch, reply<SendView | null>()),
  /** starts (or continues) the calls after the admin confirmed */
  'send:start': channel(sendStartRequest, reply<SendView>()),
  /** no new call starts; calls in flight finish */
  'send:pause': channel(ofBatch, reply<SendView>()),
  'send:resume': channel(ofBatch, reply<SendView>()),
  /** calls not yet sent become cancelled; accepted calls stay accepted */
  'send:cancel': channel(ofBatch, reply<SendView>()),
  /** lets the calls after the pilot go */
  'send:continuePilot': channel(ofBatch, reply<SendView>()),
  /** re-sends `unknown` calls the admin checked (they may push twice) */
  'send:resend': channel(obj({ batchId, callIds }), reply<SendView>()),
  /** never re-sends these `unknown` calls */
  'send:leave': channel(obj({ batchId, callIds }), reply<SendView>()),
  /** re-plans a FUD_3031 call without the devices abnormalDeviceList named */
  'send:replan': channel(obj({ batchId, callId }), reply<SendView>()),
  /** closes a send that is not running (releases its lock) */
  'send:close': channel(ofBatch, reply<{ readonly closed: boolean }>()),
  /** repairs a batch's damaged send journals: readable records kept, damaged lines dropped, uncertain calls `unknown`, the history's ids written back */
  'send:repair': channel(ofBatch, reply<RepairView>()),
} as const;
