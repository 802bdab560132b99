// Runtime checks of history files and the index. They are read back by the window and the CLI,
// possibly by another FOTA Desk version, or after a hand edit: every field is validated, and a file
// that fails is moved aside by the store, never half-trusted.
import { Reader } from '../../../common/batch/reader.ts';
import type { DeliveryWindow } from '../../../common/batch/model.ts';
import {
  HISTORY_SCHEMA_VERSION,
  type BatchHistory,
  type DetailSnapshot,
  type DeviceResult,
  type HistoryIndex,
  type IndexEntry,
  type RefreshAttempt,
  type ScheduledEntry,
  type SummarySnapshot,
  type TrackedUpdate,
  type UntrackedCall,
} from './history-model.ts';
import { BATCH_ID_PATTERN } from '../../../common/batch/parse.ts';

const MAX_UPDATES = 20_000;
const MAX_SERIALS = 100;
const MAX_RAW = 4 * 1024 * 1024;
const MAX_TEXT = 4000;
const ID = 200;

/** The result of reading a file: the value, or the problems (and whether a newer version wrote it). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: readonly string[]; newerSchema: number | null };

function nullable<T>(value: unknown, read: (v: unknown) => T): T | null {
  return value === null ? null : read(value);
}

function count(r: Reader, value: unknown, path: string): number | null {
  return value === null ? null : r.integer(value, path, 0, Number.MAX_SAFE_INTEGER);
}

function serials(r: Reader, value: unknown, path: string, max: number): string[] {
  return r.array(value, path, max).map((s, i) => r.string(s, `${path}[${i}]`, 100));
}

function text(r: Reader, value: unknown, path: string): string | null {
  return nullable(value, (v) => r.string(v, path, MAX_TEXT, { allowEmpty: true, multiline: true }));
}

function device(r: Reader, value: unknown, path: string): DeviceResult {
  const o = r.object(value, path, ['serial', 'state', 'reason', 'since']);
  return {
    serial: r.string(o?.['serial'], `${path}.serial`, 100),
    state: r.oneOf(o?.['state'], `${path}.state`, ['sent', 'processing', 'downloaded', 'failed', 'unknown'] as const),
    reason: text(r, o?.['reason'], `${path}.reason`),
    since: r.time(o?.['since'], `${path}.since`),
  };
}

function summary(r: Reader, value: unknown, path: string): SummarySnapshot {
  const o = r.object(value, path, ['at', 'target', 'processing', 'downloaded', 'failed']);
  return {
    at: r.time(o?.['at'], `${path}.at`),
    target: nullable(o?.['target'], (v) => r.string(v, `${path}.target`, 200, { allowEmpty: true })),
    processing: count(r, o?.['processing'], `${path}.processing`),
    downloaded: count(r, o?.['downloaded'], `${path}.downloaded`),
    failed: count(r, o?.['failed'], `${path}.failed`),
  };
}

function detail(r: Reader, value: unknown, path: string): DetailSnapshot {
  const o = r.object(value, path, ['at', 'understood', 'note', 'raw']);
  const understood = o?.['understood'];
  if (typeof understood !== 'boolean') r.fail(`${path}.understood`, 'expected true or false');
  const raw = o?.['raw'];
  if (typeof raw !== 'string') r.fail(`${path}.raw`, 'expected text');
  else if (raw.length > MAX_RAW) r.fail(`${path}.raw`, `is longer than ${MAX_RAW} characters`);
  return {
    at: r.time(o?.['at'], `${path}.at`),
    understood: understood === true,
    note: r.string(o?.['note'], `${path}.note`, MAX_TEXT, { allowEmpty: true, multiline: true }),
    raw: typeof raw === 'string' ? raw : '',
  };
}

function attempt(r: Reader, value: unknown, path: string): RefreshAttempt {
  const o = r.object(value, path, ['at', 'ok', 'code', 'message']);
  const ok = o?.['ok'];
  if (typeof ok !== 'boolean') r.fail(`${path}.ok`, 'expected true or false');
  return {
    at: r.time(o?.['at'], `${path}.at`),
    ok: ok === true,
    code: nullable(o?.['code'], (v) => r.string(v, `${path}.code`, 60)),
    message: text(r, o?.['message'], `${path}.message`),
  };
}

const UPDATE_KEYS = [
  'forceUpdateId', 'sendId', 'callId', 'groupKey', 'model', 'salesCode', 'target', 'network', 'serials', 'sentAt', 'expiresAt',
  'status', 'closedReason', 'asOf', 'lastAttempt', 'refreshes', 'summary', 'detail', 'devices',
];

function update(r: Reader, value: unknown, path: string): TrackedUpdate {
  const o = r.object(value, path, UPDATE_KEYS);
  const list = serials(r, o?.['serials'], `${path}.serials`, MAX_SERIALS);
  const devices = r.array(o?.['devices'], `${path}.devices`, MAX_SERIALS).map((d, i) => device(r, d, `${path}.devices[${i}]`));
  if (devices.length !== list.length || devices.some((d, i) => d.serial !== list[i])) r.fail(`${path}.devices`, 'does not match the serials sent');
  return {
    forceUpdateId: r.string(o?.['forceUpdateId'], `${path}.forceUpdateId`, ID),
    sendId: nullable(o?.['sendId'], (v) => r.string(v, `${path}.sendId`, ID)),
    callId: r.string(o?.['callId'], `${path}.callId`, ID),
    groupKey: r.string(o?.['groupKey'], `${path}.groupKey`, ID),
    model: r.string(o?.['model'], `${path}.model`, 100),
    salesCode: r.string(o?.['salesCode'], `${path}.salesCode`, 100),
    target: r.string(o?.['target'], `${path}.target`, 200),
    network: nullable(o?.['network'], (v) => r.oneOf(v, `${path}.network`, ['ANY', 'WIFIONLY'] as const)),
    serials: list,
    sentAt: r.time(o?.['sentAt'], `${path}.sentAt`),
    expiresAt: r.time(o?.['expiresAt'], `${path}.expiresAt`),
    status: r.oneOf(o?.['status'], `${path}.status`, ['open', 'final', 'expired'] as const),
    closedReason: text(r, o?.['closedReason'], `${path}.closedReason`),
    asOf: nullable(o?.['asOf'], (v) => r.time(v, `${path}.asOf`)),
    lastAttempt: nullable(o?.['lastAttempt'], (v) => attempt(r, v, `${path}.lastAttempt`)),
    refreshes: r.integer(o?.['refreshes'], `${path}.refreshes`, 0, Number.MAX_SAFE_INTEGER),
    summary: nullable(o?.['summary'], (v) => summary(r, v, `${path}.summary`)),
    detail: nullable(o?.['detail'], (v) => detail(r, v, `${path}.detail`)),
    devices,
  };
}

function window(r: Reader, value: unknown, path: string): DeliveryWindow {
  const o = r.object(value, path, ['startDate', 'endDate', 'startHour', 'endHour']);
  return {
    startDate: r.pattern(o?.['startDate'], `${path}.startDate`, /^\d{8}$/, 'yyyymmdd'),
    endDate: r.pattern(o?.['endDate'], `${path}.endDate`, /^\d{8}$/, 'yyyymmdd'),
    startHour: r.pattern(o?.['startHour'], `${path}.startHour`, /^\d{2}$/, 'HH'),
    endHour: r.pattern(o?.['endHour'], `${path}.endHour`, /^\d{2}$/, 'HH'),
  };
}

function scheduled(r: Reader, value: unknown, path: string): ScheduledEntry {
  const o = r.object(value, path, ['sendId', 'callId', 'groupKey', 'model', 'salesCode', 'target', 'groupId', 'window', 'sentAt', 'serials']);
  return {
    sendId: r.string(o?.['sendId'], `${path}.sendId`, ID),
    callId: r.string(o?.['callId'], `${path}.callId`, ID),
    groupKey: r.string(o?.['groupKey'], `${path}.groupKey`, ID),
    model: r.string(o?.['model'], `${path}.model`, 100),
    salesCode: r.string(o?.['salesCode'], `${path}.salesCode`, 100),
    target: r.string(o?.['target'], `${path}.target`, 200),
    groupId: r.string(o?.['groupId'], `${path}.groupId`, 100),
    window: window(r, o?.['window'], `${path}.window`),
    sentAt: r.time(o?.['sentAt'], `${path}.sentAt`),
    serials: serials(r, o?.['serials'], `${path}.serials`, 300_000),
  };
}

function untracked(r: Reader, value: unknown, path: string): UntrackedCall {
  const o = r.object(value, path, ['sendId', 'callId', 'groupKey', 'model', 'salesCode', 'target', 'serials', 'state', 'code', 'message', 'at']);
  return {
    sendId: r.string(o?.['sendId'], `${path}.sendId`, ID),
    callId: r.string(o?.['callId'], `${path}.callId`, ID),
    groupKey: r.string(o?.['groupKey'], `${path}.groupKey`, ID),
    model: r.string(o?.['model'], `${path}.model`, 100),
    salesCode: r.string(o?.['salesCode'], `${path}.salesCode`, 100),
    target: r.string(o?.['target'], `${path}.target`, 200),
    serials: serials(r, o?.['serials'], `${path}.serials`, MAX_SERIALS),
    state: r.oneOf(o?.['state'], `${path}.state`, ['rejected', 'unknown', 'cancelled', 'pending', 'accepted-without-id'] as const),
    code: nullable(o?.['code'], (v) => r.string(v, `${path}.code`, 60)),
    message: text(r, o?.['message'], `${path}.message`),
    at: r.time(o?.['at'], `${path}.at`),
  };
}

function newer(value: unknown): number | null {
  const v = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  return typeof v === 'number' && Number.isInteger(v) && v > HISTORY_SCHEMA_VERSION ? v : null;
}

/** Checks a per-batch history file's content. */
export function parseBatchHistory(value: unknown): ParseResult<BatchHistory> {
  const later = newer(value);
  if (later !== null) return { ok: false, problems: [`written by a newer FOTA Desk (history format ${later}); this version reads format ${HISTORY_SCHEMA_VERSION}`], newerSchema: later };
  const r = new Reader();
  const o = r.object(value, 'history', ['schemaVersion', 'batchId', 'batchName', 'customerId', 'profile', 'practice', 'revision', 'updates', 'scheduled', 'untracked']);
  if (o === null) return { ok: false, problems: r.problems, newerSchema: null };
  if (o['schemaVersion'] !== HISTORY_SCHEMA_VERSION) r.fail('history.schemaVersion', `expected ${HISTORY_SCHEMA_VERSION}`);
  const practice = o['practice'];
  if (typeof practice !== 'boolean') r.fail('history.practice', 'expected true or false');
  const updates = r.array(o['updates'], 'history.updates', MAX_UPDATES).map((u, i) => update(r, u, `history.updates[${i}]`));
  const ids = new Set<string>();
  for (const u of updates) {
    if (ids.has(u.forceUpdateId)) r.fail('history.updates', `forceUpdateId ${u.forceUpdateId} appears twice`);
    ids.add(u.forceUpdateId);
  }
  const history: BatchHistory = {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    batchId: r.pattern(o['batchId'], 'history.batchId', BATCH_ID_PATTERN, 'a batch id'),
    batchName: r.string(o['batchName'], 'history.batchName', 200),
    customerId: r.string(o['customerId'], 'history.customerId', 100),
    profile: r.string(o['profile'], 'history.profile', 200, { allowEmpty: true }),
    practice: practice === true,
    revision: r.integer(o['revision'], 'history.revision', 0, Number.MAX_SAFE_INTEGER),
    updates,
    scheduled: r.array(o['scheduled'], 'history.scheduled', MAX_UPDATES).map((s, i) => scheduled(r, s, `history.scheduled[${i}]`)),
    untracked: r.array(o['untracked'], 'history.untracked', MAX_UPDATES).map((c, i) => untracked(r, c, `history.untracked[${i}]`)),
  };
  return r.problems.length === 0 ? { ok: true, value: history } : { ok: false, problems: r.problems, newerSchema: null };
}

function indexEntry(r: Reader, value: unknown, path: string): IndexEntry {
  const o = r.object(value, path, ['batchId', 'batchName', 'customerId', 'practice', 'revision', 'fileBytes', 'fileMtimeMs', 'updates', 'open', 'scheduled', 'devices', 'firstSentAt', 'lastSentAt']);
  const practice = o?.['practice'];
  if (typeof practice !== 'boolean') r.fail(`${path}.practice`, 'expected true or false');
  const mtime = o?.['fileMtimeMs'];
  if (typeof mtime !== 'number' || !Number.isFinite(mtime)) r.fail(`${path}.fileMtimeMs`, 'expected a number');
  return {
    batchId: r.pattern(o?.['batchId'], `${path}.batchId`, BATCH_ID_PATTERN, 'a batch id'),
    batchName: r.string(o?.['batchName'], `${path}.batchName`, 200),
    customerId: r.string(o?.['customerId'], `${path}.customerId`, 100),
    practice: practice === true,
    revision: r.integer(o?.['revision'], `${path}.revision`, 0, Number.MAX_SAFE_INTEGER),
    fileBytes: r.integer(o?.['fileBytes'], `${path}.fileBytes`, 0, Number.MAX_SAFE_INTEGER),
    fileMtimeMs: typeof mtime === 'number' ? mtime : 0,
    updates: r.integer(o?.['updates'], `${path}.updates`, 0, MAX_UPDATES),
    open: r.integer(o?.['open'], `${path}.open`, 0, MAX_UPDATES),
    scheduled: r.integer(o?.['scheduled'], `${path}.scheduled`, 0, MAX_UPDATES),
    devices: r.integer(o?.['devices'], `${path}.devices`, 0, Number.MAX_SAFE_INTEGER),
    firstSentAt: nullable(o?.['firstSentAt'], (v) => r.time(v, `${path}.firstSentAt`)),
    lastSentAt: nullable(o?.['lastSentAt'], (v) => r.time(v, `${path}.lastSentAt`)),
  };
}

/** Checks the index file's content. */
export function parseHistoryIndex(value: unknown): ParseResult<HistoryIndex> {
  const r = new Reader();
  const o = r.object(value, 'index', ['schemaVersion', 'batches', 'serials']);
  if (o === null) return { ok: false, problems: r.problems, newerSchema: null };
  if (o['schemaVersion'] !== HISTORY_SCHEMA_VERSION) r.fail('index.schemaVersion', `expected ${HISTORY_SCHEMA_VERSION}`);
  const batches = r.array(o['batches'], 'index.batches', 1_000_000).map((b, i) => indexEntry(r, b, `index.batches[${i}]`));
  const map = o['serials'];
  // No prototype: a serial such as `__proto__` must stay a plain key.
  const serialsIndex = Object.create(null) as Record<string, string[]>;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) r.fail('index.serials', 'expected an object');
  else {
    for (const [serial, ids] of Object.entries(map as Record<string, unknown>)) {
      serialsIndex[serial] = r.array(ids, `index.serials.${serial}`, 1_000_000).map((id, i) => r.pattern(id, `index.serials.${serial}[${i}]`, BATCH_ID_PATTERN, 'a batch id'));
      if (r.problems.length > 0) break;
    }
  }
  return r.problems.length === 0 ? { ok: true, value: { schemaVersion: HISTORY_SCHEMA_VERSION, batches, serials: serialsIndex } } : { ok: false, problems: r.problems, newerSchema: null };
}
