// What the batch screens send to main, as schemas: building a batch from imported devices and editing
// its groups and details. The types are inferred from the schemas, so a shape is written once.
import * as v from 'valibot';
import type { ElementName } from '../efota/elements.ts';
import { checkElement } from '../efota/rules.ts';
import { normaliseModel, normaliseSalesCode, normaliseSerial } from '../efota/normalise.ts';
import { BATCH_ID_PATTERN, MAX_BATCH_DEVICES, MAX_BATCH_NAME } from '../batch/parse.ts';
import { choice, list, obj, text, whole, type Checked } from './schema.ts';

/** The first error Samsung's rule for `name` finds in `value`, or null. */
function elementError(name: ElementName, value: string): string | null {
  return checkElement(name, value).find((f) => f.severity === 'error')?.message ?? null;
}

/** An E-FOTA element value, refused when Samsung would refuse it (same rule and message as the client). */
export function element(name: ElementName) {
  return v.pipe(
    text({ min: 1, max: 1_000 }),
    v.check((value) => elementError(name, value) === null, (issue) => elementError(name, String(issue.input)) ?? ''),
  );
}

/** A batch id (also a file name in the data folder, hence the pattern). */
export const batchId = v.pipe(text({ min: 1, max: 64 }), v.regex(BATCH_ID_PATTERN, '{field} is not a batch id (letters, digits and hyphens).'));

/** A serial as the admin or a list names it (normalised by the service). */
export const serial = text({ max: 200 });

/** A file name as the window got it. */
export const fileName = text({ min: 1, max: 1024 });

/** A batch name: never blank. */
const batchName = v.pipe(text({ min: 1, max: MAX_BATCH_NAME }), v.check((name) => name.trim() !== '', '{field} must not be blank.'));

/** The network a forceUpdate asks for: Wi-Fi only, or any (mobile data too). */
export const network = choice(['WIFIONLY', 'ANY']);
/** The network a forceUpdate asks for. */
export type NetworkType = v.InferOutput<typeof network>;

/** One device as the import Worker validated it, sent to main to build a batch: normalised again and checked with Samsung's element rules. */
const deviceInput = v.pipe(
  obj({
    serial: text({ min: 1, max: 100 }),
    model: text({ min: 1, max: 100 }),
    salesCode: text({ min: 1, max: 100 }),
    imei: v.nullable(text({ max: 100 })),
    /** the row in the spreadsheet, for messages */
    row: v.nullable(whole(0, 10_000_000)),
  }),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const d = dataset.value;
    const checked = { serial: normaliseSerial(d.serial), model: normaliseModel(d.model), salesCode: normaliseSalesCode(d.salesCode) };
    for (const [key, name] of [['serial', 'serialNumber'], ['model', 'deviceModelName'], ['salesCode', 'salesCode']] as const) {
      const error = elementError(name, checked[key]);
      if (error !== null) {
        addIssue({ message: `{path}.${key}${d.row !== null ? ` (row ${d.row})` : ''}: ${error}` });
        return NEVER;
      }
    }
    return { ...checked, imei: d.imei === null || d.imei.trim() === '' ? null : d.imei.trim(), row: d.row };
  }),
);
/** One device as the import Worker validated it (main checks it again). */
export type DeviceInput = Checked<typeof deviceInput>;

/** One imported file's valid devices, with its name and the SHA-256 of its bytes (lower-case hex, computed in the Worker). */
const sourceInput = obj({
  fileName,
  sha256: v.pipe(text({ min: 64, max: 64 }), v.regex(/^[0-9a-f]{64}$/, '{field} must be a SHA-256 in lower-case hex.')),
  devices: list(deviceInput, MAX_BATCH_DEVICES),
});
/** One imported file's valid devices. */
export type SourceInput = Checked<typeof sourceInput>;

/** A new batch from an import; `target` is every group's first target (`Latest` by default). */
export const batchCreateRequest = v.pipe(
  obj({ name: batchName, notes: text({ max: 10_000, singleLine: false }), sources: list(sourceInput, 100), target: element('targetFirmwareVersion'), network }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const total = dataset.value.sources.reduce((n, s) => n + s.devices.length, 0);
    if (total === 0) addIssue({ message: 'The import has no valid device to put in a batch.' });
    else if (total > MAX_BATCH_DEVICES) addIssue({ message: `"sources" hold ${total} devices; a batch takes at most ${MAX_BATCH_DEVICES}.` });
  }),
);
/** A new batch from an import. */
export type BatchCreateRequest = Checked<typeof batchCreateRequest>;

/** A scheduled (v1 serverInit) push of a whole registered group inside a window, all GMT. */
const scheduleSetting = obj({
  groupId: element('groupId'),
  window: obj({ startDate: element('deliveryStartDate'), endDate: element('deliveryEndDate'), startHour: element('dailyStartHour'), endHour: element('dailyEndHour') }),
});
/** A scheduled push of a whole registered group. */
export type ScheduleSetting = Checked<typeof scheduleSetting>;

/** What the admin sets for one (model, sales code) group. */
export const groupSetting = obj({
  /** `MODEL/CSC` */
  key: text({ min: 3, max: 210 }),
  /** `Latest`, a firmware from the list, or typed */
  target: element('targetFirmwareVersion'),
  network,
  /** null: immediate (these serials, forceUpdate) */
  schedule: v.nullable(scheduleSetting),
});
/** What the admin sets for one (model, sales code) group. */
export type GroupSetting = Checked<typeof groupSetting>;

const firstCallPerGroup = obj({ kind: choice(['firstCallPerGroup']) });
const firstDevices = obj({ kind: choice(['devices']), count: whole(1, MAX_BATCH_DEVICES) });
/** The pilot of a batch: the first call of every group, or its first devices (anything else is read as the latter, to name what is wrong in it). */
const pilot = v.nullable(v.lazy((input) => ((input as { kind?: unknown } | undefined)?.kind === 'firstCallPerGroup' ? firstCallPerGroup : firstDevices)));

/** Name, notes and pilot of a batch. */
export const batchDetailsChange = obj({ name: batchName, notes: text({ max: 10_000, singleLine: false }), pilot });
/** Name, notes and pilot of a batch. */
export type BatchDetailsChange = Checked<typeof batchDetailsChange>;
