// Column headers: what admins and MDM consoles call the serial, model, sales code and IMEI columns.
// Names are compared without case, spaces, punctuation or accents, so "Serial No.", "serial_no" and
// "SERIAL NO" are one name. The normalised header row is also the key a remembered mapping is
// filed under (`headerSignature`).
import { cellText, type Cell } from './table.ts';

/** A role a column can play. IMEI is kept for display only: E-FOTA never takes one. */
export type ColumnRole = 'serial' | 'model' | 'salesCode' | 'imei';

/** Every role, in the order findings and mappings list them. */
export const COLUMN_ROLES: readonly ColumnRole[] = ['serial', 'model', 'salesCode', 'imei'];

/** What each role is called in messages. */
export const ROLE_LABELS: Readonly<Record<ColumnRole, string>> = {
  serial: 'serial number',
  model: 'model',
  salesCode: 'sales code',
  imei: 'IMEI',
};

/** Header names per role, already normalised (see `normaliseHeader`). */
export const HEADER_SYNONYMS: Readonly<Record<ColumnRole, readonly string[]>> = {
  serial: [
    'serial', 'serialnumber', 'serialno', 'serialnum', 'serialnr', 'sn', 'sno', 'serialnumbers',
    'deviceserial', 'deviceserialnumber', 'deviceserialno', 'devicesn', 'hardwareserial', 'hardwareserialnumber',
    'seriennummer', 'numerodeserie', 'numerodiserie', 'serienummer', 'numerseryjny',
  ],
  model: [
    'model', 'modelname', 'devicemodel', 'devicemodelname', 'modelnumber', 'modelno', 'modelcode',
    'modell', 'modele', 'modelo', 'modello',
  ],
  salesCode: [
    'salescode', 'csc', 'salescodecsc', 'csccode', 'carriercode', 'customercode', 'cscsalescode',
  ],
  imei: ['imei', 'imei1', 'imeinumber', 'imeino', 'imeimeid', 'meid', 'imeiormeid', 'imeinr'],
};

const LOOKUP: ReadonlyMap<string, ColumnRole> = new Map(
  COLUMN_ROLES.flatMap((role) => HEADER_SYNONYMS[role].map((name) => [name, role] as const)),
);

/** Lower-case letters and digits only, accents removed: "Serial No." → "serialno", "S/N" → "sn". */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The role a header name stands for, or null. */
export function roleOfHeader(text: string): ColumnRole | null {
  return LOOKUP.get(normaliseHeader(text)) ?? null;
}

/**
 * The key of a header row: its normalised names joined with `|`, trailing empty cells dropped.
 * Files exported by the same tool share it, so a mapping the admin chose once can be filed under
 * it and offered again (the window keeps them with its settings; the CLI takes `--map`).
 */
export function headerSignature(cells: readonly Cell[]): string {
  const names = cells.map((c) => normaliseHeader(cellText(c)));
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  return names.join('|');
}

/** Roles recognised in one row: role → first column index holding one of its names. */
export function rolesInRow(cells: readonly Cell[]): Map<ColumnRole, number> {
  const found = new Map<ColumnRole, number>();
  cells.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const role = roleOfHeader(cell);
    if (role !== null && !found.has(role)) found.set(role, index);
  });
  return found;
}

/** True when a row reads as a header: it names the serial column, or two of the other roles. */
export function looksLikeHeader(cells: readonly Cell[]): boolean {
  const roles = rolesInRow(cells);
  return roles.has('serial') || roles.size >= 2;
}
