// `fota diagnostics` shows the last failures: a failed login, a 401, a FUD error and a network
// error, each provoked against the simulator through the CLI, logged at warn level with the
// operation — and neither the client secret nor a token, in any encoded form, anywhere in the log or
// the report. The window's connections log through the same seam (diagnostics:get).
import { once } from 'node:events';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { createNodeFetch } from '../../../main/efota/node-fetch.ts';
import { requestToken } from '../../../main/efota/token.ts';
import { createHandlers, dispatch } from '../../../main/ipc/handlers.ts';
import { flushAppLogs, logDir } from '../../../main/log/logger.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { tempServices } from '../../unit/ipc/temp-services.ts';

const WRONG_SECRET = 'wrong secret/with+plus=and space';
const BAD_TOKEN = 'not-a-valid-token-0123456789abcdef';
let sim: RunningSimulator;
let token: string;
let closedPort: number;
let root: string;

beforeAll(async () => {
  sim = await startSimulator();
  const transport = createNodeFetch({ extraCaPem: sim.caPem });
  try {
    token = (await requestToken({ baseUrl: sim.url, clientId: sim.tenant.clientId, clientSecret: sim.tenant.clientSecret, fetch: transport.fetch })).accessToken;
  } finally {
    await transport.close();
  }
  // A port nobody listens on: a connection there is refused.
  const probe = createTcpServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  closedPort = (probe.address() as AddressInfo).port;
  probe.close();
  root = mkdtempSync(path.join(tmpdir(), 'fota-diag-'));
  writeFileSync(path.join(root, 'ca.pem'), sim.caPem);
});
afterAll(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

/** The shapes a secret could be written in. */
function forms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), b64.replace(/=+$/, ''), Buffer.from(secret).toString('base64url')];
}

describe('fota diagnostics', () => {
  it('lists a failed login, a 401, a FUD error and a network error, with their operations and nothing secret', async () => {
    const dataDir = path.join(root, 'data');
    const t = sim.tenant;
    const base = { [DATA_DIR_ENV]: dataDir, HOME: root, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1' };
    const flags = { ...base, FOTA_BASE_URL: sim.url, FOTA_CA: path.join(root, 'ca.pem'), FOTA_MDM_ID: t.mdmId, FOTA_CUSTOMER_ID: t.customerId, FOTA_LICENSE: t.license };
    const fota = async (argv: string[], env: Record<string, string>, stdin?: string) => {
      const io = memoryIo({ env, cwd: root, ...(stdin !== undefined ? { stdin } : {}) });
      const code = await runCli(argv, io);
      await flushAppLogs(); // what a `fota` process writes before it ends
      return { code, out: io.out(), err: io.err() };
    };

    expect((await fota(['profile', 'add', 'Lab', '--base-url', sim.url, '--ca', 'ca.pem', '--mdm-id', t.mdmId, '--customer-id', t.customerId, '--license', t.license, '--client-id', t.clientId], base)).code).toBe(0);
    const login = await fota(['login', '--profile', 'Lab'], base, WRONG_SECRET);
    expect(login.code, login.err).toBe(4);
    const unauthorised = await fota(['license'], { ...flags, FOTA_TOKEN: BAD_TOKEN });
    expect(unauthorised.code, unauthorised.err).toBe(4);
    const fud = await fota(['summary', '99920300601-JEA00000001'], { ...flags, FOTA_TOKEN: token });
    expect(fud.code, fud.err).toBe(3);
    const network = await fota(['license'], { ...flags, FOTA_TOKEN: token, FOTA_BASE_URL: `https://127.0.0.1:${closedPort}` });
    expect(network.code, network.err).toBe(5);

    const report = await fota(['diagnostics'], base);
    expect(report.code, report.err).toBe(0);
    const failures = report.out.slice(report.out.indexOf('failure(s), oldest first:'), report.out.indexOf('log line(s) of'));
    const lines = failures.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/ {2}token {2}AUTH-401 {2}/);
    expect(lines[1]).toMatch(/ {2}licenseInfo {2}AUTH-401 {2}/);
    expect(lines[2]).toMatch(/ {2}forceUpdateSummary {2}FUD_3038 {2}/);
    expect(lines[3]).toMatch(/ {2}licenseInfo {2}NETWORK-refused {2}/);
    expect(report.out).toMatch(/Failing operation: licenseInfo\nFUD code \/ error: NETWORK-refused/);
    // logged at warn level, the operation on the line
    const log = readdirSync(logDir(dataDir)).map((f) => readFileSync(path.join(logDir(dataDir), f), 'utf8')).join('\n');
    expect(log.match(/ WARN {2}failure operation=\S+ code=\S+/g)).toHaveLength(4);

    for (const secret of [WRONG_SECRET, t.clientSecret, BAD_TOKEN, token]) {
      for (const form of forms(secret)) {
        expect(log, `a form of ${secret.slice(0, 4)}… in the log`).not.toContain(form);
        expect(report.out, `a form of ${secret.slice(0, 4)}… in the report`).not.toContain(form);
      }
    }
  });

  it('the window logs its failed calls through the same seam (diagnostics:get)', async () => {
    const t = tempServices();
    const table = createHandlers(t.services);
    try {
      const profile = { name: 'Gone', baseUrl: `https://127.0.0.1:${closedPort}`, mdmId: 'K7Q2M9X4TP', customerId: 'C-1', license: 'L-1', clientId: 'client', extraCaPem: null };
      const saved = await dispatch(table, 'profiles:save', { id: null, profile, secret: 'a-secret-for-a-server-that-is-gone', activate: true });
      expect(saved.ok).toBe(true);
      const license = (await dispatch(table, 'license:get', { refresh: true })) as { ok: true; data: { refreshError: { code: string } | null } };
      expect(license.data.refreshError?.code).toBe('NETWORK');
      const report = (await dispatch(table, 'diagnostics:get', null)) as { ok: true; data: { text: string } };
      expect(report.data.text).toMatch(/Last 1 failure\(s\), oldest first:\n {2}\S+ {2}token {2}NETWORK-refused {2}/);
      expect(report.data.text).not.toContain('a-secret-for-a-server-that-is-gone');
    } finally {
      await t.dispose();
    }
  });
});
