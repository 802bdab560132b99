// What Excel does to device lists, recognised and named: codes turned into numbers shown in
// scientific notation (3.52E+14), numbers that lost their leading zeros, formulas saved as text,
// and codes turned into dates. The admin is told what happened and how to get the real value back.
import { NumberCell, cellText, type Cell } from './table.ts';

/** The kinds of damage the importer names. */
export type DamageKind = 'scientific-notation' | 'formula-text' | 'excel-date' | 'lost-leading-zeros';

/** One damaged value. */
export interface Damage {
  readonly kind: DamageKind;
  /** the value as the file holds it */
  readonly value: string;
  /** what happened and what to do; the column's name is put in front by the caller */
  readonly message: string;
}

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$/i;
const EXCEL_ERRORS = new Set(['#N/A', '#VALUE!', '#REF!', '#NAME?', '#DIV/0!', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#FIELD!', '#GETTING_DATA', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!']);
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_PATTERNS = [
  /^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
  new RegExp(`^\\d{1,2}[- ]${MONTH}(?:[- ]\\d{2,4})?$`, 'i'),
  new RegExp(`^${MONTH}[- ]\\d{1,4}$`, 'i'),
];

const ALL_DIGITS = /^\d+$/;
const DATE_SEPARATOR = /[-/. ]/;
const MONTH_START = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);

const TEXT_FIX = 'In the source spreadsheet, format the column as Text, enter or paste the original values again, and export again.';

/** Damage visible in one cell on its own (everything but lost leading zeros, which needs the column). */
export function cellDamage(cell: Cell | undefined, what: string): Damage | null {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    const shown = cellText(cell);
    return { kind: 'excel-date', value: shown, message: `Excel stored a date (${shown}) where a ${what} was expected: it read the code as a date. ${TEXT_FIX}` };
  }
  if (cell instanceof NumberCell) {
    const text = cell.text.trim();
    if (SCIENTIFIC.test(text)) return scientific(text, what);
    // A number of 12+ digits is shown by Excel in scientific notation; ending in zeros, it was
    // typed or read back as such (3.52E+14 → 352000000000000), or Excel cut it to 15 digits.
    if (/^\d{12,}$/.test(text) && /0{4}$/.test(text)) {
      const shown = Number(text).toExponential(2).toUpperCase();
      return {
        kind: 'scientific-notation',
        value: text,
        message: `${text} is a number that Excel shows as ${shown}: the ${what} was stored as a number in scientific notation and its last digits became zeros, so the real value is lost. ${TEXT_FIX}`,
      };
    }
    return null;
  }
  const text = cell.trim();
  if (text === '') return null;
  // Most values are plain codes: a look at the first character spares them every pattern below.
  const first = text.charCodeAt(0);
  const digit = first >= 0x30 && first <= 0x39;
  if (first === 0x3d && text.length > 1) {
    return { kind: 'formula-text', value: text, message: `The cell holds the formula ${text} instead of its result: the file was saved showing formulas. Copy the column and paste it back as values (Paste Special › Values), then export again.` };
  }
  if (first === 0x23 && EXCEL_ERRORS.has(text.toUpperCase())) {
    return { kind: 'formula-text', value: text, message: `The cell holds Excel's error ${text}: a formula failed where the ${what} should be. Fix the formula or type the value, then export again.` };
  }
  if (digit ? ALL_DIGITS.test(text) : first !== 0x2b && first !== 0x2d && !MONTH_START.has(text.slice(0, 3).toLowerCase())) return null;
  if (SCIENTIFIC.test(text)) return scientific(text, what);
  if (DATE_SEPARATOR.test(text) && DATE_PATTERNS.some((p) => p.test(text))) {
    return { kind: 'excel-date', value: text, message: `${text} is a date where a ${what} was expected: Excel read the code as a date when the file was opened. ${TEXT_FIX}` };
  }
  return null;
}

function scientific(text: string, what: string): Damage {
  return {
    kind: 'scientific-notation',
    value: text,
    message: `${text} is a number in scientific notation: Excel stored the ${what} as a number and kept only its first digits, so the real value is lost. ${TEXT_FIX}`,
  };
}

/**
 * The length most values of a column share (a histogram length → count), when one clearly
 * dominates (at least 3 values and half of them); a purely numeric value shorter than it has
 * probably lost its leading zeros.
 */
export function usualLength(lengths: ReadonlyMap<number, number>): number | null {
  let total = 0;
  let best: number | null = null;
  let bestCount = 0;
  for (const [length, n] of lengths) {
    total += n;
    if (n > bestCount) [best, bestCount] = [length, n];
  }
  return best !== null && bestCount >= 3 && bestCount * 2 >= total ? best : null;
}

/** Lost leading zeros: a purely numeric value shorter than the column's usual length. */
export function lostZeros(value: string, usual: number | null, what: string): Damage | null {
  if (usual === null || value.length >= usual || !/^\d+$/.test(value)) return null;
  const missing = usual - value.length;
  return {
    kind: 'lost-leading-zeros',
    value,
    message: `${value} has ${value.length} digits where this column's values usually have ${usual}: Excel drops leading zeros from numbers, so the ${what} may really be ${'0'.repeat(missing)}${value}. ${TEXT_FIX}`,
  };
}
