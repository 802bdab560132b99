// What the import Worker hands to the page: the engine's result flattened for display (the page
// only shows it; every rule ran in the Worker, in common/import).

import type { ColumnRole } from '../../../common/import/headers.ts';
import type { DeviceInput } from '../../../common/contract/batch-views.ts';

export type { ColumnRole };

/** A column is shown for review when fewer than this share of its values fit its role. */
export const MIN_FIT = 0.9;

/** One row of the table. */
export interface ImportRowView {
  /** the row number as the user sees it in the spreadsheet */
  readonly row: number;
  readonly serial: string;
  readonly model: string;
  readonly salesCode: string;
  readonly imei: string;
  readonly severity: 'error' | 'warning' | 'ok';
  /** every finding of the row, one per line: "Serial: … (FUD_1019)" */
  readonly messages: string;
  /** whether the row is a repeat that was kept once */
  readonly duplicate: boolean;
}

/** One column of the file, for the mapping dialog. */
export interface ImportColumnView {
  readonly index: number;
  /** the column letter as a spreadsheet shows it */
  readonly letter: string;
  /** the header text, or null for a headerless file */
  readonly header: string | null;
  /** a few values from the top of the column */
  readonly samples: readonly string[];
  /** the role detection gave it, or null */
  readonly role: ColumnRole | null;
  /** share (0–1) of its values that fit its role, or null when it has none */
  readonly fit: number | null;
}

/** The whole outcome of reading one file. */
export interface ImportView {
  readonly fileName: string;
  readonly sheet: string | null;
  readonly sheets: readonly string[];
  /** the header row normalised, the key remembered mappings are filed under ('' when headerless) */
  readonly headerKey: string;
  readonly columns: readonly ImportColumnView[];
  /** the role → column mapping used */
  readonly mapping: Readonly<Record<ColumnRole, number | null>>;
  /** why the mapping needs the admin: a required column without a match, two columns for one role, a poor fit */
  readonly mappingProblems: readonly string[];
  /** how the file was read (encoding, delimiter, columns taken by their content) */
  readonly notices: readonly string[];
  readonly rows: readonly ImportRowView[];
  readonly totals: { readonly read: number; readonly valid: number; readonly warnings: number; readonly rejected: number; readonly repeats: number; readonly devices: number };
  readonly groups: readonly { readonly model: string; readonly salesCode: string; readonly count: number }[];
  /** the devices a batch can take (rows without errors, each serial once), in file order */
  readonly devices: readonly DeviceInput[];
  /** lower-case hex SHA-256 of the file's bytes (of the UTF-8 text for a pasted list) */
  readonly sha256: string;
}

/** What to read: a file's bytes, or pasted text. */
export type ImportSource = { readonly kind: 'file'; readonly name: string; readonly bytes: ArrayBuffer } | { readonly kind: 'paste'; readonly text: string };

/** Page → Worker. */
export type ToWorker = {
  readonly type: 'parse';
  readonly id: number;
  readonly source: ImportSource;
  readonly sheet: string | null;
  readonly mapping: Readonly<Record<ColumnRole, number | null>> | null;
  readonly defaults: { readonly model: string; readonly salesCode: string };
};

/** Rows and devices per `part` message: small enough that receiving one never holds the page's thread long. */
export const PART_SIZE = 10_000;

/** Worker → page. A result's rows and devices come first in `part` messages; `result` carries the rest. */
export type FromWorker =
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number; readonly phase: string }
  | { readonly type: 'part'; readonly id: number; readonly rows: readonly ImportRowView[]; readonly devices: readonly DeviceInput[] }
  | { readonly type: 'result'; readonly id: number; readonly view: ImportView; readonly thread: 'worker' }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
