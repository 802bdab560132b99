// Runs a channel's schema (common/contract) on a payload from the renderer. A payload is untrusted
// input: the first problem found becomes an InvalidInputError whose message names the field and
// says what was expected (the schemas write their messages as templates; see common/contract/schema.ts).
import * as v from 'valibot';
import { KindedError } from '../services/error-kinds.ts';

/** A payload (or a value in it) that does not have the expected shape. */
export class InvalidInputError extends KindedError {
  override readonly name = 'InvalidInputError';
  readonly kind = 'invalid-input';
  constructor(
    /** where in the payload, e.g. `profile.baseUrl` */
    readonly path: string,
    readonly problem: string,
    /** a complete sentence to show instead of the generated one */
    message?: string,
  ) {
    super(message ?? `${path === '' ? 'The request' : `"${path}"`} ${problem}.`);
  }
}

/** Where an issue is, as `sources[0].devices[1].serial` ('' for the payload itself). */
function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path = typeof key === 'number' ? `${path}[${key}]` : path === '' ? String(key) : `${path}.${String(key)}`;
  }
  return path;
}

/** Checks `payload` with `schema` and returns what the schema makes of it, or throws InvalidInputError. */
export function parsePayload<S extends v.GenericSchema>(schema: S, payload: unknown): v.InferOutput<S> {
  // The first problem is enough to act on, and a list of 10,000 bad serials is not checked to the end.
  const result = v.safeParse(schema, payload, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issuePath(issue);
  const message = issue.message.replaceAll('{field}', path === '' ? 'The request' : `"${path}"`).replaceAll('{path}', path);
  throw new InvalidInputError(path, message, message);
}
