// Every limit the importer enforces, in one place (docs/importing.md lists them).
// They are checked while reading, before a parser builds anything big, so a hostile or broken
// file is refused with a clear message instead of exhausting memory in the Worker or the CLI.

/** Largest file (or pasted text, in characters) accepted: 32 MiB. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Most data rows (below the header) in one file. */
export const MAX_DATA_ROWS = 250_000;
/** Most columns with a value in one row. */
export const MAX_COLUMNS = 256;
/** Longest cell, in characters (4 KiB). */
export const MAX_CELL_CHARS = 4 * 1024;
/** Largest inflated part of an XLSX workbook (the sheet, shared strings…): 64 MiB. */
export const MAX_XLSX_PART_BYTES = 64 * 1024 * 1024;

// Derived or secondary limits: they follow from the ones above and keep the readers bounded.

/** Rows above the header that may hold a title or notes: the header is looked for this far down. */
export const HEADER_SEARCH_ROWS = 10;
/** Most delimited fields in a text row, empty ones included (Excel's own column count). */
export const MAX_RAW_FIELDS = 16_384;
/** Most entries in an XLSX's ZIP directory (a workbook has a few dozen). */
export const MAX_ZIP_ENTRIES = 10_000;
/** Highest row number a sheet may use (Excel's last row). */
export const MAX_SHEET_ROW = 1_048_576;
/** The best compression ratio DEFLATE can reach; a declared size beyond it is a lie. */
export const MAX_DEFLATE_RATIO = 1032;
