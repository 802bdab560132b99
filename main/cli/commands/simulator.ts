// `fota simulator`: runs the E-FOTA practice server until Ctrl+C and prints how to reach it.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { flagError, UsageError, type Command } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { demoSeed, emptySeed, parseSeed, SeedError, startSimulator, type SeedData, type SimulatorOptions } from '../../simulator/index.ts';
import { userPath } from '../user-path.ts';

const HELP = `fota simulator — run the E-FOTA simulator (practice server) until Ctrl+C

Usage: fota simulator [--port N] [--token T] [--client-id ID --client-secret S]
                      [--seed demo|empty|<file.json>] [--latency-ms N] [--data-dir DIR] [--json]
       fota simulator --print-seed demo|empty

It serves Samsung Knox E-FOTA's b2bfota API (v2, v1 serverInit/serviceregister) and the OAuth
token endpoint over HTTPS on 127.0.0.1, with a test CA that a client must trust explicitly (its
file is printed). It is not Samsung: nothing you do here reaches a device.

  --port N            port to listen on (default: a free one)
  --token T           also accept this bearer token on every call (it never expires)
  --client-id ID      OAuth client to accept instead of the demo client (needs --client-secret)
  --client-secret S
  --seed demo|empty|<file.json>
                      demo (default): about 300 devices in five groups plus the documentation's
                      sample IDs; empty: one issued licence, nothing registered; or a seed file
                      (format in docs/simulator.md, "Seed file format")
  --latency-ms N      add N ms before every answer
  --data-dir DIR      where ca.pem is written (default: fota-simulator in the temp folder)
  --json              print the start-up details as one JSON object
  --print-seed NAME   print the demo or empty seed as JSON (a starting point for your own) and exit
`;

function intFlag(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`--${name} must be a whole number from 0 to ${max}, not '${value}'`);
  return Number(value);
}

function loadSeed(spec: string, io: CliIo): 'demo' | 'empty' | SeedData {
  if (spec === 'demo' || spec === 'empty') return spec;
  const path = userPath(io, spec);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read seed file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. Give demo, empty or a readable JSON file.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`seed file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseSeed(json);
  } catch (error) {
    if (error instanceof SeedError) throw new UsageError(`seed file ${path}: ${error.message}. The format is described in docs/simulator.md, "Seed file format".`);
    throw error;
  }
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        token: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        seed: { type: 'string' },
        'latency-ms': { type: 'string' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean' },
        'print-seed': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw flagError(error);
  }
  const v = parsed.values;
  if (v['print-seed'] !== undefined) {
    if (v['print-seed'] !== 'demo' && v['print-seed'] !== 'empty') throw new UsageError(`--print-seed takes demo or empty, not '${v['print-seed']}'`);
    io.stdout(`${JSON.stringify(v['print-seed'] === 'demo' ? demoSeed() : emptySeed(), null, 2)}\n`);
    return EXIT.ok;
  }
  if ((v['client-id'] === undefined) !== (v['client-secret'] === undefined)) throw new UsageError('--client-id and --client-secret go together');
  if (v.token !== undefined && v.token.trim() === '') throw new UsageError('--token must not be empty');
  const options: SimulatorOptions = { seed: loadSeed(v.seed ?? 'demo', io) };
  const port = intFlag(v.port, 'port', 65535);
  if (port !== undefined) options.port = port;
  const latency = intFlag(v['latency-ms'], 'latency-ms', 600_000);
  if (latency !== undefined) options.faults = { latencyMs: latency };
  if (v.token !== undefined) options.fixedToken = v.token;
  const ownClient = v['client-id'] !== undefined && v['client-secret'] !== undefined;
  if (ownClient) options.clients = [{ clientId: v['client-id'] as string, clientSecret: v['client-secret'] as string }];
  // A fixed folder rather than a fresh one per run: Ctrl+C may end the process before any clean-up
  // (an exit hook elsewhere re-raises the signal), and the CA file is the same committed one anyway.
  options.dataDir = v['data-dir'] !== undefined ? userPath(io, v['data-dir']) : join(tmpdir(), 'fota-simulator');

  let sim;
  try {
    sim = await startSimulator(options);
  } catch (error) {
    io.stderr(`fota simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.invalidInput;
  }
  const t = sim.tenant;
  // The demo (or seed-file) client is practice data and is printed; a secret given on the command line is not echoed.
  const showSecret = !ownClient;
  if (v.json) {
    io.stdout(`${JSON.stringify({
      url: sim.url, tokenUrl: sim.tokenUrl, caPath: sim.caPath, clientId: t.clientId, clientSecret: showSecret ? t.clientSecret : null,
      fixedToken: v.token !== undefined, mdmId: t.mdmId, customerId: t.customerId, license: t.license, licenseType: t.licenseType,
      groupId: t.groupId, groupRegistered: t.groupRegistered, devices: t.devices,
    })}\n`);
  } else {
    const lines = [
      `E-FOTA simulator (practice server, not Samsung) listening on ${sim.url}`,
      `  CA certificate:  ${sim.caPath}   (trust it only in the client you point here)`,
      `  token endpoint:  ${sim.tokenUrl}`,
      `  client ID:       ${t.clientId}`,
      `  client secret:   ${showSecret ? t.clientSecret : '(as given with --client-secret)'}`,
      ...(v.token !== undefined ? ['  bearer token:    the one given with --token is accepted on every call'] : []),
      `  mdmId:           ${t.mdmId}`,
      `  customerId:      ${t.customerId}`,
      `  licence:         ${t.license} (${t.licenseType})`,
      `  group:           ${t.groupId}${t.groupRegistered ? '' : ' (not registered yet)'}`,
      ...(t.devices.length > 0 ? ['  enrolled devices:', ...t.devices.map((d) => `    ${d.serialNumber}  ${d.model}  ${d.salesCode}  (group ${d.groupId})`)] : ['  enrolled devices: none']),
      'Press Ctrl+C to stop.',
      '',
    ];
    io.stdout(lines.join('\n'));
  }
  await io.interrupted;
  await sim.close();
  io.stderr('fota simulator: stopped\n');
  return EXIT.ok;
}

/** `fota simulator` */
export const command: Command = {
  name: 'simulator',
  summary: 'run the E-FOTA simulator (practice server on loopback) until Ctrl+C',
  help: HELP,
  run,
};
