// A profile's connection: its extra CA is trusted for that profile only, the client secret comes
// from the secret store, and practice mode's simulator CA never becomes trusted process-wide.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../main/auth/memory-secret-store.ts';
import { connectStoredProfile, NotLoggedInError, proveCredentials } from '../../../main/auth/profile-connection.ts';
import { createEfotaClient } from '../../../main/efota/client.ts';
import { AuthError, TransportError } from '../../../main/efota/errors.ts';
import { createNodeFetch } from '../../../main/efota/node-fetch.ts';
import { requestToken } from '../../../main/efota/token.ts';
import { connectPractice } from '../../../main/practice/practice-connection.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { buildProfile, type ProfileRecord } from '../../../main/store/profile-schema.ts';

let sim: RunningSimulator;
let root: string;
beforeAll(async () => {
  sim = await startSimulator();
  root = mkdtempSync(path.join(tmpdir(), 'fota-connect-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

const profile = (caPem?: string): ProfileRecord =>
  buildProfile(
    { name: 'Sim', baseUrl: sim.url, mdmId: sim.tenant.mdmId, customerId: sim.tenant.customerId, license: sim.tenant.license, clientId: sim.tenant.clientId, ...(caPem ? { caPem } : {}) },
    { otherNames: [], now: Date.now() },
  );

describe('profile connections', () => {
  it('connects with the secret from the store and the profile\'s own CA', async () => {
    const secrets = new MemorySecretStore();
    const p = profile(sim.caPem);
    await expect(connectStoredProfile(p, secrets, { env: {} })).rejects.toBeInstanceOf(NotLoggedInError);
    await secrets.set(p.id, 'clientSecret', sim.tenant.clientSecret);
    const c = await connectStoredProfile(p, secrets, { env: {} });
    try {
      const client = createEfotaClient({ baseUrl: c.baseUrl, identity: c.identity, tokens: c.tokens, fetch: c.fetch });
      expect((await client.licenseInfo()).licenseStatus).toBe('Normal');
    } finally {
      await c.close();
    }
  });

  it('without the extra CA the simulator is not trusted: the CA belongs to that profile only', async () => {
    await expect(proveCredentials(profile(), sim.tenant.clientId, sim.tenant.clientSecret, { env: {} })).rejects.toMatchObject({ kind: 'tls' });
    await expect(proveCredentials(profile(sim.caPem), sim.tenant.clientId, sim.tenant.clientSecret, { env: {} })).resolves.toBeUndefined();
    await expect(proveCredentials(profile(sim.caPem), sim.tenant.clientId, 'wrong', { env: {} })).rejects.toBeInstanceOf(AuthError);
  });

  it('practice mode trusts its simulator for its own connection only', async () => {
    const practice = await connectPractice(path.join(root, 'data'), { env: {} });
    try {
      const client = createEfotaClient({ baseUrl: practice.baseUrl, identity: practice.identity, tokens: practice.tokens, fetch: practice.fetch });
      expect((await client.licenseInfo()).licenseStatus).toBe('Normal');
      expect(practice.practice).toBe(true);
      expect(practice.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      // a transport without that CA, in the same process, still refuses the practice server
      const plain = createNodeFetch();
      try {
        const error = await requestToken({ baseUrl: practice.baseUrl, clientId: 'x', clientSecret: 'y', fetch: plain.fetch }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TransportError);
        expect((error as TransportError).kind).toBe('tls');
      } finally {
        await plain.close();
      }
    } finally {
      await practice.close();
    }
  });
});
