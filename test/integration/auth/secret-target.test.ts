// The secret stays with its server: a stored client secret goes only to the token endpoint of the
// profile's saved base URL, with its saved client ID. A listener (a plain HTTP server on loopback,
// which a profile may name) records everything that reaches it; the exact calls that used to hand
// it the stored secret — `profiles:testDraft` with another base URL and `secret: null`, saving a new
// base URL then testing, `fota profile edit --base-url` then a command — must leave it untouched.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractError, ProfilesView } from '../../../common/contract.ts';
import { runCli } from '../../../main/cli/run.ts';
import { createHandlers, dispatch, type HandlerTable } from '../../../main/ipc/handlers.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { tempServices } from '../../unit/ipc/temp-services.ts';

let tenant: RunningSimulator;
let listener: Server;
let listenerUrl: string;
const reached: Array<{ method: string; url: string; body: string }> = [];

beforeAll(async () => {
  tenant = await startSimulator({ seed: 'demo' });
  listener = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      reached.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
    });
  });
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  listener.close();
  await tenant.close();
});

const labInput = () => ({
  name: 'Lab tenant',
  baseUrl: tenant.url,
  mdmId: tenant.tenant.mdmId,
  customerId: tenant.tenant.customerId,
  license: tenant.tenant.license,
  clientId: tenant.tenant.clientId,
  extraCaPem: tenant.caPem,
});

async function call<T>(table: HandlerTable, channel: string, payload: unknown): Promise<{ ok: true; data: T } | { ok: false; error: ContractError }> {
  return (await dispatch(table, channel, payload)) as { ok: true; data: T } | { ok: false; error: ContractError };
}

describe('the window (contract calls)', () => {
  it('profiles:testDraft with another base URL and secret null sends nothing anywhere, and asks for the secret', async () => {
    const t = tempServices();
    const table = createHandlers(t.services);
    try {
      const saved = await call<ProfilesView>(table, 'profiles:save', { id: null, profile: labInput(), secret: tenant.tenant.clientSecret, activate: true });
      if (!saved.ok) throw new Error(saved.error.message);
      const lab = saved.data.profiles.find((p) => p.name === 'Lab tenant');
      expect(lab?.secretStored).toBe(true);
      const id = lab?.id ?? '';

      // The saved profile, unchanged: the stored secret is used (and works).
      const same = await call<{ info: { status: string } }>(table, 'profiles:testDraft', { id, profile: labInput(), secret: null });
      expect(same.ok && same.data.info.status).toBe('Normal');

      // The reproduction: the same call naming another server.
      const elsewhere = await call(table, 'profiles:testDraft', { id, profile: { ...labInput(), baseUrl: listenerUrl }, secret: null });
      expect(elsewhere.ok).toBe(false);
      if (!elsewhere.ok) {
        expect(elsewhere.error.code).toBe('NO_CREDENTIALS');
        expect(elsewhere.error.message).toMatch(/only ever sent to the server and client it was saved for/);
      }
      // …or another client ID at the saved server.
      const otherClient = await call(table, 'profiles:testDraft', { id, profile: { ...labInput(), clientId: 'someone-elses-client' }, secret: null });
      expect(!otherClient.ok && otherClient.error.code).toBe('NO_CREDENTIALS');
      expect(reached).toEqual([]);

      // Saving the new base URL without a secret drops the stored one first; testing then sends nothing.
      const moved = await call<ProfilesView>(table, 'profiles:save', { id, profile: { ...labInput(), baseUrl: listenerUrl, extraCaPem: null }, secret: null, activate: false });
      if (!moved.ok) throw new Error(moved.error.message);
      expect(moved.data.profiles.find((p) => p.id === id)).toMatchObject({ baseUrl: listenerUrl, secretStored: false });
      expect(await t.secrets.get(id, 'clientSecret')).toBeNull();
      const tested = await call(table, 'profiles:test', { id });
      expect(!tested.ok && tested.error.code).toBe('NO_CREDENTIALS');
      const draft = await call(table, 'profiles:testDraft', { id, profile: { ...labInput(), baseUrl: listenerUrl, extraCaPem: null }, secret: null });
      expect(!draft.ok && draft.error.code).toBe('NO_CREDENTIALS');
      expect(reached).toEqual([]);

      // A secret typed for the new server goes there (the admin chose to send it).
      const typed = await call(table, 'profiles:testDraft', { id, profile: { ...labInput(), baseUrl: listenerUrl, extraCaPem: null }, secret: 'typed-for-the-listener' });
      expect(!typed.ok && typed.error.code).toBe('AUTH');
      expect(reached.map((r) => r.url)).toEqual(['/iam/auth/oauth/v2/token']);
      expect(reached[0]?.body).toContain('client_secret=typed-for-the-listener');
      expect(reached[0]?.body).not.toContain(tenant.tenant.clientSecret);
    } finally {
      reached.length = 0;
      await t.dispose();
    }
  });

  it('saving a new client ID with a new secret replaces the stored one', async () => {
    const t = tempServices();
    const table = createHandlers(t.services);
    try {
      const saved = await call<ProfilesView>(table, 'profiles:save', { id: null, profile: labInput(), secret: 'first-secret-value', activate: false });
      if (!saved.ok) throw new Error(saved.error.message);
      const id = saved.data.profiles.find((p) => p.name === 'Lab tenant')?.id ?? '';
      const changed = await call<ProfilesView>(table, 'profiles:save', { id, profile: { ...labInput(), clientId: 'new-client' }, secret: 'second-secret-value', activate: false });
      if (!changed.ok) throw new Error(changed.error.message);
      expect(await t.secrets.get(id, 'clientSecret')).toBe('second-secret-value');
      // Renaming keeps the secret: it is bound to the server and client, not to the name.
      const renamed = await call<ProfilesView>(table, 'profiles:save', { id, profile: { ...labInput(), clientId: 'new-client', name: 'Lab renamed' }, secret: null, activate: false });
      if (!renamed.ok) throw new Error(renamed.error.message);
      expect(await t.secrets.get(id, 'clientSecret')).toBe('second-secret-value');
      expect(reached).toEqual([]);
    } finally {
      await t.dispose();
    }
  });
});

describe('the command line', () => {
  it('`fota profile edit --base-url` drops the stored secret and says so; nothing reaches the new server', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fota-secret-cli-'));
    try {
      const env = { [DATA_DIR_ENV]: path.join(root, 'data'), HOME: root, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1' };
      const fota = async (argv: string[], stdin?: string) => {
        const io = memoryIo({ env, cwd: root, ...(stdin !== undefined ? { stdin } : {}) });
        const code = await runCli(argv, io);
        return { code, out: io.out(), err: io.err() };
      };
      writeFileSync(path.join(root, 'ca.pem'), tenant.caPem);
      const t = tenant.tenant;
      expect((await fota(['profile', 'add', 'Lab', '--base-url', tenant.url, '--mdm-id', t.mdmId, '--customer-id', t.customerId, '--license', t.license, '--client-id', t.clientId, '--ca', 'ca.pem', '--use'])).code).toBe(0);
      const login = await fota(['login', '--profile', 'Lab'], t.clientSecret);
      expect(login.code, login.err).toBe(0);
      expect((await fota(['license', '--profile', 'Lab'])).code).toBe(0);

      const edited = await fota(['profile', 'edit', 'Lab', '--base-url', listenerUrl, '--no-ca']);
      expect(edited.code, edited.err).toBe(0);
      expect(edited.out).toContain('The client secret stored for it was removed');
      expect(edited.out).toContain('fota login --profile "Lab"');
      const after = await fota(['license', '--profile', 'Lab']);
      expect(after.code).toBe(4);
      expect(after.err).toMatch(/no client secret stored/);
      expect(reached).toEqual([]);

      // A rename is not a new server: a secret stored again survives it.
      expect((await fota(['profile', 'edit', 'Lab', '--base-url', tenant.url, '--ca', 'ca.pem'])).code).toBe(0);
      expect((await fota(['login', '--profile', 'Lab'], t.clientSecret)).code).toBe(0);
      const renamed = await fota(['profile', 'edit', 'Lab', '--name', 'Lab 2']);
      expect(renamed.out).not.toContain('removed');
      expect((await fota(['license', '--profile', 'Lab 2'])).code).toBe(0);
    } finally {
      reached.length = 0;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
