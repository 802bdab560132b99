// Batches read files with the importer of common/import (the code the window's Worker runs); this
// adapter turns its outcome into what a batch needs: the devices of the rows without errors (in file
// order), and in words why the other rows were left out.
import { MAX_FILE_BYTES, type ManualMapping } from '../../common/import/index.ts';
import { importRemembering, type ImportMappingsService } from './import-mappings.ts';
import type { DeviceImporter } from '../batches/create.ts';

/** Largest file the importer reads (checked before reading it into memory). */
export const IMPORT_FILE_LIMIT_BYTES = MAX_FILE_BYTES;

/** The importer choices passed through (as for `fota import`). */
export interface ImporterOptions {
  readonly model?: string | undefined;
  readonly salesCode?: string | undefined;
  readonly sheet?: string | undefined;
  readonly mapping?: ManualMapping | undefined;
  /** column mappings remembered per header row (shared with the window and `fota import`) */
  readonly remembered?: Pick<ImportMappingsService, 'get' | 'save'> | undefined;
}

const NOTHING_REMEMBERED: Pick<ImportMappingsService, 'get' | 'save'> = {
  get: () => Promise.resolve(null),
  save: (headerKey, columns) => Promise.resolve({ headerKey, columns: { ...columns }, savedAt: '' }),
};

/** An importer of files with the given choices. */
export function fileImporter(options: ImporterOptions): DeviceImporter {
  const { mapping } = options;
  return async (file) => {
    const { outcome } = await importRemembering(
      { bytes: file.bytes, fileName: file.fileName },
      {
        ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
        ...(mapping !== undefined ? { mapping } : {}),
        defaults: { model: options.model ?? null, salesCode: options.salesCode ?? null },
      },
      options.remembered ?? NOTHING_REMEMBERED,
    );
    if (!outcome.ok) return { devices: [], rowsRead: 0, rejectedRows: 0, warningRows: 0, errors: [], fileProblem: outcome.failure.message };
    const r = outcome.result;
    // The importer lists groups largest first; a batch keeps the order of the file.
    const devices = r.groups.flatMap((g) => g.devices).sort((a, b) => (a.source?.row ?? 0) - (b.source?.row ?? 0));
    const errors = r.findings
      .filter((f) => f.severity === 'error')
      .map((f) => `row ${f.row}${f.column ? `, column ${f.column}${f.columnName ? ` (${f.columnName})` : ''}` : ''}: ${f.message}${f.fud ? ` (${f.fud})` : ''}`);
    return {
      devices,
      rowsRead: r.totals.read,
      rejectedRows: r.totals.rejected,
      warningRows: r.totals.warnings,
      errors,
      fileProblem: devices.length === 0 && r.mappingProblems.length > 0 ? r.mappingProblems.join(' ') : null,
    };
  };
}
