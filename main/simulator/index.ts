// The E-FOTA simulator: Samsung's b2bfota API over HTTPS on loopback, for tests, benchmarks and
// the app's practice mode. See docs/simulator.md.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../common/clock.ts';
import type { CallRecord } from './calls.ts';
import { SIM_CA_PEM, SIM_SERVER_CERT_PEM, SIM_SERVER_KEY_PEM } from './certs.ts';
import { demoSeed, emptySeed } from './demo-seed.ts';
import { FaultBox, type FaultSettings } from './faults.ts';
import { TOKEN_ENDPOINT } from './operations.ts';
import { parseSeed, type SeedData } from './seed.ts';
import { requestListener } from './server.ts';
import { TenantState } from './state.ts';
import type { TenantSummary } from './tenant-summary.ts';
import { resolveSwitches, type SimulatorSwitches } from './switches.ts';
import { DEMO_CLIENT, TokenStore, type SimClient } from './tokens.ts';

export type { CallRecord, CallOutcome } from './calls.ts';
export type { FaultKind, FaultSettings } from './faults.ts';
export { DEFAULT_FAULTS } from './faults.ts';
export type { SeedData } from './seed.ts';
export type { ProgressPace } from './progress.ts';
export { FAILURE_REASONS, NOT_NEWER_REASON } from './progress.ts';
export { parseSeed, SeedError } from './seed.ts';
export type { SimulatorSwitches } from './switches.ts';
export { DEFAULT_SWITCHES } from './switches.ts';
export type { TenantState } from './state.ts';
export type { License, Group, Device, ForceUpdate, ScheduledUpdate } from './tenant-records.ts';
export type { TenantSummary } from './tenant-summary.ts';
export { DEMO_CLIENT } from './tokens.ts';
export { DOC, DEMO_LICENSES, SECOND_PARTNER, demoSeed, emptySeed } from './demo-seed.ts';
export type { SimOperation } from './operations.ts';

/** How to start a simulator. */
export interface SimulatorOptions {
  /** loopback only: `127.0.0.1` (default), `::1` or `localhost` */
  host?: string;
  /** 0 (default) = a free port */
  port?: number;
  /** `demo` (default), `empty`, or a parsed seed (it is validated) */
  seed?: 'demo' | 'empty' | SeedData;
  /** default: the system clock; tests pass a ManualClock */
  clock?: Clock;
  /** OAuth clients; default: the seed's clients, else the demo client */
  clients?: Array<{ clientId: string; clientSecret: string }>;
  /** a bearer token always accepted (CLI `--token`) */
  fixedToken?: string;
  /** `expires_in` of new tokens, seconds (default 3600) */
  tokenLifetimeSeconds?: number;
  faults?: Partial<FaultSettings>;
  switches?: Partial<SimulatorSwitches>;
  /** where `ca.pem` is written (default: a new folder under the OS temp folder, removed on close) */
  dataDir?: string;
  /** request bodies above this many bytes get the malformed-request 400 (default 1 MiB) */
  maxBodyBytes?: number;
  /** a different certificate to serve (for "refuse this certificate" tests); `caPem` is what `caPem` reports */
  tls?: { certPem: string; keyPem: string; caPem: string };
}

/** A running simulator and its test hooks. */
export interface RunningSimulator {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** `url` + the token path */
  readonly tokenUrl: string;
  readonly port: number;
  /** PEM of the CA that signed the server certificate: clients trust it explicitly */
  readonly caPem: string;
  /** file holding `caPem` */
  readonly caPath: string;
  /** identities to use: mdmId, customerId, licence, a group, the demo client, some devices */
  readonly tenant: TenantSummary;
  readonly clock: Clock;
  /** live fault settings: change a field, or assign a (partial) object — unnamed knobs return to their defaults */
  get faults(): FaultSettings;
  set faults(next: Partial<FaultSettings>);
  /** live switches: change a field, or assign a (partial) object — unnamed switches return to their defaults */
  get switches(): SimulatorSwitches;
  set switches(next: Partial<SimulatorSwitches>);
  /** every accepted (committed) call, oldest first */
  readonly calls: readonly CallRecord[];
  /** the tenant state and its hooks (enrol, block, licence status, force update progress ...) */
  readonly state: TenantState;
  /** token hooks: expire all, revoke one, issue without HTTP */
  readonly tokens: TokenStore;
  /** Issues a token without HTTP (for tests that are not about the token endpoint). */
  issueToken(clientId?: string): string;
  /** Every issued token expires now (the fixed token stays valid; use `faults.revokeTokens` for that). */
  expireTokens(): void;
  /** Reloads the seed (default: the one it started with); clears the call record. */
  reset(seed?: 'demo' | 'empty' | SeedData): void;
  /** Stops serving and drops every connection. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function seedOf(seed: 'demo' | 'empty' | SeedData): SeedData {
  if (seed === 'demo') return demoSeed();
  if (seed === 'empty') return emptySeed();
  return parseSeed(seed);
}

class Simulator implements RunningSimulator {
  readonly url: string;
  readonly tokenUrl: string;
  readonly port: number;
  readonly caPem: string;
  readonly caPath: string;
  readonly clock: Clock;
  readonly state: TenantState;
  readonly tokens: TokenStore;
  readonly calls: CallRecord[];
  readonly #faultBox: FaultBox;
  readonly #switches: SimulatorSwitches;
  readonly #server: Server;
  readonly #client: SimClient;
  readonly #ownedDir: string | null;
  #seed: 'demo' | 'empty' | SeedData;
  #closed = false;

  constructor(init: { url: string; port: number; caPem: string; caPath: string; clock: Clock; state: TenantState; tokens: TokenStore; calls: CallRecord[]; faultBox: FaultBox; switches: SimulatorSwitches; server: Server; client: SimClient; ownedDir: string | null; seed: 'demo' | 'empty' | SeedData }) {
    this.url = init.url;
    this.tokenUrl = `${init.url}${TOKEN_ENDPOINT}`;
    this.port = init.port;
    this.caPem = init.caPem;
    this.caPath = init.caPath;
    this.clock = init.clock;
    this.state = init.state;
    this.tokens = init.tokens;
    this.calls = init.calls;
    this.#faultBox = init.faultBox;
    this.#switches = init.switches;
    this.#server = init.server;
    this.#client = init.client;
    this.#ownedDir = init.ownedDir;
    this.#seed = init.seed;
  }

  get tenant(): TenantSummary {
    return this.state.summary(this.#client);
  }

  get faults(): FaultSettings {
    return this.#faultBox.settings;
  }

  set faults(next: Partial<FaultSettings>) {
    this.#faultBox.replace(next);
  }

  get switches(): SimulatorSwitches {
    return this.#switches;
  }

  set switches(next: Partial<SimulatorSwitches>) {
    Object.assign(this.#switches, resolveSwitches(next));
  }

  issueToken(clientId: string = this.#client.clientId): string {
    return this.tokens.issue(clientId).token;
  }

  expireTokens(): void {
    this.tokens.expireAll();
  }

  reset(seed?: 'demo' | 'empty' | SeedData): void {
    if (seed !== undefined) this.#seed = seed;
    this.state.load(seedOf(this.#seed));
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Synchronous clean-up first: a process that is being killed may not get past the first await.
    if (this.#ownedDir) rmSync(this.#ownedDir, { recursive: true, force: true });
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }
}

/** Starts a simulator on loopback; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`simulator: host '${host}' is not loopback; it serves only 127.0.0.1, ::1 or localhost`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`simulator: port ${port} is not 0–65535`);
  const clock = options.clock ?? systemClock;
  const switches = resolveSwitches(options.switches);
  const faultBox = new FaultBox(options.faults);
  const initialSeed = options.seed ?? 'demo';
  const seed = seedOf(initialSeed);
  const clients = options.clients ?? seed.clients ?? [{ ...DEMO_CLIENT }];
  const client = clients[0] ?? { ...DEMO_CLIENT };
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  if (!(lifetime > 0)) throw new RangeError('simulator: tokenLifetimeSeconds must be > 0');
  const tokens = new TokenStore(clock, clients, lifetime, options.fixedToken ?? null);
  const state = new TenantState(seed, clock, switches);
  const calls: CallRecord[] = [];
  const caPem = options.tls?.caPem ?? SIM_CA_PEM;

  const ownedDir = options.dataDir ? null : mkdtempSync(join(tmpdir(), 'fota-simulator-'));
  const dataDir = options.dataDir ?? ownedDir ?? tmpdir();
  mkdirSync(dataDir, { recursive: true });
  const caPath = join(dataDir, 'ca.pem');
  // Written aside and renamed: several simulators may share a folder, and a reader never sees half a file.
  const aside = `${caPath}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(aside, caPem);
  renameSync(aside, caPath);

  const server = createServer(
    { cert: options.tls?.certPem ?? SIM_SERVER_CERT_PEM, key: options.tls?.keyPem ?? SIM_SERVER_KEY_PEM, requestTimeout: 30_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 },
    requestListener({
      state, tokens, faults: faultBox, switches, clock, calls,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      onInternalError: (error) => process.stderr.write(`simulator: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
    }),
  );
  // A broken handshake or a malformed request line must never take the process down.
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (ownedDir) rmSync(ownedDir, { recursive: true, force: true });
      reject(new Error(`simulator: cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    });
    server.listen(port, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  server.on('error', () => undefined);
  const bound = (server.address() as AddressInfo).port;
  const url = `https://${host === '::1' ? '[::1]' : host}:${bound}`;
  return new Simulator({ url, port: bound, caPem, caPath, clock, state, tokens, calls, faultBox, switches, server, client, ownedDir, seed: initialSeed });
}
