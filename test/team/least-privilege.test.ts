// The least-privilege set-up of docs/team.md, run as written: its SQL blocks (with test passwords),
// the schema created by the owner, then a workstation connected as the app role that can share its
// sends but cannot change or delete what is there.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSECURE_MEMORY_SECRETS_ENV } from '../../main/auth/open-secret-store.ts';
import { runCli } from '../../main/cli/run.ts';
import type { RunningSimulator } from '../../main/simulator/index.ts';
import { DATA_DIR_ENV } from '../../main/store/data-folder.ts';
import { memoryIo } from '../helpers/memory-io.ts';
import { fleetSimulator, removeDir, storeFleetBatch, tempDataDir } from '../integration/sender/helpers.ts';
import { adminClient, cluster } from './helpers.ts';

const TOKEN = 'least-privilege-token-5521';
const blocks = [...readFileSync('docs/team.md', 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => (m[1] ?? '').replace('owner-password', 'owner-pw-test').replace('app-password', 'app-pw-test'));
let sim: RunningSimulator;
const dirs: string[] = [];

beforeAll(async () => {
  sim = await fleetSimulator(200, { fixedToken: TOKEN });
});
afterAll(async () => {
  await sim.close();
  for (const d of dirs) removeDir(d);
});

async function fota(dataDir: string, args: string[], stdin?: string) {
  const { mdmId, customerId, license } = sim.tenant;
  const env = { [DATA_DIR_ENV]: dataDir, [INSECURE_MEMORY_SECRETS_ENV]: '1', FOTA_BASE_URL: sim.url, FOTA_CA: sim.caPath, FOTA_MDM_ID: mdmId, FOTA_CUSTOMER_ID: customerId, FOTA_LICENSE: license, FOTA_TOKEN: TOKEN };
  const io = memoryIo({ env, cwd: dataDir, ...(stdin === undefined ? {} : { stdin }) });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function runStatements(database: string, sql: string): Promise<void> {
  const client = await adminClient(database);
  try {
    for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('the least-privilege role of docs/team.md', () => {
  it('the owner creates the schema; the app role shares sends and can neither update nor delete them', async () => {
    expect(blocks).toHaveLength(2);
    const [before, after] = (blocks[0] ?? '').split('\\connect fota');
    await runStatements('postgres', before ?? '');
    await runStatements('fota', after ?? '');
    const c = cluster();
    const url = (role: string) => `postgres://${role}@${c.host}:${c.port}/fota?sslmode=disable`;

    const owner = tempDataDir();
    dirs.push(owner);
    expect((await fota(owner, ['team', 'connect', url('fota_owner')], 'owner-pw-test\n')).code).toBe(0);
    expect((await fota(owner, ['team', 'disconnect'])).code).toBe(0);
    const ownerClient = new pg.Client({ host: c.host, port: c.port, user: 'fota_owner', password: 'owner-pw-test', database: 'fota' });
    await ownerClient.connect();
    try {
      await ownerClient.query(blocks[1] ?? '');
    } finally {
      await ownerClient.end();
    }

    const app = tempDataDir();
    dirs.push(app);
    expect((await fota(app, ['team', 'connect', url('fota_app')], 'app-pw-test\n')).code).toBe(0);
    await storeFleetBatch(app, sim, 120, { id: 'lp1' });
    expect((await fota(app, ['batch', 'send', 'lp1', '--yes'])).code).toBe(0);
    const synced = await fota(app, ['team', 'sync']);
    expect(synced.err).not.toMatch(/privilege|denied/);
    expect(synced.code).toBe(0);

    const appClient = new pg.Client({ host: c.host, port: c.port, user: 'fota_app', password: 'app-pw-test', database: 'fota' });
    await appClient.connect();
    try {
      expect(Number((await appClient.query<{ n: string }>('SELECT count(*) AS n FROM journal_records')).rows[0]?.n)).toBeGreaterThan(3);
      await expect(appClient.query('DELETE FROM journal_records')).rejects.toThrow(/permission denied/);
      await expect(appClient.query("UPDATE sends SET batch_name = 'x'")).rejects.toThrow(/permission denied/);
      await expect(appClient.query('DROP TABLE audit_entries')).rejects.toThrow(/must be owner/);
      await expect(appClient.query('CREATE TABLE intruder (x integer)')).rejects.toThrow(/permission denied/);
    } finally {
      await appClient.end();
    }
  });
});
