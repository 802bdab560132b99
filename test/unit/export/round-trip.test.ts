// An export re-imports cleanly through our own importer (common/import, the code the window's
// Worker and `fota import` run): every device back, no error, with either delimiter, and with the
// PRACTICE row on top — however hostile the other cells are.
import { describe, expect, it } from 'vitest';
import { toCsv, type CsvDelimiter } from '../../../common/export/csv.ts';
import { importDevices } from '../../../common/import/index.ts';
import { resultsTable, type DeviceRow } from '../../../main/batches/results.ts';

function row(n: number, over: Partial<DeviceRow> = {}): DeviceRow {
  return {
    serial: `R58N1SP${String(n).padStart(4, '0')}`,
    model: n % 2 === 0 ? 'SM-G991B' : 'SM-A536B',
    salesCode: n % 3 === 0 ? 'XEU' : 'BTU',
    state: 'failed',
    reason: 'Download failed: network connection lost',
    batchId: 'b-0123456789ab',
    batchName: 'Sales phones; June, "wave 2"',
    customerId: '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3',
    practice: false,
    forceUpdateId: '10720300601-JEA00000001',
    callId: 'SM-G991B/BTU#1',
    sendId: null,
    target: 'Latest',
    sentAt: '2030-06-01T12:00:00.000Z',
    expiresAt: '2030-09-01T12:00:00.000Z',
    asOf: '2030-06-01T14:00:00.000Z',
    tracking: 'final',
    at: '2030-06-01T12:00:00.000Z',
    ...over,
  };
}

const ROWS: DeviceRow[] = [
  row(1),
  row(2, { reason: '=HYPERLINK("http://evil.example","click")' }),
  row(3, { reason: '+cmd|/c calc!A1', state: 'unknown' }),
  row(4, { reason: '-1+1\nsecond line', batchName: '@SUM(A1)' }),
  row(5, { reason: '\tleading tab', state: 'downloaded' }),
  row(6, { reason: null, state: 'processing', asOf: null }),
];

async function reimport(delimiter: CsvDelimiter, practice: boolean) {
  const csv = toCsv(resultsTable(ROWS, practice), { delimiter });
  const outcome = await importDevices({ bytes: new TextEncoder().encode(csv), fileName: 'results.csv' });
  if (!outcome.ok) throw new Error(`the export did not re-import: ${outcome.failure.message}`);
  return outcome.result;
}

describe('an export re-imports through the importer', () => {
  for (const delimiter of [',', ';'] as const) {
    for (const practice of [false, true]) {
      it(`with '${delimiter}'${practice ? ' and the PRACTICE row' : ''}: every device back, no error`, async () => {
        const result = await reimport(delimiter, practice);
        expect(result.delimiter).toBe(delimiter);
        expect(result.headerRow).toBe(practice ? 2 : 1);
        expect(result.mappingProblems).toEqual([]);
        expect(result.totals).toMatchObject({ read: ROWS.length, valid: ROWS.length, rejected: 0, devices: ROWS.length });
        expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
        const back = result.groups.flatMap((g) => g.devices.map((d) => [d.serial, d.model, d.salesCode].join('/'))).sort();
        expect(back).toEqual(ROWS.map((r) => [r.serial, r.model, r.salesCode].join('/')).sort());
      });
    }
  }
});
