// A send to a real tenant (a stored profile, here a second simulator reached over TLS with its own
// CA): above 100 devices the admin must type the device count, checked again by main; the desktop
// notification names the profile; the network-path test reaches the server without a token.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchCreatedView, DeviceInput, ProfilesView, SendView } from '../../../common/contract.ts';
import { MemorySecretStore } from '../../../main/auth/memory-secret-store.ts';
import { createHandlers, dispatch, type HandlerTable } from '../../../main/ipc/handlers.ts';
import type { AppServices } from '../../../main/services/app-services.ts';
import { composeServices } from '../../../main/services/compose.ts';
import type { SendOutcome } from '../../../main/services/send-notification.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';

let dataDir: string;
let services: AppServices;
let table: HandlerTable;
let tenant: RunningSimulator;
const notified: SendOutcome[] = [];

beforeAll(async () => {
  tenant = await startSimulator({ seed: 'demo' });
  dataDir = mkdtempSync(path.join(tmpdir(), 'fota-real-tenant-'));
  services = composeServices({ dataDir, env: {}, transport: 'web', version: 'test', isPackaged: false, secrets: new MemorySecretStore(), backgroundRefresh: false, desktop: { notifySendFinished: (o) => notified.push(o) } });
  table = createHandlers(services);
});
afterAll(async () => {
  await services.close();
  await tenant.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ok<T>(channel: string, payload: unknown = null): Promise<T> {
  const result = await dispatch(table, channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

const devices: DeviceInput[] = [
  ...Array.from({ length: 90 }, (_, i) => ({ serial: `R58N1SP${String(i + 1).padStart(4, '0')}`, model: 'SM-G991B', salesCode: 'BTU', imei: null, row: i + 2 })),
  ...Array.from({ length: 30 }, (_, i) => ({ serial: `R58T1SP${String(i + 1).padStart(4, '0')}`, model: 'SM-A536B', salesCode: 'BTU', imei: null, row: i + 92 })),
];

describe('a real tenant', () => {
  let profileId = '';
  let batchId = '';

  it('is connected as a stored profile with its extra CA', async () => {
    const saved = await ok<ProfilesView>('profiles:save', {
      id: null,
      profile: { name: 'Lab tenant', baseUrl: tenant.url, mdmId: tenant.tenant.mdmId, customerId: tenant.tenant.customerId, license: tenant.tenant.license, clientId: tenant.tenant.clientId, extraCaPem: tenant.caPem },
      secret: tenant.tenant.clientSecret,
      activate: true,
    });
    profileId = saved.activeId;
    expect(profileId).not.toBe('practice');
  });

  it('tests the network path with one unauthenticated call (Node’s route in web mode)', async () => {
    const result = await ok<{ ok: boolean; status: number; routes: { text: string }[]; message: string }>('network:selfTest', { id: profileId });
    expect(result).toMatchObject({ ok: true, status: 401, routes: [{ text: 'DIRECT' }] });
    expect(result.message).toMatch(/network path works/);
    expect(result.message).toMatch(/HTTPS_PROXY/);
  });

  it('asks for the device count above 100 devices, and checks it again in main', async () => {
    const created = await ok<BatchCreatedView>('batches:create', { name: 'Fleet', notes: '', target: 'Latest', network: 'ANY', sources: [{ fileName: 'fleet.csv', sha256: 'c'.repeat(64), devices }] });
    batchId = created.batch.id;
    // (The lab simulator serves the documentation's sample tenant, as practice does; the profile is what makes it real.)
    const view = await ok<SendView>('send:open', { batchId });
    expect(view.tenant).toMatchObject({ profileName: 'Lab tenant', practice: false });
    expect(view.devicesToSend).toBe(120);
    expect(view.typeToConfirm).toBe(120);
    for (const typedCount of [null, 119]) {
      const refused = await dispatch(table, 'send:start', { batchId, pinLatest: false, typedCount });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!refused.ok) expect(refused.error.message).toContain('120');
    }
    expect(tenant.calls.filter((c) => c.operation === 'forceUpdate')).toHaveLength(0);
  });

  it('sends once the count is typed, and the desktop notification names the profile', async () => {
    await ok('send:start', { batchId, pinLatest: false, typedCount: 120 });
    for (let i = 0; i < 400 && (await ok<SendView | null>('send:get', { batchId }))?.stage === 'running'; i++) await new Promise((r) => setTimeout(r, 25));
    expect(tenant.calls.filter((c) => c.operation === 'forceUpdate')).toHaveLength(2);
    expect(notified).toEqual([{ batchName: 'Fleet', profileName: 'Lab tenant', practice: false, accepted: 2, rejected: 0, unknown: 0, devices: 120, stopped: false }]);
    const list = await ok<{ batches: { id: string; sendState: string }[] }>('batches:list');
    expect(list.batches.find((b) => b.id === batchId)?.sendState).toBe('sent');
  });
});
