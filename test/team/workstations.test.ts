// Team mode end to end: two data folders (two workstations) and one PostgreSQL database. `fota`
// runs in-process (runCli) or as a child process, sends go over HTTPS to the simulator, and the
// database is stopped and started for real. The cluster is shared, so these tests run one file at a time.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { journalDir } from '../../main/batches/journal.ts';
import { readJsonLines } from '../../main/store/json-lines-file.ts';
import { auditLogPath } from '../../main/batches/audit-log.ts';
import { runCli } from '../../main/cli/run.ts';
import { INSECURE_MEMORY_SECRETS_ENV, openSecretStore } from '../../main/auth/open-secret-store.ts';
import type { RunningSimulator } from '../../main/simulator/index.ts';
import { DATA_DIR_ENV } from '../../main/store/data-folder.ts';
import { openTeamStore } from '../../main/team/open-team-store.ts';
import { outboxFile, readAck, writeAck } from '../../main/store/team/outbox.ts';
import { syncOutbox } from '../../main/team/sync.ts';
import type { TeamStore } from '../../main/team/team-store.ts';
import { workstation } from '../../main/store/team/team-config.ts';
import { memoryIo } from '../helpers/memory-io.ts';
import { committedForceUpdates, fleetSimulator, removeDir, storeFleetBatch, tempDataDir } from '../integration/sender/helpers.ts';
import { adminClient, cluster, freshDatabase, localUrl } from './helpers.ts';
import { startCluster, stopCluster } from './pg-cluster.ts';

const TOKEN = 'team-test-fixed-token-7731';
let sim: RunningSimulator;
let db: string;
let dataA: string;
let dataB: string;

beforeAll(async () => {
  sim = await fleetSimulator(1000, { fixedToken: TOKEN });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.reset();
  sim.faults = {};
  db = await freshDatabase();
  dataA = tempDataDir();
  dataB = tempDataDir();
});
afterEach(() => {
  removeDir(dataA);
  removeDir(dataB);
});

function env(dataDir: string): Record<string, string> {
  const { mdmId, customerId, license } = sim.tenant;
  return {
    [DATA_DIR_ENV]: dataDir,
    [INSECURE_MEMORY_SECRETS_ENV]: '1',
    FOTA_BASE_URL: sim.url,
    FOTA_CA: sim.caPath,
    FOTA_MDM_ID: mdmId,
    FOTA_CUSTOMER_ID: customerId,
    FOTA_LICENSE: license,
    FOTA_TOKEN: TOKEN,
  };
}

async function fota(dataDir: string, args: string[], options: { stdin?: string } = {}) {
  const io = memoryIo({ env: env(dataDir), cwd: dataDir, ...options });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function connect(dataDir: string): Promise<void> {
  const r = await fota(dataDir, ['team', 'connect', localUrl(db)], { stdin: `${cluster().password}\n` });
  expect(r.err.replace(/fota: warning: client secrets are kept in memory only.*\n/, '')).toBe('');
  expect(r.code).toBe(0);
}

async function withStore<T>(dataDir: string, use: (store: TeamStore) => Promise<T>): Promise<T> {
  const opened = await openTeamStore(dataDir, openSecretStore({ env: env(dataDir), isPackaged: false }));
  try {
    return await use(opened.store);
  } finally {
    await opened.store.close();
  }
}

/** Every (send id, record number) in the local journals of a data folder, and the audit lines. */
function localRecord(dataDir: string): { journal: string[]; audit: number } {
  const dir = journalDir(dataDir);
  const journal = readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .flatMap((n) => {
      const values = readJsonLines(path.join(dir, n)).values as Array<{ sendId?: string }>;
      const sendId = values[0]?.sendId ?? '';
      return values.map((_, seq) => `${sendId}#${seq}`);
    });
  return { journal: journal.sort(), audit: readJsonLines(auditLogPath(dataDir)).values.length };
}

async function serverRecord(workstationId: string): Promise<{ journal: string[]; audit: number; histories: number }> {
  const client = await adminClient(db);
  try {
    const journal = await client.query<{ k: string }>(
      "SELECT r.send_id || '#' || r.seq AS k FROM journal_records r JOIN sends s USING (customer_id, send_id) WHERE s.workstation_id = $1",
      [workstationId],
    );
    const audit = await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_entries WHERE workstation_id = $1', [workstationId]);
    const histories = await client.query<{ n: string }>('SELECT count(DISTINCT batch_id) AS n FROM history_states WHERE workstation_id = $1', [workstationId]);
    return { journal: journal.rows.map((r) => r.k).sort(), audit: Number(audit.rows[0]?.n), histories: Number(histories.rows[0]?.n) };
  } finally {
    await client.end();
  }
}

const serial = (n: number): string => `R5CT${String(n).padStart(7, '0')}`;

describe('team mode: two workstations, one database', () => {
  it('connect proves the password first: a wrong one is refused (exit 4) and nothing is stored', async () => {
    const r = await fota(dataA, ['team', 'connect', localUrl(db)], { stdin: 'not-the-password\n' });
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/refused the user or password/);
    expect(r.err).not.toContain('not-the-password');
    const status = await fota(dataA, ['team', 'status']);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^Solo:/);
    expect(await openSecretStore({ env: env(dataA), isPackaged: false }).get(`team-${workstation(dataA).id}`, 'dbPassword')).toBeNull();
  });

  it('a send from A is seen by B, with who sent it from where; the server holds every local record once', async () => {
    await connect(dataA);
    await connect(dataB);
    await storeFleetBatch(dataA, sim, 150, { id: 'a1' });
    expect((await fota(dataA, ['batch', 'send', 'a1', '--yes'])).code).toBe(0);
    const synced = await fota(dataA, ['team', 'sync']);
    expect(synced.code).toBe(0);
    expect(synced.out).toMatch(/Synced: \d+ record\(s\) sent, the outbox is empty/);

    const wsA = workstation(dataA);
    const pushes = await withStore(dataB, (s) => s.pushesOf(sim.tenant.customerId, serial(120)));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ batchId: 'a1', workstationId: wsA.id, callState: 'accepted', customerId: sim.tenant.customerId });
    expect(pushes[0]?.forceUpdateId).toMatch(/\S+/);
    expect(await withStore(dataB, (s) => s.pushesOf('another-tenant', serial(120)))).toEqual([]);

    // The helpdesk on B asks about a device only A pushed.
    const device = await fota(dataB, ['device', serial(120)]);
    expect(device.code).toBe(0);
    expect(device.out).toContain(`${serial(120)}: never pushed by FOTA Desk here`);
    expect(device.out).toMatch(new RegExp(`Pushed from other workstations of the team:\\n  sent — batch 'fleet a1' \\(a1\\), forceUpdateId \\S+, sent \\S+ by ${wsA.user}@${wsA.host} \\(workstation ${wsA.id}\\)`));
    const json = await fota(dataB, ['device', serial(120), '--json']);
    expect((JSON.parse(json.out) as { result: { otherWorkstations: unknown[] } }).result.otherWorkstations).toHaveLength(1);
    // A's own look-up shows its local record, not the same push a second time.
    expect((await fota(dataA, ['device', serial(120)])).out).not.toContain('other workstations');
    expect((await fota(dataB, ['device', 'R5CTNEVERSENT'])).code).toBe(2);

    const local = localRecord(dataA);
    const server = await serverRecord(wsA.id);
    expect(server.journal).toEqual(local.journal);
    expect(server.audit).toBe(local.audit);
    expect(server.histories).toBe(1);

    const status = await fota(dataB, ['team', 'status']);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/Team: connected/);
    expect(status.out).toMatch(/schema version 1, 2 workstation\(s\)/);
    expect(status.out).toMatch(/outbox {7}0 record\(s\) waiting/);

    // Leaving the team forgets the connection and its password; the local record stays.
    const secrets = openSecretStore({ env: env(dataB), isPackaged: false });
    expect(await secrets.get(`team-${workstation(dataB).id}`, 'dbPassword')).toBe(cluster().password);
    const left = await fota(dataB, ['team', 'disconnect']);
    expect(left.code).toBe(0);
    expect(left.out).toMatch(/^Disconnected: this workstation is solo again/);
    expect(await secrets.get(`team-${workstation(dataB).id}`, 'dbPassword')).toBeNull();
    expect((await fota(dataB, ['team', 'status'])).out).toMatch(/^Solo:/);
    expect((await fota(dataB, ['team', 'disconnect'])).out).toMatch(/^Already solo/);
  });

  it('replaying the whole outbox twice, and re-reading the local record, stores one row each', async () => {
    await connect(dataA);
    await storeFleetBatch(dataA, sim, 250, { id: 'r1' });
    expect((await fota(dataA, ['batch', 'send', 'r1', '--yes'])).code).toBe(0);
    expect((await fota(dataA, ['team', 'sync'])).code).toBe(0);
    const first = await serverRecord(workstation(dataA).id);
    for (let i = 0; i < 2; i++) {
      writeAck(dataA, { offset: 0, lastSync: null });
      const again = await fota(dataA, ['team', 'sync']);
      expect(again.code).toBe(0);
      expect(Number(/Synced: (\d+)/.exec(again.out)?.[1])).toBeGreaterThan(first.journal.length);
    }
    expect((await fota(dataA, ['team', 'sync', '--rescan'])).code).toBe(0);
    const after = await serverRecord(workstation(dataA).id);
    expect(after).toEqual(first);
    expect(after.journal).toEqual(localRecord(dataA).journal);
  });

  it('A sends while the database is stopped: nothing is lost, and once it is back B sees every push once', async () => {
    await connect(dataA);
    await connect(dataB);
    await storeFleetBatch(dataA, sim, 300, { id: 'd1' });
    stopCluster(cluster());
    try {
      const sent = await fota(dataA, ['batch', 'send', 'd1', '--yes']);
      expect(sent.code).toBe(0);
      expect(sent.err).toMatch(/fota batch send: notice: team: the database server cannot be reached .*\d+ record\(s\) wait in the outbox; they go out with the next command/);
      const offline = await fota(dataA, ['team', 'sync']);
      expect(offline.code).toBe(5);
      expect(offline.err).toMatch(/cannot be reached .*\d+ record\(s\) wait in the outbox; nothing is lost/);
      const status = await fota(dataA, ['team', 'status']);
      expect(status.code).toBe(5);
      expect(status.out).toMatch(/Team: offline/);
    } finally {
      startCluster(cluster());
    }
    expect((await fota(dataA, ['team', 'status'])).out).toMatch(/Team: catching up/);
    // The next command on A (any but `fota team …`) sends what waited, by itself.
    const next = await fota(dataA, ['history']);
    expect(next.code).toBe(0);
    expect(next.err).not.toMatch(/notice: team/);
    expect((await fota(dataA, ['team', 'status'])).out).toMatch(/Team: connected/);
    expect((await fota(dataA, ['team', 'sync'])).out).toMatch(/Synced: 0 record\(s\) sent/);
    for (const n of [0, 99, 100, 299]) {
      const pushes = await withStore(dataB, (s) => s.pushesOf(sim.tenant.customerId, serial(n)));
      expect(pushes.map((p) => [p.batchId, p.callState])).toEqual([['d1', 'accepted']]);
    }
    const client = await adminClient(db);
    try {
      const devices = await client.query<{ n: string; d: string }>("SELECT count(*) AS n, count(DISTINCT serial) AS d FROM push_devices WHERE send_id IN (SELECT send_id FROM sends WHERE batch_id = 'd1')");
      expect(devices.rows[0]).toEqual({ n: '300', d: '300' });
    } finally {
      await client.end();
    }
    expect((await serverRecord(workstation(dataA).id)).journal).toEqual(localRecord(dataA).journal);
  });

  it('a sync that dies between the database commit and its acknowledgement is replayed without duplicates', async () => {
    await connect(dataA);
    await storeFleetBatch(dataA, sim, 400, { id: 'k1' });
    expect((await fota(dataA, ['batch', 'send', 'k1', '--yes'])).code).toBe(0);
    const ws = workstation(dataA);
    const ackBefore = readAck(dataA);
    // Dies right after its first batch is committed, before the offset is written.
    const dying = await openTeamStore(dataA, openSecretStore({ env: env(dataA), isPackaged: false }));
    const crash = new Error('killed after commit');
    const store: TeamStore = {
      ...dying.store,
      kind: 'postgres',
      apply: async (w, entries) => {
        await dying.store.apply(w, entries);
        throw crash;
      },
      pushesOf: (c, s) => dying.store.pushesOf(c, s),
      status: () => dying.store.status(),
      close: () => dying.store.close(),
    };
    await expect(syncOutbox(dataA, store, ws, { now: () => new Date().toISOString(), batch: 5 })).rejects.toBe(crash);
    await dying.store.close();
    expect(readAck(dataA)).toEqual(ackBefore);
    expect((await fota(dataA, ['team', 'sync'])).code).toBe(0);
    expect((await serverRecord(ws.id)).journal).toEqual(localRecord(dataA).journal);
  });

  it('a `fota batch send` killed mid-send: the resumed send and a sync leave the server equal to the local journal', async () => {
    await connect(dataA);
    await storeFleetBatch(dataA, sim, 1000, { id: 'x1' });
    sim.faults = { operations: ['forceUpdate'], latencyMs: 5, afterCommitDelayMs: 200 };
    const child = spawn(process.execPath, ['out/node/fota.mjs', 'batch', 'send', 'x1', '--yes', '--concurrency', '2'], {
      env: { PATH: process.env['PATH'], HOME: dataA, ...env(dataA) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill once two calls were accepted: in the middle of the batch's 10 calls, with records on their way to the outbox.
    for (let i = 0; i < 1000 && (out.match(/: accepted/g) ?? []).length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const committed = committedForceUpdates(sim).length;
    expect(committed).toBeGreaterThanOrEqual(2);
    expect(committed).toBeLessThan(10);
    expect(existsSync(outboxFile(dataA))).toBe(true);
    sim.faults = {};
    const resumed = await fota(dataA, ['batch', 'send', 'x1', '--yes']);
    expect([0, 7]).toContain(resumed.code);
    expect((await fota(dataA, ['team', 'sync'])).code).toBe(0);
    expect((await serverRecord(workstation(dataA).id)).journal).toEqual(localRecord(dataA).journal);
  });

  it('no token, client secret or database password in any table, file or log', async () => {
    await connect(dataA);
    await connect(dataB);
    await storeFleetBatch(dataA, sim, 150, { id: 's1' });
    expect((await fota(dataA, ['batch', 'send', 's1', '--yes'])).code).toBe(0);
    expect((await fota(dataA, ['team', 'sync'])).code).toBe(0);
    expect((await fota(dataA, ['team', 'status'])).code).toBe(0);
    const secrets = [TOKEN, sim.tenant.clientSecret, cluster().password];
    const client = await adminClient(db);
    try {
      const tables = await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'");
      let rows = 0;
      for (const { t } of tables.rows) {
        const all = await client.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM ${t} x`);
        rows += all.rows.length;
        for (const row of all.rows) for (const s of secrets) expect(row.j).not.toContain(s);
      }
      expect(rows).toBeGreaterThan(20);
    } finally {
      await client.end();
    }
    for (const dir of [dataA, dataB]) {
      const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
      expect(files.length).toBeGreaterThan(dir === dataA ? 8 : 2);
      for (const f of files) {
        const text = readFileSync(path.join(f.parentPath, f.name), 'utf8');
        for (const s of secrets) expect(text, path.join(f.parentPath, f.name)).not.toContain(s);
      }
    }
  });
});
