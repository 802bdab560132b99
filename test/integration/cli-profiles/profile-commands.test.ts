// `fota profile|login|logout` and an operation command using a profile, in-process, against the
// simulator over real TLS. Secrets go to the in-memory test store here (the keychain suite repeats
// the session against a real Secret Service); the data folder is a temp dir.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../../main/auth/open-secret-store.ts';
import { runCli } from '../../../main/cli/run.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

let sim: RunningSimulator;
let root: string;
let dataDir: string;
const env = (): Record<string, string> => ({ FOTA_DESK_DATA_DIR: dataDir, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1', HOME: root });
const secrets = openSecretStore({ env: { FOTA_DESK_INSECURE_MEMORY_SECRETS: '1' }, isPackaged: false });

async function fota(args: string[], stdin?: string) {
  const io = memoryIo({ env: env(), cwd: root, ...(stdin === undefined ? {} : { stdin }) });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

function settingsJson(): { activeProfileId: string; profiles: Array<{ id: string; name: string; clientId?: string }>; facts: Record<string, { license?: unknown; firmware: Record<string, unknown> }> } {
  return JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8'));
}

const addArgs = (name: string): string[] => ['profile', 'add', name, '--base-url', sim.url, '--ca', sim.caPath, '--mdm-id', sim.tenant.mdmId, '--customer-id', sim.tenant.customerId, '--license', sim.tenant.license];

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fota-cli-profiles-'));
  dataDir = path.join(root, 'data');
  return () => rmSync(root, { recursive: true, force: true });
});

describe('fota profile', () => {
  it('starts on the built-in practice profile', async () => {
    const r = await fota(['profile', 'list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\* practice/m);
    expect(r.out).toContain(`Data folder: ${dataDir}`);
  });

  it('refuses incomplete or bad input with every problem named, and writes nothing', async () => {
    writeFileSync(path.join(root, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    const r = await fota(['profile', 'add', 'Acme', '--base-url', 'http://eu-api.samsungknox.com', '--ca', 'key.pem', '--mdm-id', 'X']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/must start with https:\/\//);
    expect(r.err).toMatch(/customerId is empty/);
    expect(r.err).toMatch(/licence is empty/);
    expect(r.err).toMatch(/never a private key/);
    expect(existsSync(path.join(dataDir, 'settings.json'))).toBe(false);
    expect((await fota(['profile', 'add', 'practice', '--mdm-id', 'a', '--customer-id', 'b', '--license', 'c'])).err).toMatch(/reserved/);
  });

  it('adds, shows, switches, edits and removes profiles; the first one added becomes active', async () => {
    const a = await fota([...addArgs('Acme EU'), '--client-id', sim.tenant.clientId]);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(/now the active profile/);
    const b = await fota(['profile', 'add', 'Beta', '--mdm-id', 'BETA1', '--customer-id', 'C-2', '--license', 'L-2']);
    expect(b.code, b.err).toBe(0);
    expect(b.out).not.toMatch(/active/);
    expect(await fota(['profile', 'add', 'beta', '--mdm-id', 'x', '--customer-id', 'y', '--license', 'z'])).toMatchObject({ code: 2, err: expect.stringMatching(/already exists/) });

    const list = JSON.parse((await fota(['profile', 'list', '--json'])).out);
    expect(list.profiles.map((p: { name: string; active: boolean }) => [p.name, p.active])).toEqual([['Acme EU', true], ['Beta', false]]);
    expect(list.profiles[1].baseUrl).toBe('https://eu-api.samsungknox.com');
    expect(list.profiles[0].extraCa).toMatch(/until/);

    expect((await fota(['profile', 'use', 'beta'])).out).toMatch(/Active profile: Beta/);
    expect(JSON.parse((await fota(['profile', 'show', '--json'])).out)).toMatchObject({ name: 'Beta', active: true, mdmId: 'BETA1' });
    expect((await fota(['profile', 'edit', 'Beta', '--name', 'Beta Corp', '--license', 'L-3'])).code).toBe(0);
    expect(JSON.parse((await fota(['profile', 'show', 'beta corp', '--json'])).out)).toMatchObject({ license: 'L-3' });

    const removed = await fota(['profile', 'remove', 'Beta Corp', '--yes']);
    expect(removed.code, removed.err).toBe(0);
    expect(removed.out).toMatch(/'practice' is active now/);
    expect(settingsJson().activeProfileId).toBe('practice');
    expect((await fota(['profile', 'remove', 'Acme EU'])).code).toBe(2); // no --yes without a terminal
    expect((await fota(['profile', 'use', 'nobody'])).err).toMatch(/There is no profile 'nobody'/);
  });

  it('login proves the secret first: a wrong one is not kept, a right one is, and operations then use the profile', async () => {
    expect((await fota([...addArgs('Acme'), '--client-id', sim.tenant.clientId])).code).toBe(0);
    const id = settingsJson().profiles[0]?.id ?? '';

    const wrong = await fota(['login'], 'ffffffff-0000-4000-8000-000000000000\n');
    expect(wrong.code).toBe(4);
    expect(wrong.err).toMatch(/invalid_client/);
    expect(wrong.err).toMatch(/not stored/);
    expect(await secrets.get(id, 'clientSecret')).toBeNull();

    expect(await fota(['login'], '')).toMatchObject({ code: 2, err: expect.stringMatching(/no client secret was given/) });
    expect(await fota(['login'], 'two\nlines\n')).toMatchObject({ code: 2, err: expect.stringMatching(/single line/) });
    expect((await fota(['login', '--profile', 'practice'])).out).toMatch(/needs no login/);

    const before = await fota(['license']);
    expect(before.code).toBe(4);
    expect(before.err).toMatch(/fota login --profile "Acme"/);

    const right = await fota(['login', '--profile', 'acme'], `${sim.tenant.clientSecret}\n`);
    expect(right.code, right.err).toBe(0);
    expect(await secrets.get(id, 'clientSecret')).toBe(sim.tenant.clientSecret);

    const license = await fota(['license', '--json']);
    expect(license.code, license.err).toBe(0);
    expect(JSON.parse(license.out).result.licenseStatus).toBe('Normal');
    const device = sim.tenant.devices[0];
    expect(device).toBeDefined();
    const fw = await fota(['firmware', device?.model ?? '', device?.salesCode ?? '', '--json']);
    expect(fw.code, fw.err).toBe(0);

    // last known facts, with their time, for offline work
    const facts = settingsJson().facts[id];
    expect(facts?.license).toMatchObject({ at: expect.any(String), value: { licenseStatus: 'Normal' } });
    expect(Object.keys(facts?.firmware ?? {})).toEqual([`${device?.model}/${device?.salesCode}`]);
    const shown = JSON.parse((await fota(['profile', 'show', '--json'])).out);
    expect(shown.lastKnown.license.value.licenseStatus).toBe('Normal');
    expect(shown.lastKnown.firmwareLists).toHaveLength(1);
    expect(shown.clientSecret).toBe('stored');

    // connection flags and --profile do not mix; flags alone bypass the profile
    expect((await fota(['license', '--profile', 'Acme', '--mdm-id', 'X'])).err).toMatch(/cannot be combined/);
    expect((await fota(['license', '--profile', 'practice', '--json'])).code).toBe(0);

    const logout = await fota(['logout']);
    expect(logout.out).toMatch(/Deleted the client secret of 'Acme'/);
    expect(await secrets.get(id, 'clientSecret')).toBeNull();
    expect((await fota(['license'])).code).toBe(4);
  });

  it('removing a profile deletes its keychain entries and keeps its data folder', async () => {
    expect((await fota([...addArgs('Gone'), '--client-id', sim.tenant.clientId])).code).toBe(0);
    const id = settingsJson().profiles[0]?.id ?? '';
    expect((await fota(['login'], sim.tenant.clientSecret)).code).toBe(0);
    const history = path.join(dataDir, 'profiles', id, 'history');
    mkdirSync(history, { recursive: true });
    writeFileSync(path.join(history, 'batch-1.json'), '{}');
    const r = await fota(['profile', 'remove', 'Gone', '--yes']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/and its client secret from the keychain/);
    expect(await secrets.get(id, 'clientSecret')).toBeNull();
    expect(existsSync(path.join(history, 'batch-1.json'))).toBe(true);
    expect(settingsJson().profiles).toEqual([]);
  });

  it('reports a corrupt settings file in `profile list` until dismissed', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'settings.json'), '{"schemaVersion": 2, "profiles": [ oops');
    const r = await fota(['profile', 'list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/the settings file could not be read \(the file is not valid JSON\); it was moved aside to .*settings\.json\.corrupt-/);
    expect(r.out).toMatch(/^\* practice/m); // defaults loaded
    expect((await fota(['profile', 'list'])).out).toMatch(/moved aside/); // still reported in the next process
    await fota(['profile', 'list', '--dismiss-notices']);
    expect((await fota(['profile', 'list'])).out).not.toMatch(/moved aside/);
  });

  it('explains itself: fota profile without a sub-command prints the usage', async () => {
    const r = await fota(['profile']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/fota profile add NAME/);
  });
});
