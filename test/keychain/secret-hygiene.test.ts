// Secret hygiene end to end: a whole CLI session (separate `fota` processes, the real keychain, the
// simulator over TLS) with HOME and the data folder in a temp dir; afterwards neither any file under
// that dir nor anything printed holds the client secret, its base64 or its URL-encoded form.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../main/auth/keytar-secret-store.ts';
import { startSimulator, type RunningSimulator } from '../../main/simulator/index.ts';
import { runFota, type FotaRun } from './fota-process.ts';
import { findLeaks, leakForms } from './secret-scan.ts';

// Characters that base64 and URL encoding both change, so each form is a distinct string to find.
const SECRET = '7f3c9e2a-41b8-4d6e-a0f5+9c/2e=81&b4?d6 z';
const CLIENT_ID = '0d9c8b7a-6f5e-4d3c-2b1a-098f7e6d5c4b';

let sim: RunningSimulator;
let root: string;
beforeAll(async () => {
  sim = await startSimulator({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }] });
  root = mkdtempSync(path.join(tmpdir(), 'fota-hygiene-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

describe('secret hygiene', () => {
  it('the scan finds the secret in each form when it is there', () => {
    const forms = leakForms(SECRET);
    expect(new Set(Object.values(forms)).size).toBe(Object.keys(forms).length); // all distinct
    for (const [form, value] of Object.entries(forms)) {
      const scratch = path.join(root, `scratch-${form}.bin`);
      writeFileSync(scratch, Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`prefix ${value} suffix`), Buffer.from([255])]));
      expect(findLeaks(SECRET, root)).toContain(`${scratch} (${form})`);
      unlinkSync(scratch);
    }
    expect(findLeaks(SECRET, root, { printed: `token request with ${forms['urlEncoded']}` })).toEqual(['printed (urlEncoded)']);
    expect(findLeaks(SECRET, root)).toEqual([]);
  });

  it('a full session leaves it nowhere but the keychain', async () => {
    const home = path.join(root, 'home');
    mkdirSync(home);
    const dataDir = path.join(home, 'data');
    const env: Record<string, string> = {
      HOME: home,
      FOTA_DESK_DATA_DIR: dataDir,
      DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'] ?? '',
    };
    const runs: Record<string, FotaRun> = {};
    const fota = async (label: string, args: string[], stdin?: string): Promise<FotaRun> => {
      const run = await runFota(args, env, stdin);
      runs[label] = run;
      return run;
    };
    const device = sim.tenant.devices[0];
    if (!device) throw new Error('the demo tenant has no device');

    expect((await fota('add', ['profile', 'add', 'Hygiene', '--base-url', sim.url, '--ca', sim.caPath, '--mdm-id', sim.tenant.mdmId, '--customer-id', sim.tenant.customerId, '--license', sim.tenant.license, '--client-id', CLIENT_ID])).code).toBe(0);
    const wrong = await fota('login-wrong', ['login'], 'not-the-secret\n');
    expect(wrong.code).toBe(4);
    const login = await fota('login', ['login', '--profile', 'Hygiene'], `${SECRET}\n`);
    expect(login.code, login.err).toBe(0);

    // it really is in the keychain (under the profile's id), which is the only place it may be
    const store = new KeytarSecretStore();
    const profileId = JSON.parse((await fota('show', ['profile', 'show', '--json'])).out).id as string;
    expect(await store.get(profileId, 'clientSecret')).toBe(SECRET);

    const lic = await fota('license', ['license']);
    expect(lic.code, lic.err).toBe(0);
    expect((await fota('license-json', ['license', '--json'])).code).toBe(0);
    expect((await fota('firmware', ['firmware', device.model, device.salesCode, '--json'])).code).toBe(0);
    expect((await fota('abnormal', ['abnormal', device.serialNumber])).code).toBe(0);
    expect((await fota('fud', ['summary', '00000000-JEA00000000'])).code).toBe(3);
    expect((await fota('list', ['profile', 'list', '--json'])).code).toBe(0);
    expect((await fota('show-human', ['profile', 'show'])).code).toBe(0);
    // the server refuses every token: the errors printed must not carry the secret either
    sim.faults = { revokeTokens: true };
    expect((await fota('revoked', ['license'])).code).toBe(4);
    sim.faults = {};
    expect((await fota('logout', ['logout'])).code).toBe(0);
    expect(await store.get(profileId, 'clientSecret')).toBeNull();
    expect((await fota('after-logout', ['license'])).code).toBe(4);

    const printed = Object.fromEntries(Object.entries(runs).flatMap(([label, r]) => [[`${label} stdout`, r.out], [`${label} stderr`, r.err]]));
    expect(findLeaks(SECRET, root, printed)).toEqual([]);
    // and the session did write files there (settings, facts, practice-free profile data), so the scan had something to read
    expect(findLeaks('"schemaVersion"', dataDir).length).toBeGreaterThan(0);
    // ~14 CLI processes in a row: the limit is a hang guard, not a speed check (a loaded 2-core machine takes 25 s)
  }, 120_000);
});
