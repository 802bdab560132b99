// The audit log's CSV export: every column, and no cell a spreadsheet would run as a formula.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS, auditCsv } from '../../../main/batches/audit-log.ts';

describe('auditCsv', () => {
  it('writes a header and one row per entry; serials are joined and counted', () => {
    const csv = auditCsv([{ at: '2026-11-22T09:00:00.000Z', user: 'alice', event: 'call', callId: 'SM-G991B/BTU#1', serials: ['A1', 'A2'], result: 'accepted', forceUpdateId: 'FU1' }]);
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual([...AUDIT_COLUMNS]);
    const row = Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [c, rows[1]?.[i]]));
    expect(row).toMatchObject({ user: 'alice', callId: 'SM-G991B/BTU#1', devices: '2', serials: 'A1 A2', result: 'accepted', forceUpdateId: 'FU1', code: '' });
    expect(csv).toContain('\r\n');
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=1\n=2'])('neutralises %j with a leading quote', (value) => {
    const csv = auditCsv([{ user: value, detail: value }]);
    const cells = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' }).data[1] ?? [];
    expect(cells[AUDIT_COLUMNS.indexOf('user')]).toBe(`'${value}`);
    expect(cells[AUDIT_COLUMNS.indexOf('detail')]).toBe(`'${value}`);
  });

  it('quotes delimiters and quotes, and honours another delimiter', () => {
    const csv = auditCsv([{ batchName: 'a;b "c", d' }], ';');
    const cells = Papa.parse<string[]>(csv.trim(), { delimiter: ';' }).data[1] ?? [];
    expect(cells[AUDIT_COLUMNS.indexOf('batchName')]).toBe('a;b "c", d');
  });
});
