// Runs in the Worker only: turns the importer's result into what the page shows, and decides when
// the column-mapping dialog should open (a required column without a match, two columns named
// like one role, or a mapped column whose values mostly do not fit its role).
import type { ImportResult } from '../../../common/import/index.ts';
import { COLUMN_ROLES, ROLE_LABELS, roleOfHeader } from '../../../common/import/headers.ts';
import type { DeviceInput } from '../../../common/contract/batch-views.ts';
import { MIN_FIT, type ImportColumnView, type ImportRowView, type ImportView } from './view.ts';

const percent = (share: number): string => `${Math.round(share * 100)} %`;

/** Why the mapping should be reviewed by the admin, in words. */
export function mappingReview(result: ImportResult): string[] {
  const out = [...result.mappingProblems];
  for (const role of COLUMN_ROLES) {
    const index = result.mapping[role];
    const column = index === null ? undefined : result.columns.find((c) => c.index === index);
    // What the admin mapped by hand is settled; only detection is questioned.
    if (column?.source === 'manual') continue;
    const named = result.columns.filter((c) => c.header !== null && roleOfHeader(c.header) === role);
    if (named.length > 1) {
      out.push(`${named.length} columns look like the ${ROLE_LABELS[role]}: ${named.map((c) => `${c.letter} '${c.header ?? ''}'`).join(', ')}. Choose the right one.`);
    }
    if (column && column.fit !== null && column.fit < MIN_FIT) {
      out.push(`Only ${percent(column.fit)} of the values in column ${column.letter}${column.header ? ` '${column.header}'` : ''} look like a ${ROLE_LABELS[role]}. Check that it is the right column.`);
    }
  }
  return out;
}

/** The devices a batch can take, in file order: what the builder sends to main (which checks them again). */
export function sendableDevices(result: ImportResult): DeviceInput[] {
  const devices = result.groups.flatMap((g) => g.devices);
  devices.sort((a, b) => (a.source?.row ?? 0) - (b.source?.row ?? 0));
  return devices.map((d) => ({ serial: d.serial, model: d.model, salesCode: d.salesCode, imei: d.imei ?? null, row: d.source?.row ?? null }));
}

/** The page's view of an import result; `sha256` is the checksum of the bytes read. */
export function toView(result: ImportResult, fileName: string, sha256: string): ImportView {
  const rows: ImportRowView[] = result.rows.map((r) => ({
    row: r.row,
    serial: r.serial,
    model: r.model,
    salesCode: r.salesCode,
    imei: r.imei,
    severity: r.severity,
    duplicate: r.duplicate,
    messages: r.findings.map((f) => `${f.severity === 'error' ? 'Error' : 'Warning'}${f.column ? ` in ${f.column}` : ''}: ${f.message}${f.fud ? ` (${f.fud})` : ''}`).join('\n'),
  }));
  const columns: ImportColumnView[] = result.columns.map((c) => ({ index: c.index, letter: c.letter, header: c.header, samples: c.samples, role: c.role, fit: c.fit }));
  const t = result.totals;
  return {
    fileName,
    sheet: result.sheet,
    sheets: result.sheets,
    headerKey: result.headerSignature,
    columns,
    mapping: result.mapping,
    mappingProblems: mappingReview(result),
    notices: result.notices,
    rows,
    totals: { read: t.read, valid: t.valid, warnings: t.warnings, rejected: t.rejected, repeats: t.repeats, devices: t.devices },
    groups: result.groups.map((g) => ({ model: g.model, salesCode: g.salesCode, count: g.count })),
    devices: sendableDevices(result),
    sha256,
  };
}
