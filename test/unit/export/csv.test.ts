// The CSV writer: BOM, delimiter by locale, RFC 4180 quoting, and formula injection neutralised.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { defaultDelimiter, neutraliseFormula, parseDelimiter, toCsv, UTF8_BOM } from '../../../common/export/csv.ts';
import { resultsTable, type DeviceRow } from '../../../main/batches/results.ts';

const HOSTILE = ['=HYPERLINK("http://evil.example","x")', '+cmd|/c calc!A1', '-1+1', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

describe('toCsv', () => {
  it('starts with the UTF-8 BOM and ends rows with CRLF', () => {
    const csv = toCsv([['a', 'b'], ['c', 'd']], { delimiter: ',' });
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}a,b\r\nc,d\r\n`);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(toCsv([['a']], { delimiter: ';', bom: false, eol: '\n' })).toBe('a\n');
  });

  it('uses the chosen delimiter and quotes cells holding it, quotes or line breaks', () => {
    const csv = toCsv([['Serial', 'Reason'], ['R1', 'Download failed; retry, later'], ['R2', 'said "no"\nthen left']], { delimiter: ';' });
    expect(csv).toBe(`${UTF8_BOM}Serial;Reason\r\nR1;"Download failed; retry, later"\r\nR2;"said ""no""\nthen left"\r\n`);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' }).data;
    expect(parsed[1]).toEqual(['R1', 'Download failed; retry, later']);
    expect(parsed[2]).toEqual(['R2', 'said "no"\nthen left']);
  });

  it('neutralises every cell a spreadsheet would run as a formula', () => {
    for (const cell of HOSTILE) expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of ['R58N1SP0001', 'Download failed', '1-2', 'a=b', '']) expect(neutraliseFormula(cell)).toBe(cell);
    // A formula with a line break after it is still a formula (papaparse's escapeFormulae misses it).
    expect(toCsv([['=HYPERLINK("http://evil.example")\nx']], { delimiter: ',', bom: false })).toBe('"\'=HYPERLINK(""http://evil.example"")\nx"\r\n');
    const csv = toCsv([HOSTILE], { delimiter: ',' });
    const cells = Papa.parse<string[]>(csv.slice(1), { delimiter: ',' }).data[0] ?? [];
    expect(cells).toHaveLength(HOSTILE.length);
    for (const [i, cell] of cells.entries()) {
      expect(cell.startsWith("'")).toBe(true);
      expect(cell.slice(1)).toBe(HOSTILE[i]);
    }
  });

  it("picks ';' where decimals are written with a comma, ',' elsewhere", () => {
    expect(defaultDelimiter('de-DE')).toBe(';');
    expect(defaultDelimiter('fr-FR')).toBe(';');
    expect(defaultDelimiter('en-US')).toBe(',');
    expect(defaultDelimiter('ja-JP')).toBe(',');
    expect(defaultDelimiter('not a locale!!')).toBe(',');
    expect(new Intl.NumberFormat('de-DE').formatToParts(1.5).find((p) => p.type === 'decimal')?.value).toBe(',');
  });

  it('reads --delimiter values', () => {
    expect(parseDelimiter(',')).toBe(',');
    expect(parseDelimiter(' ; ')).toBe(';');
    expect(parseDelimiter('semicolon')).toBe(';');
    expect(parseDelimiter('\t')).toBeNull();
    expect(parseDelimiter('TAB')).toBe('\t');
    expect(parseDelimiter('|')).toBeNull();
  });
});

describe('the results table', () => {
  const row: DeviceRow = {
    serial: 'R58N1SP0001', model: 'SM-G991B', salesCode: 'BTU', state: 'failed', reason: '=cmd|"/c calc"!A1', batchId: 'b-1', batchName: '@batch', customerId: 'C', practice: false,
    forceUpdateId: '10720300601-JEA00000001', callId: 'SM-G991B/BTU#1', sendId: null, target: 'Latest', sentAt: '2030-06-01T12:00:00.000Z', expiresAt: '2030-09-01T12:00:00.000Z', asOf: '2030-06-01T14:00:00.000Z', tracking: 'final', at: '2030-06-01T12:00:00.000Z',
  };

  it('has the serial, model and sales code columns first; a practice export starts with PRACTICE', () => {
    const table = resultsTable([row], false);
    expect(table[0]?.slice(0, 3)).toEqual(['Serial Number', 'Model', 'Sales Code']);
    expect(table[1]?.slice(0, 5)).toEqual(['R58N1SP0001', 'SM-G991B', 'BTU', 'failed', '=cmd|"/c calc"!A1']);
    const csv = toCsv(table, { delimiter: ',' });
    expect(csv).toContain(`"'=cmd|""/c calc""!A1",'@batch`);
    const practice = resultsTable([row], true);
    expect(practice[0]?.[0]).toMatch(/^PRACTICE/);
    expect(practice[1]?.[0]).toBe('Serial Number');
  });
});
