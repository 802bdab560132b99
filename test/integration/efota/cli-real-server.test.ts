// The `fota` commands against a scripted stand-in for Samsung's real server: what an admin sees when
// a captive portal, a gateway or a server reading the other sales-code name answers. In-process CLI,
// real HTTPS, a temp data folder, secrets in the in-memory test store.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.ts';
import { flushAppLogs } from '../../../main/log/logger.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { PLANTED_TOKEN } from './helpers/client.ts';
import { reply, routes, startScriptedServer, type Reply, type ScriptedServer } from './helpers/scripted-server.ts';

const CA_FILE = path.resolve(import.meta.dirname, '../../../main/simulator/certs/ca.pem');
const TOKEN_PATH = '/iam/auth/oauth/v2/token';
const SECRET = 'SECRET-1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const TOKEN = reply(200, JSON.stringify({ access_token: PLANTED_TOKEN, token_type: 'Bearer', expires_in: 3600, scope: 'fota' }), { 'content-type': 'application/json' });
const HOTEL = '<html><head><title>Hotel Wi-Fi: sign in</title></head><body><p>Enter your room number</p></body></html>';

let root: string;
let dataDir: string;
const open: ScriptedServer[] = [];
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fota-real-server-'));
  dataDir = path.join(root, 'data');
});
afterEach(async () => {
  while (open.length) await open.pop()?.close();
  await flushAppLogs(); // the log writes in the background: let it finish before the folder goes
  rmSync(root, { recursive: true, force: true });
});

async function serve(table: Record<string, Reply | readonly Reply[]>): Promise<ScriptedServer> {
  const server = await startScriptedServer(routes(table));
  open.push(server);
  return server;
}

async function fota(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) {
  const io = memoryIo({ env: { FOTA_DESK_DATA_DIR: dataDir, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1', HOME: root, ...options.env }, cwd: root, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) });
  const code = await runCli(args, io);
  const out = io.out();
  const err = io.err();
  expect(out + err).not.toContain(PLANTED_TOKEN);
  expect(out + err).not.toContain(SECRET);
  return { code, out, err };
}

/** A stored, logged-in profile pointing at `server`. */
async function profileOn(server: ScriptedServer): Promise<void> {
  const added = await fota(['profile', 'add', 'Acme', '--base-url', server.url, '--ca', CA_FILE, '--mdm-id', 'K7Q2M9X4TP', '--customer-id', '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3', '--license', 'EFOTA1-a1b2c3-d4e5f6-g7h8', '--client-id', 'client-1']);
  expect(added.code, added.err).toBe(0);
  const login = await fota(['login', '--profile', 'Acme'], { stdin: `${SECRET}\n` });
  expect(login.code, login.err).toBe(0);
}

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
const SCHEDULE = ['schedule', '--group', 'WAREHOUSE', '--model', 'SM-G991B', '--sales-code', 'BTU', '--target', 'Latest', '--start', day(2), '--end', day(6), '--from', '01', '--to', '04'];
const V1_MISSING = reply(400, '<error><code>FUD_1007</code><resource>com.samsung.efota.b2b.service.B2BDeviceServiceResourceImpl</resource></error>');
const elementsOf = (server: ScriptedServer, path: string): string[] => server.requests.filter((r) => r.url === path).map((r) => /<(carrierCode|customerCode)>/.exec(r.body)?.[1] ?? '?');

describe('fota against a scripted real-world server', () => {
  it('group-register on a captive portal page exits 5 and names portals and proxies, never "registered"', async () => {
    const server = await serve({ '/b2bfota/v2/groupRegister': reply(200, HOTEL, { 'content-type': 'text/html' }) });
    const env = { FOTA_BASE_URL: server.url, FOTA_CA: CA_FILE, FOTA_MDM_ID: 'K7Q2M9X4TP', FOTA_CUSTOMER_ID: 'C-1', FOTA_LICENSE: 'L-1', FOTA_TOKEN: PLANTED_TOKEN };
    const r = await fota(['group-register', 'WAREHOUSE'], { env });
    expect(r.code).toBe(5);
    expect(r.out).not.toMatch(/registered/);
    expect(r.err).toMatch(/captive portal/);
    expect(r.err).toMatch(/proxy/);
    expect(r.err).toContain('Hotel Wi-Fi: sign in');
  });

  it('schedule learns <customerCode> from a FUD_1007, remembers it per profile, shows it, and sends it first next time', async () => {
    const server = await serve({ [TOKEN_PATH]: TOKEN, '/b2bfota/v1/serverInit': [V1_MISSING, reply(200), reply(200)] });
    await profileOn(server);
    expect(JSON.parse((await fota(['profile', 'show', '--json'])).out).lastKnown.serverInitSalesCode).toBeNull();

    const first = await fota(SCHEDULE);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^Scheduled: group WAREHOUSE/);
    expect(elementsOf(server, '/b2bfota/v1/serverInit')).toEqual(['carrierCode', 'customerCode']);

    const shown = await fota(['profile', 'show']);
    expect(shown.out).toMatch(/serverInit reads the sales code as <customerCode>/);
    expect(JSON.parse((await fota(['profile', 'show', '--json'])).out).lastKnown.serverInitSalesCode).toMatchObject({ element: 'customerCode' });
    const diagnostics = await fota(['diagnostics']);
    expect(diagnostics.out).toMatch(/Profile: Acme\n {2}serverInit sales code: serverInit reads the sales code as <customerCode>/);
    const settings = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as { schemaVersion: number };
    expect(settings.schemaVersion).toBe(3);

    const second = await fota(SCHEDULE);
    expect(second.code, second.err).toBe(0);
    expect(elementsOf(server, '/b2bfota/v1/serverInit')).toEqual(['carrierCode', 'customerCode', 'customerCode']);
  });

  it('a gateway\'s JSON "Missing access token" renews the token once, then exits 4 in the gateway\'s words', async () => {
    const missing = reply(400, '{"error":"invalid_request","error_description":"Missing access token"}', { 'content-type': 'application/json' });
    const server = await serve({ [TOKEN_PATH]: TOKEN, '/b2bfota/v2/licenseInfo': missing });
    await profileOn(server);
    const before = server.requests.length;
    const r = await fota(['license']);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/invalid_request: Missing access token/);
    expect(r.err).not.toMatch(/does not look like the E-FOTA API/);
    expect(server.requests.slice(before).map((q) => q.url)).toEqual([TOKEN_PATH, '/b2bfota/v2/licenseInfo', TOKEN_PATH, '/b2bfota/v2/licenseInfo']);
  });

  it('detail under an unknown root lists each device, and one it cannot read as unknown (detail not understood)', async () => {
    const body = '<DetailResult><item><sn>R58N31ABCDF</sn><status>Failed</status><reason>Low battery</reason></item><item><sn>R58N31ABCDG</sn><status>??</status></item></DetailResult>';
    const server = await serve({ '/b2bfota/v2/forceUpdateDetail': reply(200, body) });
    const env = { FOTA_BASE_URL: server.url, FOTA_CA: CA_FILE, FOTA_MDM_ID: 'K7Q2M9X4TP', FOTA_CUSTOMER_ID: 'C-1', FOTA_LICENSE: 'L-1', FOTA_TOKEN: PLANTED_TOKEN };
    const r = await fota(['detail', '10720230614-JEA00042117'], { env });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/detail \(<DetailResult>\)/);
    expect(r.out).toMatch(/R58N31ABCDF {2}failed — Low battery/);
    expect(r.out).toMatch(/R58N31ABCDG {2}unknown \(detail not understood\)/);
  });
});
