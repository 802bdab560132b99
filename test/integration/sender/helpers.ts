// A simulator seeded with a large fleet, a real client (undici over TLS, OAuth through the
// TokenManager), and a Sender on a temporary data folder — the parts the Sender tests share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '../../../common/clock.ts';
import type { Batch, Pilot } from '../../../common/batch/model.ts';
import { TokenManager } from '../../../main/auth/token-manager.ts';
import { createEfotaClient, type EfotaClient } from '../../../main/efota/client.ts';
import { createNodeFetch } from '../../../main/efota/node-fetch.ts';
import { requestToken } from '../../../main/efota/token.ts';
import { demoSeed, startSimulator, type CallRecord, type FaultSettings, type RunningSimulator, type SeedData } from '../../../main/simulator/index.ts';
import { loadJournalState, journalDir, journalFiles } from '../../../main/batches/journal.ts';
import type { CallStatus } from '../../../main/batches/journal-state.ts';
import { Sender, type SenderOptions } from '../../../main/batches/batch-sender.ts';
import { BatchStore } from '../../../main/store/batches/batch-store.ts';
import { batch, devices, immediate } from '../../unit/batch/batch-fixture.ts';

/** The model and sales code of the test fleet (a group of the demo tenant). */
export const MODEL = 'SM-G991B';
export const SALES_CODE = 'BTU';
/** Serial prefix of the fleet devices. */
export const PREFIX = 'R5CT';

/** The demo tenant plus `count` enrolled SM-G991B/BTU devices (serials R5CT0000000…) and seats for them. */
export function fleetSeed(count: number): SeedData {
  const seed = demoSeed();
  const t = seed.tenant;
  if (!t) throw new Error('the demo seed has no tenant');
  const corpId = `${t.mdmId.toUpperCase()}/${t.customerId}/SALES-PHONES`;
  const firmware = seed.firmware.find((f) => f.model === MODEL && f.salesCode === SALES_CODE)?.versions[0]?.version ?? '';
  seed.licenses = seed.licenses.map((l) => (l.license === t.license ? { ...l, seats: count + 1000 } : l));
  for (const d of devices(MODEL, SALES_CODE, count, PREFIX)) seed.devices.push({ serialNumber: d.serial, model: MODEL, salesCode: SALES_CODE, firmware, corpId });
  return seed;
}

/** Starts a simulator with the fleet. */
export function fleetSimulator(count: number, options: { faults?: Partial<FaultSettings>; clock?: Clock; tokenLifetimeSeconds?: number; fixedToken?: string } = {}): Promise<RunningSimulator> {
  return startSimulator({ seed: fleetSeed(count), ...options });
}

/** A real client of the simulator (or of `url` with its tenant): TLS with its CA, OAuth client credentials through the TokenManager. */
export function simClient(sim: RunningSimulator, options: { clock?: Clock; url?: string } = {}): { client: EfotaClient; tokens: TokenManager; close: () => Promise<void> } {
  const { clock, url = sim.url } = options;
  const transport = createNodeFetch({ extraCaPem: sim.caPem });
  const { clientId, clientSecret, mdmId, customerId, license } = sim.tenant;
  const tokens = new TokenManager(() => requestToken({ baseUrl: url, clientId, clientSecret, fetch: transport.fetch }), clock);
  const client = createEfotaClient({ baseUrl: url, identity: { mdmId, customerId, license }, tokens, fetch: transport.fetch, ...(clock ? { clock } : {}) });
  return { client, tokens, close: () => transport.close() };
}

/** A sleep that waits at most 20 ms, so back-offs and Retry-After keep the tests quick. */
export const quickSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20)));

/** A temporary data folder (remove it with `rmSync(dir, { recursive: true })`). */
export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'fota-sender-'));
}

/** Removes a temporary data folder. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A stored batch of the first `count` fleet devices (plus `extra` serials) for the simulator's tenant. */
export async function storeFleetBatch(
  dataDir: string,
  sim: RunningSimulator,
  count: number,
  options: { id?: string; target?: string; pilot?: Pilot | null; extraSerials?: readonly string[] } = {},
): Promise<Batch> {
  const devs = [...devices(MODEL, SALES_CODE, count, PREFIX), ...(options.extraSerials ?? []).map((serial) => ({ serial, model: MODEL, salesCode: SALES_CODE }))];
  const b = batch(devs, [immediate(MODEL, SALES_CODE, options.target ?? 'Latest', 'WIFIONLY')], {
    id: options.id ?? 'fleet',
    name: `fleet ${options.id ?? ''}`.trim(),
    customerId: sim.tenant.customerId,
    pilot: options.pilot ?? null,
  });
  return new BatchStore(dataDir).create(b);
}

/** A Sender for the simulator's tenant on a data folder. */
export function senderFor(sim: RunningSimulator, dataDir: string, client: EfotaClient, options: Partial<SenderOptions> = {}): Sender {
  return new Sender({
    dataDir,
    store: new BatchStore(dataDir),
    client,
    tenant: { profile: 'test', customerId: sim.tenant.customerId, license: sim.tenant.license },
    actor: { user: 'tester', host: 'test-host' },
    retry: { sleep: quickSleep },
    ...options,
  });
}

/** The calls of every journal of a batch (latest state of each call). */
export function journalCalls(dataDir: string, batchId: string): CallStatus[] {
  return journalFiles(journalDir(dataDir), batchId).flatMap((file) => {
    const state = loadJournalState(file);
    return state.order.map((id) => state.calls.get(id) as CallStatus);
  });
}

/** The simulator's forceUpdate records (every call it committed). */
export function committedForceUpdates(sim: RunningSimulator): CallRecord[] {
  return sim.calls.filter((c) => c.operation === 'forceUpdate');
}

/** A key for "the same chunk": its serials, sorted. */
export function chunkKey(serials: readonly string[]): string {
  return [...serials].map((s) => s.toUpperCase()).sort().join(',');
}
