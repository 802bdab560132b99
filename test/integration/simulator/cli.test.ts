// `fota simulator`: in-process through the command, and as the built bundle `node out/node/fota.mjs`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch } from 'undici';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/command.ts';
import { command } from '../../../main/cli/commands/simulator.ts';
import { parseSeed } from '../../../main/simulator/index.ts';
import { memoryIo } from '../../helpers/memory-io.ts';
import { FIXTURES } from './http.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

interface Started {
  url: string;
  tokenUrl: string;
  caPath: string;
  clientId: string;
  clientSecret: string | null;
  mdmId: string;
  customerId: string;
  license: string;
  groupId: string;
  devices: Array<{ serialNumber: string; model: string; salesCode: string }>;
}

/** Gets a token and calls licenseInfo, trusting only the CA file the simulator printed. */
async function licenseInfo(info: Started, clientSecret: string): Promise<{ status: number; text: string }> {
  const agent = new Agent({ connect: { ca: readFileSync(info.caPath, 'utf8') } });
  try {
    const tokenReply = await fetch(info.tokenUrl, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.clientId, client_secret: clientSecret }).toString() });
    const { access_token: token } = (await tokenReply.json()) as { access_token: string };
    const body = `<B2bLicenseInfoVO><mdmId>${info.mdmId}</mdmId><customerId>${info.customerId}</customerId><license>${info.license}</license></B2bLicenseInfoVO>`;
    const reply = await fetch(`${info.url}/b2bfota/v2/licenseInfo`, { method: 'POST', dispatcher: agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, body });
    return { status: reply.status, text: await reply.text() };
  } finally {
    await agent.close();
  }
}

async function waitFor<T>(read: () => T | null): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const value = read();
    if (value !== null) return value;
    await sleep(10);
  }
  throw new Error('timed out waiting for the simulator to start');
}

describe('in process', () => {
  it('--json prints one JSON object; licenseInfo works; interrupt stops it', async () => {
    const io = memoryIo();
    const done = command.run(['--port', '0', '--json'], io);
    const info = await waitFor(() => (io.out().includes('\n') ? (JSON.parse(io.out()) as Started) : null));
    expect(info.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(info).toMatchObject({ mdmId: 'd1e2f3g4h5', customerId: 'EEEE4444-FF55-AA66-BB77-CCCCCC888888', license: 'EFOTA1-fff555-ggg666-hh77', groupId: 'SALES-PHONES' });
    expect(info.devices.length).toBeGreaterThanOrEqual(3);
    expect(info.devices[0]).toMatchObject({ model: expect.any(String), salesCode: expect.any(String), serialNumber: expect.any(String) });
    const reply = await licenseInfo(info, info.clientSecret ?? '');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.text).toContain('<licenseStatus>Normal</licenseStatus>');
    expect(info.caPath).toBe(join(tmpdir(), 'fota-simulator', 'ca.pem'));
    io.interrupt();
    expect(await done).toBe(0);
    expect(io.err()).toContain('stopped');
  });

  it('prints a readable summary, with its own client and token, without echoing the secret', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fota-sim-cli-'));
    try {
      const io = memoryIo();
      const done = command.run(['--client-id', 'my-client', '--client-secret', 'my-secret-value', '--token', 'fixed-token-1', '--data-dir', dataDir, '--latency-ms', '5'], io);
      await waitFor(() => (io.out().includes('Press Ctrl+C') ? true : null));
      const out = io.out();
      expect(out).toMatch(/listening on https:\/\/127\.0\.0\.1:\d+/);
      expect(out).toContain(`CA certificate:  ${join(dataDir, 'ca.pem')}`);
      expect(out).toContain('client ID:       my-client');
      expect(out).not.toContain('my-secret-value');
      expect(out).not.toContain('fixed-token-1');
      expect(out).toContain('licence:         EFOTA1-fff555-ggg666-hh77 (SA)');
      expect(out).toMatch(/R58N1SP0001 {2}SM-G991B {2}BTU/);
      io.interrupt();
      expect(await done).toBe(0);
      expect(existsSync(join(dataDir, 'ca.pem'))).toBe(true); // a folder the user chose is left alone
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each([
    [['--seed', resolve(FIXTURES, 'seed-files/bad-group-licence.json')], /seed file .*bad-group-licence\.json: seed\.groups\[0\]\.license/],
    [['--seed', resolve(FIXTURES, 'seed-files/not-json.json')], /is not valid JSON/],
    [['--seed', '/nonexistent/seed.json'], /cannot read seed file .*ENOENT/],
    [['--port', '99999'], /--port must be a whole number from 0 to 65535/],
    [['--client-id', 'x'], /--client-id and --client-secret go together/],
    [['--latency-ms', 'fast'], /--latency-ms/],
    [['--bogus'], /bogus/],
  ])('refuses %j with a clear UsageError (exit 2 through runCli)', async (args, message) => {
    await expect(command.run(args, memoryIo())).rejects.toThrow(UsageError);
    await expect(command.run(args, memoryIo())).rejects.toThrow(message);
  });

  it('--print-seed demo prints a seed that parses', async () => {
    const io = memoryIo();
    expect(await command.run(['--print-seed', 'demo'], io)).toBe(0);
    expect(() => parseSeed(JSON.parse(io.out()))).not.toThrow();
  });

  it('serves a seed file', async () => {
    const io = memoryIo();
    const done = command.run(['--seed', resolve(FIXTURES, 'seed-files/small-tenant.json'), '--json'], io);
    const info = await waitFor(() => (io.out().includes('\n') ? (JSON.parse(io.out()) as Started) : null));
    expect(info.mdmId).toBe('Q1W2E3R4T5');
    expect((await licenseInfo(info, '66666666-7777-8888-9999-000000000000')).status).toBe(200);
    io.interrupt();
    await done;
  });
});

describe('the built bundle', () => {
  it('node out/node/fota.mjs simulator --port 0 --json serves until SIGINT', async () => {
    const child = spawn(process.execPath, ['out/node/fota.mjs', 'simulator', '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    try {
      const info = await waitFor(() => (out.includes('\n') ? (JSON.parse(out) as Started) : null));
      // The bundle carries the committed test CA (imported with ?raw) and writes it out for clients.
      expect(readFileSync(info.caPath, 'utf8')).toBe(readFileSync(resolve(ROOT, 'main/simulator/certs/ca.pem'), 'utf8'));
      const reply = await licenseInfo(info, info.clientSecret ?? '');
      expect(reply.status, reply.text).toBe(200);
      child.kill('SIGINT');
      // 0 when the command finishes; SIGINT when an exit hook of another module (when-exit, loaded
      // with conf) re-raises the signal before the command can. Either way it stops serving.
      const { code, signal } = await exited;
      expect(code === 0 || signal === 'SIGINT', `code ${code} signal ${signal}: ${err}`).toBe(true);
      const after = new Agent({ connect: { ca: readFileSync(info.caPath, 'utf8') } });
      await expect(fetch(info.tokenUrl, { method: 'POST', dispatcher: after })).rejects.toThrow();
      await after.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('a broken seed file exits 2 with the reason', async () => {
    const child = spawn(process.execPath, ['out/node/fota.mjs', 'simulator', '--seed', resolve(FIXTURES, 'seed-files/bad-date.json')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/activeFrom '01\/02\/2030' is not a date/);
  });
});
