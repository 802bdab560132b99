// The schema of a per-batch history file (`history/<batchId>.json`). It is read back by the window
// and the CLI, possibly by another FOTA Desk version or after a hand edit: every field is checked,
// and a file that fails is moved aside by the store, never half-trusted.
import * as v from 'valibot';
import { BATCH_ID_PATTERN, deliveryWindowSchema } from '../../../common/batch/batch-schema.ts';
import { at, exactly, flag, isoTime, list, object, oneOf, orNull, pattern, rawText, text, wholeNumber } from '../../../common/schema/json-fields.ts';
import { HISTORY_SCHEMA_VERSION, type BatchHistory, type TrackedUpdate } from './history-model.ts';

/** Most updates (and scheduled or untracked calls) one history file holds. */
export const MAX_UPDATES = 20_000;
const MAX_SERIALS = 100;
const MAX_RAW = 4 * 1024 * 1024;
const MAX_TEXT = 4000;
const ID = 200;
const COUNT = Number.MAX_SAFE_INTEGER;

/** A batch id, as history files name batches. */
export const historyBatchId = pattern(BATCH_ID_PATTERN, 'a batch id');

const note = orNull(text(MAX_TEXT, { allowEmpty: true, multiline: true }));
const serials = (max: number) => list(text(100), max);
const count = orNull(wholeNumber(0, COUNT));

const device = object({ serial: text(100), state: oneOf(['sent', 'processing', 'downloaded', 'failed', 'unknown']), reason: note, since: isoTime() });

const summary = object({ at: isoTime(), target: orNull(text(200, { allowEmpty: true })), processing: count, downloaded: count, failed: count });

const detail = object({ at: isoTime(), understood: flag(), note: text(MAX_TEXT, { allowEmpty: true, multiline: true }), raw: rawText(MAX_RAW) });

const attempt = object({ at: isoTime(), ok: flag(), code: orNull(text(60)), message: note });

const update = v.pipe(
  object({
    forceUpdateId: text(ID),
    sendId: orNull(text(ID)),
    callId: text(ID),
    groupKey: text(ID),
    model: text(100),
    salesCode: text(100),
    target: text(200),
    network: orNull(oneOf(['ANY', 'WIFIONLY'])),
    serials: serials(MAX_SERIALS),
    sentAt: isoTime(),
    expiresAt: isoTime(),
    status: oneOf(['open', 'final', 'expired']),
    closedReason: note,
    asOf: orNull(isoTime()),
    lastAttempt: orNull(attempt),
    refreshes: wholeNumber(0, COUNT),
    summary: orNull(summary),
    detail: orNull(detail),
    devices: list(device, MAX_SERIALS),
  }),
  v.forward(
    v.check((u) => u.devices.length === u.serials.length && u.devices.every((d, i) => d.serial === u.serials[i]), 'does not match the serials sent'),
    ['devices'],
  ),
);

// The call a scheduled or untracked entry stands for.
const callFields = { sendId: text(ID), callId: text(ID), groupKey: text(ID), model: text(100), salesCode: text(100), target: text(200) };

const scheduled = object({
  ...callFields,
  groupId: text(100),
  window: deliveryWindowSchema('yyyymmdd', 'HH'),
  sentAt: isoTime(),
  serials: serials(300_000),
});

const untracked = object({
  ...callFields,
  serials: serials(MAX_SERIALS),
  state: oneOf(['rejected', 'unknown', 'cancelled', 'pending', 'accepted-without-id']),
  code: orNull(text(60)),
  message: note,
  at: isoTime(),
});

function uniqueIds(updates: readonly TrackedUpdate[], fail: (message: string, index: number) => void): void {
  const ids = new Set<string>();
  updates.forEach((u, i) => {
    if (ids.has(u.forceUpdateId)) fail(`forceUpdateId ${u.forceUpdateId} appears twice`, i);
    ids.add(u.forceUpdateId);
  });
}

/** A per-batch history file of the current format (parseBatchHistory reports a newer one first). */
export const batchHistorySchema: v.GenericSchema<unknown, BatchHistory> = v.pipe(
  object({
    schemaVersion: exactly(HISTORY_SCHEMA_VERSION),
    batchId: historyBatchId,
    batchName: text(200),
    customerId: text(100),
    profile: text(200, { allowEmpty: true }),
    practice: flag(),
    revision: wholeNumber(0, COUNT),
    updates: list(update, MAX_UPDATES),
    scheduled: list(scheduled, MAX_UPDATES),
    untracked: list(untracked, MAX_UPDATES),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed) uniqueIds(dataset.value.updates, (message, i) => addIssue({ message, path: at(dataset.value, 'updates', i, 'forceUpdateId') }));
  }),
);
