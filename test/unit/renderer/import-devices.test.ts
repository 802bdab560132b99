// What the import Worker hands the builder: the devices of rows without errors, each serial once,
// in file order, with their rows — and the checksum of the bytes it read.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../common/batch/digest.ts';
import { importDevices } from '../../../common/import/index.ts';
import { sendableDevices, toView } from '../../../renderer/src/import/adapt.ts';

describe('devices for a batch', () => {
  it('keeps valid rows once, in file order, and leaves rows with errors out', async () => {
    const bytes = new TextEncoder().encode('Serial,Model,CSC\nR58T1SP0001,SM-A536B,BTU\nR58N1SP0001,SM-G991B,BTU\nR58N-BAD,SM-G991B,BTU\nR58T1SP0001,SM-A536B,BTU\nR58N1SP0002,SM-G991B,BTU\n');
    const outcome = await importDevices({ bytes, fileName: 'fleet.csv' });
    if (!outcome.ok) throw new Error(outcome.failure.message);
    expect(sendableDevices(outcome.result)).toEqual([
      { serial: 'R58T1SP0001', model: 'SM-A536B', salesCode: 'BTU', imei: null, row: 2 },
      { serial: 'R58N1SP0001', model: 'SM-G991B', salesCode: 'BTU', imei: null, row: 3 },
      { serial: 'R58N1SP0002', model: 'SM-G991B', salesCode: 'BTU', imei: null, row: 6 },
    ]);
    const sha = await sha256Hex(bytes);
    const view = toView(outcome.result, 'fleet.csv', sha);
    expect(view.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.devices).toHaveLength(3);
    expect(view.groups.map((g) => g.count).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
