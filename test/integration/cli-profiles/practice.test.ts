// The built-in practice profile through the CLI: each command starts the simulator in process, and
// the tenant's changes survive to the next command through the data folder; reset restores the
// demo seed; a damaged state file is moved aside, never fatal.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { DOC } from '../../../main/simulator/index.ts';
import { exportFileName, exportRows, practiceLabel } from '../../../main/practice/practice-profile.ts';
import { practiceStatePath, resetPracticeTenant, startPracticeTenant } from '../../../main/practice/practice-tenant.ts';
import { checkSnapshot } from '../../../main/practice/tenant-snapshot.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

let root: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fota-practice-'));
  dataDir = path.join(root, 'data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function fota(args: string[]) {
  const io = memoryIo({ env: { FOTA_DESK_DATA_DIR: dataDir, HOME: root } });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const pushArgs = (serial: string) => ['force-update', '--model', 'GT-S8500AA', '--sales-code', 'QA4', '--target', 'Latest', '--network', 'ANY', serial, '--json'];

describe('practice profile', () => {
  it('works with no profile and no credentials, and says it is practice', async () => {
    const r = await fota(['license', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).result.licenseStatus).toBe('Normal');
    expect(r.err).toMatch(/PRACTICE profile/);
    // its data stays under the practice profile
    const settings = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'));
    expect(Object.keys(settings.facts)).toEqual(['practice']);
    expect(readdirSync(path.join(dataDir, 'profiles'))).toEqual(['practice']);
  });

  it('keeps a force update from one command to the next, until the tenant is reset', async () => {
    const pushed = await fota(pushArgs(DOC.serials[0]));
    expect(pushed.code, pushed.err).toBe(0);
    const id = JSON.parse(pushed.out).result.forceUpdateId as string;

    const summary = await fota(['summary', id, '--json']);
    expect(summary.code, summary.err).toBe(0);
    expect(JSON.stringify(JSON.parse(summary.out).result)).toMatch(/1/);

    const reset = await fota(['profile', 'reset-practice', '--yes']);
    expect(reset.code, reset.err).toBe(0);
    const gone = await fota(['summary', id]);
    expect(gone.code).toBe(3);
    expect(gone.err).toMatch(/FUD_3038/);
  });

  it('keeps the changes of two processes practising at the same time', async () => {
    const [a, b] = await Promise.all([fota(pushArgs(DOC.serials[0])), fota(pushArgs(DOC.serials[1]))]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    for (const r of [a, b]) expect((await fota(['summary', JSON.parse(r.out).result.forceUpdateId as string])).code).toBe(0);
  });

  it('a tenant reset elsewhere is adopted, not overwritten with the old changes', async () => {
    const tenant = await startPracticeTenant({ dataDir });
    try {
      const pushed = await fota(pushArgs(DOC.serials[2]));
      const id = JSON.parse(pushed.out).result.forceUpdateId as string;
      await tenant.save(); // picks up the other process's push
      expect(tenant.simulator.state.forceUpdate(id)).toBeDefined();
      await resetPracticeTenant(dataDir);
      await tenant.save();
      expect(tenant.simulator.state.forceUpdate(id)).toBeUndefined();
    } finally {
      await tenant.close();
    }
    expect(JSON.parse(readFileSync(practiceStatePath(dataDir), 'utf8')).forceUpdates).toEqual([]);
  });

  it('moves a damaged state file aside and carries on with the demo tenant', async () => {
    await fota(['license']);
    writeFileSync(practiceStatePath(dataDir), '{"version":1,"generation":"x","groups":"oops"}');
    const r = await fota(['license']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/saved practice tenant could not be read \(its groups are damaged\); it was moved to .*tenant\.json\.corrupt-/);
    const folder = path.dirname(practiceStatePath(dataDir));
    expect(readdirSync(folder).some((f) => f.startsWith('tenant.json.corrupt-'))).toBe(true);
    expect(existsSync(practiceStatePath(dataDir))).toBe(true);
  });

  it('refuses a saved force update without its progress plan, naming the field (the old check let it through)', () => {
    const fu = { forceUpdateId: 'FU-1', createdAt: 0, mdmId: 'M', customerId: 'C', license: 'L', model: 'SM-G991B', salesCode: 'BTU', requestedTarget: 'Latest', target: 'V1', networkType: 'ANY', serials: ['S1'], notNewer: [] };
    const snapshot = { version: 1, generation: 'g', groups: [], forceUpdates: [fu], schedules: [] };
    expect(checkSnapshot(snapshot)).toEqual({ ok: false, problem: 'its force updates are damaged', details: 'forceUpdates[0].plan: expected an object, found nothing' });
    const plan = { progressMinMinutes: 5, progressMaxMinutes: 120, progressFailureRate: 0 };
    expect(checkSnapshot({ ...snapshot, forceUpdates: [{ ...fu, plan }] }).ok).toBe(true);
  });

  it('marks exports: PRACTICE in the file name and the first row, for the practice profile only', () => {
    expect(exportFileName('devices.csv', 'practice')).toBe('PRACTICE-devices.csv');
    expect(exportFileName('PRACTICE-devices.csv', 'practice')).toBe('PRACTICE-devices.csv');
    expect(exportFileName('devices.csv', 'p-0123456789ab')).toBe('devices.csv');
    expect(exportRows([['serial', 'state']], 'practice')).toEqual([[practiceLabel()], ['serial', 'state']]);
    expect(exportRows([['serial', 'state']], 'p-0123456789ab')).toEqual([['serial', 'state']]);
    expect(practiceLabel()).toMatch(/^PRACTICE/);
  });
});
