// Practice with your own fleet: a ~1,000-device list the practice tenant has never seen, in four
// model/sales-code groups (two unknown to its catalogue), reaches a practice send through the CLI;
// a real profile — one pointing at a simulator started separately — never gets anything enrolled.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { startSimulator } from '../../../main/simulator/index.ts';
import { practiceStatePath } from '../../../main/practice/practice-tenant.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

let root: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fota-own-fleet-'));
  dataDir = path.join(root, 'data');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function fota(args: string[], stdin?: string) {
  const io = memoryIo({ env: { FOTA_DESK_DATA_DIR: dataDir, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1', HOME: root }, cwd: root, ...(stdin === undefined ? {} : { stdin }) });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

// Two pairs the demo catalogue knows, two it does not; 994 devices as in the issue.
const GROUPS = [
  { model: 'SM-G991B', salesCode: 'BTU', count: 300, tag: 'A' },
  { model: 'SM-A536B', salesCode: 'XEU', count: 250, tag: 'B' },
  { model: 'SM-A546B', salesCode: 'DBT', count: 244, tag: 'C' },
  { model: 'SM-S711B', salesCode: 'XEF', count: 200, tag: 'D' },
] as const;

function writeFleet(): string {
  const rows = ['Serial Number,Model,Sales Code'];
  for (const g of GROUPS) for (let i = 1; i <= g.count; i++) rows.push(`RF8W${g.tag}${String(i).padStart(6, '0')},${g.model},${g.salesCode}`);
  const file = path.join(root, 'our-fleet.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

const create = (file: string, extra: string[] = []) => fota(['batch', 'create', file, '--name', 'Our fleet', '--target', 'Latest', '--network', 'ANY', ...extra]);

describe('practice with your own fleet', () => {
  it('enrols an unknown fleet and makes practice firmware, so plan and send work', async () => {
    const created = await create(writeFleet());
    expect(created.code, created.err).toBe(0);

    const plan = await fota(['batch', 'plan', 'Our fleet', '--json']);
    expect(plan.code, plan.err).toBe(0);
    const { preview } = JSON.parse(plan.out) as { preview: { totals: { devicesToSend: number; excluded: number }; findings: Array<{ message: string; fud: string | null }> } };
    expect(preview.totals.devicesToSend).toBe(994);
    expect(preview.totals.excluded).toBe(0);
    expect(JSON.stringify(preview)).not.toMatch(/FUD_3030/);
    // said plainly, in the output and in the findings the window shows
    expect(plan.err).toMatch(/Practice only: 994 devices of this list were not known to the practice tenant and were enrolled/);
    expect(plan.err).toMatch(/SM-A546B\/DBT, SM-S711B\/XEF got made-up PRACTICE firmware/);
    expect(preview.findings.some((f) => f.message.startsWith('Practice only: 994 devices'))).toBe(true);

    // kept in the data folder: the next process knows the fleet and the practice firmware
    const saved = JSON.parse(readFileSync(practiceStatePath(dataDir), 'utf8')) as { fleet: { devices: unknown[]; firmware: Array<{ model: string; versions: Array<{ version: string }> }> } };
    expect(saved.fleet.devices).toHaveLength(994);
    expect(saved.fleet.firmware.map((f) => f.model).sort()).toEqual(['SM-A546B', 'SM-S711B']);
    expect(saved.fleet.firmware.flatMap((f) => f.versions.map((v) => v.version)).every((v) => v.includes('PRACTICE'))).toBe(true);
    const firmware = await fota(['firmware', 'SM-A546B', 'DBT', '--json']);
    expect(firmware.code, firmware.err).toBe(0);
    expect(firmware.out).toMatch(/A546BPRACTICE2/);

    // a second plan has nothing new to enrol and says nothing about it
    const again = await fota(['batch', 'plan', 'Our fleet']);
    expect(again.code, again.err).toBe(0);
    expect(again.err).not.toMatch(/Practice only/);

    const sent = await fota(['batch', 'send', 'Our fleet', '--yes', '--json']);
    expect(sent.code, sent.err).toBe(0);
    expect(sent.err + sent.out).not.toMatch(/FUD_30(30|31)/);
  });

  it('never enrols anything for a real profile, even one whose server is a simulator', async () => {
    const sim = await startSimulator();
    try {
      const { mdmId, customerId, license, clientId, clientSecret } = sim.tenant;
      const added = await fota(['profile', 'add', 'Acme', '--base-url', sim.url, '--ca', sim.caPath, '--mdm-id', mdmId, '--customer-id', customerId, '--license', license, '--client-id', clientId]);
      expect(added.code, added.err).toBe(0);
      expect((await fota(['login', '--profile', 'Acme'], `${clientSecret}\n`)).code).toBe(0);
      const before = sim.state.devices().length;

      expect((await create(writeFleet(), ['--profile', 'Acme'])).code).toBe(0);
      const plan = await fota(['batch', 'plan', 'Our fleet', '--profile', 'Acme', '--json']);
      const { preview } = JSON.parse(plan.out) as { preview: { totals: { devicesToSend: number; excluded: number } } };
      // Samsung's answer stands: every device is Not Enrolled, nothing to send, nothing made up
      expect(preview.totals.excluded).toBe(994);
      expect(preview.totals.devicesToSend).toBe(0);
      expect(plan.err).not.toMatch(/Practice only/);
      expect(sim.state.devices()).toHaveLength(before);
      expect(sim.state.catalogue('SM-A546B', 'DBT')).toBeUndefined();
    } finally {
      await sim.close();
    }
  });
});
