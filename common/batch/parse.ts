// Reading a Batch that came from outside this process (a batch file, a .fotabatch hand-off file, an
// IPC payload) through its schema (batch-schema.ts); a batch a newer FOTA Desk wrote is told apart,
// so a store can leave its file alone for that version.
import { checkJson } from '../schema/check-json.ts';
import { batchSchema } from './batch-schema.ts';
import { BATCH_SCHEMA_VERSION, type Batch } from './model.ts';

export { BATCH_ID_PATTERN, BATCH_ID_SOURCE, MAX_BATCH_DEVICES, MAX_BATCH_NAME } from './batch-schema.ts';

/** The outcome of parseBatch: the batch, or every problem found (and whether a newer app wrote it). */
export type ParseBatchResult =
  | { readonly ok: true; readonly batch: Batch }
  | { readonly ok: false; readonly errors: readonly string[]; readonly newerSchema: number | null };

/** Checks that an unknown value is a well-formed Batch; the errors name each bad field by its path. */
export function parseBatch(value: unknown): ParseBatchResult {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > BATCH_SCHEMA_VERSION) {
    return {
      ok: false,
      newerSchema: version,
      errors: [`batch.schemaVersion: the batch was written by a newer FOTA Desk (schema ${version}; this version reads up to ${BATCH_SCHEMA_VERSION}). Update FOTA Desk to open it.`],
    };
  }
  const checked = checkJson(batchSchema, value, { root: 'batch' });
  return checked.ok ? { ok: true, batch: checked.value } : { ok: false, errors: checked.problems, newerSchema: null };
}
