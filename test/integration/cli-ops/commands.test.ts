// Each operation command once against the simulator (in-process, over real TLS), and each exit code:
// 0 success, 2 invalid input, 3 FUD, 4 authentication, 5 network.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { resolve } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch } from '../../../main/efota/node-fetch.ts';
import { requestToken } from '../../../main/efota/token.ts';
import { runCli } from '../../../main/cli/run.ts';
import { DEMO_LICENSES, startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { DATA_DIR_ENV } from '../../../main/store/data-folder.ts';
import { memoryIo } from '../../helpers/memory-io.ts';

let sim: RunningSimulator;
let token: string;
let env: Record<string, string>;
// force-update and schedule are recorded as one-call batches: in a data folder of this test's own.
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fota-cli-ops-'));
  sim = await startSimulator();
  const transport = createNodeFetch({ extraCaPem: sim.caPem });
  try {
    token = (await requestToken({ baseUrl: sim.url, clientId: sim.tenant.clientId, clientSecret: sim.tenant.clientSecret, fetch: transport.fetch })).accessToken;
  } finally {
    await transport.close();
  }
  const t = sim.tenant;
  env = { [DATA_DIR_ENV]: dataDir, FOTA_BASE_URL: sim.url, FOTA_CA: sim.caPath, FOTA_MDM_ID: t.mdmId, FOTA_CUSTOMER_ID: t.customerId, FOTA_LICENSE: t.license, FOTA_TOKEN: token };
});

afterAll(async () => {
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function fota(args: string[], options: { env?: Record<string, string | undefined>; stdin?: string } = {}) {
  const io = memoryIo({ env: options.env ?? env, ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) });
  const code = await runCli(args, io);
  const out = io.out();
  const err = io.err();
  // an expected failure never shows a stack trace, and the token never shows at all
  expect(err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(out + err).not.toContain(token);
  return { code, out, err };
}

function device() {
  const d = sim.tenant.devices[0];
  if (!d) throw new Error('no enrolled device in the demo tenant');
  return d;
}

/** The one JSON object a --json run prints. */
function json(out: string): Record<string, unknown> {
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

describe('each command against the simulator (exit 0)', () => {
  it('license', async () => {
    const { code, out, err } = await fota(['license']);
    expect(code, err).toBe(0);
    expect(out).toMatch(/status:\s+Normal/);
    expect(out).toMatch(/purchased:\s+\d+/);
  });

  it('license --json prints exactly one object', async () => {
    const { code, out, err } = await fota(['license', '--json']);
    expect(code, err).toBe(0);
    expect(json(out)).toMatchObject({ ok: true, command: 'license', operation: 'licenseInfo', result: { licenseStatus: 'Normal' } });
  });

  it('group-register and group-license-change', async () => {
    const registered = await fota(['group-register', 'cli-ops-group']);
    expect(registered.code, registered.err).toBe(0);
    expect(registered.out).toMatch(/Group CLI-OPS-GROUP is registered/);
    const moved = await fota(['group-license-change', 'CLI-OPS-GROUP', DEMO_LICENSES.spare, '--json']);
    expect(moved.code, moved.err).toBe(0);
    expect(json(moved.out)).toMatchObject({ ok: true, result: { groupId: 'CLI-OPS-GROUP', newLicense: DEMO_LICENSES.spare } });
  });

  it('firmware, with and without --current', async () => {
    const d = device();
    const listed = await fota(['firmware', d.model, d.salesCode]);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(new RegExp(`Firmware for ${d.model} / ${d.salesCode}`));
    expect(listed.out).toMatch(/target\s+\S+\/\S+/);
    const from = await fota(['firmware', d.model, d.salesCode, '--current', d.firmware, '--json']);
    expect(from.code, from.err).toBe(0);
    expect(json(from.out)).toMatchObject({ ok: true, operation: 'firmwareList' });
  });

  it('abnormal', async () => {
    const { code, out, err } = await fota(['abnormal', device().serialNumber, 'R58N1NE0001']);
    expect(code, err).toBe(0);
    expect(out).toMatch(/1 of 2 device\(s\) reported abnormal/);
    expect(out).toMatch(/Not Enrolled \(1\):\s+R58N1NE0001/);
  });

  it('force-update, then summary and detail of its ID', async () => {
    const d = device();
    const pushed = await fota(['force-update', '--model', d.model, '--sales-code', d.salesCode, '--target', 'Latest', '--network', 'wifionly', d.serialNumber, '--json']);
    expect(pushed.code, pushed.err).toBe(0);
    const body = json(pushed.out) as { result: { forceUpdateId: string } };
    const id = body.result.forceUpdateId;
    expect(id).toMatch(/^[A-Za-z0-9-]+$/);

    const summary = await fota(['summary', id]);
    expect(summary.code, summary.err).toBe(0);
    expect(summary.out).toMatch(/downloaded:\s+\d+/);
    expect(summary.out).not.toMatch(/\b(updated|installed)\b/i);
    const summaryJson = await fota(['summary', id, '--json']);
    expect(json(summaryJson.out)).toMatchObject({ ok: true, result: { downloadedCount: expect.any(Number) as unknown } });

    const detail = await fota(['detail', id]);
    expect(detail.code, detail.err).toBe(0);
    expect(detail.out).toMatch(/detail \(<B2bForceUpdateDetailVO>\)/);
    const detailJson = json((await fota(['detail', id, '--json'])).out) as { result: { raw: string } };
    expect(detailJson.result.raw).toContain('B2bForceUpdateDetailVO');
  });

  it('schedule', async () => {
    const d = device();
    const ymd = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const { code, out, err } = await fota(['schedule', '--group', d.groupId, '--model', d.model, '--sales-code', d.salesCode, '--target', 'Latest', '--start', ymd(2), '--end', ymd(6), '--from', '01', '--to', '04']);
    expect(code, err).toBe(0);
    expect(out).toMatch(/Scheduled: group/);
    expect(out).toMatch(/GMT/);
  });

  it('takes the token from standard input with --token-stdin', async () => {
    const { FOTA_TOKEN: _dropped, ...withoutToken } = env;
    const { code, err } = await fota(['license', '--token-stdin'], { env: withoutToken, stdin: `${token}\n` });
    expect(code, err).toBe(0);
  });

  it('takes the connection from flags as well as from the environment', async () => {
    const t = sim.tenant;
    const { code, err } = await fota(['license', '--base-url', sim.url, '--ca', sim.caPath, '--mdm-id', t.mdmId, '--customer-id', t.customerId, '--license', t.license], { env: { FOTA_TOKEN: token } });
    expect(code, err).toBe(0);
  });
});

describe('exit codes of failures', () => {
  it('2: a missing argument, with a pointer to --help', async () => {
    const { code, err, out } = await fota(['summary']);
    expect(code, err).toBe(2);
    expect(err).toMatch(/missing the forceUpdateId/);
    expect(err).toMatch(/fota summary --help/);
    expect(out).toBe('');
  });

  it('2: a --token flag is refused with the reason', async () => {
    const { code, err } = await fota(['license', '--token', 'abc']);
    expect(code, err).toBe(2);
    expect(err).toMatch(/no --token flag.*FOTA_TOKEN/s);
  });

  it('2: an invalid --network value', async () => {
    const { code, err } = await fota(['force-update', '--model', 'SM-G991B', '--sales-code', 'BTU', '--target', 'Latest', '--network', '4G', 'R58N1SP0001']);
    expect(code, err).toBe(2);
    expect(err).toMatch(/--network must be ANY or WIFIONLY/);
  });

  it('2: a request Samsung would refuse is refused before sending, with the FUD code and the remedy', async () => {
    const before = sim.calls.length;
    const serials = Array.from({ length: 101 }, (_, i) => `R58N1SP${String(i + 1).padStart(4, '0')}`);
    const { code, err } = await fota(['force-update', '--model', 'SM-G991B', '--sales-code', 'BTU', '--target', 'Latest', '--network', 'ANY', ...serials]);
    expect(code, err).toBe(2);
    expect(err).toMatch(/refused before sending.*FUD_1018/s);
    expect(err).toMatch(/What to do: /);
    expect(sim.calls.length).toBe(before);
  });

  it('2: a bad --ca file and a plain-http remote base URL', async () => {
    expect((await fota(['license', '--ca', '/nonexistent/ca.pem'])).err).toMatch(/--ca \/nonexistent\/ca.pem: cannot read the file \(ENOENT\)/);
    const http = await fota(['license'], { env: { ...env, FOTA_BASE_URL: 'http://eu-api.samsungknox.com' } });
    expect(http.code, http.err).toBe(2);
    expect(http.err).toMatch(/https/);
  });

  it('2: missing identity names every missing value', async () => {
    const { code, err } = await fota(['license'], { env: { FOTA_TOKEN: token } });
    expect(code, err).toBe(2);
    expect(err).toMatch(/--mdm-id \(or FOTA_MDM_ID\), --customer-id \(or FOTA_CUSTOMER_ID\), --license \(or FOTA_LICENSE\)/);
  });

  it('3: a FUD answer prints code, cause and remedy', async () => {
    const d = device();
    const { code, err } = await fota(['force-update', '--model', d.model, '--sales-code', d.salesCode, '--target', 'Latest', '--network', 'ANY', 'ZZ99NOTMINE01']);
    expect(code, err).toBe(3);
    expect(err).toMatch(/E-FOTA answered FUD_3031 \(HTTP 400\)/);
    expect(err).toMatch(/Cause: .+/);
    expect(err).toMatch(/What to do: .+/);
  });

  it('3 with --json: one error object carrying the code', async () => {
    const { code, out, err } = await fota(['summary', '99920260101-JEA99999999', '--json']);
    expect(code, err).toBe(3);
    expect(json(out)).toMatchObject({ ok: false, command: 'summary', exitCode: 3, error: { type: 'fud', code: 'FUD_3038', local: false } });
  });

  it('4: no token at all', async () => {
    const { FOTA_TOKEN: _dropped, ...withoutToken } = env;
    const { code, err } = await fota(['license'], { env: withoutToken });
    expect(code, err).toBe(4);
    expect(err).toMatch(/no access token: set FOTA_TOKEN/);
  });

  it('4: a token the server refuses', async () => {
    const { code, err } = await fota(['license', '--json'], { env: { ...env, FOTA_TOKEN: 'aaaa1111-bb22-cc33-dd44-eeeeee555555' } });
    expect(code, err).toBe(4);
    expect(err).toMatch(/authentication failed \(HTTP 401\)/);
  });

  it('5: nothing listening, and a server that is too slow', async () => {
    const tcp = createServer();
    tcp.listen(0, '127.0.0.1');
    await once(tcp, 'listening');
    const { port } = tcp.address() as AddressInfo;
    await new Promise<void>((done) => tcp.close(() => done()));
    const refused = await fota(['license'], { env: { ...env, FOTA_BASE_URL: `https://127.0.0.1:${port}` } });
    expect(refused.code, refused.err).toBe(5);
    expect(refused.err).toMatch(/refused/);
    expect(refused.err).toMatch(/did not reach the server/);

    // The limit leaves room for the TLS handshake and the request on a loaded machine (a 0.3 s limit
    // sometimes ran out before the request was written, which is a different, also correct, answer).
    sim.faults = { latencyMs: 6_000 };
    try {
      const slow = await fota(['group-register', 'SLOW-GROUP', '--timeout', '2']);
      expect(slow.code, slow.err).toBe(5);
      expect(slow.err).toMatch(/no complete answer came in time/);
      expect(slow.err).toMatch(/may have reached the server/);
    } finally {
      sim.faults = {};
    }
  });
});

describe('help', () => {
  it.each(['license', 'group-register', 'group-license-change', 'firmware', 'abnormal', 'force-update', 'summary', 'detail', 'schedule'])('fota %s --help describes its flags and the connection', async (name) => {
    const { code, out, err } = await fota([name, '--help']);
    expect(code, err).toBe(0);
    expect(out).toMatch(new RegExp(`Usage: fota ${name}`));
    for (const text of ['--base-url', 'FOTA_BASE_URL', '--ca', 'FOTA_CA', 'FOTA_MDM_ID', 'FOTA_CUSTOMER_ID', 'FOTA_LICENSE', 'FOTA_TOKEN', '--token-stdin', '--json', 'HTTPS_PROXY', 'Exit codes']) {
      expect(out).toContain(text);
    }
  });

  it('fota --help lists every operation command', async () => {
    const { out } = await fota(['--help']);
    for (const name of ['license', 'group-register', 'group-license-change', 'firmware', 'abnormal', 'force-update', 'summary', 'detail', 'schedule']) {
      expect(out).toMatch(new RegExp(`\\n  ${name} `));
    }
  });
});

describe('the built fota binary (what `npm run fota` runs)', () => {
  const bin = resolve(import.meta.dirname, '../../../out/node/fota.mjs');
  const spawnFota = (args: string[], extraEnv: Record<string, string>): Promise<{ code: number; out: string; err: string }> =>
    new Promise((done) => {
      // asynchronous on purpose: the simulator answering it runs in this very process
      execFile(process.execPath, [bin, ...args], { env: { PATH: process.env['PATH'] ?? '', ...extraEnv }, timeout: 60_000 }, (error, out, err) => {
        done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, out, err });
      });
    });

  it('answers license with exit 0 and refuses a --token flag with exit 2', async () => {
    const ok = await spawnFota(['license', '--json'], env);
    expect(ok.code, ok.err).toBe(0);
    expect(json(ok.out)).toMatchObject({ ok: true, result: { licenseStatus: 'Normal' } });
    const refused = await spawnFota(['license', `--token=${token}`], env);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/no --token flag/);
    expect(refused.err).not.toContain(token);
  });
});
