// Which row is the header and which column plays which role. Order of authority: the admin's manual
// mapping, then header names (headers.ts), then the shape of the values (fit.ts) for columns no
// header names — so a headerless export or a header in another language still works, and anything
// still missing is reported as a mapping problem for the admin to resolve.
import { cleanUpper } from '../efota/normalise.ts';
import { count, ImportError } from './failure.ts';
import { fits } from './fit.ts';
import { COLUMN_ROLES, headerSignature, looksLikeHeader, normaliseHeader, ROLE_LABELS, roleOfHeader, rolesInRow, type ColumnRole } from './headers.ts';
import { HEADER_SEARCH_ROWS } from './limits.ts';
import type { ColumnSelector, ManualMapping } from './mapping.ts';
import { cellText, columnFromLetters, columnLetter, isBlank, type Cell, type Table, type TableRow } from './table.ts';

/** How a column got its role. */
export type RoleSource = 'manual' | 'header' | 'content';

/** One column of the file, as the mapping dialog and the CLI show it. */
export interface ColumnInfo {
  /** 0-based */
  readonly index: number;
  /** A, B, … as a spreadsheet shows it */
  readonly letter: string;
  /** the header cell's text, or null without a header row */
  readonly header: string | null;
  /** the first few values below the header */
  readonly samples: readonly string[];
  readonly role: ColumnRole | null;
  readonly source: RoleSource | null;
  /** share (0–1) of the sampled values that have the usual shape of its role, or null */
  readonly fit: number | null;
}

/** The outcome of header and column detection. */
export interface Layout {
  /** index into table.rows of the header row, or null */
  readonly headerIndex: number | null;
  /** the header's row number as the user sees it, or null */
  readonly headerRow: number | null;
  /** index into table.rows of the first data row */
  readonly dataStart: number;
  readonly mapping: Readonly<Record<ColumnRole, number | null>>;
  readonly columns: readonly ColumnInfo[];
  readonly signature: string;
  /** what keeps rows from being sent until the admin maps columns or gives defaults */
  readonly problems: readonly string[];
  readonly notices: readonly string[];
}

const SAMPLE_ROWS = 500;
const GOOD_FIT = 0.8;

const width = (rows: readonly TableRow[]): number => {
  let w = 0;
  for (const row of rows) {
    for (let c = row.cells.length - 1; c >= w; c--) {
      if (!isBlank(row.cells[c])) {
        w = c + 1;
        break;
      }
    }
  }
  return w;
};

const bad = (message: string): ImportError => new ImportError('bad-mapping', message);

function describeColumns(header: readonly Cell[] | null, w: number): string {
  const names = Array.from({ length: Math.min(w, 12) }, (_, c) => {
    const name = header ? cellText(header[c]).trim() : '';
    return name ? `${columnLetter(c)} '${name}'` : columnLetter(c);
  });
  return names.join(', ') + (w > 12 ? ', …' : '');
}

function resolve(role: ColumnRole, selector: ColumnSelector, header: readonly Cell[] | null, w: number): number | null {
  if (selector === null) return null;
  const range = w === 0 ? 'no columns' : `${count(w)} column${w === 1 ? '' : 's'} (A–${columnLetter(w - 1)})`;
  if (typeof selector === 'number') {
    if (!Number.isInteger(selector) || selector < 0 || selector >= w) throw bad(`The ${ROLE_LABELS[role]} column ${selector + 1} does not exist: the file has ${range}.`);
    return selector;
  }
  const text = selector.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < 1 || n > w) throw bad(`The ${ROLE_LABELS[role]} column ${text} does not exist: the file has ${range}. Columns are numbered from 1.`);
    return n - 1;
  }
  if (header) {
    const wanted = normaliseHeader(text);
    const index = header.findIndex((cell) => wanted !== '' && normaliseHeader(cellText(cell)) === wanted);
    if (index !== -1) return index;
  }
  const letter = columnFromLetters(text);
  if (letter !== null) {
    if (letter >= w) throw bad(`The ${ROLE_LABELS[role]} column ${text.toUpperCase()} does not exist: the file has ${range}.`);
    return letter;
  }
  throw bad(`There is no column '${text}' for the ${ROLE_LABELS[role]}. The columns are: ${describeColumns(header, w)}. Give a header name, a column number or a letter.`);
}

function findHeader(rows: readonly TableRow[], manual: ManualMapping | undefined): number | null {
  if (manual?.header === 'none') return null;
  if (typeof manual?.header === 'number') {
    const index = rows.findIndex((r) => r.number === manual.header);
    if (index === -1) throw bad(`There is no row ${manual.header} to read the header from.`);
    return index;
  }
  // Names the admin typed for the mapping identify the header row too ("--map serial=Seriennummer").
  const names = COLUMN_ROLES.map((role) => manual?.[role])
    .filter((s): s is string => typeof s === 'string' && !/^\d+$/.test(s.trim()))
    .map(normaliseHeader)
    .filter((n) => n !== '');
  let seen = 0;
  for (let i = 0; i < rows.length && seen < HEADER_SEARCH_ROWS; i++) {
    const row = rows[i]!;
    if (row.cells.every(isBlank)) continue;
    seen++;
    if (looksLikeHeader(row.cells)) return i;
    if (names.length > 0 && row.cells.some((c) => typeof c === 'string' && names.includes(normaliseHeader(c)))) return i;
  }
  return null;
}

/** The first non-blank rows from `start`, for sampling. */
function sample(rows: readonly TableRow[], start: number): TableRow[] {
  const out: TableRow[] = [];
  for (let i = start; i < rows.length && out.length < SAMPLE_ROWS; i++) if (!rows[i]!.cells.every(isBlank)) out.push(rows[i]!);
  return out;
}

function fitOf(role: ColumnRole, column: number, rows: readonly TableRow[]): number | null {
  let n = 0;
  let good = 0;
  for (const row of rows) {
    const cell = row.cells[column];
    if (isBlank(cell)) continue;
    n++;
    if (fits(role, cleanUpper(cellText(cell)))) good++;
  }
  return n === 0 ? null : good / n;
}

/** Finds the header row and each role's column; throws only for an impossible manual mapping. */
export function detectLayout(table: Table, manual: ManualMapping | undefined, defaults: { model: string | null; salesCode: string | null }): Layout {
  const rows = table.rows;
  const w = width(rows);
  const notices: string[] = [];
  let headerIndex = findHeader(rows, manual);
  let header = headerIndex === null ? null : rows[headerIndex]!.cells;
  const mapping: Record<ColumnRole, number | null> = { serial: null, model: null, salesCode: null, imei: null };
  const source: Record<ColumnRole, RoleSource | null> = { serial: null, model: null, salesCode: null, imei: null };
  const manualRoles = new Set<ColumnRole>();

  for (const role of COLUMN_ROLES) {
    const selector = manual?.[role];
    if (selector === undefined) continue;
    manualRoles.add(role);
    const index = resolve(role, selector, header, w);
    const clash = COLUMN_ROLES.find((other) => other !== role && mapping[other] !== null && mapping[other] === index);
    if (index !== null && clash) throw bad(`Column ${columnLetter(index)} cannot be both the ${ROLE_LABELS[clash]} and the ${ROLE_LABELS[role]}.`);
    mapping[role] = index;
    source[role] = index === null ? null : 'manual';
  }
  const taken = (index: number): boolean => COLUMN_ROLES.some((r) => mapping[r] === index);

  if (header) {
    for (const [role, index] of rolesInRow(header)) {
      if (manualRoles.has(role) || taken(index)) continue;
      mapping[role] = index;
      source[role] = 'header';
      const others = header.map((cell, c) => (c !== index && typeof cell === 'string' && roleOfHeader(cell) === role ? columnLetter(c) : null)).filter((x) => x !== null);
      if (others.length > 0) {
        notices.push(`More than one column is named like the ${ROLE_LABELS[role]}: read column ${columnLetter(index)} ('${cellText(header[index]).trim()}'), not ${others.join(', ')}. Map the columns to choose another.`);
      }
    }
  }

  const byContent = (start: number): ColumnRole[] => {
    const sampled = sample(rows, start);
    const assigned: ColumnRole[] = [];
    for (const role of ['model', 'salesCode', 'imei', 'serial'] as const) {
      if (manualRoles.has(role) || mapping[role] !== null) continue;
      let best: { column: number; fit: number } | null = null;
      for (let c = 0; c < w; c++) {
        if (taken(c)) continue;
        const f = fitOf(role, c, sampled);
        if (f !== null && f >= GOOD_FIT && (!best || f > best.fit)) best = { column: c, fit: f };
      }
      if (best) {
        mapping[role] = best.column;
        source[role] = 'content';
        assigned.push(role);
      }
    }
    // A list of serials alone: one column with values, whatever they look like.
    if (mapping.serial === null && !manualRoles.has('serial') && COLUMN_ROLES.every((r) => mapping[r] === null)) {
      const used = Array.from({ length: w }, (_, c) => c).filter((c) => sampled.some((r) => !isBlank(r.cells[c])));
      if (used.length === 1) {
        mapping.serial = used[0]!;
        source.serial = 'content';
        assigned.push('serial');
      }
    }
    return assigned;
  };

  let dataStart = headerIndex === null ? 0 : headerIndex + 1;
  let guessed: ColumnRole[];
  const first = rows.findIndex((r) => !r.cells.every(isBlank));
  if (headerIndex === null && manual?.header === undefined && first !== -1 && sample(rows, first + 1).length > 0) {
    // Columns are judged by the rows below the first, which may be a header in words we do not know
    // ("Geräte", "Numéro"): if its values look like none of the rows below (and, being words, hold
    // no digits), it is that header and must not be read as a device.
    guessed = byContent(first + 1);
    const firstRow = rows[first]!;
    const odd = guessed.length > 0 && guessed.every((role) => {
      const cell = firstRow.cells[mapping[role]!];
      return typeof cell === 'string' && /\p{L}/u.test(cell) && !/\d/.test(cell) && !fits(role, cleanUpper(cell));
    });
    if (odd) {
      headerIndex = first;
      header = firstRow.cells;
      dataStart = first + 1;
      notices.push(`Row ${firstRow.number} was read as a header: its values (${firstRow.cells.filter((c) => !isBlank(c)).slice(0, 4).map((c) => `'${cellText(c).trim()}'`).join(', ')}) do not look like the rows below it.`);
    }
  } else {
    guessed = byContent(dataStart);
  }

  if (header) {
    for (const role of guessed) {
      const index = mapping[role];
      if (index === null) continue;
      const name = cellText(header[index]).trim();
      notices.push(`Column ${columnLetter(index)}${name ? ` ('${name}')` : ''} was taken as the ${ROLE_LABELS[role]} column because its values look like ${ROLE_LABELS[role]}s. Map the columns if that is wrong.`);
    }
  }

  const sampled = sample(rows, dataStart);
  const columns: ColumnInfo[] = Array.from({ length: w }, (_, c) => {
    const role = COLUMN_ROLES.find((r) => mapping[r] === c) ?? null;
    const samples: string[] = [];
    for (const row of sampled) {
      if (samples.length >= 3) break;
      if (!isBlank(row.cells[c])) samples.push(cellText(row.cells[c]).trim());
    }
    const name = header ? cellText(header[c]).trim() : '';
    return { index: c, letter: columnLetter(c), header: header ? name : null, samples, role, source: role ? source[role] : null, fit: role ? fitOf(role, c, sampled) : null };
  });

  const problems: string[] = [];
  const where = headerIndex === null ? '' : ` in the header (row ${rows[headerIndex]!.number})`;
  if (mapping.serial === null) {
    problems.push(`No serial number column was found${where}. Map the serial column (in the window: Columns…; on the command line: --map serial=COLUMN).`);
  }
  if (mapping.model === null && defaults.model === null) {
    problems.push(`No model column was found${where} and no default model was given. Map the model column, or give the model of every device (--model, e.g. SM-G991B).`);
  }
  if (mapping.salesCode === null && defaults.salesCode === null) {
    problems.push(`No sales code column was found${where} and no default sales code was given. Map the sales code column, or give the sales code of every device (--sales-code, e.g. BTU).`);
  }
  return {
    headerIndex,
    headerRow: headerIndex === null ? null : rows[headerIndex]!.number,
    dataStart,
    mapping,
    columns,
    signature: header ? headerSignature(header) : '',
    problems,
    notices,
  };
}
