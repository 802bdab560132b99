// Creating a batch from device files: each file's bytes go through the importer (common/import, the
// same code the window's Worker runs), rows with errors stay out, and the valid devices of every file
// are merged into one batch by buildBatch.
import type { Clock } from '../../common/clock.ts';
import { buildBatch, type BuildChoices, type BuildResult, type ImportedFile } from '../../common/batch/build.ts';
import { sha256Hex } from '../../common/batch/digest.ts';
import type { BatchDevice } from '../../common/batch/model.ts';

/** One file as read from disk. */
export interface FileBytes {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** What the importer made of one file. */
export interface FileImport {
  /** devices of the rows without errors */
  readonly devices: readonly BatchDevice[];
  readonly rowsRead: number;
  /** rows left out because of an error */
  readonly rejectedRows: number;
  /** rows kept despite warnings */
  readonly warningRows: number;
  /** why rows were left out, one line each ("row 12, serial: …"); may be capped by the importer */
  readonly errors: readonly string[];
  /** a problem with the whole file (unreadable, wrong format): no device came from it */
  readonly fileProblem: string | null;
}

/** Turns one file's bytes into devices (the CLI passes common/import's entry, tests may pass their own). */
export type DeviceImporter = (file: FileBytes) => FileImport | Promise<FileImport>;

/** One file's import, for the report. */
export interface FileReport extends FileImport {
  readonly fileName: string;
  readonly sha256: string;
}

/** The result of creating a batch: the build result and what each file contributed. */
export interface CreateOutcome {
  readonly reports: readonly FileReport[];
  readonly build: BuildResult;
}

/** Imports every file, then builds the batch from their valid devices (nothing is stored here). */
export async function createFromFiles(files: readonly FileBytes[], importer: DeviceImporter, choices: BuildChoices, clock: Clock): Promise<CreateOutcome> {
  const reports: FileReport[] = [];
  const imported: ImportedFile[] = [];
  const at = new Date(clock.now()).toISOString();
  for (const file of files) {
    const [result, sha256] = await Promise.all([importer(file), sha256Hex(file.bytes)]);
    reports.push({ ...result, fileName: file.fileName, sha256 });
    if (result.fileProblem === null) imported.push({ fileName: file.fileName, sha256, importedAt: at, devices: result.devices });
  }
  return { reports, build: buildBatch(imported, choices, clock) };
}
