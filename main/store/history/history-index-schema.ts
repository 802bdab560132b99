// The schema of the history index (`history/index.json`): a summary of every history file and the
// batches each serial was pushed in. It can always be rebuilt from the history files, so a file that
// fails is moved aside and rebuilt.
import type * as v from 'valibot';
import { exactly, finiteNumber, flag, isoTime, keyed, list, object, orNull, text, wholeNumber } from '../../../common/schema/json-fields.ts';
import { HISTORY_SCHEMA_VERSION, type HistoryIndex } from './history-model.ts';
import { historyBatchId, MAX_UPDATES } from './history-schema.ts';

const COUNT = Number.MAX_SAFE_INTEGER;

const entry = object({
  batchId: historyBatchId,
  batchName: text(200),
  customerId: text(100),
  practice: flag(),
  revision: wholeNumber(0, COUNT),
  fileBytes: wholeNumber(0, COUNT),
  fileMtimeMs: finiteNumber(),
  updates: wholeNumber(0, MAX_UPDATES),
  open: wholeNumber(0, MAX_UPDATES),
  scheduled: wholeNumber(0, MAX_UPDATES),
  devices: wholeNumber(0, COUNT),
  firstSentAt: orNull(isoTime()),
  lastSentAt: orNull(isoTime()),
});

/** The history index; `serials` comes back without a prototype, so a serial such as `__proto__` stays a plain key. */
export const historyIndexSchema: v.GenericSchema<unknown, HistoryIndex> = object({
  schemaVersion: exactly(HISTORY_SCHEMA_VERSION),
  batches: list(entry, 1_000_000),
  serials: keyed(list(historyBatchId, 1_000_000)),
});
