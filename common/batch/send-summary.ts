// What a send will do, in one set of numbers: the dry run, the confirmation (window and CLI) and the
// send itself all show this same summary, computed once (main/batches/send-plan.ts), so they can
// never disagree about how many calls and devices go out, which calls wait as `unknown`, and which
// devices are held back because their latest push is still open.
import { plural } from '../plural.ts';

/** How the latest push of a held-back device stands. */
export type OpenPushState =
  /** accepted by Samsung, not refreshed since */
  | 'sent'
  | 'processing'
  /** tracking could not tell what happened on the device */
  | 'unknown'
  /** the call's answer was lost: it may have reached Samsung */
  | 'send-unknown'
  /** accepted without a forceUpdateId to follow */
  | 'no-id';

/** A device whose latest push (from any batch, send or direct command of this data folder) is still open. */
export interface OpenPush {
  readonly serial: string;
  readonly batchId: string;
  readonly batchName: string;
  /** the push's forceUpdateId; null when Samsung gave none (or the answer was lost) */
  readonly forceUpdateId: string | null;
  readonly callId: string;
  readonly state: OpenPushState;
  /** ISO time of the push */
  readonly at: string;
}

/** Which devices with an open push the admin explicitly wants sent anyway. */
export interface IncludeOpen {
  /** every held-back device */
  readonly all: boolean;
  /** these serials */
  readonly serials: readonly string[];
}

/** Nothing included: every device with an open push is held back. */
export const INCLUDE_NONE: IncludeOpen = { all: false, serials: [] };

/** A number of calls and the devices in them. */
export interface CallCount {
  readonly calls: number;
  readonly devices: number;
}

/** What a send will do. */
export interface SendSummary {
  /** an unfinished send of the batch is continued (its calls were planned when it began) */
  readonly resumed: boolean;
  /** calls that go to Samsung on confirmation, and the devices in them (serverInit calls count no device) */
  readonly toSend: CallCount;
  /** serverInit (scheduled) calls among `toSend` */
  readonly scheduled: number;
  /** calls before the pilot pause among `toSend` (0 without a pilot) */
  readonly pilotCalls: number;
  /** `unknown` calls to send once more, at the admin's explicit request (part of `toSend`) */
  readonly resend: CallCount;
  /** `unknown` calls waiting for a decision: not sent unless re-sent */
  readonly unknownWaiting: CallCount;
  /** `unknown` calls the admin left: never re-sent */
  readonly unknownLeft: CallCount;
  /** devices an earlier send of this batch already pushed (or may have): left out of a new send */
  readonly alreadySent: number;
  /** devices on the batch's Excluded list */
  readonly excluded: number;
  /** devices left out because their latest push is still open */
  readonly heldBack: readonly OpenPush[];
  /** devices with an open push the admin included anyway: they may be pushed twice */
  readonly includedOpen: readonly OpenPush[];
  /** why nothing will be sent, when `toSend.calls` is 0; null otherwise */
  readonly nothingToSend: string | null;
}

/** Why a send would send nothing, naming only what is really the case (null when something is sent). */
export function nothingToSendReason(s: Omit<SendSummary, 'nothingToSend'>): string | null {
  if (s.toSend.calls > 0) return null;
  const parts: string[] = [];
  if (s.alreadySent > 0) parts.push(`${plural(s.alreadySent, 'device')} already pushed by an earlier send of this batch`);
  if (s.heldBack.length > 0) parts.push(`${plural(s.heldBack.length, 'device')} held back because their latest force update is still open`);
  if (s.excluded > 0) parts.push(`${plural(s.excluded, 'device')} excluded`);
  if (s.unknownWaiting.calls > 0) parts.push(`${plural(s.unknownWaiting.calls, 'unknown call')} waiting for your decision (re-send or leave)`);
  if (s.unknownLeft.calls > 0) parts.push(`${plural(s.unknownLeft.calls, 'unknown call')} left, never re-sent`);
  return parts.length > 0 ? `Nothing to send: ${parts.join('; ')}.` : 'Nothing to send: the batch has no device and no scheduled group to send.';
}

/** The summary in one line, e.g. "2 calls (150 devices) to send; 3 devices held back (open force updates)". */
export function summaryLine(s: SendSummary): string {
  const parts = [`${plural(s.toSend.calls, 'call')} (${plural(s.toSend.devices, 'device')}) to send`];
  if (s.resend.calls > 0) parts.push(`of which ${plural(s.resend.calls, 'unknown call')} (${plural(s.resend.devices, 'device')}) re-sent at your request`);
  if (s.scheduled > 0) parts.push(`of which ${plural(s.scheduled, 'scheduled push', 'scheduled pushes')}`);
  if (s.unknownWaiting.calls > 0) parts.push(`${plural(s.unknownWaiting.calls, 'unknown call')} (${plural(s.unknownWaiting.devices, 'device')}) waiting for your decision`);
  if (s.unknownLeft.calls > 0) parts.push(`${plural(s.unknownLeft.calls, 'unknown call')} (${plural(s.unknownLeft.devices, 'device')}) left, never re-sent`);
  if (s.heldBack.length > 0) parts.push(`${plural(s.heldBack.length, 'device')} held back (open force updates)`);
  if (s.includedOpen.length > 0) parts.push(`${plural(s.includedOpen.length, 'device')} included although their force update is open`);
  if (s.alreadySent > 0) parts.push(`${plural(s.alreadySent, 'device')} already pushed by an earlier send`);
  if (s.excluded > 0) parts.push(`${plural(s.excluded, 'device')} excluded`);
  return parts.join('; ');
}

/** How an open push is described: `forceUpdateId X of batch 'B' (processing)`. */
export function openPushText(p: OpenPush): string {
  const what = p.forceUpdateId ? `force update ${p.forceUpdateId}` : `call ${p.callId}`;
  const state = p.state === 'send-unknown' ? 'answer lost: it may have reached Samsung' : p.state === 'no-id' ? 'accepted without an id to follow' : p.state;
  return `${what} of batch '${p.batchName}' (${state})`;
}
