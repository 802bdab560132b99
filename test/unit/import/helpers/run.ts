// Shared helpers of the import tests: run the importer on a fixture, bytes or text, and unwrap it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { importDevices, type ImportFailure, type ImportOptions, type ImportResult } from '../../../../common/import/index.ts';

/** The committed fixtures (written by scripts/make-import-fixtures.sh). */
export const FIXTURES = join(import.meta.dirname, '../../../fixtures/import');

/** The bytes of a committed fixture. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** Imports bytes and expects success. */
export async function ok(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  const outcome = await importDevices({ bytes, fileName }, options);
  if (!outcome.ok) expect.fail(`expected ${fileName} to import, got ${outcome.failure.code}: ${outcome.failure.message}`);
  return outcome.result;
}

/** Imports CSV text (as UTF-8 bytes of a .csv file) and expects success. */
export function okCsv(text: string, options: ImportOptions = {}): Promise<ImportResult> {
  return ok(new Uint8Array(Buffer.from(text, 'utf8')), 'devices.csv', options);
}

/** Imports bytes and expects a refusal. */
export async function refused(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportFailure> {
  const outcome = await importDevices({ bytes, fileName }, options);
  if (outcome.ok) expect.fail(`expected ${fileName} to be refused, but it imported ${outcome.result.totals.read} rows`);
  return outcome.failure;
}

/** Findings as compact `row:code:severity` strings, for exact comparisons. */
export function brief(result: ImportResult): string[] {
  return result.findings.map((f) => `${f.row}:${f.column ?? '-'}:${f.code}:${f.severity}${f.fud ? `:${f.fud}` : ''}`);
}
