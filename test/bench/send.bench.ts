// Benchmark (not a test): how fast the Sender pushes a 10,000-device batch (100 calls) to the
// simulator, and what the journal's fsyncs cost. Prints one JSON object.
//   npm run bench:send
// 1. 100 ms latency per call at concurrency 1, 4 and 8: wall time and calls/s (goal: ≥ 3.5× at 4 vs 1).
// 2. Raw client calls (no journal) against journalled calls (fsync per record, audit log on), at
//    concurrency 4 with 0 ms and 100 ms latency, and the mean time per journal write
//    (goal: overhead ≤ 5 % at 100 ms). The machine is shared and noisy, so raw and journalled runs
//    alternate REPEATS times and the medians are compared.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { planBatch, type PlannedCall } from '../../common/batch/plan.ts';
import type { EfotaClient } from '../../main/efota/client.ts';
import type { RunningSimulator } from '../../main/simulator/index.ts';
import { BatchStore } from '../../main/store/batches/batch-store.ts';
import { committedForceUpdates, fleetSimulator, removeDir, senderFor, simClient, storeFleetBatch, tempDataDir } from '../integration/sender/helpers.ts';

const DEVICES = 10_000;
const REPEATS = 3;

function median<T extends { wallMs: number }>(runs: readonly T[]): T {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor(sorted.length / 2)] as T;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function target(sim: RunningSimulator): Promise<string> {
  return sim.state.catalogue('SM-G991B', 'BTU')?.at(-1)?.version ?? 'Latest';
}

/** One journalled send of the whole batch through the Sender. */
async function journalled(sim: RunningSimulator, client: EfotaClient, concurrency: number) {
  sim.reset();
  const dataDir = tempDataDir();
  try {
    await storeFleetBatch(dataDir, sim, DEVICES, { id: 'bench', target: await target(sim) });
    const opened = await senderFor(sim, dataDir, client, { concurrency }).open('bench');
    const started = performance.now();
    const outcome = await opened.session.run();
    const wallMs = performance.now() - started;
    const stats = opened.session.journalStats;
    await opened.session.close();
    if (outcome.counts.accepted !== DEVICES / 100 || committedForceUpdates(sim).length !== DEVICES / 100) throw new Error(`bench send incomplete: ${JSON.stringify(outcome.counts)}`);
    return {
      concurrency,
      calls: outcome.counts.accepted,
      wallMs: Math.round(wallMs),
      callsPerSecond: round((outcome.counts.accepted / wallMs) * 1000),
      journal: { records: stats.appends, fsyncs: stats.flushes, meanMsPerWrite: round(stats.appendMs / Math.max(1, stats.appends), 3), meanMsPerFsync: round(stats.syncMs / Math.max(1, stats.flushes), 3) },
    };
  } finally {
    removeDir(dataDir);
  }
}

/** The same calls straight through the client: no journal, no audit, same concurrency. */
async function raw(sim: RunningSimulator, client: EfotaClient, concurrency: number) {
  sim.reset();
  const dataDir = tempDataDir();
  let calls: readonly PlannedCall[];
  try {
    await storeFleetBatch(dataDir, sim, DEVICES, { id: 'bench', target: await target(sim) });
    calls = planBatch(new BatchStore(dataDir).find('bench')).calls;
  } finally {
    removeDir(dataDir);
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls.length) {
        const c = calls[next++] as PlannedCall;
        await client.forceUpdate({ model: c.model, salesCode: c.salesCode, targetFirmwareVersion: c.target, networkType: c.network ?? 'ANY', serials: c.serials });
      }
    }),
  );
  const wallMs = performance.now() - started;
  return { concurrency, calls: calls.length, wallMs: Math.round(wallMs), callsPerSecond: round((calls.length / wallMs) * 1000) };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function main(): Promise<void> {
  const sim = await fleetSimulator(DEVICES);
  const conn = simClient(sim);
  try {
    // Warm up TLS, the token and the JIT so the first measured run is not the slowest.
    await conn.client.licenseInfo();
    sim.faults = { operations: ['forceUpdate'], latencyMs: 100 };
    const raws100 = [];
    const fours100 = [];
    for (let i = 0; i < REPEATS; i++) {
      raws100.push(await raw(sim, conn.client, 4));
      fours100.push(await journalled(sim, conn.client, 4));
    }
    const one = await journalled(sim, conn.client, 1);
    const four = median(fours100);
    const eight = await journalled(sim, conn.client, 8);
    const raw100 = median(raws100);
    sim.faults = { operations: ['forceUpdate'], latencyMs: 0 };
    const raws0 = [];
    const journalled0s = [];
    for (let i = 0; i < REPEATS; i++) {
      raws0.push(await raw(sim, conn.client, 4));
      journalled0s.push(await journalled(sim, conn.client, 4));
    }
    const raw0 = median(raws0);
    const journalled0 = median(journalled0s);

    const speedup = round(one.wallMs / four.wallMs);
    const overhead100 = round(((four.wallMs - raw100.wallMs) / raw100.wallMs) * 100, 1);
    const overhead0 = round(((journalled0.wallMs - raw0.wallMs) / raw0.wallMs) * 100, 1);
    const result = {
      benchmark: 'send',
      machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? null, node: process.version, platform: `${process.platform}-${process.arch}` },
      commit: gitCommit(),
      at: new Date().toISOString(),
      batch: { devices: DEVICES, calls: DEVICES / 100 },
      repeats: REPEATS,
      latency100ms: {
        journalled: [one, four, eight],
        concurrency4AllRuns: { rawMs: raws100.map((r) => r.wallMs), journalledMs: fours100.map((r) => r.wallMs) },
        rawClientConcurrency4: raw100,
        speedup4vs1: speedup,
        goalSpeedup4vs1: 3.5,
        journalOverheadPercent: overhead100,
        goalOverheadPercent: 5,
      },
      latency0ms: {
        rawClientConcurrency4: raw0,
        journalledConcurrency4: journalled0,
        allRuns: { rawMs: raws0.map((r) => r.wallMs), journalledMs: journalled0s.map((r) => r.wallMs) },
        journalOverheadPercent: overhead0,
      },
      goalsMet: { speedup: speedup >= 3.5, overhead: overhead100 <= 5 },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await conn.close();
    await sim.close();
  }
}

await main();
