// How an operation command reaches E-FOTA: base URL, extra CA and SLM identity from flags or the
// environment, and the bearer token from FOTA_TOKEN or standard input — never from a flag, because a
// flag value shows in `ps` and in the shell history. One function, `resolveConnection`, so profiles
// (`--profile NAME`, the active profile) can be added in one place.
import { readFileSync, statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_BASE_URL } from '../../common/efota/operations.ts';
import { checkBaseUrl } from '../../common/efota/base-url.ts';
import { createEfotaClient, type EfotaClient, type EfotaClientOptions, type TokenProvider } from '../efota/client.ts';
import { withFailureLog } from '../efota/failure-log.ts';
import { appLog, type Logger } from '../log/logger.ts';
import { registerSecret } from '../log/redactor.ts';
import { currentDataFolder } from '../store/data-folder.ts';
import { isPackagedRuntime } from '../store/packaged.ts';
import { createNodeFetch } from '../efota/node-fetch.ts';
import { parseCaPem } from '../store/ca-pem.ts';
import { KindedError } from '../services/error-kinds.ts';
import { flagError, UsageError } from './command.ts';
import type { CliIo } from './io.ts';
import type { Connection, FlagValues } from './connection-types.ts';
import { connectProfileForCli, usesProfile } from './cli-profile-connection.ts';
import { userPath } from './user-path.ts';

/** The flags every operation command takes (besides its own). */
export const CONNECTION_OPTIONS = {
  'base-url': { type: 'string' },
  ca: { type: 'string' },
  'mdm-id': { type: 'string' },
  'customer-id': { type: 'string' },
  license: { type: 'string' },
  'token-stdin': { type: 'boolean' },
  profile: { type: 'string' },
  timeout: { type: 'string' },
  'connect-timeout': { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The `--help` text of the connection flags and variables, shared by every operation command. */
export const CONNECTION_HELP = `Connection (a flag wins over its environment variable):
  --profile NAME          use a saved profile (see 'fota profile'); without any connection flag or
                          variable below, the active profile is used ('practice' until you add one)
  --base-url URL          E-FOTA base URL; https only (http only for localhost)   [FOTA_BASE_URL]
                          default ${DEFAULT_BASE_URL}
  --ca FILE               extra CA certificate(s), PEM, trusted on top of the system roots
                          (never instead of them), e.g. a TLS-inspecting proxy's CA   [FOTA_CA]
  --mdm-id ID             MDM ID from the SLM licence mail                         [FOTA_MDM_ID]
  --customer-id ID        customer ID from the SLM licence mail                    [FOTA_CUSTOMER_ID]
  --license KEY           E-FOTA licence key                                       [FOTA_LICENSE]
  --token-stdin           read the access token from the first line of standard input
  FOTA_TOKEN              the access token (environment only: there is deliberately no --token flag,
                          a value on the command line shows in 'ps' and in the shell history)
  --timeout SECONDS       limit for a whole call (default 60)                      [FOTA_TIMEOUT]
  --connect-timeout SECONDS  limit for connecting (default 10)                     [FOTA_CONNECT_TIMEOUT]
  HTTPS_PROXY, NO_PROXY   proxy for https, and hosts reached directly

Output:
  --json                  print exactly one JSON object on standard output (errors too); messages
                          for people still go to standard error

Exit codes: 0 success, 2 invalid input (including a request refused before sending, with the FUD code
Samsung would answer), 3 E-FOTA error (FUD code, cause, remedy), 4 authentication (no token, 401),
5 network, TLS, timeout or an answer that is not E-FOTA's.`;

/** The log of the data folder this command works on. */
export function commandLog(io: CliIo): Logger {
  return appLog(currentDataFolder(io.env, isPackagedRuntime()), io.env);
}

/**
 * The E-FOTA client of a connection, the one way a command makes one: every token it uses is
 * registered with the log's redactor, and with `log` every failed call is logged for `fota
 * diagnostics` (failure-log.ts). Pass no log where the caller logs failures itself (tracking).
 */
export function clientFor(connection: Connection, options: { readonly log: Logger | null; readonly onFindings?: EfotaClientOptions['onFindings'] }): EfotaClient {
  const inner = connection.tokens;
  const renew = inner.renew?.bind(inner);
  const tokens: TokenProvider = {
    getToken: async () => registered(await inner.getToken()),
    ...(renew ? { renew: async (rejected: string) => registered(await renew(rejected)) } : {}),
  };
  const client = createEfotaClient({
    baseUrl: connection.baseUrl,
    identity: connection.identity,
    tokens,
    fetch: connection.fetch,
    timeouts: connection.timeouts,
    ...(connection.salesCodeMemory ? { salesCodeMemory: connection.salesCodeMemory } : {}),
    ...(options.onFindings ? { onFindings: options.onFindings } : {}),
  });
  return withFailureLog(client, options.log, connection.profileName ? { profile: connection.profileName } : undefined);
}

function registered(token: string): string {
  registerSecret(token);
  return token;
}

/** No access token was given (exit 4: authentication). */
export class NoTokenError extends KindedError {
  override readonly name = 'NoTokenError';
  readonly kind = 'auth';
}

/** Parses a command's arguments with the connection flags added; every problem is a UsageError. */
export function parseCommandArgs(
  args: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  positionals: { readonly min: number; readonly max: number; readonly what: string },
): { values: FlagValues; positionals: string[] } {
  const tokenFlag = args.find((a) => a === '--token' || a.startsWith('--token='));
  if (tokenFlag) {
    throw new UsageError(
      "there is no --token flag: a token on the command line shows in 'ps' and in the shell history. Set FOTA_TOKEN in the environment, or pipe the token into --token-stdin.",
    );
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: { ...CONNECTION_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw flagError(error);
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) throw new UsageError(`missing ${positionals.what}`);
  if (count > positionals.max) throw new UsageError(`unexpected argument '${parsed.positionals[positionals.max] ?? ''}'`);
  return { values: parsed.values as FlagValues, positionals: parsed.positionals };
}

/** A string flag's value, or null. */
export function stringFlag(values: FlagValues, name: string): string | null {
  const value = values[name];
  return typeof value === 'string' ? value : null;
}

const MAX_CA_BYTES = 1024 * 1024;
const MAX_TOKEN_BYTES = 64 * 1024;

/** Resolves base URL, CA, identity and token from flags and environment; opens the transport. */
export async function resolveConnection(values: FlagValues, io: CliIo): Promise<Connection> {
  const pick = (flag: string, env: string): string | null => {
    const given = stringFlag(values, flag) ?? io.env[env] ?? null;
    return given !== null && given.trim() !== '' ? given.trim() : null;
  };

  if (usesProfile(values, io)) {
    const timeoutMs = seconds(pick('timeout', 'FOTA_TIMEOUT'), '--timeout (FOTA_TIMEOUT)');
    const connectTimeoutMs = seconds(pick('connect-timeout', 'FOTA_CONNECT_TIMEOUT'), '--connect-timeout (FOTA_CONNECT_TIMEOUT)');
    return connectProfileForCli(values, io, { timeoutMs, connectTimeoutMs });
  }

  const base = checkBaseUrl(pick('base-url', 'FOTA_BASE_URL') ?? DEFAULT_BASE_URL);
  if (!base.ok) throw new UsageError(base.message);

  const caFile = pick('ca', 'FOTA_CA');
  const caPem = caFile === null ? null : readCa(caFile, io);

  const missing: string[] = [];
  const identity = {
    mdmId: pick('mdm-id', 'FOTA_MDM_ID') ?? (missing.push('--mdm-id (or FOTA_MDM_ID)'), ''),
    customerId: pick('customer-id', 'FOTA_CUSTOMER_ID') ?? (missing.push('--customer-id (or FOTA_CUSTOMER_ID)'), ''),
    license: pick('license', 'FOTA_LICENSE') ?? (missing.push('--license (or FOTA_LICENSE)'), ''),
  };
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}: the IDs and licence key from the SLM licence mail`);

  const timeoutMs = seconds(pick('timeout', 'FOTA_TIMEOUT'), '--timeout (FOTA_TIMEOUT)');
  const connectTimeoutMs = seconds(pick('connect-timeout', 'FOTA_CONNECT_TIMEOUT'), '--connect-timeout (FOTA_CONNECT_TIMEOUT)');

  const token = values['token-stdin'] === true ? await readTokenFromStdin(io) : (io.env['FOTA_TOKEN'] ?? '').trim();
  if (token === '') {
    throw new NoTokenError(
      values['token-stdin'] === true
        ? 'no access token on standard input: pipe the token into the command, e.g. `printf %s "$TOKEN" | fota license --token-stdin`.'
        : 'no access token: set FOTA_TOKEN to the access token from the token endpoint, or pipe it into --token-stdin.',
    );
  }
  if (/\s/.test(token)) throw new NoTokenError('the access token contains spaces or line breaks; give the token alone.');

  const transport = createNodeFetch({ extraCaPem: caPem, env: io.env, ...(connectTimeoutMs !== null ? { connectTimeoutMs } : {}) });
  return {
    baseUrl: base.url,
    identity,
    tokens: { getToken: () => Promise.resolve(token) },
    fetch: transport.fetch,
    timeouts: timeoutMs !== null ? { timeoutMs } : {},
    close: () => transport.close(),
  };
}

function readCa(file: string, io: CliIo): string {
  const full = userPath(io, file);
  let text: string;
  try {
    if (statSync(full).size > MAX_CA_BYTES) throw new UsageError(`--ca ${full}: the file is larger than 1 MiB; it should hold a few PEM certificates.`);
    text = readFileSync(full, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--ca ${full}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const parsed = parseCaPem(text);
  if (!parsed.ok) throw new UsageError(`--ca ${full}: ${parsed.problem}.`);
  return text;
}

function seconds(text: string | null, what: string): number | null {
  if (text === null) return null;
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) <= 0 || Number(text) > 3600) {
    throw new UsageError(`${what} must be a number of seconds between 0 and 3600, not '${text}'.`);
  }
  return Math.round(Number(text) * 1000);
}

async function readTokenFromStdin(io: CliIo): Promise<string> {
  if (io.stdinIsTty) throw new UsageError('--token-stdin reads the token from a pipe, not from the terminal: `printf %s "$TOKEN" | fota … --token-stdin`.');
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (text.length > MAX_TOKEN_BYTES) throw new UsageError('--token-stdin: standard input is far longer than a token.');
  }
  return (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '').trim();
}
