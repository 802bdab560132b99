// Reading one JSON record file of a store folder (a batch, a batch's history): a file that is gone
// is not a problem, an unreadable one is reported, a damaged one is moved aside and reported, and one
// written by a newer FOTA Desk is reported and left alone for that version.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../common/clock.ts';
import { parseJsonText, problemLine } from '../../common/schema/check-json.ts';
import { moveAside } from './safe-file.ts';

/** A file of a store that could not be used: moved aside, or left in place (`movedTo` null). */
export interface StoreFileProblem {
  readonly file: string;
  /** where it now is, or null when left in place */
  readonly movedTo: string | null;
  readonly problem: string;
  /** ISO time it was found */
  readonly at: string;
}

/** The problems a store met with its files, each reported once. */
export class FileProblems {
  readonly #list: StoreFileProblem[] = [];

  constructor(private readonly clock: Clock) {}

  /** Every problem so far. */
  get list(): readonly StoreFileProblem[] {
    return this.#list;
  }

  /** Records a problem (once per file and destination). */
  report(file: string, movedTo: string | null, problem: string): void {
    if (this.#list.some((p) => p.file === file && p.movedTo === movedTo)) return;
    this.#list.push({ file, movedTo, problem, at: new Date(this.clock.now()).toISOString() });
  }

  /** Moves a damaged file aside and records it; a file already gone is nobody's problem. */
  moveAside(file: string, problem: string): void {
    let movedTo: string | null;
    try {
      movedTo = moveAside(file, this.clock.now());
    } catch (error) {
      this.report(file, null, `${problem}; moving it aside failed too (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return;
    }
    if (movedTo !== null) this.report(file, movedTo, problem);
  }
}

/** A parser's verdict on one record, with the id the file must be named after. */
export type RecordVerdict<T> =
  | { readonly ok: true; readonly value: T; readonly id: string }
  | { readonly ok: false; readonly problems: readonly string[]; readonly newerSchema: number | null };

/** How a store words its records in problems. */
export interface RecordWords {
  /** e.g. `it holds batch X` */
  readonly holds: (id: string) => string;
  /** e.g. `a valid batch` */
  readonly valid: string;
}

/** The outcome of reading one record file. */
export type RecordRead<T> = { readonly kind: 'ok'; readonly value: T } | { readonly kind: 'too-new' } | { readonly kind: 'none' };

/** Reads `<id>.json`: the record, `too-new` (left alone, reported) or `none` (gone, unreadable or moved aside). */
export function readRecordFile<T>(file: string, parse: (json: unknown) => RecordVerdict<T>, words: RecordWords, problems: FileProblems): RecordRead<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Gone between listing and reading (another process deleted it): not a problem.
    if (code === 'ENOENT') return { kind: 'none' };
    problems.report(file, null, `cannot be read (${code ?? String(error)}); check the folder's permissions`);
    return { kind: 'none' };
  }
  const json = parseJsonText(text);
  if (!json.ok) {
    problems.moveAside(file, `it is not valid JSON (${json.problem})`);
    return { kind: 'none' };
  }
  const parsed = parse(json.value);
  if (parsed.ok) {
    if (path.basename(file) === `${parsed.id}.json`) return { kind: 'ok', value: parsed.value };
    problems.moveAside(file, `${words.holds(parsed.id)}, which does not match its file name`);
    return { kind: 'none' };
  }
  if (parsed.newerSchema !== null) {
    // Written by a newer FOTA Desk sharing this data folder: leave it for that version.
    problems.report(file, null, parsed.problems.join('; '));
    return { kind: 'too-new' };
  }
  problems.moveAside(file, `it is not ${words.valid}: ${problemLine(parsed.problems)}`);
  return { kind: 'none' };
}
