// A client wired to a test server with a planted, distinctive token, and a record of every error the
// tests provoke so each suite can prove the token never appears in any of them.
import { inspect } from 'node:util';
import type { Clock } from '../../../../common/clock.ts';
import { createEfotaClient, type CallLimits, type EfotaClient, type TokenProvider } from '../../../../main/efota/client.ts';
import type { SalesCodeElementMemory } from '../../../../common/efota/sales-code-names.ts';
import { createNodeFetch, type NodeFetch } from '../../../../main/efota/node-fetch.ts';
import type { EfotaIdentity } from '../../../../main/efota/types.ts';
import { TEST_CA_PEM } from './scripted-server.ts';

/** A token nobody could mistake for anything else. */
export const PLANTED_TOKEN = 'PLANTED-7f3e9a1c-2b4d-4e6f-8a0b-c1d2e3f4a5b6';

/** The identity used against scripted servers (they ignore it). */
export const TEST_IDENTITY: EfotaIdentity = {
  mdmId: 'K7Q2M9X4TP',
  customerId: '3F2A91C4-7B10-4D2E-9A55-0C6E81B2D7F3',
  license: 'EFOTA1-a1b2c3-d4e5f6-g7h8',
};

/** A token provider that always gives the same token and cannot renew. */
export function fixedTokens(token: string = PLANTED_TOKEN): TokenProvider {
  return { getToken: () => Promise.resolve(token) };
}

/** A client against `url` trusting the simulator's test CA, plus its transport (close it after). */
export function clientFor(
  url: string,
  options: {
    timeouts?: Partial<CallLimits>;
    connectTimeoutMs?: number;
    tokens?: TokenProvider;
    identity?: EfotaIdentity;
    env?: Record<string, string>;
    clock?: Clock;
    salesCodeMemory?: SalesCodeElementMemory;
  } = {},
): { client: EfotaClient; transport: NodeFetch } {
  const transport = createNodeFetch({ extraCaPem: TEST_CA_PEM, connectTimeoutMs: options.connectTimeoutMs ?? 10_000, env: options.env ?? {} });
  const client = createEfotaClient({
    baseUrl: url,
    identity: options.identity ?? TEST_IDENTITY,
    tokens: options.tokens ?? fixedTokens(),
    fetch: transport.fetch,
    timeouts: options.timeouts ?? {},
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.salesCodeMemory ? { salesCodeMemory: options.salesCodeMemory } : {}),
  });
  return { client, transport };
}

/** Errors collected by `failure`, to scan for secrets at the end of a suite. */
export const collectedErrors: unknown[] = [];

/** Awaits a promise that must reject; returns (and records) the error. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    collectedErrors.push(error);
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Every text form of an error: message, String(), JSON, util.inspect (causes and all properties). */
export function textsOf(error: unknown): string[] {
  const texts = [String(error), inspect(error, { depth: 10, showHidden: true })];
  try {
    texts.push(JSON.stringify(error));
  } catch {
    texts.push('<unserialisable>');
  }
  let cause: unknown = error;
  for (let i = 0; i < 10 && cause instanceof Error; i++) {
    texts.push(cause.message, cause.stack ?? '');
    cause = cause.cause;
  }
  return texts;
}

/** The errors (by index) whose any text form contains `secret`. */
export function leaks(errors: readonly unknown[], secret: string): number[] {
  return errors.flatMap((error, index) => (textsOf(error).some((t) => t.includes(secret)) ? [index] : []));
}
