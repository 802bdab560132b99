// What the next send of a batch will do, worked out once for the dry run, the confirmation and the
// send: the batch's journals (an unfinished send is continued; a new one leaves out the devices
// earlier sends pushed), the devices held back because their latest push anywhere is still open,
// and the summary every screen shows. Reading only: the Sender takes the lock and writes.
import type { Batch } from '../../common/batch/model.ts';
import { groupKey } from '../../common/batch/model.ts';
import { describeScope, planBatch, serialsByGroup, type Plan, type PlannedCall } from '../../common/batch/plan.ts';
import { nothingToSendReason, type IncludeOpen, type OpenPush, type SendSummary } from '../../common/batch/send-summary.ts';
import { JournalDamagedError, journalFiles, loadJournalState, readJournal } from './journal.ts';
import { isFinished, needsDecision, type CallStatus, type SendJournalState } from './journal-state.ts';
import type { OpenPushLookup } from './open-pushes.ts';

/** The send journals of one batch, read. */
export interface BatchJournals {
  /** the unfinished send (at most one), continued by the next send */
  readonly open: { readonly file: string; readonly state: SendJournalState } | null;
  /** finished sends, oldest first */
  readonly earlier: readonly SendJournalState[];
  readonly lastFinished: { readonly file: string; readonly state: SendJournalState } | null;
  /** files whose very first record never reached the disk: those sends made no call */
  readonly empty: readonly string[];
}

/** Reads the journals of a batch sent to `customerId`; throws JournalDamagedError for a damaged one. */
export function readBatchJournals(dir: string, batchId: string, customerId: string): BatchJournals {
  let open: BatchJournals['open'] = null;
  const earlier: SendJournalState[] = [];
  let lastFinished: BatchJournals['lastFinished'] = null;
  const empty: string[] = [];
  for (const file of journalFiles(dir, batchId)) {
    const { records, torn } = readJournal(file);
    if (records.length === 0 && torn) {
      empty.push(file);
      continue;
    }
    const state = loadJournalState(file);
    if (state.start.customerId !== customerId) throw new JournalDamagedError(file, `it was sent to customer ID ${state.start.customerId}, not ${customerId}`);
    if (torn || !isFinished(state)) {
      if (open !== null) throw new JournalDamagedError(file, `a second unfinished send besides ${open.file}`);
      open = { file, state };
    } else {
      earlier.push(state);
      lastFinished = { file, state };
    }
  }
  return { open, earlier, lastFinished, empty };
}

/** Serials and schedules an earlier send pushed (accepted), or may have (unknown). */
function coveredBy(earlier: readonly SendJournalState[]): { serials: Set<string>; schedules: Set<string>; anyAccepted: boolean } {
  const serials = new Set<string>();
  const schedules = new Set<string>();
  let anyAccepted = false;
  for (const state of earlier) {
    for (const id of state.order) {
      const s = state.calls.get(id) as CallStatus;
      if (s.state !== 'accepted' && s.state !== 'unknown') continue;
      if (s.state === 'accepted') anyAccepted = true;
      if (s.call.operation === 'serverInit') schedules.add(scheduleKey(s.call));
      for (const serial of s.call.serials) serials.add(serial);
    }
  }
  return { serials, schedules, anyAccepted };
}

function scheduleKey(call: PlannedCall): string {
  return JSON.stringify([call.groupKey, call.groupId, call.window]);
}

/** The devices a new send would push before holding any back: not excluded, not covered by an earlier send of the batch. */
export function newSendCandidates(batch: Batch, earlier: readonly SendJournalState[]): { serials: string[]; alreadySent: number } {
  const covered = coveredBy(earlier).serials;
  const byGroup = serialsByGroup(batch);
  // Devices of a scheduled group are not pushed by serial (Samsung picks the group's devices).
  const serials = batch.groups.filter((g) => g.mode.kind === 'immediate').flatMap((g) => byGroup.get(groupKey(g.model, g.salesCode)) ?? []);
  return { serials: serials.filter((s) => !covered.has(s)), alreadySent: batch.devices.filter((d) => covered.has(d.serial)).length };
}

/**
 * The calls of a new send: the batch's plan without the devices (and schedules) earlier sends
 * already covered and without the devices held back. The pilot applies only while nothing of the
 * batch was accepted yet.
 */
export function newSendCalls(batch: Batch, earlier: readonly SendJournalState[], held: ReadonlySet<string> = new Set()): { calls: PlannedCall[]; pilotCalls: number; alreadySent: number } {
  const covered = coveredBy(earlier);
  if (covered.serials.size === 0 && covered.schedules.size === 0 && held.size === 0) {
    const plan = planBatch(batch);
    return { calls: [...plan.calls], pilotCalls: covered.anyAccepted ? 0 : plan.pilotCalls, alreadySent: 0 };
  }
  const remaining = { ...batch, devices: batch.devices.filter((d) => !covered.serials.has(d.serial) && !held.has(d.serial)) };
  const alreadySent = batch.devices.filter((d) => covered.serials.has(d.serial)).length;
  const derived = planBatch(covered.anyAccepted ? { ...remaining, pilot: null } : remaining);
  const calls = derived.calls.filter((c) => c.operation !== 'serverInit' || !covered.schedules.has(scheduleKey(c)));
  return { calls, pilotCalls: calls.filter((c) => c.pilot).length, alreadySent };
}

/** A new send's calls with its held-back and included devices. */
export function planNewSend(batch: Batch, earlier: readonly SendJournalState[], lookup: OpenPushLookup, include: IncludeOpen): { calls: PlannedCall[]; pilotCalls: number; alreadySent: number; heldBack: OpenPush[]; includedOpen: OpenPush[] } {
  const held = holdBack(newSendCandidates(batch, earlier).serials, lookup, include);
  return { ...newSendCalls(batch, earlier, new Set(held.heldBack.map((p) => p.serial))), ...held };
}

/** Splits the open pushes of candidate devices into those held back and those the admin included. */
export function holdBack(candidates: readonly string[], lookup: OpenPushLookup, include: IncludeOpen, exceptSendId?: string): { heldBack: OpenPush[]; includedOpen: OpenPush[] } {
  const open = lookup.openPushes(candidates, exceptSendId !== undefined ? { exceptSendId } : {});
  const wanted = new Set(include.serials);
  const heldBack: OpenPush[] = [];
  const includedOpen: OpenPush[] = [];
  for (const serial of new Set(candidates)) {
    const push = open.get(serial);
    if (!push) continue;
    (include.all || wanted.has(serial) ? includedOpen : heldBack).push(push);
  }
  return { heldBack, includedOpen };
}

/** Serials of calls not yet sent (pending, or about to be re-sent): the devices a continued send still pushes. */
export function serialsToPush(calls: readonly CallStatus[], resend: readonly string[] = []): string[] {
  const again = new Set(resend);
  return calls.filter((s) => s.replacedBy.length === 0 && (s.state === 'pending' || again.has(s.call.id))).flatMap((s) => s.call.serials);
}

/** What the summary is computed from. */
export interface SummaryInput {
  readonly calls: readonly CallStatus[];
  readonly resumed: boolean;
  readonly cancelled: boolean;
  /** `unknown` calls the admin asked to re-send */
  readonly resend: readonly string[];
  readonly pilotCalls: number;
  readonly pilotContinued: boolean;
  readonly alreadySent: number;
  readonly excluded: number;
  readonly heldBack: readonly OpenPush[];
  readonly includedOpen: readonly OpenPush[];
}

/** The one summary of a send (see common/batch/send-summary.ts). Held-back devices not yet taken out of the calls are left out here. */
export function summariseSend(input: SummaryInput): SendSummary {
  const held = new Set(input.heldBack.map((p) => p.serial));
  const again = new Set(input.resend);
  const live = input.calls.filter((s) => s.replacedBy.length === 0);
  const toSendCalls = input.cancelled
    ? []
    : live
        .filter((s) => s.state === 'pending' || (s.state === 'unknown' && again.has(s.call.id)))
        .map((s) => ({ s, devices: s.call.serials.filter((serial) => !held.has(serial)).length }))
        .filter((x) => x.s.call.operation === 'serverInit' || x.devices > 0);
  const count = (list: readonly CallStatus[]) => ({ calls: list.length, devices: list.reduce((n, s) => n + s.call.serials.length, 0) });
  const resend = live.filter((s) => s.state === 'unknown' && again.has(s.call.id));
  const summary = {
    resumed: input.resumed,
    toSend: { calls: toSendCalls.length, devices: toSendCalls.reduce((n, x) => n + x.devices, 0) },
    scheduled: toSendCalls.filter((x) => x.s.call.operation === 'serverInit').length,
    pilotCalls: input.pilotContinued ? 0 : Math.min(input.pilotCalls, toSendCalls.filter((x) => x.s.call.pilot).length),
    resend: count(resend),
    unknownWaiting: count(live.filter((s) => needsDecision(s) && !again.has(s.call.id))),
    unknownLeft: count(live.filter((s) => s.state === 'unknown' && s.left)),
    alreadySent: input.alreadySent,
    excluded: input.excluded,
    heldBack: input.heldBack,
    includedOpen: input.includedOpen,
  };
  return { ...summary, nothingToSend: nothingToSendReason(summary) };
}

/** A batch's plan made of the calls a send will make (the dry run's and the send-time checks' view of it). */
export function planOfCalls(batch: Batch, calls: readonly PlannedCall[], pilotCalls: number): Plan {
  const imported = serialsByGroup(batch);
  const groups = batch.groups.map((g) => {
    const key = groupKey(g.model, g.salesCode);
    const own = calls.filter((c) => c.groupKey === key);
    const devices = g.mode.kind === 'scheduled' ? (imported.get(key)?.length ?? 0) : own.reduce((n, c) => n + c.serials.length, 0);
    return { key, model: g.model, salesCode: g.salesCode, mode: g.mode.kind, target: own[0]?.target ?? g.pinnedTarget ?? g.target, devices, calls: own.length, scope: describeScope(g, devices) };
  });
  const devices = calls.filter((c) => c.operation === 'forceUpdate').reduce((n, c) => n + c.serials.length, 0);
  return { calls, groups, devices, excluded: batch.excluded.length, pilotCalls };
}

/** Pending statuses of planned calls (a new send before it runs). */
export function pendingStatuses(calls: readonly PlannedCall[]): CallStatus[] {
  return calls.map((call) => ({ call, state: 'pending', attempts: 0, forceUpdateId: null, code: null, local: false, message: null, culprits: null, replacedBy: [], left: false, resends: 0 }));
}

/** The next send of a batch as the dry run sees it, without taking the lock or changing a file. */
export interface NextSend {
  readonly resumed: boolean;
  readonly calls: readonly CallStatus[];
  readonly summary: SendSummary;
  /** the calls that go out on confirmation, held-back devices left out */
  readonly plan: Plan;
}

/** Works out the next send of a batch from its journals (read-only: an interrupted call counts as `unknown`, as a resume would make it). */
export function nextSend(batch: Batch, journals: BatchJournals, lookup: OpenPushLookup, include: IncludeOpen): NextSend {
  let calls: CallStatus[];
  let pilotCalls: number;
  let pilotContinued: boolean;
  let alreadySent = 0;
  let held: { heldBack: OpenPush[]; includedOpen: OpenPush[] };
  const open = journals.open?.state ?? null;
  if (open) {
    calls = open.order.map((id) => {
      const s = open.calls.get(id) as CallStatus;
      return s.state === 'sending' ? { ...s, state: 'unknown' as const, message: 'in flight when FOTA Desk last stopped: it may have reached Samsung' } : s;
    });
    pilotCalls = open.start.pilotCalls;
    pilotContinued = open.pilotContinued;
    held = holdBack(serialsToPush(calls), lookup, include, open.start.sendId);
  } else {
    const fresh = planNewSend(batch, journals.earlier, lookup, include);
    calls = pendingStatuses(fresh.calls);
    pilotCalls = fresh.pilotCalls;
    pilotContinued = fresh.pilotCalls === 0;
    alreadySent = fresh.alreadySent;
    held = { heldBack: fresh.heldBack, includedOpen: fresh.includedOpen };
  }
  const summary = summariseSend({ calls, resumed: open !== null, cancelled: open?.cancelled ?? false, resend: [], pilotCalls, pilotContinued, alreadySent, excluded: batch.excluded.length, ...held });
  const heldSerials = new Set(held.heldBack.map((p) => p.serial));
  const going = summary.toSend.calls === 0 ? [] : calls
    .filter((s) => s.state === 'pending' && s.replacedBy.length === 0)
    .map((s) => ({ ...s.call, serials: s.call.serials.filter((serial) => !heldSerials.has(serial)) }))
    .filter((c) => c.operation === 'serverInit' || c.serials.length > 0);
  return { resumed: open !== null, calls, summary, plan: planOfCalls(batch, going, summary.pilotCalls) };
}
