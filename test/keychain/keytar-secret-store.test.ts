// The SecretStore against a real Secret Service (gnome-keyring in the private D-Bus session that
// scripts/with-keyring.sh starts), and the CLI when no Secret Service can be reached.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainUnavailableError, keychainFix } from '../../main/auth/keychain-unavailable.ts';
import { KeytarSecretStore } from '../../main/auth/keytar-secret-store.ts';
import { openSecretStore } from '../../main/auth/open-secret-store.ts';
import { KEYCHAIN_SERVICE } from '../../main/auth/secret-store.ts';
import { runFota } from './fota-process.ts';
import { findLeaks } from './secret-scan.ts';

const keytar = createRequire(import.meta.url)('keytar') as { getPassword(s: string, a: string): Promise<string | null> };
const root = mkdtempSync(path.join(tmpdir(), 'fota-keychain-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('keytar SecretStore on a real Secret Service', () => {
  it('runs inside a D-Bus session (this suite must not silently run without one)', () => {
    expect(process.env['DBUS_SESSION_BUS_ADDRESS'], 'run with: bash scripts/with-keyring.sh npx vitest run --config vitest.keychain.config.ts').toBeTruthy();
  });

  it('stores, reads, replaces and deletes a secret under service "FOTA Desk", account <profile>:clientSecret', async () => {
    const store = new KeytarSecretStore();
    const profile = `p-${randomUUID().slice(0, 12)}`;
    expect(await store.get(profile, 'clientSecret')).toBeNull();
    await store.set(profile, 'clientSecret', 'first-sécret-1');
    expect(await store.get(profile, 'clientSecret')).toBe('first-sécret-1');
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, `${profile}:clientSecret`)).toBe('first-sécret-1');
    await store.set(profile, 'clientSecret', 'second-secret-2');
    expect(await store.get(profile, 'clientSecret')).toBe('second-secret-2');
    expect(await store.delete(profile, 'clientSecret')).toBe(true);
    expect(await store.get(profile, 'clientSecret')).toBeNull();
    expect(await store.delete(profile, 'clientSecret')).toBe(false);
  });

  it('keeps profiles apart', async () => {
    const store = new KeytarSecretStore();
    const [a, b] = [`p-${randomUUID().slice(0, 12)}`, `p-${randomUUID().slice(0, 12)}`];
    await store.set(a, 'clientSecret', 'secret-of-a');
    await store.set(b, 'clientSecret', 'secret-of-b');
    await store.delete(a, 'clientSecret');
    expect(await store.get(b, 'clientSecret')).toBe('secret-of-b');
    await store.delete(b, 'clientSecret');
  });

  it('never uses the in-memory store in a packaged app, whatever the environment says', () => {
    expect(openSecretStore({ env: { FOTA_DESK_INSECURE_MEMORY_SECRETS: '1' }, isPackaged: true }).backend).toBe('keychain');
    expect(openSecretStore({ env: {}, isPackaged: false }).backend).toBe('keychain');
    expect(openSecretStore({ env: { FOTA_DESK_INSECURE_MEMORY_SECRETS: 'yes' }, isPackaged: false }).backend).toBe('keychain');
  });

  it('words the error with the fix for each OS', () => {
    const e = new KeychainUnavailableError('unavailable', 'Cannot autolaunch D-Bus without X11 $DISPLAY', 'linux');
    expect(e.message).toMatch(/not available: Cannot autolaunch D-Bus/);
    expect(e.message).toMatch(/gnome-keyring or KWallet/);
    expect(e.message).toMatch(/dbus-run-session/);
    expect(e.message).toMatch(/Nothing was stored/);
    expect(keychainFix('darwin')).toMatch(/Unlock the login keychain/);
    expect(keychainFix('win32')).toMatch(/Credential Manager/);
  });
});

describe('with no Secret Service', () => {
  const secret = `no-bus-${randomUUID()}`;

  it.each([
    ['a bus address that leads nowhere', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/fota-desk-test-bus' }],
    ['no bus address at all', {}],
  ])('with %s: fota login fails clearly (exit 4) and the secret is written nowhere', async (_label, bus) => {
    const home = path.join(root, `home-${randomUUID().slice(0, 8)}`);
    mkdirSync(home);
    const env = { HOME: home, FOTA_DESK_DATA_DIR: path.join(home, 'data'), ...bus };
    const add = await runFota(['profile', 'add', 'Acme', '--mdm-id', 'M1', '--customer-id', 'C1', '--license', 'L1', '--client-id', 'client-1'], env);
    expect(add.code, add.err).toBe(0);

    const login = await runFota(['login'], env, `${secret}\n`);
    expect(login.code).toBe(4);
    expect(login.err).toMatch(/The OS keychain is not available/);
    expect(login.err).toMatch(/gnome-keyring or KWallet/);
    expect(login.err).toMatch(/dbus-run-session/);
    expect(login.err).toMatch(/Nothing was stored/);
    expect(login.err).not.toMatch(/unexpected error|at .*\.mjs/); // a message, not a crash

    // the rest keeps working and says what it cannot know
    const list = await runFota(['profile', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/client secret: keychain unavailable/);
    const logout = await runFota(['logout'], env);
    expect(logout.code).toBe(4);

    expect(findLeaks(secret, home, { login: login.out + login.err, list: list.out + list.err, logout: logout.out + logout.err })).toEqual([]);
  });
});
