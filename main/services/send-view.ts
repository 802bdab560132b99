// A send as the window shows it: the Sender's session (calls, counts, phase), the send-time checks
// and what the admin must confirm. Pure mapping.
import type { SendCallView, SendChecksView, SendOutcomeView, SendTenantView, SendView } from '../../common/contract.ts';
import type { SendSummary } from '../../common/batch/send-summary.ts';
import type { CallStatus } from '../batches/journal-state.ts';
import { isFinal } from '../batches/journal-state.ts';
import type { SendChecks } from '../batches/send-checks.ts';
import type { SendOutcome } from '../batches/send-outcome.ts';
import type { SendSession } from '../batches/send-session.ts';

/** Above this many devices, a send to a real tenant asks the admin to type the count. */
export const TYPE_TO_CONFIRM_ABOVE = 100;

/** One call as the window shows it. */
export function callView(s: CallStatus): SendCallView {
  const c = s.call;
  return {
    id: c.id,
    operation: c.operation,
    model: c.model,
    salesCode: c.salesCode,
    target: c.target,
    network: c.network ?? null,
    groupId: c.groupId ?? null,
    window: c.window ?? null,
    devices: c.serials.length,
    pilot: c.pilot,
    state: s.state,
    left: s.left,
    forceUpdateId: s.forceUpdateId,
    code: s.code,
    local: s.local,
    message: s.message,
    culprits: s.culprits ? s.culprits.map((x) => ({ serial: x.serial, category: x.category })) : null,
    replacedBy: [...s.replacedBy],
    attempts: s.attempts,
  };
}

/** The re-checks as the window shows them. */
export function checksView(checks: SendChecks): SendChecksView {
  const l = checks.license;
  return {
    license: l ? { status: l.licenseStatus, type: l.licenseType, activePeriod: l.activePeriod, remaining: l.remainingQuantity, purchased: l.purchasedQuantity } : null,
    findings: checks.findings,
    latest: checks.latest.map((r) => ({ groupKey: r.groupKey, firmware: r.firmware, detail: r.detail })),
    sendable: checks.sendable,
  };
}

/** What the send view is made of. */
export interface SendViewInput {
  readonly revision: number;
  readonly session: SendSession;
  readonly batchName: string;
  readonly resumed: boolean;
  readonly tenant: SendTenantView;
  readonly stage: SendView['stage'];
  readonly checks: SendChecks | null;
  readonly notices: readonly string[];
  readonly outcome: SendOutcome | null;
  readonly alreadySent: number;
  /** what the send does (the flow's summary: the dry run shows the same) */
  readonly summary: SendSummary;
}

/** True when the admin has nothing left to send or decide: every call final, no FUD_3031 call left to re-plan. */
export function nothingLeft(calls: readonly CallStatus[]): boolean {
  return calls.every((s) => isFinal(s) && !(s.state === 'rejected' && s.code === 'FUD_3031' && !s.local && s.replacedBy.length === 0));
}

/** The number to type before sending, or null when no typing is asked. */
export function typeToConfirm(practice: boolean, devices: number): number | null {
  return !practice && devices > TYPE_TO_CONFIRM_ABOVE ? devices : null;
}

/** The send view. */
export function sendView(input: SendViewInput): SendView {
  const { session } = input;
  const calls = session.calls;
  const devices = input.summary.toSend.devices;
  const outcome: SendOutcomeView | null = input.outcome ? { reason: input.outcome.reason, detail: input.outcome.detail, journalFile: input.outcome.journalFile } : null;
  return {
    revision: input.revision,
    batchId: session.batchId,
    batchName: input.batchName,
    sendId: session.sendId,
    resumed: input.resumed,
    stage: input.stage,
    phase: session.phase,
    tenant: input.tenant,
    counts: { ...session.counts },
    devicesToSend: devices,
    typeToConfirm: typeToConfirm(input.tenant.practice, devices),
    pilotCalls: session.start.pilotCalls,
    pilotContinued: session.pilotContinued,
    calls: calls.map(callView),
    checks: input.checks ? checksView(input.checks) : null,
    notices: [...input.notices],
    outcome,
    alreadySent: input.alreadySent,
    summary: input.summary,
    done: session.started && nothingLeft(calls),
  };
}
