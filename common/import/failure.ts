// A file the importer cannot read at all. Row problems are findings; these are about the whole file,
// and each message says what is wrong and what to do, because an IT admin reads it, not a developer.

/** Why a whole file was refused; the UI and the CLI may branch on it. */
export type ImportFailureCode =
  | 'empty'
  | 'too-large'
  | 'not-a-spreadsheet'
  | 'legacy-xls'
  | 'encrypted'
  | 'unsupported-format'
  | 'damaged'
  | 'part-too-large'
  | 'sheet-not-found'
  | 'too-many-rows'
  | 'too-many-columns'
  | 'cell-too-long'
  | 'no-rows'
  | 'bad-mapping';

/** A refused file: a stable code and a message for the admin. */
export interface ImportFailure {
  readonly code: ImportFailureCode;
  readonly message: string;
}

/** Thrown inside the importer; `importDevices` turns it into an `ImportFailure`. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportFailureCode,
    message: string,
  ) {
    super(message);
  }

  /** The plain-data form, safe to post from a Worker. */
  toFailure(): ImportFailure {
    return { code: this.code, message: this.message };
  }
}

/** "1,234" — numbers in messages are grouped so 250000 and 25000 are not confused. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "32 MiB", "4 KiB", "1.5 MB", "4.3 GB" — sizes in messages. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0 && bytes < 1024 * 1024) return `${bytes / 1024} KiB`;
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(1)} kB`;
}
