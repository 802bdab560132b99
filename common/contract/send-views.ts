// What the send screen exchanges with main: the confirmation (plan, tenant, send-time re-checks,
// `Latest` resolved), the progress of every call, and the admin's decisions. Mirrors the Sender's
// own types (main/batches) as plain JSON.
import type { BatchFinding } from '../batch/check.ts';
import type { DeliveryWindow } from '../batch/model.ts';
import type { SendSummary } from '../batch/send-summary.ts';

export type { CallCount, IncludeOpen, OpenPush, OpenPushState, SendSummary } from '../batch/send-summary.ts';

/** Where a send stands (the Sender's phases). */
export type SendPhaseView = 'ready' | 'sending' | 'pausing' | 'paused' | 'pilot-paused' | 'stopping' | 'stopped' | 'cancelled' | 'finished';

/** The state of one call. */
export type CallStateView = 'pending' | 'sending' | 'accepted' | 'rejected' | 'unknown' | 'cancelled';

/** Calls per state. */
export interface SendCountsView {
  readonly calls: number;
  readonly pending: number;
  readonly sending: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly unknown: number;
  readonly unknownLeft: number;
  readonly cancelled: number;
  readonly devicesAccepted: number;
  readonly devicesOpen: number;
}

/** A device abnormalDeviceList named after Samsung refused its call with FUD_3031. */
export interface CulpritView {
  readonly serial: string;
  readonly category: string;
}

/** One call of a send. */
export interface SendCallView {
  /** e.g. `SM-G991B/BTU#2` */
  readonly id: string;
  readonly operation: 'forceUpdate' | 'serverInit';
  readonly model: string;
  readonly salesCode: string;
  readonly target: string;
  readonly network: 'WIFIONLY' | 'ANY' | null;
  readonly groupId: string | null;
  readonly window: DeliveryWindow | null;
  readonly devices: number;
  readonly pilot: boolean;
  readonly state: CallStateView;
  /** an `unknown` call the admin decided never to re-send */
  readonly left: boolean;
  readonly forceUpdateId: string | null;
  readonly code: string | null;
  /** refused before sending (never reached Samsung) */
  readonly local: boolean;
  readonly message: string | null;
  /** FUD_3031 culprits; null when not looked for (yet) */
  readonly culprits: readonly CulpritView[] | null;
  readonly replacedBy: readonly string[];
  readonly attempts: number;
}

/** The tenant a send goes to, as the confirmation names it. */
export interface SendTenantView {
  readonly profileId: string;
  readonly profileName: string;
  readonly practice: boolean;
  readonly customerId: string;
  /** the licence's last four characters only */
  readonly licenseSuffix: string;
}

/** What `Latest` means right now for one group. */
export interface LatestView {
  readonly groupKey: string;
  /** the newest firmware firmwareList offers now, or null */
  readonly firmware: string | null;
  readonly detail: string;
}

/** The licence as Samsung reports it at send time. */
export interface SendLicenseView {
  readonly status: string | null;
  readonly type: string | null;
  readonly activePeriod: string | null;
  readonly remaining: string | null;
  readonly purchased: string | null;
}

/** The send-time re-checks (licence, windows, `Latest`) and every warning the dry run shows (open force updates, abnormal check). */
export interface SendChecksView {
  readonly license: SendLicenseView | null;
  readonly findings: readonly BatchFinding[];
  readonly latest: readonly LatestView[];
  readonly sendable: boolean;
}

/** How a run ended. */
export interface SendOutcomeView {
  readonly reason: 'finished' | 'pilot' | 'stopped' | 'cancelled' | 'network' | 'throttled' | 'auth' | 'journal';
  readonly detail: string | null;
  readonly journalFile: string;
}

/** A send as the window shows it. */
export interface SendView {
  /** increases with every view main makes: an answer that arrives after a newer event is older than it */
  readonly revision: number;
  readonly batchId: string;
  readonly batchName: string;
  readonly sendId: string;
  /** an unfinished send was found and is continued */
  readonly resumed: boolean;
  /** `confirm`: opened, waiting for the admin; `running`; `idle`: ran, the session stays open for decisions */
  readonly stage: 'confirm' | 'running' | 'idle';
  readonly phase: SendPhaseView;
  readonly tenant: SendTenantView;
  readonly counts: SendCountsView;
  /** devices in calls not yet sent */
  readonly devicesToSend: number;
  /** for a real tenant and more than 100 devices: the number the admin must type to confirm */
  readonly typeToConfirm: number | null;
  readonly pilotCalls: number;
  readonly pilotContinued: boolean;
  readonly calls: readonly SendCallView[];
  /** null when nothing is left to send (no re-check was needed) */
  readonly checks: SendChecksView | null;
  /** what replaying the journals found, culprit searches, journal problems */
  readonly notices: readonly string[];
  readonly outcome: SendOutcomeView | null;
  /** devices left out of this send because an earlier send already pushed them */
  readonly alreadySent: number;
  /** what the send does — the same numbers the dry run showed: calls and devices to send, unknown calls, held-back devices with their forceUpdateIds */
  readonly summary: SendSummary;
  /** true once every call is final: nothing left to send or decide */
  readonly done: boolean;
}

/** What a repair of a batch's send journals did. */
export interface RepairView {
  readonly batchId: string;
  /** journal files rewritten (or set aside) */
  readonly repaired: number;
  /** calls now `unknown`, waiting for the admin's decision */
  readonly markedUnknown: number;
  /** what was done, one line per fact */
  readonly lines: readonly string[];
}

/** Told when a run of a send ends (the window's toast; the desktop notification is the shell's). */
export interface SendFinishedView {
  readonly batchId: string;
  readonly batchName: string;
  readonly title: string;
  readonly body: string;
  /** rejected or unknown calls wait for the admin */
  readonly needsAttention: boolean;
}

/** Samsung cannot withdraw an update it accepted: said wherever the admin can cancel. */
export const NO_WITHDRAW = 'Samsung cannot withdraw an update it has accepted: accepted calls stay accepted whatever happens next.';
