// A small runtime reader for JSON that came from outside (batch files, hand-off files, IPC payloads):
// every problem is collected with the path of the value, so one message names them all.

/** Collects problems while reading an unknown value; each reader returns a safe default on a problem. */
export class Reader {
  readonly problems: string[] = [];

  /** Records a problem at `path`. */
  fail(path: string, message: string): void {
    // A broken 10,000-device file would otherwise give 10,000 lines: the first 20 tell the story.
    if (this.problems.length < 20) this.problems.push(`${path}: ${message}`);
    else if (this.problems.length === 20) this.problems.push('… more problems not listed');
  }

  /** Reads an object and refuses keys outside `allowed` (a stray key means a bug or a hand edit). */
  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `expected an object, found ${describe(value)}`);
      return null;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, 'unexpected field');
    }
    return record;
  }

  /** Reads an array. */
  array(value: unknown, path: string, max: number): readonly unknown[] {
    if (!Array.isArray(value)) {
      this.fail(path, `expected a list, found ${describe(value)}`);
      return [];
    }
    if (value.length > max) this.fail(path, `has ${value.length} entries; at most ${max} are allowed`);
    return value;
  }

  /** Reads a string of 1..max characters (or 0..max when `allowEmpty`), without control characters. */
  string(value: unknown, path: string, max: number, options: { allowEmpty?: boolean; multiline?: boolean } = {}): string {
    if (typeof value !== 'string') {
      this.fail(path, `expected text, found ${describe(value)}`);
      return '';
    }
    if (!options.allowEmpty && value.length === 0) this.fail(path, 'must not be empty');
    if (value.length > max) this.fail(path, `is ${value.length} characters long; at most ${max} are allowed`);
    // Control characters only (Cc); format characters such as a right-to-left mark can occur in real file names.
    if (/\p{Cc}/u.test(options.multiline ? value.replace(/[\n\r\t]/g, '') : value)) this.fail(path, 'contains control characters');
    return value;
  }

  /** Reads a string matching `pattern`; `what` says in words what was expected. */
  pattern(value: unknown, path: string, pattern: RegExp, what: string): string {
    if (typeof value !== 'string') {
      this.fail(path, `expected ${what}, found ${describe(value)}`);
      return '';
    }
    if (!pattern.test(value)) this.fail(path, `expected ${what}, found ${JSON.stringify(value.slice(0, 60))}`);
    return value;
  }

  /** Reads an ISO 8601 time in UTC, as written by Date#toISOString. */
  time(value: unknown, path: string): string {
    const text = this.pattern(value, path, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'an ISO 8601 UTC time');
    if (text && Number.isNaN(Date.parse(text))) this.fail(path, `is not a real date: ${text}`);
    return text;
  }

  /** Reads an integer in [min, max]. */
  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(path, `expected a whole number, found ${describe(value)}`);
      return min;
    }
    if (value < min || value > max) this.fail(path, `must be between ${min} and ${max}, found ${value}`);
    return value;
  }

  /** Reads one of the given literal values. */
  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
    this.fail(path, `expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}, found ${describe(value)}`);
    return options[0] as T;
  }
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
