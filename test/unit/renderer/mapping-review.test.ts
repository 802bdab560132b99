// When the column-mapping dialog opens by itself: a required column without a match, two columns
// named like one role, or fewer than 90 % of a mapped column's values fitting its role.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDevices, type ImportResult } from '../../../common/import/index.ts';
import { mappingReview, toView } from '../../../renderer/src/import/adapt.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

async function read(text: string, mapping?: Record<string, number | null>): Promise<ImportResult> {
  const outcome = await importDevices({ bytes: encode(text), fileName: 'list.csv' }, mapping ? { mapping } : {});
  if (!outcome.ok) throw new Error(outcome.failure.message);
  return outcome.result;
}

describe('mapping review', () => {
  it('stays quiet when detection is confident', async () => {
    const result = await read('Serial,Model,CSC\nR58N31ABCDE,SM-G991B,BTU\nR58N31ABCDF,SM-G991B,BTU\n');
    expect(mappingReview(result)).toEqual([]);
  });

  it('asks when a required column has no match', async () => {
    const result = await read('Serial,Colour\nR58N31ABCDE,black\nR58N31ABCDF,white\n');
    const reasons = mappingReview(result);
    expect(reasons.join('\n')).toMatch(/No model column/);
    expect(reasons.join('\n')).toMatch(/No sales code column/);
  });

  it('asks when two columns are named like one role, and when a column mostly does not fit', async () => {
    const result = await read(readFileSync('test/e2e-web/fixtures/fleet-with-errors.csv', 'utf8'));
    const reasons = mappingReview(result);
    expect(reasons).toContain("2 columns look like the serial number: B 'Serial', C 'Serial No.'. Choose the right one.");
    expect(reasons).toContain("Only 70 % of the values in column B 'Serial' look like a serial number. Check that it is the right column.");
  });

  it('takes the admin’s own mapping as settled', async () => {
    const result = await read(readFileSync('test/e2e-web/fixtures/fleet-with-errors.csv', 'utf8'), { serial: 2 });
    expect(mappingReview(result)).toEqual([]);
    const view = toView(result, 'fleet-with-errors.csv', '0'.repeat(64));
    expect(view.totals).toMatchObject({ read: 10, rejected: 2 });
    expect(view.rows.find((r) => r.row === 8)?.messages).toMatch(/^Error in D: Model 'GALAXY A53' contains a space/);
    expect(view.headerKey).not.toBe('');
  });
});
