// Benchmark (not a test): the team record on a throwaway PostgreSQL cluster. Prints one JSON object.
//   npm run bench:team
// 1. `fota device` look-up in the shared record (PgTeamStore.pushesOf) with 1,000,000 device events
//    stored (1,000,000 serials-in-calls and as many per-device states, 10,000 sends, 200,000 devices):
//    p50/p95/p99 of 1,000 look-ups of random serials (goal: p95 ≤ 20 ms).
// 2. Sync throughput: 100,000 journal records appended to an outbox, then `syncOutbox` to the
//    database in transactions of 2,000 (goal: ≥ 20,000 records/s).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { JournalRecord } from '../../main/batches/journal-records.ts';
import { clientConfig } from '../../main/team/connection-options.ts';
import { closeOutbox, appendToOutbox } from '../../main/store/team/outbox.ts';
import type { OutboxEntry } from '../../main/store/team/outbox-entry.ts';
import { PgTeamStore } from '../../main/team/pg-team-store.ts';
import { syncOutbox } from '../../main/team/sync.ts';
import type { TeamStore } from '../../main/team/team-store.ts';
import { createCluster, destroyCluster, findPostgres } from '../team/pg-cluster.ts';

const CUSTOMER = 'BENCH-CUSTOMER';
const SENDS = 10_000;
const PER_SEND = 100;
const DEVICES = 200_000;
const LOOKUPS = 1_000;
const SYNC_RECORDS = 100_000;

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number): number => Math.round(n * 100) / 100;
const serialOf = (n: number): string => `R5BENCH${String(n).padStart(7, '0')}`;

async function fill(client: pg.Client): Promise<number> {
  const started = performance.now();
  await client.query("INSERT INTO workstations (workstation_id, host, os_user) VALUES ('ws-bench00000001', 'bench-host', 'bench')");
  await client.query(
    `INSERT INTO sends SELECT $1, 'send-' || s, 'batch-' || s, 'bench batch ' || s, 'bench', 'ws-bench00000001', 'bench', 'bench-host', now() - (s || ' minutes')::interval
       FROM generate_series(1, $2) s`,
    [CUSTOMER, SENDS],
  );
  await client.query(
    `INSERT INTO journal_records SELECT $1, 'send-' || s, 1, 'call', 'call-1', now(), jsonb_build_object('t', 'call', 'id', 'call-1', 'state', 'accepted', 'forceUpdateId', 'F' || s)
       FROM generate_series(1, $2) s`,
    [CUSTOMER, SENDS],
  );
  // Send s carries devices ((s-1)*100 + i) mod 200,000: every device is in 5 sends.
  await client.query(
    `INSERT INTO push_devices SELECT $1, 'R5BENCH' || lpad((((s - 1) * $3 + i) % $4)::text, 7, '0'), 'send-' || s, 'call-1'
       FROM generate_series(1, $2) s, generate_series(0, $3 - 1) i`,
    [CUSTOMER, SENDS, PER_SEND, DEVICES],
  );
  await client.query(
    `INSERT INTO device_states SELECT $1, 'R5BENCH' || lpad((((s - 1) * $3 + i) % $4)::text, 7, '0'), 'ws-bench00000001', 'batch-' || s, 1, 'F' || s, 'downloaded', now()
       FROM generate_series(1, $2) s, generate_series(0, $3 - 1) i`,
    [CUSTOMER, SENDS, PER_SEND, DEVICES],
  );
  await client.query('ANALYZE');
  return performance.now() - started;
}

function syntheticJournal(): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  const at = new Date().toISOString();
  const by = { user: 'bench', host: 'bench-host' };
  for (let s = 0; entries.length < SYNC_RECORDS; s++) {
    const sendId = `sync-${s}`;
    const calls = Array.from({ length: 99 }, (_, c) => ({ id: `M/S#${c + 1}`, operation: 'forceUpdate' as const, groupKey: 'M/S', model: 'M', salesCode: 'S', target: 'Latest', serials: [serialOf((s * 99 + c) % DEVICES)], pilot: false }));
    const start: JournalRecord = { t: 'start', v: 1, sendId, batchId: `sb-${s}`, batchName: `sync batch ${s}`, customerId: CUSTOMER, batchEdited: at, profile: 'bench', at, by, pilotCalls: 0, calls };
    entries.push({ k: 'journal', customerId: CUSTOMER, sendId, batchId: `sb-${s}`, seq: 0, record: start });
    for (const [i, c] of calls.entries()) {
      entries.push({ k: 'journal', customerId: CUSTOMER, sendId, batchId: `sb-${s}`, seq: i + 1, record: { t: 'call', id: c.id, state: 'accepted', forceUpdateId: `FS${s}-${i}`, at } });
    }
  }
  return entries.slice(0, SYNC_RECORDS);
}

async function main(): Promise<void> {
  const bin = findPostgres();
  if (bin === null) throw new Error('PostgreSQL is not installed (apt-get install postgresql, or set PG_BIN)');
  const cluster = await createCluster(bin);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fota-bench-team-'));
  try {
    const admin = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const config = clientConfig({ v: 1, host: cluster.host, port: cluster.port, database: 'bench', user: cluster.user, tls: 'off', caPem: null, connectedAt: '' }, cluster.password);
    const store = await PgTeamStore.open(config);
    const client = new pg.Client(config);
    await client.connect();
    const fillMs = await fill(client);
    const events = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM push_devices')).rows[0]?.n);

    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const serial = serialOf(Math.floor(Math.random() * DEVICES));
      const t = performance.now();
      found += (await store.pushesOf(null, serial)).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);

    const entries = syntheticJournal();
    const appendStarted = performance.now();
    for (let i = 0; i < entries.length; i += 5_000) await appendToOutbox(dataDir, entries.slice(i, i + 5_000));
    const appendMs = performance.now() - appendStarted;
    await closeOutbox(dataDir);
    const ws = { id: 'ws-bench00000002', host: 'bench-host', user: 'bench' };
    let applyMs = 0;
    const timed: TeamStore = {
      kind: store.kind,
      apply: async (w, batch) => {
        const t = performance.now();
        await store.apply(w, batch);
        applyMs += performance.now() - t;
      },
      pushesOf: store.pushesOf.bind(store),
      status: store.status.bind(store),
      close: store.close.bind(store),
    };
    const syncStarted = performance.now();
    const result = await syncOutbox(dataDir, timed, ws, { now: () => new Date().toISOString(), batch: Number(process.env['BENCH_SYNC_BATCH'] ?? 2_000) });
    const syncMs = performance.now() - syncStarted;
    const stored = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM journal_records WHERE send_id LIKE 'sync-%'")).rows[0]?.n);
    if (result.sent !== SYNC_RECORDS || stored !== SYNC_RECORDS) throw new Error(`bench sync incomplete: sent ${result.sent}, stored ${stored}`);
    await client.end();
    await store.close();

    const p95 = percentile(times, 95);
    const perSecond = Math.round(SYNC_RECORDS / (syncMs / 1000));
    process.stdout.write(
      `${JSON.stringify(
        {
          bench: 'team',
          machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? null, node: process.version, platform: `${process.platform}-${process.arch}`, loadAverage: loadavg().map(round) },
          commit: gitCommit(),
          postgres: bin,
          store: { deviceEvents: events, note: 'each device event: a serial in a sent call (push_devices) plus its tracked state (device_states)', sends: SENDS, devices: DEVICES, fillMs: Math.round(fillMs) },
          lookup: { count: LOOKUPS, pushesFound: found, p50Ms: round(percentile(times, 50)), p95Ms: round(p95), p99Ms: round(percentile(times, 99)), goalP95Ms: 20, met: p95 <= 20 },
          sync: { records: SYNC_RECORDS, outboxAppendMs: Math.round(appendMs), syncMs: Math.round(syncMs), databaseMs: Math.round(applyMs), batch: Number(process.env['BENCH_SYNC_BATCH'] ?? 2_000), recordsPerSecond: perSecond, goalRecordsPerSecond: 20_000, met: perSecond >= 20_000 },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    destroyCluster(cluster);
  }
}

await main();
