// A manual column mapping: what the admin chose in the window's dialog or typed after `--map`.
// It overrides detection role by role, and can be remembered per header signature and given back.
import { ImportError } from './failure.ts';
import { COLUMN_ROLES, normaliseHeader, type ColumnRole } from './headers.ts';
import { columnLetter } from './table.ts';

/**
 * Which column plays a role: a 0-based index (what the window sends), or text as a person types it —
 * a header name, a 1-based column number or a column letter; null means "no column for this role".
 */
export type ColumnSelector = number | string | null;

/** A manual mapping; roles left out keep what detection found. */
export interface ManualMapping {
  readonly serial?: ColumnSelector;
  readonly model?: ColumnSelector;
  readonly salesCode?: ColumnSelector;
  readonly imei?: ColumnSelector;
  /** the header's row number as the user sees it, or 'none' for a file without a header row */
  readonly header?: number | 'none';
}

const KEYS: ReadonlyMap<string, ColumnRole | 'header'> = new Map([
  ['serial', 'serial'], ['serialnumber', 'serial'], ['sn', 'serial'],
  ['model', 'model'], ['modelname', 'model'],
  ['salescode', 'salesCode'], ['csc', 'salesCode'], ['sales', 'salesCode'],
  ['imei', 'imei'],
  ['header', 'header'],
]);

const bad = (message: string): ImportError => new ImportError('bad-mapping', message);

/**
 * Parses `serial=COL,model=COL,salesCode=COL,imei=COL,header=ROW` (any subset, any order). COL is a
 * header name, a column number (1 = first) or a letter (A, B, … AA); `none` leaves a role without a
 * column. ROW is the header's row number, or `none` when the file has no header row.
 */
export function parseMappingSpec(spec: string): ManualMapping {
  const out: Record<string, ColumnSelector | number | 'none'> = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) throw bad(`'${part.trim()}' is not ROLE=COLUMN. Write for example serial=B,model=Model,salesCode=3.`);
    const key = KEYS.get(normaliseHeader(part.slice(0, eq)));
    const value = part.slice(eq + 1).trim();
    if (key === undefined) throw bad(`'${part.slice(0, eq).trim()}' is not a column role. Use serial, model, salesCode, imei or header.`);
    if (key in out) throw bad(`${key} is given twice in the mapping.`);
    if (value === '') throw bad(`${key}= needs a column: a header name, a number (1 = first column) or a letter, or none.`);
    if (key === 'header') {
      if (value.toLowerCase() === 'none') out[key] = 'none';
      else if (/^\d+$/.test(value) && Number(value) >= 1) out[key] = Number(value);
      else throw bad(`header=${value}: give the header's row number (e.g. header=1) or header=none.`);
    } else {
      out[key] = value.toLowerCase() === 'none' ? null : value;
    }
  }
  return out as ManualMapping;
}

/** Writes a resolved mapping back as a spec (letters), e.g. to remember it for the same header. */
export function formatMappingSpec(mapping: Readonly<Record<ColumnRole, number | null>>, headerRow: number | null): string {
  const parts = COLUMN_ROLES.map((role) => `${role}=${mapping[role] === null ? 'none' : columnLetter(mapping[role])}`);
  parts.push(`header=${headerRow === null ? 'none' : headerRow}`);
  return parts.join(',');
}
