// The building blocks of every schema for JSON we read back (settings, batches, journals, history,
// hand-off files…), on valibot. Each block words its problems the way an admin reads them ("expected
// text, found number 42"); check-json.ts puts the path in front, so one message says what and where.
import * as v from 'valibot';

// What a schema expects, in words, for "expected …, found nothing" when an object lacks the field
// (valibot reports a missing field on the object, which does not know what the field should hold).
const whatOf = new WeakMap<object, string>();

function named<S extends v.GenericSchema>(schema: S, what: string): S {
  whatOf.set(schema, what);
  return schema;
}

// What a schema expects: its own name, or that of the block a pipe starts with.
function whatIs(schema: unknown): string | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const own = whatOf.get(schema);
  if (own !== undefined) return own;
  const piped = (schema as { pipe?: readonly unknown[] }).pipe;
  return piped ? whatIs(piped[0]) : null;
}

/** A short description of a value for a message (never the whole value). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `text "${value.slice(0, 40)}…"` : `text ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing';
  return `${typeof value} ${String(value)}`;
}

const expected = (what: string) => (issue: v.BaseIssue<unknown>): string => `expected ${what}, found ${describe(issue.input)}`;

/** Options of `text`. */
export interface TextOptions {
  readonly allowEmpty?: boolean;
  /** line breaks and tabs are allowed (notes, messages) */
  readonly multiline?: boolean;
}

/** Text of 1..max characters (0..max when `allowEmpty`) without control characters. */
export function text(max: number, options: TextOptions = {}) {
  // Control characters only (Cc); format characters such as a right-to-left mark occur in real file names.
  const control = options.multiline === true ? /[^\P{Cc}\n\r\t]/u : /\p{Cc}/u;
  return named(
    v.pipe(
      v.string(expected('text')),
      // One check for the three rules: a batch holds up to 750,000 such fields, and each action costs a pass.
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const s = dataset.value;
        if (options.allowEmpty !== true && s.length === 0) addIssue({ message: 'must not be empty' });
        if (s.length > max) addIssue({ message: `is ${s.length} characters long; at most ${max} are allowed` });
        if (control.test(s)) addIssue({ message: 'contains control characters' });
      }),
    ),
    'text',
  );
}

/** Any text of at most `max` characters, control characters included (raw XML as the server sent it); `filled` refuses ''. */
export function rawText(max: number, options: { readonly filled?: boolean } = {}) {
  return named(
    v.pipe(
      v.string(expected('text')),
      v.check((s) => options.filled !== true || s.length > 0, 'must not be empty'),
      v.check((s) => s.length <= max, `is longer than ${max} characters`),
    ),
    'text',
  );
}

/** Text matching `pattern`; `what` says in words what was expected. */
export function pattern(re: RegExp, what: string) {
  return named(v.pipe(v.string(expected(what)), v.regex(re, (issue) => `expected ${what}, found ${JSON.stringify(String(issue.input).slice(0, 60))}`)), what);
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** An ISO 8601 time in UTC, as Date#toISOString writes it. */
export function isoTime() {
  return named(
    v.pipe(pattern(ISO_UTC, 'an ISO 8601 UTC time'), v.check((s) => !ISO_UTC.test(s) || !Number.isNaN(Date.parse(s)), (issue) => `is not a real date: ${String(issue.input)}`)),
    'an ISO 8601 UTC time',
  );
}

/** Any text a Date can read (older files wrote times without the strict UTC form). */
export function dateText() {
  return named(v.pipe(v.string(expected('a time')), v.check((s) => Number.isFinite(Date.parse(s)), (issue) => `expected a time, found ${describe(issue.input)}`)), 'a time');
}

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max: number) {
  return named(
    v.pipe(
      v.number(expected('a whole number')),
      v.integer(expected('a whole number')),
      v.check((n) => n >= min && n <= max, (issue) => `must be between ${min} and ${max}, found ${String(issue.input)}`),
    ),
    'a whole number',
  );
}

/** A finite number. */
export function finiteNumber() {
  return named(v.pipe(v.number(expected('a number')), v.finite(expected('a number'))), 'a number');
}

/** true or false. */
export function flag() {
  return named(v.boolean('expected true or false'), 'true or false');
}

/** One of the given literal texts. */
export function oneOf<const T extends readonly [string, ...string[]]>(options: T) {
  const words = options.map((o) => JSON.stringify(o)).join(', ');
  return named(v.picklist(options, (issue) => `expected one of ${words}, found ${describe(issue.input)}`), `one of ${words}`);
}

/** The value, or null. */
export function orNull<S extends v.GenericSchema>(schema: S) {
  return named(v.nullable(schema), `${whatIs(schema) ?? 'a value'} or null`);
}

/** A list of at most `max` items. */
export function list<S extends v.GenericSchema>(item: S, max: number) {
  return named(
    v.pipe(
      v.array(item, expected('a list')),
      v.check((a) => a.length <= max, (issue) => `has ${(issue.input as unknown[]).length} entries; at most ${max} are allowed`),
    ),
    'a list',
  );
}

/** True for a plain object (not null, not a list). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldMessage(entries: v.ObjectEntries) {
  return (issue: v.BaseIssue<unknown>): string => {
    // A key the schema does not name: a bug, a hand edit or a newer format.
    if (issue.expected === 'never') return 'unexpected field';
    const key = issue.path?.[0]?.key;
    if (issue.input === undefined && typeof key === 'string') {
      return `expected ${whatIs(entries[key]) ?? 'a value'}, found nothing`;
    }
    return expected('an object')(issue);
  };
}

/**
 * An object with exactly these fields (a stray key is a problem). Used bare as a `variant` option;
 * elsewhere use `object`, which also refuses a list.
 */
export function fields<const E extends v.ObjectEntries>(entries: E) {
  return named(v.strictObject(entries, fieldMessage(entries)), 'an object');
}

const plain = v.custom<Record<string, unknown>>(isPlainObject, expected('an object'));

/** A plain object with exactly these fields. */
export function object<const E extends v.ObjectEntries>(entries: E) {
  return named(v.pipe(plain, fields(entries)), 'an object');
}

/** A plain object with at least these fields; other fields are kept as they are (a newer version's additions survive a rewrite). */
export function openObject<const E extends v.ObjectEntries>(entries: E) {
  return named(v.pipe(plain, v.looseObject(entries, fieldMessage(entries))), 'an object');
}

/** A plain object with at least these fields; other fields are dropped from the result. */
export function objectIgnoringOthers<const E extends v.ObjectEntries>(entries: E) {
  return named(v.pipe(plain, v.object(entries, fieldMessage(entries))), 'an object');
}

/** A plain object whose values all match `value` (any keys); the result has no prototype, so a key such as `__proto__` stays a plain key. */
export function keyed<S extends v.GenericSchema>(value: S) {
  return named(
    v.pipe(
      plain,
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        // valibot's own record() skips keys such as __proto__; a serial may be spelt so, so each value is checked here.
        const out = Object.create(null) as Record<string, v.InferOutput<S>>;
        let failed = false;
        for (const [key, item] of Object.entries(dataset.value)) {
          const checked = v.safeParse(value, item, { abortEarly: false });
          if (checked.success) out[key] = checked.output;
          else {
            failed = true;
            for (const issue of checked.issues) {
              addIssue({ message: issue.message, path: [{ type: 'object', origin: 'value', input: dataset.value, key, value: item }, ...(issue.path ?? [])] as unknown as [v.IssuePathItem, ...v.IssuePathItem[]] });
            }
          }
        }
        return failed ? NEVER : out;
      }),
    ),
    'an object',
  );
}

/** A path item for an issue raised by a cross-field check (`at(batch, 'devices', 3)`). */
export function at(input: unknown, ...keys: (string | number)[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items: v.IssuePathItem[] = [];
  let value: unknown = input;
  for (const key of keys) {
    const parent = value;
    value = (parent as Record<string | number, unknown> | null)?.[key];
    items.push(
      typeof key === 'number'
        ? { type: 'array', origin: 'value', input: parent as unknown[], key, value }
        : { type: 'object', origin: 'value', input: parent as Record<string, unknown>, key, value },
    );
  }
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

/** A literal value (a discriminator of `kinds`). */
export function exactly<const T extends string | number>(value: T) {
  return named(v.literal(value, (issue) => `expected ${JSON.stringify(value)}, found ${describe(issue.input)}`), JSON.stringify(value));
}

// The discriminator values `key` may take in a variant's options (nested variants included), for the message.
function discriminators(key: string, options: readonly unknown[]): unknown[] {
  return options.flatMap((option) => {
    const o = option as { type?: string; options?: readonly unknown[]; entries?: Record<string, { literal?: unknown } | undefined> };
    if (o.type === 'variant' && o.options) return discriminators(key, o.options);
    const entry = o.entries?.[key];
    return entry && 'literal' in entry ? [entry.literal] : [];
  });
}

/** One of several object shapes, told apart by the literal value of `key` (a nested `kinds` may tell its own apart by another key). */
export function kinds<const K extends string, const O extends v.VariantOptions<K>>(key: K, options: O) {
  const message = (issue: v.BaseIssue<unknown>): string => {
    // The key that failed: this one, or a nested variant's when this one matched.
    const failing = issue.path?.[0]?.key;
    if (typeof failing !== 'string') return expected('an object')(issue);
    const words = [...new Set(discriminators(failing, options))].map((d) => JSON.stringify(d)).join(', ');
    return `expected one of ${words}, found ${describe(issue.input)}`;
  };
  return named(v.variant(key, options, message), 'an object');
}
