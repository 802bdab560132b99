// Hand-written runtime checks for payloads from the renderer. A payload is untrusted input: each
// check names the field and says what was expected, and an object with a key nobody asked for is
// refused rather than passed on (a typo in the renderer must not be silently ignored).
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

/** Checks `value` found at `path` and returns it typed, or throws InvalidInputError. */
export type Check<T> = (value: unknown, path: string) => T;

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
};

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

/** Options for `str`. */
export interface StrOptions {
  /** the shortest accepted length in characters (default 0) */
  readonly min?: number;
  /** the longest accepted length in characters */
  readonly max: number;
  /** refuse line breaks and other control characters (default true) */
  readonly singleLine?: boolean;
  /** a whole file's content, checked by its own reader (which names a binary or UTF-16 file): any character passes */
  readonly fileContent?: boolean;
}

// Control characters other than tab, newline and carriage return never belong in a payload value.
const CONTROL = /\p{Cc}/u;
const ALLOWED_CONTROL = /[\t\n\r]/g;
const LINE_BREAK = /[\n\r\t\u2028\u2029]/;

/** A string of bounded length. */
export function str(options: StrOptions): Check<string> {
  const min = options.min ?? 0;
  const singleLine = options.singleLine ?? true;
  return (value, path) => {
    if (typeof value !== 'string') throw new InvalidInputError(path, `must be text, not ${describe(value)}`);
    if (value.length < min) throw new InvalidInputError(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters long`);
    if (value.length > options.max) throw new InvalidInputError(path, `must be at most ${options.max} characters long (it has ${value.length})`);
    if (options.fileContent === true) return value;
    if (CONTROL.test(value.replace(ALLOWED_CONTROL, ''))) throw new InvalidInputError(path, 'contains an invisible control character; retype it instead of pasting it');
    if (singleLine && LINE_BREAK.test(value)) throw new InvalidInputError(path, 'must be a single line without tabs');
    return value;
  };
}

/** A boolean. */
export const bool: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new InvalidInputError(path, `must be true or false, not ${describe(value)}`);
  return value;
};

/** An integer within [min, max]. */
export function int(min: number, max: number): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new InvalidInputError(path, `must be a whole number, not ${describe(value)}`);
    if (value < min || value > max) throw new InvalidInputError(path, `must be between ${min} and ${max} (it is ${value})`);
    return value;
  };
}

/** One of a fixed set of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw new InvalidInputError(path, `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    return value as T;
  };
}

/** `check`, or null. */
export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

/** A list of at most `max` items, each passing `check`. */
export function list<T>(check: Check<T>, max: number): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new InvalidInputError(path, `must be a list, not ${describe(value)}`);
    if (value.length > max) throw new InvalidInputError(path, `may hold at most ${max} items (it has ${value.length})`);
    return value.map((item, i) => check(item, join(path, i)));
  };
}

type Shape = Record<string, Check<unknown>>;
type Checked<S extends Shape> = { [K in keyof S]: S[K] extends Check<infer T> ? T : never };

/** An object with exactly these keys (all required; use `nullable` for an empty value). */
export function obj<S extends Shape>(shape: S): Check<Checked<S>> {
  return (value, path) => record(value, path, shape, false) as Checked<S>;
}

/** An object with some of these keys (absent keys stay absent). */
export function partial<S extends Shape>(shape: S): Check<Partial<Checked<S>>> {
  return (value, path) => record(value, path, shape, true) as Partial<Checked<S>>;
}

function record(value: unknown, path: string, shape: Shape, optional: boolean): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(path, `must be an object, not ${describe(value)}`);
  }
  const input = value as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(shape, key)) throw new InvalidInputError(join(path, key), `is not a field this request takes (expected ${Object.keys(shape).join(', ')})`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(shape)) {
    if (!Object.hasOwn(input, key)) {
      if (optional) continue;
      throw new InvalidInputError(join(path, key), 'is missing');
    }
    out[key] = check(input[key], join(path, key));
  }
  return out;
}

/** No payload: accepts `undefined` or `null` (JSON transports carry `null`). */
export const none: Check<undefined> = (value, path) => {
  if (value !== undefined && value !== null) throw new InvalidInputError(path, 'takes no payload');
  return undefined;
};

/** Runs a check on a whole payload. */
export function validate<T>(check: Check<T>, payload: unknown): T {
  return check(payload, '');
}
