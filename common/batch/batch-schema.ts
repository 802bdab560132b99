// The schema of a batch file (`<dataDir>/batches/<id>.json`, and the batch inside a .fotabatch
// hand-off file): structure and the invariants the planner relies on. The E-FOTA rules (charsets,
// lengths, windows) are applied by checkBatch, because their findings are shown, not refused. The
// entries are in the order the fields are written, so a batch read and stored again keeps its layout.
import * as v from 'valibot';
import { at, exactly, fields, isoTime, kinds, list, object, oneOf, orNull, pattern, text, wholeNumber } from '../schema/json-fields.ts';
import { groupKey, BATCH_SCHEMA_VERSION, type Batch, type BatchDevice } from './model.ts';

/** Most devices a batch may hold (the importer's row limit). */
export const MAX_BATCH_DEVICES = 250_000;
/** A batch id inside a larger pattern (the batch, history and journal file names): letters, digits and hyphens, at most 64. */
export const BATCH_ID_SOURCE = '[A-Za-z0-9][A-Za-z0-9-]{0,63}';
/** A batch id: also the batch's file name, so nothing that could leave the batches folder. */
export const BATCH_ID_PATTERN = new RegExp(`^${BATCH_ID_SOURCE}$`);
/** Longest batch name. */
export const MAX_BATCH_NAME = 100;

const SHA256 = pattern(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

/** Who did something: the OS user and host. */
export const actorSchema = object({ user: text(256), host: text(256) });

/** When and by whom. */
export const stampSchema = object({ at: isoTime(), by: actorSchema });

/** A delivery window of a v1 schedule (`what` words the dates and hours in messages). */
export function deliveryWindowSchema(date = 'a date as yyyymmdd', hour = 'an hour as HH') {
  return object({ startDate: pattern(/^\d{8}$/, date), endDate: pattern(/^\d{8}$/, date), startHour: pattern(/^\d{2}$/, hour), endHour: pattern(/^\d{2}$/, hour) });
}

const deviceFields = {
  serial: text(100),
  model: text(100),
  salesCode: text(100),
  imei: v.exactOptional(text(100)),
  source: v.exactOptional(object({ fileName: text(1024), row: wholeNumber(0, 10_000_000) })),
};

const source = object({ fileName: text(1024), sha256: SHA256, importedAt: isoTime(), devices: wholeNumber(0, MAX_BATCH_DEVICES) });

const excluded = object({ ...deviceFields, reason: text(200), excludedAt: isoTime(), by: oneOf(['abnormalDeviceList', 'admin']) });

const mode = kinds('kind', [
  fields({ kind: exactly('immediate'), network: oneOf(['WIFIONLY', 'ANY']) }),
  fields({ kind: exactly('scheduled'), groupId: text(100), window: deliveryWindowSchema() }),
]);

const group = object({
  model: text(100),
  salesCode: text(100),
  target: text(200),
  targetSource: oneOf(['latest', 'firmwareList', 'typed']),
  mode,
  pinnedTarget: v.exactOptional(text(200)),
});

const pilot = orNull(kinds('kind', [fields({ kind: exactly('devices'), count: wholeNumber(1, MAX_BATCH_DEVICES) }), fields({ kind: exactly('firstCallPerGroup') })]));

const abnormalCheck = orNull(
  object({ at: isoTime(), checked: wholeNumber(0, MAX_BATCH_DEVICES), reported: list(object({ serial: text(100), category: text(200) }), MAX_BATCH_DEVICES) }),
);

const handoff = orNull(object({ fileName: text(1024), sha256: SHA256, prepared: stampSchema, imported: stampSchema }));

/** Cross-field rules the planner relies on: one group per key, every device in a group, serials unique. */
function invariants(b: Batch, fail: (message: string, ...keys: (string | number)[]) => void): void {
  const keys = new Set<string>();
  b.groups.forEach((g, i) => {
    const key = groupKey(g.model, g.salesCode);
    if (keys.has(key)) fail(`a second group for ${key}; each model and sales code has one group`, 'groups', i);
    keys.add(key);
  });
  const bySerial = new Map<string, BatchDevice>();
  b.devices.forEach((d, i) => {
    const key = groupKey(d.model, d.salesCode);
    if (!keys.has(key)) fail(`device ${d.serial} is ${key}, which has no group`, 'devices', i);
    if (bySerial.has(d.serial)) fail(`serial ${d.serial} is listed twice`, 'devices', i);
    bySerial.set(d.serial, d);
  });
  const excludedSerials = new Set<string>();
  b.excluded.forEach((x, i) => {
    const d = bySerial.get(x.serial);
    if (!d || d.model !== x.model || d.salesCode !== x.salesCode) fail(`serial ${x.serial} is not a device of this batch with that model and sales code`, 'excluded', i);
    if (excludedSerials.has(x.serial)) fail(`serial ${x.serial} is excluded twice`, 'excluded', i);
    excludedSerials.add(x.serial);
  });
  b.takenBack.forEach((s, i) => {
    if (!bySerial.has(s)) fail(`serial ${s} is not a device of this batch`, 'takenBack', i);
    if (excludedSerials.has(s)) fail(`serial ${s} is both excluded and taken back`, 'takenBack', i);
  });
}

/** A batch as stored (schemaVersion is the current one; parseBatch reports a newer one first). */
export const batchSchema: v.GenericSchema<unknown, Batch> = v.pipe(
  object({
    schemaVersion: v.literal(BATCH_SCHEMA_VERSION, (issue) => `expected ${BATCH_SCHEMA_VERSION}, found ${JSON.stringify(issue.input)}`),
    id: pattern(BATCH_ID_PATTERN, 'an id of letters, digits and hyphens (at most 64)'),
    name: v.pipe(text(MAX_BATCH_NAME), v.check((name) => name.length === 0 || name.trim() !== '', 'must not be blank')),
    notes: text(10_000, { allowEmpty: true, multiline: true }),
    customerId: text(50),
    created: stampSchema,
    edited: stampSchema,
    sources: list(source, 1000),
    devices: list(object(deviceFields), MAX_BATCH_DEVICES),
    excluded: list(excluded, MAX_BATCH_DEVICES),
    groups: list(group, 10_000),
    pilot,
    abnormalCheck,
    takenBack: list(text(100), MAX_BATCH_DEVICES),
    handoff,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed) invariants(dataset.value, (message, ...keys) => addIssue({ message, path: at(dataset.value, ...keys) }));
  }),
);
