// The schema of a `.fotabatch` hand-off file's content (everything but its sha256). The importer
// (handoff.ts) first tells a foreign, newer or damaged file apart, each with its own message; this
// schema then checks the content whose checksum was right.
import * as v from 'valibot';
import { exactly, object, text } from '../schema/json-fields.ts';
import { batchSchema, stampSchema } from './batch-schema.ts';
import type { Plan } from './plan.ts';

/** The format tag every hand-off file starts with. */
export const HANDOFF_FORMAT = 'fota-desk.fotabatch';
/** The hand-off schema this version writes and reads (newer files are refused). */
export const HANDOFF_SCHEMA_VERSION = 1;

/** What tells a hand-off file from other JSON. */
export const handoffHeadSchema = v.looseObject({ format: v.literal(HANDOFF_FORMAT) });

/** A hand-off file's content without its checksum. */
export const unsignedHandoffSchema = object({
  /** present (and written first) when the batch is practice data, so nobody mistakes it for a real tenant's */
  practice: v.exactOptional(text(500)),
  format: exactly(HANDOFF_FORMAT),
  schemaVersion: exactly(HANDOFF_SCHEMA_VERSION),
  notice: text(2000),
  /** who exported the batch, where (OS user, host) and when */
  prepared: stampSchema,
  /** the tenant by its customerId; never credentials */
  tenant: object({ customerId: text(50) }),
  batch: batchSchema,
  /** the plan as the preparer saw it: compared with planBatch(batch) by the importer, so any value passes here */
  plan: v.custom<Plan>((value) => value !== undefined),
});

/** A hand-off file's content without its checksum. */
export type UnsignedHandoff = Readonly<v.InferOutput<typeof unsignedHandoffSchema>>;
