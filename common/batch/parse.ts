// The runtime check of a Batch that came from outside this process: a batch file, a .fotabatch
// hand-off file, an IPC payload. Structure and invariants only; the E-FOTA rules (charsets, lengths,
// windows) are applied by checkBatch, because their findings are shown, not refused.
import { groupKey, BATCH_SCHEMA_VERSION, type AbnormalCheck, type Actor, type Batch, type BatchDevice, type BatchGroup, type BatchSource, type ExcludedDevice, type GroupMode, type HandoffOrigin, type Pilot, type Stamp } from './model.ts';
import { Reader } from './reader.ts';

/** Most devices a batch may hold (the importer's row limit). */
export const MAX_BATCH_DEVICES = 250_000;
/** A batch id inside a larger pattern (the batch, history and journal file names): letters, digits and hyphens, at most 64. */
export const BATCH_ID_SOURCE = '[A-Za-z0-9][A-Za-z0-9-]{0,63}';
/** A batch id: also the batch's file name, so nothing that could leave the batches folder. */
export const BATCH_ID_PATTERN = new RegExp(`^${BATCH_ID_SOURCE}$`);
/** Longest batch name. */
export const MAX_BATCH_NAME = 100;

/** The outcome of parseBatch: the batch, or every problem found (and whether a newer app wrote it). */
export type ParseBatchResult =
  | { readonly ok: true; readonly batch: Batch }
  | { readonly ok: false; readonly errors: readonly string[]; readonly newerSchema: number | null };

const ISO_DATE = /^\d{8}$/;
const HOUR = /^\d{2}$/;

function actor(r: Reader, v: unknown, path: string): Actor {
  const o = r.object(v, path, ['user', 'host']);
  return { user: r.string(o?.['user'], `${path}.user`, 256), host: r.string(o?.['host'], `${path}.host`, 256) };
}

function stamp(r: Reader, v: unknown, path: string): Stamp {
  const o = r.object(v, path, ['at', 'by']);
  return { at: r.time(o?.['at'], `${path}.at`), by: actor(r, o?.['by'], `${path}.by`) };
}

function device(r: Reader, v: unknown, path: string, extra: readonly string[] = []): { device: BatchDevice; record: Record<string, unknown> | null } {
  const o = r.object(v, path, ['serial', 'model', 'salesCode', 'imei', 'source', ...extra]);
  const d: { -readonly [K in keyof BatchDevice]: BatchDevice[K] } = {
    serial: r.string(o?.['serial'], `${path}.serial`, 100),
    model: r.string(o?.['model'], `${path}.model`, 100),
    salesCode: r.string(o?.['salesCode'], `${path}.salesCode`, 100),
  };
  if (o?.['imei'] !== undefined) d.imei = r.string(o['imei'], `${path}.imei`, 100);
  if (o?.['source'] !== undefined) {
    const s = r.object(o['source'], `${path}.source`, ['fileName', 'row']);
    d.source = { fileName: r.string(s?.['fileName'], `${path}.source.fileName`, 1024), row: r.integer(s?.['row'], `${path}.source.row`, 0, 10_000_000) };
  }
  return { device: d, record: o };
}

function source(r: Reader, v: unknown, path: string): BatchSource {
  const o = r.object(v, path, ['fileName', 'sha256', 'importedAt', 'devices']);
  return {
    fileName: r.string(o?.['fileName'], `${path}.fileName`, 1024),
    sha256: r.pattern(o?.['sha256'], `${path}.sha256`, /^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex'),
    importedAt: r.time(o?.['importedAt'], `${path}.importedAt`),
    devices: r.integer(o?.['devices'], `${path}.devices`, 0, MAX_BATCH_DEVICES),
  };
}

function mode(r: Reader, v: unknown, path: string): GroupMode {
  const kind = r.oneOf((v as { kind?: unknown } | null)?.kind, `${path}.kind`, ['immediate', 'scheduled'] as const);
  if (kind === 'immediate') {
    const o = r.object(v, path, ['kind', 'network']);
    return { kind, network: r.oneOf(o?.['network'], `${path}.network`, ['WIFIONLY', 'ANY'] as const) };
  }
  const o = r.object(v, path, ['kind', 'groupId', 'window']);
  const w = r.object(o?.['window'], `${path}.window`, ['startDate', 'endDate', 'startHour', 'endHour']);
  return {
    kind,
    groupId: r.string(o?.['groupId'], `${path}.groupId`, 100),
    window: {
      startDate: r.pattern(w?.['startDate'], `${path}.window.startDate`, ISO_DATE, 'a date as yyyymmdd'),
      endDate: r.pattern(w?.['endDate'], `${path}.window.endDate`, ISO_DATE, 'a date as yyyymmdd'),
      startHour: r.pattern(w?.['startHour'], `${path}.window.startHour`, HOUR, 'an hour as HH'),
      endHour: r.pattern(w?.['endHour'], `${path}.window.endHour`, HOUR, 'an hour as HH'),
    },
  };
}

function group(r: Reader, v: unknown, path: string): BatchGroup {
  const o = r.object(v, path, ['model', 'salesCode', 'target', 'targetSource', 'pinnedTarget', 'mode']);
  const g: { -readonly [K in keyof BatchGroup]: BatchGroup[K] } = {
    model: r.string(o?.['model'], `${path}.model`, 100),
    salesCode: r.string(o?.['salesCode'], `${path}.salesCode`, 100),
    target: r.string(o?.['target'], `${path}.target`, 200),
    targetSource: r.oneOf(o?.['targetSource'], `${path}.targetSource`, ['latest', 'firmwareList', 'typed'] as const),
    mode: mode(r, o?.['mode'], `${path}.mode`),
  };
  if (o?.['pinnedTarget'] !== undefined) g.pinnedTarget = r.string(o['pinnedTarget'], `${path}.pinnedTarget`, 200);
  return g;
}

function pilot(r: Reader, v: unknown, path: string): Pilot | null {
  if (v === null) return null;
  const kind = r.oneOf((v as { kind?: unknown } | undefined)?.kind, `${path}.kind`, ['devices', 'firstCallPerGroup'] as const);
  if (kind === 'firstCallPerGroup') {
    r.object(v, path, ['kind']);
    return { kind };
  }
  const o = r.object(v, path, ['kind', 'count']);
  return { kind, count: r.integer(o?.['count'], `${path}.count`, 1, MAX_BATCH_DEVICES) };
}

function abnormalCheck(r: Reader, v: unknown, path: string): AbnormalCheck | null {
  if (v === null) return null;
  const o = r.object(v, path, ['at', 'checked', 'reported']);
  return {
    at: r.time(o?.['at'], `${path}.at`),
    checked: r.integer(o?.['checked'], `${path}.checked`, 0, MAX_BATCH_DEVICES),
    reported: r.array(o?.['reported'], `${path}.reported`, MAX_BATCH_DEVICES).map((x, i) => {
      const e = r.object(x, `${path}.reported[${i}]`, ['serial', 'category']);
      return { serial: r.string(e?.['serial'], `${path}.reported[${i}].serial`, 100), category: r.string(e?.['category'], `${path}.reported[${i}].category`, 200) };
    }),
  };
}

function handoff(r: Reader, v: unknown, path: string): HandoffOrigin | null {
  if (v === null) return null;
  const o = r.object(v, path, ['fileName', 'sha256', 'prepared', 'imported']);
  return {
    fileName: r.string(o?.['fileName'], `${path}.fileName`, 1024),
    sha256: r.pattern(o?.['sha256'], `${path}.sha256`, /^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex'),
    prepared: stamp(r, o?.['prepared'], `${path}.prepared`),
    imported: stamp(r, o?.['imported'], `${path}.imported`),
  };
}

/** Cross-field rules the planner relies on: one group per key, every device in a group, serials unique. */
function invariants(r: Reader, b: Batch): void {
  const keys = new Set<string>();
  b.groups.forEach((g, i) => {
    const key = groupKey(g.model, g.salesCode);
    if (keys.has(key)) r.fail(`batch.groups[${i}]`, `a second group for ${key}; each model and sales code has one group`);
    keys.add(key);
  });
  const bySerial = new Map<string, BatchDevice>();
  b.devices.forEach((d, i) => {
    const key = groupKey(d.model, d.salesCode);
    if (!keys.has(key)) r.fail(`batch.devices[${i}]`, `device ${d.serial} is ${key}, which has no group`);
    if (bySerial.has(d.serial)) r.fail(`batch.devices[${i}]`, `serial ${d.serial} is listed twice`);
    bySerial.set(d.serial, d);
  });
  const excluded = new Set<string>();
  b.excluded.forEach((x, i) => {
    const d = bySerial.get(x.serial);
    if (!d || d.model !== x.model || d.salesCode !== x.salesCode) r.fail(`batch.excluded[${i}]`, `serial ${x.serial} is not a device of this batch with that model and sales code`);
    if (excluded.has(x.serial)) r.fail(`batch.excluded[${i}]`, `serial ${x.serial} is excluded twice`);
    excluded.add(x.serial);
  });
  b.takenBack.forEach((s, i) => {
    if (!bySerial.has(s)) r.fail(`batch.takenBack[${i}]`, `serial ${s} is not a device of this batch`);
    if (excluded.has(s)) r.fail(`batch.takenBack[${i}]`, `serial ${s} is both excluded and taken back`);
  });
}

/** Checks that an unknown value is a well-formed Batch; the errors name each bad field by its path. */
export function parseBatch(value: unknown): ParseBatchResult {
  const r = new Reader();
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > BATCH_SCHEMA_VERSION) {
    return {
      ok: false,
      newerSchema: version,
      errors: [`batch.schemaVersion: the batch was written by a newer FOTA Desk (schema ${version}; this version reads up to ${BATCH_SCHEMA_VERSION}). Update FOTA Desk to open it.`],
    };
  }
  const o = r.object(value, 'batch', [
    'schemaVersion', 'id', 'name', 'notes', 'customerId', 'created', 'edited', 'sources', 'devices', 'excluded', 'groups', 'pilot', 'abnormalCheck', 'takenBack', 'handoff',
  ]);
  if (!o) return { ok: false, errors: r.problems, newerSchema: null };
  if (o['schemaVersion'] !== BATCH_SCHEMA_VERSION) r.fail('batch.schemaVersion', `expected ${BATCH_SCHEMA_VERSION}, found ${JSON.stringify(o['schemaVersion'])}`);
  const batch: Batch = {
    schemaVersion: BATCH_SCHEMA_VERSION,
    id: r.pattern(o['id'], 'batch.id', BATCH_ID_PATTERN, 'an id of letters, digits and hyphens (at most 64)'),
    name: r.string(o['name'], 'batch.name', MAX_BATCH_NAME),
    notes: r.string(o['notes'], 'batch.notes', 10_000, { allowEmpty: true, multiline: true }),
    customerId: r.string(o['customerId'], 'batch.customerId', 50),
    created: stamp(r, o['created'], 'batch.created'),
    edited: stamp(r, o['edited'], 'batch.edited'),
    sources: r.array(o['sources'], 'batch.sources', 1000).map((s, i) => source(r, s, `batch.sources[${i}]`)),
    devices: r.array(o['devices'], 'batch.devices', MAX_BATCH_DEVICES).map((d, i) => device(r, d, `batch.devices[${i}]`).device),
    excluded: r.array(o['excluded'], 'batch.excluded', MAX_BATCH_DEVICES).map((x, i): ExcludedDevice => {
      const path = `batch.excluded[${i}]`;
      const { device: d, record } = device(r, x, path, ['reason', 'excludedAt', 'by']);
      return {
        ...d,
        reason: r.string(record?.['reason'], `${path}.reason`, 200),
        excludedAt: r.time(record?.['excludedAt'], `${path}.excludedAt`),
        by: r.oneOf(record?.['by'], `${path}.by`, ['abnormalDeviceList', 'admin'] as const),
      };
    }),
    groups: r.array(o['groups'], 'batch.groups', 10_000).map((g, i) => group(r, g, `batch.groups[${i}]`)),
    pilot: pilot(r, o['pilot'], 'batch.pilot'),
    abnormalCheck: abnormalCheck(r, o['abnormalCheck'], 'batch.abnormalCheck'),
    takenBack: r.array(o['takenBack'], 'batch.takenBack', MAX_BATCH_DEVICES).map((s, i) => r.string(s, `batch.takenBack[${i}]`, 100)),
    handoff: handoff(r, o['handoff'], 'batch.handoff'),
  };
  if (typeof o['name'] === 'string' && o['name'].length > 0 && o['name'].trim() === '') r.fail('batch.name', 'must not be blank');
  if (r.problems.length === 0) invariants(r, batch);
  return r.problems.length === 0 ? { ok: true, batch } : { ok: false, errors: r.problems, newerSchema: null };
}
