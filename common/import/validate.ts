// Row validation: each data row's serial, model and sales code go through the E-FOTA element rules
// (common/efota checkElement — the rules are not repeated here); the importer adds what only a
// spreadsheet can tell: the row and column, Excel damage, missing columns, the import-only
// plausibility warnings of the issue (serial not 11 characters, model not SM-/GT-), and duplicates.
import type { BatchDevice } from '../batch/model.ts';
import type { Finding, Severity } from '../efota/finding.ts';
import { clean } from '../efota/normalise.ts';
import { checkElement, normaliseElement } from '../efota/rules.ts';
import { quote } from '../efota/finding-words.ts';
import { plural } from '../plural.ts';
import type { Layout } from './columns.ts';
import { cellDamage, lostZeros, usualLength, type DamageKind } from './damage.ts';
import { ROLE_LABELS, type ColumnRole } from './headers.ts';
import { cellText, columnLetter, isBlank, type Cell, type TableRow } from './table.ts';

/** What kind of finding: a rule of common/efota, or something the importer recognised. */
export type ImportFindingCode =
  | 'rule'
  | 'missing-column'
  | 'serial-length'
  | 'model-form'
  | DamageKind
  | 'duplicate-conflict'
  | 'duplicate-kept'
  | 'duplicate-left-out'
  | 'duplicate-row';

/** A finding about one cell (or one row) of the file. */
export interface ImportFinding extends Finding {
  readonly code: ImportFindingCode;
  /** the row number as the user sees it in the spreadsheet */
  readonly row: number;
  /** the column letter, or null when the value came from a default or the column is missing */
  readonly column: string | null;
  /** the column's header text, or null */
  readonly columnName: string | null;
}

/** One data row after validation. */
export interface ImportedRow {
  readonly row: number;
  /** normalised values ('' when absent); model and sales code may come from the defaults */
  readonly serial: string;
  readonly model: string;
  readonly salesCode: string;
  readonly imei: string;
  readonly severity: Severity | 'ok';
  readonly findings: readonly ImportFinding[];
  /** a repeat of an earlier identical row: shown, not sent twice */
  readonly duplicate: boolean;
}

/** Devices of one (model, sales code): one forceUpdate target. */
export interface DeviceGroup {
  readonly model: string;
  readonly salesCode: string;
  readonly count: number;
  readonly devices: readonly BatchDevice[];
}

/** Row counts. `read` = `valid` + `rejected`; `devices` = `valid` − `repeats`. */
export interface ImportTotals {
  /** data rows with at least one value */
  readonly read: number;
  /** rows without an error (warnings allowed) */
  readonly valid: number;
  /** valid rows with at least one warning */
  readonly warnings: number;
  /** rows with an error: they are not sent */
  readonly rejected: number;
  /** identical repeated rows, kept once */
  readonly repeats: number;
  /** distinct devices that can be sent */
  readonly devices: number;
  /** empty rows between the data, skipped */
  readonly blank: number;
}

/** Everything validation produced. */
export interface Validation {
  readonly rows: readonly ImportedRow[];
  readonly findings: readonly ImportFinding[];
  readonly groups: readonly DeviceGroup[];
  readonly totals: ImportTotals;
}

type Element = 'serialNumber' | 'deviceModelName' | 'salesCode';
type CodeRole = Exclude<ColumnRole, 'imei'>;
const ELEMENT: Readonly<Record<CodeRole, Element>> = { serial: 'serialNumber', model: 'deviceModelName', salesCode: 'salesCode' };
const DEFAULT_FLAG: Readonly<Record<'model' | 'salesCode', string>> = { model: '--model', salesCode: '--sales-code' };
const SERIAL_LENGTH = 11;
const PROGRESS_EVERY = 10_000;

/** A finding before it is placed on a row and column. */
interface Pending {
  readonly finding: Finding;
  readonly code: ImportFindingCode;
}

/** What one value of one role gives: its normalised form and its findings. */
interface Evaluated {
  readonly value: string;
  readonly pending: readonly Pending[];
  /** Excel damaged the value: it explains the value, so nothing more is said about it */
  readonly damaged: boolean;
}

const NOTHING: readonly Pending[] = [];
const NO_FINDINGS: readonly ImportFinding[] = [];

// A row under validation; it becomes the ImportedRow it is shaped like.
interface Work {
  readonly row: number;
  serial: string;
  model: string;
  salesCode: string;
  imei: string;
  severity: Severity | 'ok';
  findings: ImportFinding[] | readonly ImportFinding[];
  duplicate: boolean;
  /** one bit per role (BIT) whose value Excel damaged */
  damaged: number;
}

const BIT: Readonly<Record<ColumnRole, number>> = { serial: 1, model: 2, salesCode: 4, imei: 8 };
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Options of `validateRows`. */
export interface ValidateOptions {
  readonly defaults: { readonly model: string | null; readonly salesCode: string | null };
  readonly fileName: string | null;
  /** serial → the row the admin kept of a serial listed with two models or sales codes */
  readonly keep?: Readonly<Record<string, number>>;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Checks one value of one role: Excel damage first, then the E-FOTA rules, then plausibility. */
function evaluate(role: CodeRole, cell: Cell | undefined): Evaluated {
  const element = ELEMENT[role];
  const damage = cellDamage(cell, ROLE_LABELS[role]);
  if (damage) {
    // The value is not what the admin typed, so the rule message about it would mislead; the
    // code is still the one Samsung would answer if the damaged value were sent.
    const fud = checkElement(element, damage.value).find((f) => f.severity === 'error')?.fud ?? null;
    return {
      value: normaliseElement(element, damage.value),
      damaged: true,
      pending: [{ code: damage.kind, finding: { element, value: damage.value, severity: 'error', fud, message: `${capital(ROLE_LABELS[role])}: ${damage.message}` } }],
    };
  }
  const text = cellText(cell);
  const value = normaliseElement(element, text);
  const found = checkElement(element, text);
  if (found.length > 0) return { value, damaged: false, pending: found.map((finding) => ({ finding, code: 'rule' })) };
  if (value === '') return { value, damaged: false, pending: NOTHING };
  if (role === 'serial' && value.length !== SERIAL_LENGTH) {
    return { value, damaged: false, pending: [{ code: 'serial-length', finding: { element, value, severity: 'warning', fud: null,
      message: `Serial ${quote(value)} is ${plural(value.length, 'character')} long; Samsung serial numbers usually have ${SERIAL_LENGTH}, such as R58N31ABCDE. Check it is the serial number (Settings › About phone) and not an IMEI or asset tag.` } }] };
  }
  if (role === 'model' && !/^(SM|GT)-/.test(value)) {
    return { value, damaged: false, pending: [{ code: 'model-form', finding: { element, value, severity: 'warning', fud: 'FUD_3014',
      message: `Model ${quote(value)} is not in the usual SM-… or GT-… form, such as SM-G991B. Check it is the model number from Settings › About phone, or Samsung will not match it (FUD_3014).` } }] };
  }
  return { value, damaged: false, pending: NOTHING };
}

/** Everything about one role that stays the same from row to row. */
interface RoleContext {
  readonly role: CodeRole;
  readonly column: number | null;
  readonly at: Placement;
  /** the value every row gets when its cell is empty (a default), or when there is no column */
  readonly fixed: Evaluated | null;
  /** judged texts, for roles whose values repeat (models, sales codes) */
  readonly memo: Map<string, Evaluated> | null;
  /** value length → count, for the lost-zeros check (null when not checked) */
  readonly lengths: Map<number, number> | null;
}

interface Placement {
  readonly column: string | null;
  readonly columnName: string | null;
}

const count1 = (histogram: Map<number, number> | null, length: number): void => {
  if (histogram !== null && length > 0) histogram.set(length, (histogram.get(length) ?? 0) + 1);
};

/** Judges one role's cell of a row; the caller stores the value. */
function judge(ctx: RoleContext, cells: readonly Cell[], w: Work): Evaluated {
  const cell = ctx.column === null ? undefined : cells[ctx.column];
  let ev: Evaluated;
  if (ctx.fixed !== null && (ctx.column === null || isBlank(cell))) {
    ev = ctx.fixed;
    if (ev.pending.length > 0) attach(w, ev.pending, NOWHERE);
    return ev;
  }
  if (ctx.memo !== null && typeof cell === 'string') {
    const hit = ctx.memo.get(cell);
    if (hit) ev = hit;
    else {
      ev = evaluate(ctx.role, cell);
      ctx.memo.set(cell, ev);
    }
  } else {
    ev = evaluate(ctx.role, cell);
  }
  if (ev.pending.length > 0) attach(w, ev.pending, ctx.at);
  if (ev.damaged) w.damaged |= BIT[ctx.role];
  else count1(ctx.lengths, ev.value.length);
  return ev;
}

const NOWHERE: Placement = { column: null, columnName: null };

/** Validates every data row of the table under the given layout. */
export function validateRows(rows: readonly TableRow[], layout: Layout, options: ValidateOptions): Validation {
  const place = (column: number | null): Placement => {
    if (column === null) return NOWHERE;
    const name = layout.columns[column]?.header ?? null;
    return { column: columnLetter(column), columnName: name === '' ? null : name };
  };
  const context = (role: CodeRole): RoleContext => {
    const column = layout.mapping[role];
    const fallback = role === 'serial' ? null : options.defaults[role];
    let fixed: Evaluated | null = null;
    // Values given once for all rows (defaults, a missing column) are judged once.
    if (fallback !== null) {
      fixed = evaluate(role, fallback);
    } else if (column === null) {
      const element = ELEMENT[role];
      const how = role === 'serial' ? 'map the serial column' : `map the ${ROLE_LABELS[role]} column or give a default (${DEFAULT_FLAG[role]})`;
      fixed = { value: '', damaged: false, pending: [{ code: 'missing-column', finding: { element, value: '', severity: 'error', fud: checkElement(element, '')[0]?.fud ?? null,
        message: `No ${ROLE_LABELS[role]}: the file has no ${ROLE_LABELS[role]} column. To send these devices, ${how}.` } }] };
    }
    // Models and sales codes repeat on every row: each distinct text is judged once.
    return { role, column, at: place(column), fixed, memo: role === 'serial' ? null : new Map(), lengths: role === 'model' ? null : new Map() };
  };
  const serialCtx = context('serial');
  const modelCtx = context('model');
  const salesCtx = context('salesCode');
  const imeiColumn = layout.mapping.imei;
  const imeiAt = place(imeiColumn);
  const imeiLengths = new Map<number, number>();

  const work: Work[] = [];
  let blank = 0;
  // Blank rows between the data are counted by row number: a workbook hands on only the rows that
  // hold values (xlsx-scan.ts), so the empty ones show as gaps in the numbering, not as rows.
  let previous = layout.dataStart > 0 ? (rows[layout.dataStart - 1]?.number ?? 0) : 0;
  const total = rows.length - layout.dataStart;
  for (let i = layout.dataStart; i < rows.length; i++) {
    const source = rows[i]!;
    if ((i - layout.dataStart) % PROGRESS_EVERY === 0) options.onProgress?.(i - layout.dataStart, total);
    const cells = source.cells;
    if (isBlankRow(cells)) continue;
    blank += Math.max(0, source.number - previous - 1);
    previous = source.number;
    const w: Work = { row: source.number, serial: '', model: '', salesCode: '', imei: '', severity: 'ok', findings: NO_FINDINGS, duplicate: false, damaged: 0 };
    w.serial = judge(serialCtx, cells, w).value;
    w.model = judge(modelCtx, cells, w).value;
    w.salesCode = judge(salesCtx, cells, w).value;
    if (imeiColumn !== null) {
      const cell = cells[imeiColumn];
      const damage = cellDamage(cell, 'IMEI');
      if (damage) {
        attach(w, [{ code: damage.kind, finding: { element: 'imei', value: damage.value, severity: 'warning', fud: null, message: `IMEI (shown only, never sent): ${damage.message}` } }], imeiAt);
        w.damaged |= BIT.imei;
        w.imei = damage.value;
      } else {
        w.imei = clean(cellText(cell));
        count1(imeiLengths, w.imei.length);
      }
    }
    work.push(w);
  }
  options.onProgress?.(total, total);

  addLostZeros(work, [
    ['serial', serialCtx.lengths!, serialCtx.at],
    ['salesCode', salesCtx.lengths!, salesCtx.at],
    ['imei', imeiLengths, imeiAt],
  ]);
  addDuplicates(work, options.keep ?? {});
  return finish(work, blank, options.fileName);
}

function isBlankRow(cells: readonly Cell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}

/** Puts findings on the row (and column) they were found on. */
function attach(w: Work, pending: readonly Pending[], at: Placement): void {
  const list: ImportFinding[] = w.findings === NO_FINDINGS ? [] : (w.findings as ImportFinding[]);
  for (const p of pending) list.push({ ...p.finding, code: p.code, row: w.row, column: at.column, columnName: at.columnName });
  w.findings = list;
}

function addLostZeros(work: Work[], roles: readonly (readonly ['serial' | 'salesCode' | 'imei', ReadonlyMap<number, number>, Placement])[]): void {
  for (const [role, lengths, at] of roles) {
    const usual = usualLength(lengths);
    if (usual === null) continue;
    for (const w of work) {
      if (w[role].length >= usual || w.damaged & BIT[role]) continue;
      const damage = lostZeros(w[role], usual, ROLE_LABELS[role]);
      if (!damage) continue;
      // The length warning says less than this one about the same value.
      const kept = w.findings.filter((f) => !(role === 'serial' && f.code === 'serial-length'));
      const element = role === 'imei' ? 'imei' : ELEMENT[role];
      const label = role === 'imei' ? 'IMEI (shown only, never sent)' : capital(ROLE_LABELS[role]);
      w.findings = [...kept, { element, value: damage.value, severity: 'warning', fud: null, message: `${label}: ${damage.message}`, code: 'lost-leading-zeros', row: w.row, ...at }];
    }
  }
}

function addDuplicates(work: Work[], keep: Readonly<Record<string, number>>): void {
  const bySerial = new Map<string, Work | Work[]>();
  for (const w of work) {
    // Two values Excel mangled alike (3.52E+14) are not the same device.
    if (w.serial === '' || w.damaged & BIT.serial) continue;
    const seen = bySerial.get(w.serial);
    if (seen === undefined) bySerial.set(w.serial, w);
    else if (Array.isArray(seen)) seen.push(w);
    else bySerial.set(w.serial, [seen, w]);
  }
  for (const [serial, entry] of bySerial) {
    if (!Array.isArray(entry)) continue;
    const first = entry[0]!;
    const same = entry.every((w) => w.model === first.model && w.salesCode === first.salesCode);
    if (same) {
      for (const w of entry.slice(1)) {
        w.duplicate = true;
        addFinding(w, 'warning', 'duplicate-row', serial, `This row repeats row ${first.row} (serial ${quote(serial)}, same model and sales code); the device is kept once.`);
      }
      continue;
    }
    const kept = entry.find((w) => w.row === keep[serial]);
    if (kept) addKept(serial, entry, kept);
    else addConflict(serial, entry);
  }
}

const pairText = (w: Work): string => `${w.model || '(no model)'} / ${w.salesCode || '(no sales code)'}`;

function addFinding(w: Work, severity: Severity, code: ImportFindingCode, serial: string, message: string): void {
  w.findings = [...w.findings, { element: 'serialNumber', value: serial, severity, fud: null, code, row: w.row, column: null, columnName: null, message }];
}

// Neither row can be trusted until the admin says which is right: every row of the serial is an error.
function addConflict(serial: string, entry: readonly Work[]): void {
  const rowsText = listRows(entry.map((w) => w.row));
  const variants = [...new Set(entry.map(pairText))].slice(0, 4).join(', ');
  const perRow = entry.slice(0, 6).map((w) => `row ${w.row}: ${pairText(w)}`).join('; ');
  for (const w of entry) {
    addFinding(w, 'error', 'duplicate-conflict', serial,
      `Serial ${quote(serial)} appears on rows ${rowsText} with different models or sales codes (${variants}): ${perRow}. A device has one model and one sales code: correct or delete the wrong row in the file and import it again (in the window, keep the right row).`);
  }
}

// The admin kept one row: it is sent, the others are shown and left out.
function addKept(serial: string, entry: readonly Work[], kept: Work): void {
  const others = entry.filter((w) => w !== kept);
  addFinding(kept, 'warning', 'duplicate-kept', serial, `Serial ${quote(serial)} is also on ${others.length === 1 ? 'row' : 'rows'} ${listRows(others.map((w) => w.row))} with another model or sales code; you kept this row (${pairText(kept)}).`);
  for (const w of others) {
    w.duplicate = true;
    addFinding(w, 'warning', 'duplicate-left-out', serial, `Serial ${quote(serial)}: you kept row ${kept.row} (${pairText(kept)}); this row (${pairText(w)}) is left out.`);
  }
}

function listRows(rows: readonly number[]): string {
  const shown = rows.slice(0, 6).map(String);
  if (rows.length > 6) shown.push(`… (${rows.length} rows)`);
  if (shown.length === 2) return `${shown[0]} and ${shown[1]}`;
  return shown.join(', ');
}

function finish(work: Work[], blank: number, fileName: string | null): Validation {
  const findings: ImportFinding[] = [];
  const groups = new Map<string, { model: string; salesCode: string; devices: BatchDevice[] }>();
  const sourceName = fileName ?? 'pasted text';
  let rejected = 0;
  let warnings = 0;
  let repeats = 0;
  for (const w of work) {
    if (w.findings.length > 0) {
      w.severity = w.findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
      for (const f of w.findings) findings.push(f);
    }
    if (w.severity === 'error') {
      rejected++;
      continue;
    }
    if (w.severity === 'warning') warnings++;
    if (w.duplicate) {
      repeats++;
      continue;
    }
    const key = `${w.model}\u0000${w.salesCode}`;
    let group = groups.get(key);
    if (!group) {
      group = { model: w.model, salesCode: w.salesCode, devices: [] };
      groups.set(key, group);
    }
    group.devices.push(w.imei !== ''
      ? { serial: w.serial, model: w.model, salesCode: w.salesCode, imei: w.imei, source: { fileName: sourceName, row: w.row } }
      : { serial: w.serial, model: w.model, salesCode: w.salesCode, source: { fileName: sourceName, row: w.row } });
  }
  const sorted = [...groups.values()]
    .sort((a, b) => b.devices.length - a.devices.length || a.model.localeCompare(b.model) || a.salesCode.localeCompare(b.salesCode))
    .map((g) => ({ model: g.model, salesCode: g.salesCode, count: g.devices.length, devices: g.devices }));
  const read = work.length;
  return {
    rows: work,
    findings,
    groups: sorted,
    totals: { read, valid: read - rejected, warnings, rejected, repeats, devices: read - rejected - repeats, blank },
  };
}
