// What a send journal says, record by record: the state of every call, the admin's decisions, and
// whether the send is finished. Pure, so the Sender's live state and a replay after a crash are
// computed by the same code.
import type { PlannedCall } from '../../common/batch/plan.ts';
import type { CallState, Culprit, JournalRecord, StartRecord } from './journal-records.ts';
import type { SendCountsView } from '../../common/contract/send-views.ts';

/** One call of a send and what is known about it. */
export interface CallStatus {
  /** the call as it will be (or was) sent; a pinned firmware replaces `Latest` while it is not sent */
  call: PlannedCall;
  state: CallState;
  /** times the call went on the wire (each `sending` record) */
  attempts: number;
  forceUpdateId: string | null;
  /** FUD code of a rejection */
  code: string | null;
  /** the rejection was made before sending (the request never left this machine) */
  local: boolean;
  /** why it is rejected, unknown or back to pending */
  message: string | null;
  /** FUD_3031 culprits found by abnormalDeviceList (null: not looked for) */
  culprits: readonly Culprit[] | null;
  /** the calls that replaced this one (re-planned after FUD_3031) */
  replacedBy: readonly string[];
  /** an `unknown` call the admin decided never to re-send */
  left: boolean;
  /** confirmed re-sends of this call after it was `unknown` */
  resends: number;
}

/** A send as its journal tells it. */
export interface SendJournalState {
  readonly start: StartRecord;
  /** calls in send order */
  readonly order: string[];
  readonly calls: Map<string, CallStatus>;
  pilotContinued: boolean;
  cancelled: boolean;
  /** torn lines dropped on earlier replays */
  tornLines: number;
}

/** A record that does not fit the journal so far (a bug, or a file edited by hand). */
export class JournalInconsistency extends Error {
  override readonly name = 'JournalInconsistency';
}

function status(call: PlannedCall): CallStatus {
  return { call, state: 'pending', attempts: 0, forceUpdateId: null, code: null, local: false, message: null, culprits: null, replacedBy: [], left: false, resends: 0 };
}

/** The state right after the start record: every call pending. */
export function initialState(start: StartRecord): SendJournalState {
  const calls = new Map<string, CallStatus>();
  for (const call of start.calls) calls.set(call.id, status(call));
  return { start, order: start.calls.map((c) => c.id), calls, pilotContinued: start.pilotCalls === 0, cancelled: false, tornLines: 0 };
}

/** Final states: the call will not be sent again by this send. */
export function isFinal(s: CallStatus): boolean {
  return s.state === 'accepted' || s.state === 'rejected' || s.state === 'cancelled' || (s.state === 'unknown' && s.left);
}

/** An `unknown` call still waiting for the admin (re-send it, or leave it). */
export function needsDecision(s: CallStatus): boolean {
  return s.state === 'unknown' && !s.left;
}

/** True when every call is final: nothing left to send or decide. */
export function isFinished(state: SendJournalState): boolean {
  return state.order.every((id) => isFinal(state.calls.get(id) as CallStatus));
}

function must(state: SendJournalState, id: string): CallStatus {
  const s = state.calls.get(id);
  if (!s) throw new JournalInconsistency(`the journal mentions call ${id}, which this send does not have`);
  return s;
}

/** Applies one record (after the start record) to the state, in place. */
export function applyRecord(state: SendJournalState, record: JournalRecord): void {
  switch (record.t) {
    case 'start':
      throw new JournalInconsistency('a second start record');
    case 'call': {
      const s = must(state, record.id);
      s.state = record.state;
      switch (record.state) {
        case 'sending':
          s.attempts += 1;
          break;
        case 'accepted':
          s.forceUpdateId = record.forceUpdateId;
          s.message = null;
          break;
        case 'rejected':
          s.code = record.code;
          s.local = record.local;
          s.message = record.message;
          break;
        case 'unknown':
        case 'pending':
          s.message = record.reason;
          break;
        case 'cancelled':
          break;
      }
      return;
    }
    case 'culprits':
      must(state, record.id).culprits = record.culprits;
      return;
    case 'resend':
      for (const id of record.ids) {
        const s = must(state, id);
        if (s.state !== 'unknown') throw new JournalInconsistency(`call ${id} was confirmed for re-sending but is ${s.state}, not unknown`);
        s.state = 'pending';
        s.left = false;
        s.resends += 1;
        s.message = 'confirmed for re-sending by the admin';
      }
      return;
    case 'leave':
      for (const id of record.ids) must(state, id).left = true;
      return;
    case 'replan': {
      const s = must(state, record.of);
      s.replacedBy = record.calls.map((c) => c.id);
      const at = state.order.indexOf(record.of);
      for (const call of record.calls) {
        if (state.calls.has(call.id)) throw new JournalInconsistency(`re-planned call ${call.id} already exists`);
        state.calls.set(call.id, status(call));
      }
      state.order.splice(at + 1, 0, ...record.calls.map((c) => c.id));
      return;
    }
    case 'pilot':
      state.pilotContinued = true;
      return;
    case 'pin':
      for (const id of state.order) {
        const s = must(state, id);
        if (s.call.groupKey === record.groupKey && s.state === 'pending' && s.attempts === 0) s.call = { ...s.call, target: record.target };
      }
      return;
    case 'cancel':
      state.cancelled = true;
      return;
    case 'torn':
      state.tornLines += 1;
      return;
    case 'hold': {
      const s = must(state, record.id);
      if (s.state !== 'pending') throw new JournalInconsistency(`devices of call ${record.id} were held back, but it is ${s.state}, not pending`);
      const held = new Set(record.serials);
      s.call = { ...s.call, serials: s.call.serials.filter((serial) => !held.has(serial)) };
      if (s.call.operation === 'forceUpdate' && s.call.serials.length === 0) {
        s.state = 'cancelled';
        s.message = 'not sent: every device of the call was held back (its latest push elsewhere is still open)';
      }
      return;
    }
    case 'repair':
      return;
  }
}

/** Replays a whole journal (its records in order). */
export function replay(records: readonly JournalRecord[]): SendJournalState {
  const [first, ...rest] = records;
  if (!first || first.t !== 'start') throw new JournalInconsistency('the journal does not begin with a start record');
  const state = initialState(first);
  for (const record of rest) applyRecord(state, record);
  return state;
}

/** Counts of calls per state (unknown split into waiting and left): the contract shows them as they are. */
export type SendCounts = SendCountsView;

/** Counts the calls of a send by state; replaced calls are counted by their replacements. */
export function countCalls(state: SendJournalState): SendCounts {
  const c = { calls: 0, pending: 0, sending: 0, accepted: 0, rejected: 0, unknown: 0, unknownLeft: 0, cancelled: 0, devicesAccepted: 0, devicesOpen: 0 };
  for (const id of state.order) {
    const s = state.calls.get(id) as CallStatus;
    if (s.replacedBy.length > 0) continue;
    c.calls += 1;
    if (s.state === 'unknown' && s.left) c.unknownLeft += 1;
    else c[s.state] += 1;
    if (s.state === 'accepted') c.devicesAccepted += s.call.serials.length;
    if (!isFinal(s)) c.devicesOpen += s.call.serials.length;
  }
  return c;
}
