// The `.fotabatch` hand-off file: a field admin prepares a batch offline and a helpdesk workstation
// sends it. The SHA-256 detects accidental damage (a flipped byte, a cut-off copy); it is NOT a
// signature — anyone can edit the file and recompute it — so the importer shows who prepared it.
import type { Clock } from '../clock.ts';
import { checkBatch, type BatchFinding } from './check.ts';
import { canonicalJson, sha256Hex } from './digest.ts';
import * as v from 'valibot';
import { checkJson, parseJsonText } from '../schema/check-json.ts';
import type { Batch, Stamp } from './model.ts';
import { planBatch } from './plan.ts';
import { jsonNestingDepth } from './json-depth.ts';
import { HANDOFF_FORMAT, HANDOFF_SCHEMA_VERSION, handoffHeadSchema, unsignedHandoffSchema, type UnsignedHandoff } from './handoff-schema.ts';

export { HANDOFF_FORMAT, HANDOFF_SCHEMA_VERSION } from './handoff-schema.ts';
/** The file extension. */
export const HANDOFF_EXTENSION = '.fotabatch';
/** Written into every file, so whoever opens it in an editor reads it too. */
export const HANDOFF_NOTICE =
  'sha256 is a checksum over the rest of this file, to detect accidental damage (a changed byte, a cut-off copy). ' +
  'It is NOT a signature: anyone can edit this file and recompute it. Check who prepared it before sending.';
/** Largest hand-off file accepted (a 250,000-device batch is well under it). */
export const MAX_HANDOFF_BYTES = 128 * 1024 * 1024;
/** Deepest nesting accepted; a hand-off file nests 5 levels (file › batch › groups › group › schedule). */
export const MAX_HANDOFF_DEPTH = 32;

/** A hand-off file's content (handoff-schema.ts) with its checksum. */
export type HandoffFile = UnsignedHandoff & {
  /** lower-case hex SHA-256 of the canonical JSON of every other field */
  readonly sha256: string;
};

/** Why a hand-off file was refused; each has its own message. */
export type HandoffProblem =
  | 'empty'
  | 'tooLarge'
  | 'utf16'
  | 'tooDeep'
  | 'truncated'
  | 'notJson'
  | 'notHandoff'
  | 'newerVersion'
  | 'corrupted'
  | 'invalid'
  | 'otherTenant';

/** The outcome of reading a hand-off file. */
export type HandoffRead =
  | { readonly ok: true; readonly file: HandoffFile; readonly findings: readonly BatchFinding[] }
  | { readonly ok: false; readonly problem: HandoffProblem; readonly message: string; readonly details: readonly string[] };

type Unsigned = UnsignedHandoff;

/** The checksum of a file's content: SHA-256 over the canonical JSON of every field but `sha256`. */
export async function handoffChecksum(content: Unsigned): Promise<string> {
  return sha256Hex(canonicalJson(content));
}

/** Writes a batch as hand-off file text (indented JSON, so a reviewer can read it). */
export async function exportHandoff(batch: Batch, prepared: Stamp, options: { readonly practiceLabel?: string } = {}): Promise<string> {
  return (await exportHandoffFile(batch, prepared, options)).text;
}

/** Writes a batch as hand-off file text, with the checksum it carries (to show the admin). */
export async function exportHandoffFile(batch: Batch, prepared: Stamp, options: { readonly practiceLabel?: string } = {}): Promise<{ readonly text: string; readonly sha256: string }> {
  const content: Unsigned = {
    ...(options.practiceLabel !== undefined ? { practice: options.practiceLabel } : {}),
    format: HANDOFF_FORMAT,
    schemaVersion: HANDOFF_SCHEMA_VERSION,
    notice: HANDOFF_NOTICE,
    prepared,
    tenant: { customerId: batch.customerId },
    batch,
    plan: planBatch(batch),
  };
  const file: HandoffFile = { ...content, sha256: await handoffChecksum(content) };
  return { text: `${JSON.stringify(file, null, 2)}\n`, sha256: file.sha256 };
}

/** What the importer compares the file against. */
export interface HandoffExpectation {
  /** the active profile's customerId; a file for another tenant is refused */
  readonly customerId: string;
  /** the active profile's name, for the message */
  readonly profileName?: string;
  readonly clock: Clock;
}

const refuse = (problem: HandoffProblem, message: string, details: readonly string[] = []): HandoffRead => ({ ok: false, problem, message, details });

/**
 * Reads hand-off file text: refuses an empty, truncated, non-JSON, foreign, newer, damaged or
 * malformed file, or one for another tenant, each with its own message; otherwise re-validates the
 * batch with the E-FOTA rules and returns the findings.
 */
export async function readHandoff(text: string, expect: HandoffExpectation): Promise<HandoffRead> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return refuse('empty', 'The file is empty. Export the batch again on the preparing workstation and copy the whole file.');
  if (body.length > MAX_HANDOFF_BYTES) return refuse('tooLarge', `The file is larger than ${MAX_HANDOFF_BYTES / 1024 / 1024} MiB, which no batch needs; it is not a FOTA Desk hand-off file.`);
  if (isUtf16(body)) {
    return refuse('utf16', 'The file is saved as UTF-16 text (an editor such as Notepad may have saved it that way), but hand-off files are UTF-8. Use the file exactly as "fota batch export" wrote it, or save this one as UTF-8, and import again.');
  }
  // Measured before parsing: a file nested thousands of levels deep would exhaust the stack later.
  const depth = jsonNestingDepth(body, MAX_HANDOFF_DEPTH);
  if (depth > MAX_HANDOFF_DEPTH) {
    return refuse('tooDeep', `The file nests its data more than ${MAX_HANDOFF_DEPTH} levels deep; a hand-off file nests 5. It was not written by FOTA Desk (or was made to break it): nothing was imported.`);
  }
  const start = body.trimStart();
  // A character no JSON text starts with: name what it is instead of guessing "cut off" or "damaged".
  if (!/^[{["\-0-9tfn]/.test(start)) {
    return refuse('notJson', `The file is not a FOTA Desk hand-off file: it is not JSON (${whatItLooksLike(start)}). Choose the .fotabatch file exported with "fota batch export".`);
  }
  const parsed = parseJsonText(body);
  if (!parsed.ok) {
    const detail = parsed.problem;
    if (start.startsWith('{') && !body.trimEnd().endsWith('}')) {
      return refuse('truncated', 'The file is cut off: its JSON ends before the batch does (an incomplete copy or download). Copy the whole file again from the preparing workstation.', [detail]);
    }
    return refuse('notJson', 'The file is not valid JSON, so it was damaged or edited by hand. Export the batch again on the preparing workstation.', [detail]);
  }
  const json = parsed.value;
  if (!v.is(handoffHeadSchema, json)) {
    return refuse('notHandoff', `The file is JSON but not a FOTA Desk hand-off file (its "format" is not "${HANDOFF_FORMAT}"). Choose a file exported with "fota batch export".`);
  }
  const head = json as { schemaVersion?: unknown; sha256?: unknown };
  if (typeof head.schemaVersion === 'number' && head.schemaVersion > HANDOFF_SCHEMA_VERSION) {
    return refuse('newerVersion', `The file was exported by a newer FOTA Desk (hand-off schema ${head.schemaVersion}; this version reads up to ${HANDOFF_SCHEMA_VERSION}). Update FOTA Desk on this workstation, or export it again from a matching version.`);
  }
  if (head.schemaVersion !== HANDOFF_SCHEMA_VERSION) {
    return refuse('invalid', `The file's schemaVersion ${JSON.stringify(head.schemaVersion)} is not one FOTA Desk writes. Export the batch again.`);
  }
  if (typeof head.sha256 !== 'string') return refuse('corrupted', 'The file has no sha256 checksum, so damage cannot be ruled out. Export the batch again.');
  const { sha256, ...rest } = json as Record<string, unknown>;
  const actual = await sha256Hex(canonicalJson(rest));
  if (actual !== sha256) {
    return refuse('corrupted', 'The file\'s content does not match its SHA-256 checksum: it was changed or damaged after export. Do not send it; export the batch again on the preparing workstation.', [`expected ${String(sha256)}`, `found    ${actual}`]);
  }
  const shape = checkJson(unsignedHandoffSchema, rest, { root: 'file' });
  if (!shape.ok) return refuse('invalid', 'The file\'s checksum is right, but its content is not a valid batch (it was written by faulty software or edited and re-checksummed). Do not send it.', shape.problems);
  const file: HandoffFile = { ...shape.value, sha256 };
  if (canonicalJson(planBatch(file.batch)) !== canonicalJson(file.plan)) {
    return refuse('invalid', 'The plan in the file is not the plan of its batch, so one of them was edited. Do not send it; export the batch again.');
  }
  if (file.tenant.customerId !== file.batch.customerId) {
    return refuse('invalid', `The file names tenant ${file.tenant.customerId} but its batch is for ${file.batch.customerId}. Do not send it; export the batch again.`);
  }
  if (file.batch.customerId !== expect.customerId) {
    const profile = expect.profileName ? `profile '${expect.profileName}'` : 'the active profile';
    return refuse('otherTenant',
      `The batch is for customer ID ${file.batch.customerId}, but ${profile} is for ${expect.customerId}. Switch to a profile of that customer (fota profile use NAME) and import again.`);
  }
  return { ok: true, file, findings: checkBatch(file.batch, expect.clock) };
}

// UTF-16 text read as UTF-8: its byte-order mark becomes two replacement characters, and the
// zero high (or low) byte of every ASCII character a NUL.
function isUtf16(text: string): boolean {
  if (text.startsWith('\uFFFD\uFFFD')) return true;
  const head = text.slice(0, 64);
  const nuls = head.split('\u0000').length - 1;
  return head.length >= 8 && nuls >= head.length / 4;
}

// A few words on what a non-JSON file seems to be, for the message.
function whatItLooksLike(start: string): string {
  if (start.startsWith('PK')) return 'it is a ZIP archive, e.g. an .xlsx workbook';
  if (start.startsWith('%PDF')) return 'it is a PDF document';
  if (start.startsWith('<')) return 'it is XML or HTML';
  const first = start.split(/\r?\n/, 1)[0] ?? '';
  if (/[,;\t]/.test(first)) return 'it looks like a spreadsheet or CSV file';
  const shown = first.replace(/\p{C}/gu, '?').slice(0, 40);
  return shown === '' ? 'it holds no text' : `it starts with "${shown}${first.length > 40 ? '…' : ''}"`;
}

/** The batch to store on this workstation for an accepted hand-off file. */
export function adoptHandoff(file: HandoffFile, fileName: string, imported: Stamp): Batch {
  return { ...file.batch, handoff: { fileName, sha256: file.sha256, prepared: file.prepared, imported } };
}
