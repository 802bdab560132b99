// What the tracking tests share: a simulator on a ManualClock with a fixed (planted) token, a real
// client over TLS, a temporary data folder, and pushes recorded through the tracking API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../../common/clock.ts';
import { createEfotaClient, type EfotaClient } from '../../../main/efota/client.ts';
import { createNodeFetch, type NodeFetch } from '../../../main/efota/node-fetch.ts';
import { startSimulator, type RunningSimulator, type SimulatorSwitches } from '../../../main/simulator/index.ts';
import { HistoryStore } from '../../../main/store/history/history-store.ts';
import { recordAccepted, type TrackedBatch } from '../../../main/batches/track.ts';
import type { BatchHistory } from '../../../main/store/history/history-model.ts';

/** A token nobody could mistake for anything else (the simulator accepts it as its fixed token). */
export const PLANTED_TOKEN = '5eed7a11-c0de-4bad-9e11-0123456789ab';

/** 2030-06-01 12:00 UTC: far from any real date, so nothing passes by accident. */
export const START = Date.UTC(2030, 5, 1, 12, 0, 0);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The demo fleet's SM-G991B/BTU serials (R58N1SP0001…0090). */
export function phones(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `R58N1SP${String(from + i).padStart(4, '0')}`);
}

/** A running simulator on a ManualClock, its client and a temporary data folder. */
export interface TrackingRig {
  readonly sim: RunningSimulator;
  readonly clock: ManualClock;
  readonly client: EfotaClient;
  readonly transport: NodeFetch;
  readonly dataDir: string;
  readonly store: HistoryStore;
  close(): Promise<void>;
}

/** Starts the rig; `switches` apply from the start. */
export async function startRig(switches: Partial<SimulatorSwitches> = {}): Promise<TrackingRig> {
  const clock = new ManualClock(START);
  const sim = await startSimulator({ clock, fixedToken: PLANTED_TOKEN, switches });
  const transport = createNodeFetch({ extraCaPem: sim.caPem, env: {} });
  const { mdmId, customerId, license } = sim.tenant;
  const client = createEfotaClient({ baseUrl: sim.url, identity: { mdmId, customerId, license }, tokens: { getToken: () => Promise.resolve(PLANTED_TOKEN) }, fetch: transport.fetch, clock });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fota-tracking-'));
  return {
    sim,
    clock,
    client,
    transport,
    dataDir,
    store: new HistoryStore(dataDir, { clock }),
    async close() {
      await transport.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The batch identity tests record pushes under. */
export function trackedBatch(rig: TrackingRig, batchId: string, batchName = `batch ${batchId}`): TrackedBatch {
  return { batchId, batchName, customerId: rig.sim.tenant.customerId, profile: 'test', practice: false };
}

/** Pushes serials with forceUpdate (the client, directly) and records the accepted id through the tracking API. */
export async function pushAndTrack(rig: TrackingRig, batch: TrackedBatch, serials: readonly string[], options: { target?: string; callId?: string } = {}): Promise<{ forceUpdateId: string; history: BatchHistory }> {
  const target = options.target ?? 'Latest';
  const { forceUpdateId } = await rig.client.forceUpdate({ model: 'SM-G991B', salesCode: 'BTU', targetFirmwareVersion: target, networkType: 'ANY', serials });
  const history = await recordAccepted(rig.store, batch, [
    { forceUpdateId, sendId: null, callId: options.callId ?? `SM-G991B/BTU#${forceUpdateId.slice(-4)}`, model: 'SM-G991B', salesCode: 'BTU', target, network: 'ANY', serials, sentAt: new Date(rig.clock.now()).toISOString() },
  ]);
  return { forceUpdateId, history };
}

/** What the simulator itself says each device of an id is (the ground truth). */
export function truth(rig: TrackingRig, forceUpdateId: string): Map<string, { state: 'processing' | 'downloaded' | 'failed'; reason: string | null }> {
  return new Map(
    rig.sim.state.progress(forceUpdateId).map((p) => [p.serialNumber, { state: p.state === 'success' ? 'downloaded' : p.state, reason: p.state === 'failed' ? (p.reason ?? null) : null }]),
  );
}
