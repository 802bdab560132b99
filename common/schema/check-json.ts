// The one way FOTA Desk checks JSON it reads back: parse (when given text), validate against the
// file kind's valibot schema, and word every problem as `where: what` — `profiles[2].baseUrl: expected
// text, found nothing` — so the admin (or a bug report) sees what was wrong and where. What to do about
// it is the caller's to say: a store moves the file aside, an importer asks for a fresh export.
import * as v from 'valibot';

/** Most problems listed for one file: a broken 10,000-device file would otherwise give 10,000 lines. */
export const MAX_PROBLEMS = 20;
/** The line that ends a list cut at MAX_PROBLEMS. */
export const MORE_PROBLEMS = '… more problems not listed';

/** How the problems of one kind of file are worded. */
export interface JsonWords {
  /** what paths start with: `batch` gives `batch.devices[3].serial`; none gives `profiles[2].baseUrl` */
  readonly root?: string;
  /** words for a place instead of its path (e.g. `the serverInit sales-code element of 'acme'`); null keeps the path */
  readonly place?: (keys: readonly (string | number)[]) => string | null;
}

/** A checked value, or every problem found (at most MAX_PROBLEMS and MORE_PROBLEMS). */
export type JsonCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly string[] };

/** A value read from text: as JsonCheck, and `notJson` when the text did not even parse (its one problem is `not valid JSON (…)`). */
export type JsonRead<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly notJson: boolean; readonly problems: readonly string[] };

/** Problems shown in one line (a notice, a dropped journal line): enough to find the fault without a wall of text. */
export const SHOWN_PROBLEMS = 10;

/** The first SHOWN_PROBLEMS problems in one line, `…` when there are more. */
export function problemLine(problems: readonly string[]): string {
  const shown = problems.filter((p) => p !== MORE_PROBLEMS).slice(0, SHOWN_PROBLEMS);
  return `${shown.join('; ')}${problems.length > shown.length ? '; …' : ''}`;
}

// `root.a[2].b` for the keys of a path.
function pathText(root: string, keys: readonly (string | number)[]): string {
  let text = root;
  for (const key of keys) text += typeof key === 'number' ? `[${key}]` : text === '' ? key : `.${key}`;
  return text;
}

function keysOf(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => (typeof item.key === 'number' ? item.key : String(item.key)));
}

// Words valibot's issues as our problems: stray fields first (they say most about where a file came from), then in file order.
function problemsOf(issues: readonly v.BaseIssue<unknown>[], words: JsonWords = {}): string[] {
  const stray = (issue: v.BaseIssue<unknown>): boolean => issue.expected === 'never';
  const ordered = [...issues.filter(stray), ...issues.filter((issue) => !stray(issue))];
  const problems: string[] = [];
  for (const issue of ordered) {
    if (problems.length === MAX_PROBLEMS) {
      problems.push(MORE_PROBLEMS);
      break;
    }
    const keys = keysOf(issue);
    const place = words.place?.(keys) ?? null;
    const where = pathText(words.root ?? '', keys);
    if (place !== null) problems.push(`${place} ${issue.message}${where === '' ? '' : ` (${where})`}`);
    else problems.push(where === '' ? issue.message : `${where}: ${issue.message}`);
  }
  return problems;
}

/** Checks a parsed value against a schema; returns the schema's output, or every problem with its path. */
export function checkJson<S extends v.GenericSchema>(schema: S, value: unknown, words: JsonWords = {}): JsonCheck<v.InferOutput<S>> {
  const result = v.safeParse(schema, value, { abortEarly: false });
  return result.success ? { ok: true, value: result.output } : { ok: false, problems: problemsOf(result.issues, words) };
}

/** Parses JSON text and checks it; a parse failure is `notJson`. */
export function readJson<S extends v.GenericSchema>(text: string, schema: S, words: JsonWords = {}): JsonRead<v.InferOutput<S>> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, notJson: true, problems: [`not valid JSON (${parsed.problem})`] };
  const checked = checkJson(schema, parsed.value, words);
  return checked.ok ? checked : { ok: false, notJson: false, problems: checked.problems };
}

/** JSON.parse without throwing: the value, or the parser's message. */
export function parseJsonText(text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
