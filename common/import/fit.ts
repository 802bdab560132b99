// What values of each role usually look like, used only to recognise columns of a file without
// (recognisable) headers. The rules that decide errors live in common/efota; these are shapes.
import type { ColumnRole } from './headers.ts';

const SERIAL = /^[A-Z0-9]{8,20}$/;
const LETTER = /[A-Z]/;
const DIGIT = /\d/;
const MODEL = /^[A-Z]{2,4}-[A-Z0-9_]{2,14}$/;
const SALES_CODE = /^[A-Z0-9]{3}$/;
const IMEI = /^\d{14,17}$/;

/** True when a normalised value has the usual shape of the role. */
export function fits(role: ColumnRole, value: string): boolean {
  switch (role) {
    case 'serial':
      return SERIAL.test(value) && LETTER.test(value) && DIGIT.test(value);
    case 'model':
      return MODEL.test(value);
    case 'salesCode':
      return SALES_CODE.test(value) && LETTER.test(value);
    case 'imei':
      return IMEI.test(value);
  }
}
