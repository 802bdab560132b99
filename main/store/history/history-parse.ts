// Reading a per-batch history file through its schema (history-schema.ts); a file a newer FOTA Desk
// wrote is told apart, so the store leaves it alone for that version.
import { checkJson } from '../../../common/schema/check-json.ts';
import { HISTORY_SCHEMA_VERSION, type BatchHistory } from './history-model.ts';
import { batchHistorySchema } from './history-schema.ts';

/** The result of reading a file: the value, or the problems (and whether a newer version wrote it). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: readonly string[]; newerSchema: number | null };

function newer(value: unknown): number | null {
  const v = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  return typeof v === 'number' && Number.isInteger(v) && v > HISTORY_SCHEMA_VERSION ? v : null;
}

/** Checks a per-batch history file's content. */
export function parseBatchHistory(value: unknown): ParseResult<BatchHistory> {
  const later = newer(value);
  if (later !== null) return { ok: false, problems: [`written by a newer FOTA Desk (history format ${later}); this version reads format ${HISTORY_SCHEMA_VERSION}`], newerSchema: later };
  const checked = checkJson(batchHistorySchema, value, { root: 'history' });
  return checked.ok ? { ok: true, value: checked.value } : { ok: false, problems: checked.problems, newerSchema: null };
}
