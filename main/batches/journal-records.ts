// The records of a send journal (one JSON object per line) and their runtime check. The journal is
// read back after a crash, possibly by a newer or older FOTA Desk, so every line is validated.
import type { Actor, DeliveryWindow } from '../../common/batch/model.ts';
import type { PlannedCall } from '../../common/batch/plan.ts';
import { MAX_SERIALS_PER_CALL } from '../../common/batch/plan.ts';
import { Reader } from '../../common/batch/reader.ts';

/** Format version of the journal's start record. */
export const JOURNAL_VERSION = 1;

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

const SEND_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,120}$/;
const DATE = /^\d{8}$/;
const HOUR = /^\d{2}$/;
const MAX_CALLS = 10_000;

function bool(r: Reader, value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') r.fail(path, 'expected true or false');
  return value === true;
}

function actor(r: Reader, value: unknown, path: string): Actor {
  const o = r.object(value, path, ['user', 'host']);
  return { user: r.string(o?.['user'], `${path}.user`, 256), host: r.string(o?.['host'], `${path}.host`, 256) };
}

function ids(r: Reader, value: unknown, path: string): string[] {
  return r.array(value, path, MAX_CALLS).map((v, i) => r.string(v, `${path}[${i}]`, 200));
}

function window(r: Reader, value: unknown, path: string): DeliveryWindow {
  const w = r.object(value, path, ['startDate', 'endDate', 'startHour', 'endHour']);
  return {
    startDate: r.pattern(w?.['startDate'], `${path}.startDate`, DATE, 'yyyymmdd'),
    endDate: r.pattern(w?.['endDate'], `${path}.endDate`, DATE, 'yyyymmdd'),
    startHour: r.pattern(w?.['startHour'], `${path}.startHour`, HOUR, 'HH'),
    endHour: r.pattern(w?.['endHour'], `${path}.endHour`, HOUR, 'HH'),
  };
}

/** Reads one planned call (as the start and replan records carry it). */
function plannedCall(r: Reader, value: unknown, path: string): PlannedCall {
  const o = r.object(value, path, ['id', 'operation', 'groupKey', 'model', 'salesCode', 'target', 'network', 'serials', 'groupId', 'window', 'pilot']);
  const operation = r.oneOf(o?.['operation'], `${path}.operation`, ['forceUpdate', 'serverInit'] as const);
  const call: { -readonly [K in keyof PlannedCall]: PlannedCall[K] } = {
    id: r.string(o?.['id'], `${path}.id`, 200),
    operation,
    groupKey: r.string(o?.['groupKey'], `${path}.groupKey`, 200),
    model: r.string(o?.['model'], `${path}.model`, 100),
    salesCode: r.string(o?.['salesCode'], `${path}.salesCode`, 100),
    target: r.string(o?.['target'], `${path}.target`, 200),
    serials: r.array(o?.['serials'], `${path}.serials`, MAX_SERIALS_PER_CALL).map((s, i) => r.string(s, `${path}.serials[${i}]`, 100)),
    pilot: bool(r, o?.['pilot'], `${path}.pilot`),
  };
  if (o?.['network'] !== undefined) call.network = r.oneOf(o['network'], `${path}.network`, ['WIFIONLY', 'ANY'] as const);
  if (o?.['groupId'] !== undefined) call.groupId = r.string(o['groupId'], `${path}.groupId`, 100);
  if (o?.['window'] !== undefined) call.window = window(r, o['window'], `${path}.window`);
  if (operation === 'forceUpdate' && call.serials.length === 0) r.fail(`${path}.serials`, 'a forceUpdate call needs at least one serial');
  if (operation === 'serverInit' && (call.groupId === undefined || call.window === undefined)) r.fail(path, 'a serverInit call needs a groupId and a window');
  return call;
}

/** Reads the planned calls of a record; ids must be unique. */
function calls(r: Reader, value: unknown, path: string): PlannedCall[] {
  const list = r.array(value, path, MAX_CALLS).map((c, i) => plannedCall(r, c, `${path}[${i}]`));
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c.id)) r.fail(path, `call id ${c.id} appears twice`);
    seen.add(c.id);
  }
  return list;
}

function callRecord(r: Reader, value: unknown): CallRecord {
  const state = r.oneOf((value as { state?: unknown }).state, 'state', ['pending', 'sending', 'accepted', 'rejected', 'unknown', 'cancelled'] as const);
  const keys: Record<CallState, string[]> = {
    sending: ['attempt'],
    accepted: ['forceUpdateId'],
    rejected: ['code', 'local', 'message'],
    unknown: ['reason'],
    pending: ['reason'],
    cancelled: [],
  };
  const o = r.object(value, 'record', ['t', 'id', 'state', 'at', ...keys[state]]);
  const id = r.string(o?.['id'], 'id', 200);
  const at = r.time(o?.['at'], 'at');
  switch (state) {
    case 'sending':
      return { t: 'call', id, state, attempt: r.integer(o?.['attempt'], 'attempt', 1, 1_000_000), at };
    case 'accepted': {
      const raw = o?.['forceUpdateId'];
      return { t: 'call', id, state, forceUpdateId: raw === null ? null : r.string(raw, 'forceUpdateId', 100), at };
    }
    case 'rejected':
      return { t: 'call', id, state, code: r.string(o?.['code'], 'code', 40), local: bool(r, o?.['local'], 'local'), message: r.string(o?.['message'], 'message', 4000, { allowEmpty: true, multiline: true }), at };
    case 'unknown':
    case 'pending':
      return { t: 'call', id, state, reason: r.string(o?.['reason'], 'reason', 4000, { allowEmpty: true, multiline: true }), at };
    case 'cancelled':
      return { t: 'call', id, state, at };
  }
}

/** Checks one parsed line; returns the record or the problems found. */
export function parseRecord(value: unknown): { ok: true; record: JournalRecord } | { ok: false; problems: readonly string[] } {
  const r = new Reader();
  const type = r.oneOf((value as { t?: unknown } | null)?.t, 't', ['start', 'call', 'culprits', 'resend', 'leave', 'replan', 'pilot', 'pin', 'cancel', 'torn', 'hold', 'repair'] as const);
  if (r.problems.length > 0 || typeof value !== 'object' || value === null) return { ok: false, problems: r.problems.length > 0 ? r.problems : ['not an object'] };
  let record: JournalRecord;
  switch (type) {
    case 'start': {
      const o = r.object(value, 'record', ['t', 'v', 'sendId', 'batchId', 'batchName', 'customerId', 'batchEdited', 'profile', 'at', 'by', 'pilotCalls', 'calls']);
      if (o?.['v'] !== JOURNAL_VERSION) r.fail('v', `journal format ${JSON.stringify(o?.['v'])} is not ${JOURNAL_VERSION}; it was written by another FOTA Desk version`);
      const list = calls(r, o?.['calls'], 'calls');
      record = {
        t: type,
        v: JOURNAL_VERSION,
        sendId: r.pattern(o?.['sendId'], 'sendId', SEND_ID, 'a send id'),
        batchId: r.string(o?.['batchId'], 'batchId', 64),
        batchName: r.string(o?.['batchName'], 'batchName', 200),
        customerId: r.string(o?.['customerId'], 'customerId', 100),
        batchEdited: r.time(o?.['batchEdited'], 'batchEdited'),
        profile: r.string(o?.['profile'], 'profile', 200),
        at: r.time(o?.['at'], 'at'),
        by: actor(r, o?.['by'], 'by'),
        pilotCalls: r.integer(o?.['pilotCalls'], 'pilotCalls', 0, list.length),
        calls: list,
      };
      break;
    }
    case 'call':
      record = callRecord(r, value);
      break;
    case 'culprits': {
      const o = r.object(value, 'record', ['t', 'id', 'culprits', 'at']);
      const culprits = r.array(o?.['culprits'], 'culprits', MAX_SERIALS_PER_CALL).map((c, i) => {
        const e = r.object(c, `culprits[${i}]`, ['serial', 'category']);
        return { serial: r.string(e?.['serial'], `culprits[${i}].serial`, 100), category: r.string(e?.['category'], `culprits[${i}].category`, 200) };
      });
      record = { t: type, id: r.string(o?.['id'], 'id', 200), culprits, at: r.time(o?.['at'], 'at') };
      break;
    }
    case 'resend':
    case 'leave': {
      const o = r.object(value, 'record', ['t', 'ids', 'at', 'by']);
      record = { t: type, ids: ids(r, o?.['ids'], 'ids'), at: r.time(o?.['at'], 'at'), by: actor(r, o?.['by'], 'by') };
      break;
    }
    case 'replan': {
      const o = r.object(value, 'record', ['t', 'of', 'mode', 'removed', 'calls', 'at', 'by']);
      record = {
        t: type,
        of: r.string(o?.['of'], 'of', 200),
        mode: r.oneOf(o?.['mode'], 'mode', ['without', 'halves'] as const),
        removed: ids(r, o?.['removed'], 'removed'),
        calls: calls(r, o?.['calls'], 'calls'),
        at: r.time(o?.['at'], 'at'),
        by: actor(r, o?.['by'], 'by'),
      };
      break;
    }
    case 'pilot':
    case 'cancel': {
      const o = r.object(value, 'record', ['t', 'at', 'by']);
      record = { t: type, at: r.time(o?.['at'], 'at'), by: actor(r, o?.['by'], 'by') };
      break;
    }
    case 'pin': {
      const o = r.object(value, 'record', ['t', 'groupKey', 'target', 'at', 'by']);
      record = { t: type, groupKey: r.string(o?.['groupKey'], 'groupKey', 200), target: r.string(o?.['target'], 'target', 200), at: r.time(o?.['at'], 'at'), by: actor(r, o?.['by'], 'by') };
      break;
    }
    case 'torn': {
      const o = r.object(value, 'record', ['t', 'bytes', 'keptAt', 'at']);
      const kept = o?.['keptAt'];
      record = { t: type, bytes: r.integer(o?.['bytes'], 'bytes', 0, Number.MAX_SAFE_INTEGER), keptAt: kept === null ? null : r.string(kept, 'keptAt', 4096), at: r.time(o?.['at'], 'at') };
      break;
    }
    case 'hold': {
      const o = r.object(value, 'record', ['t', 'id', 'serials', 'at', 'by']);
      const serials = r.array(o?.['serials'], 'serials', MAX_SERIALS_PER_CALL).map((v, i) => r.string(v, `serials[${i}]`, 100));
      record = { t: type, id: r.string(o?.['id'], 'id', 200), serials, at: r.time(o?.['at'], 'at'), by: actor(r, o?.['by'], 'by') };
      break;
    }
    case 'repair': {
      const o = r.object(value, 'record', ['t', 'lines', 'bytes', 'keptAt', 'at', 'by']);
      record = {
        t: type,
        lines: r.integer(o?.['lines'], 'lines', 0, Number.MAX_SAFE_INTEGER),
        bytes: r.integer(o?.['bytes'], 'bytes', 0, Number.MAX_SAFE_INTEGER),
        keptAt: r.string(o?.['keptAt'], 'keptAt', 4096),
        at: r.time(o?.['at'], 'at'),
        by: actor(r, o?.['by'], 'by'),
      };
      break;
    }
  }
  return r.problems.length === 0 ? { ok: true, record } : { ok: false, problems: r.problems };
}
