// The toolkit the contract's channels are written in: valibot schemas whose messages say which field
// was wrong and what was expected. A payload is untrusted input, so an object with a key nobody asked
// for is refused rather than passed on (a typo in the renderer must not be silently ignored).
//
// Messages are templates, filled in by main/ipc/validate.ts once the whole path is known:
// `{field}` becomes `"sources[0].fileName"` (or "The request" for the payload itself), `{path}` the
// bare path. A message without either is a complete sentence (Samsung's element rules write their own).
import * as v from 'valibot';

/** What a value is, in words, for "must be X, not Y". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Options for `text`. */
export interface TextOptions {
  /** the shortest accepted length in characters (default 0) */
  readonly min?: number;
  /** the longest accepted length in characters */
  readonly max: number;
  /** refuse line breaks and tabs (default true) */
  readonly singleLine?: boolean;
  /** a whole file's content, checked by its own reader (which names a binary or UTF-16 file): any character passes */
  readonly fileContent?: boolean;
}

// Control characters other than tab, newline and carriage return never belong in a payload value.
const CONTROL = /\p{Cc}/u;
const ALLOWED_CONTROL = /[\t\n\r]/g;
const LINE_BREAK = /[\n\r\t\u2028\u2029]/;

/** A string of bounded length, without control characters (and, unless allowed, on one line). */
export function text(options: TextOptions) {
  const min = options.min ?? 0;
  const singleLine = options.singleLine ?? true;
  const raw = options.fileContent === true;
  return v.pipe(
    v.string((issue) => `{field} must be text, not ${describeValue(issue.input)}.`),
    v.minLength(min, min === 1 ? '{field} must not be empty.' : `{field} must be at least ${min} characters long.`),
    v.maxLength(options.max, (issue) => `{field} must be at most ${options.max} characters long (it has ${String(issue.received)}).`),
    v.check((s) => raw || !CONTROL.test(s.replace(ALLOWED_CONTROL, '')), '{field} contains an invisible control character; retype it instead of pasting it.'),
    v.check((s) => raw || !singleLine || !LINE_BREAK.test(s), '{field} must be a single line without tabs.'),
  );
}

/** A boolean. */
export const flag = v.boolean((issue) => `{field} must be true or false, not ${describeValue(issue.input)}.`);

/** An integer within [min, max]. */
export function whole(min: number, max: number) {
  const notWhole = (issue: v.BaseIssue<unknown>): string => `{field} must be a whole number, not ${describeValue(issue.input)}.`;
  const range = (issue: v.BaseIssue<unknown>): string => `{field} must be between ${min} and ${max} (it is ${String(issue.input)}).`;
  return v.pipe(v.number(notWhole), v.integer(notWhole), v.minValue(min, range), v.maxValue(max, range));
}

/** One of a fixed set of strings. */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return v.picklist(values, `{field} must be one of ${values.map((value) => JSON.stringify(value)).join(', ')}.`);
}

/** A list of at most `max` items, each passing `item` (the length is checked before the items). */
export function list<const S extends v.GenericSchema>(item: S, max: number) {
  return v.pipe(
    v.custom<unknown[]>((value) => Array.isArray(value), (issue) => `{field} must be a list, not ${describeValue(issue.input)}.`),
    v.maxLength(max, (issue) => `{field} may hold at most ${max} items (it has ${String(issue.received)}).`),
    v.array(item),
  );
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object, refused when it is not one; `{field}` in `message` names where. */
export function anObject(message: string | ((issue: v.BaseIssue<unknown>) => string) = (issue) => `{field} must be an object, not ${describeValue(issue.input)}.`) {
  return v.custom<Record<string, unknown>>(isPlainObject, message);
}

/**
 * An object with exactly these keys: a key nobody asked for is refused first, then each key in
 * order (use `v.nullable` for an empty value, `v.exactOptional` for a key that may be left out).
 */
export function obj<const E extends v.ObjectEntries>(entries: E) {
  const expected = Object.keys(entries).join(', ');
  return v.pipe(
    anObject(),
    v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const input = dataset.value;
      const extra = Object.keys(input).find((key) => !Object.hasOwn(entries, key));
      if (extra === undefined) return;
      addIssue({
        message: `{field} is not a field this request takes (expected ${expected}).`,
        path: [{ type: 'object', origin: 'key', input, key: extra, value: input[extra] }],
      });
    }),
    v.strictObject(entries, '{field} is missing.'),
  );
}

/** No payload: accepts `undefined` or `null` (JSON transports carry `null`). */
export const none = v.pipe(
  v.custom<undefined>((value) => value === undefined || value === null, '{field} takes no payload.'),
  v.transform((): undefined => undefined),
);

/** The phantom of a response type: channels name what they answer without a runtime schema. */
export interface Reply<T> {
  readonly __reply?: T;
}

/** Names the type a channel answers (or an event carries). */
export function reply<T>(): Reply<T> {
  return {};
}

/** One request → response channel: the schema main checks the payload with, and the answer's type. */
export interface Channel<S extends v.GenericSchema = v.GenericSchema, R = unknown> {
  readonly request: S;
  readonly response: Reply<R>;
}

/** A channel from its request schema and its answer's type. */
export function channel<const S extends v.GenericSchema, R>(request: S, response: Reply<R>): Channel<S, R> {
  return { request, response };
}

/** A value as the other side may hand it in: every array and field readonly, all the way down. */
export type Frozen<T> = T extends readonly (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;

/** What a request schema hands the service after its checks (normalised, readonly). */
export type Checked<S extends v.GenericSchema> = Frozen<v.InferOutput<S>>;
