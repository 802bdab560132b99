// The schema of import-mappings.json: the column mappings the admin chose, remembered per header row.
import * as v from 'valibot';
import type { SavedMapping } from '../../common/contract.ts';
import { dateText, keyed, list, objectIgnoringOthers, orNull, rawText, wholeNumber } from '../../common/schema/json-fields.ts';

const mapping: v.GenericSchema<unknown, SavedMapping> = objectIgnoringOthers({
  headerKey: rawText(Number.MAX_SAFE_INTEGER),
  /** column index per role, or null when the role has no column */
  columns: keyed(orNull(wholeNumber(0, Number.MAX_SAFE_INTEGER))),
  savedAt: dateText(),
});

/** import-mappings.json (files written before the version field are read as version 1). */
export const mappingsFileSchema = v.pipe(
  objectIgnoringOthers({ mappings: list(mapping, 100_000) }),
  v.transform((file) => ({ version: 1 as const, mappings: file.mappings as readonly SavedMapping[] })),
);

/** import-mappings.json, as read. */
export type MappingsFile = v.InferOutput<typeof mappingsFileSchema>;
