// The auth layer against the simulator over real TLS: client credentials, renewal before expiry on
// a controllable clock shared with the server, one renewal after a 401, one renewal for many callers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { TOKEN_PATH } from '../../../common/efota/operations.ts';
import { TokenManager, renewalMarginMs } from '../../../main/auth/token-manager.ts';
import { createEfotaClient } from '../../../main/efota/client.ts';
import { AuthError } from '../../../main/efota/errors.ts';
import type { FetchLike } from '../../../main/efota/http.ts';
import { createNodeFetch, type NodeFetch } from '../../../main/efota/node-fetch.ts';
import { requestToken } from '../../../main/efota/token.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';

const START = Date.parse('2026-11-22T09:00:00Z');

let sim: RunningSimulator;
let clock: ManualClock;
let transport: NodeFetch;

/** The real undici transport, counting what went over the wire (nothing is faked). */
function counting(fetch: FetchLike): { fetch: FetchLike; tokenRequests: () => number; unauthorized: () => number } {
  let tokenRequests = 0;
  let unauthorized = 0;
  return {
    fetch: async (url, init) => {
      if (new URL(url).pathname === TOKEN_PATH) tokenRequests++;
      const response = await fetch(url, init);
      if (response.status === 401) unauthorized++;
      return response;
    },
    tokenRequests: () => tokenRequests,
    unauthorized: () => unauthorized,
  };
}

function setup(fetch: FetchLike, secret = sim.tenant.clientSecret) {
  const tokens = new TokenManager(() => requestToken({ baseUrl: sim.url, clientId: sim.tenant.clientId, clientSecret: secret, fetch, now: () => clock.now() }), clock);
  const { mdmId, customerId, license } = sim.tenant;
  const client = createEfotaClient({ baseUrl: sim.url, identity: { mdmId, customerId, license }, tokens, fetch, clock });
  return { tokens, client };
}

beforeAll(async () => {
  clock = new ManualClock(START);
  sim = await startSimulator({ clock, tokenLifetimeSeconds: 60 });
  transport = createNodeFetch({ extraCaPem: sim.caPem });
});
afterAll(async () => {
  await transport.close();
  await sim.close();
});
afterEach(() => {
  sim.faults = {};
  clock.set(START);
});

describe('OAuth client credentials through the auth layer', () => {
  it('gets a token the server accepts', async () => {
    const wire = counting(transport.fetch);
    const { client, tokens } = setup(wire.fetch);
    const info = await client.licenseInfo();
    expect(info.licenseStatus).toBe('Normal');
    expect(wire.tokenRequests()).toBe(1);
    expect(tokens.requestCount).toBe(1);
  });

  it('reports a wrong secret as invalid_client, and keeps no token', async () => {
    const wire = counting(transport.fetch);
    const { client, tokens } = setup(wire.fetch, 'ffffffff-0000-4000-8000-000000000000');
    const error = await client.licenseInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).errorCode).toBe('invalid_client');
    // a second attempt asks again instead of reusing anything from the failure
    await expect(tokens.getToken()).rejects.toBeInstanceOf(AuthError);
    expect(wire.tokenRequests()).toBe(2);
  });

  it('300 sequential calls with 60 s tokens: all succeed, renewing as the rule predicts', async () => {
    const wire = counting(transport.fetch);
    const { client } = setup(wire.fetch);
    const lifetimeMs = 60_000;
    const stepMs = 1_000;
    // The rule: renew 60 s before expiry, but never more than half a token's life (else a 60 s
    // token would be renewed before every call). Predict the token requests by walking the clock.
    let predicted = 0;
    let renewAt = -Infinity;
    for (let i = 0; i < 300; i++) {
      const t = START + i * stepMs;
      if (t >= renewAt) {
        predicted++;
        renewAt = t + lifetimeMs - renewalMarginMs(lifetimeMs);
      }
    }
    expect(renewalMarginMs(lifetimeMs)).toBe(30_000);
    expect(predicted).toBe(10); // 299 s of calls, one token per 30 s

    for (let i = 0; i < 300; i++) {
      await client.licenseInfo(); // throws on any failure
      clock.advance(stepMs);
    }
    expect(wire.tokenRequests()).toBe(predicted);
    expect(wire.unauthorized()).toBe(0); // never sent a token the server considered expired
    expect(sim.calls.filter((c) => c.operation === 'licenseInfo').length).toBeGreaterThanOrEqual(300);
  });

  it('renews once when the server rejects the token mid-run', async () => {
    const wire = counting(transport.fetch);
    const { client, tokens } = setup(wire.fetch);
    for (let i = 0; i < 10; i++) await client.licenseInfo();
    expect(wire.tokenRequests()).toBe(1);
    const current = await tokens.getToken();
    expect(sim.tokens.revoke(current)).toBe(true);
    await client.licenseInfo();
    expect(wire.unauthorized()).toBe(1);
    expect(wire.tokenRequests()).toBe(2);
    expect(await tokens.getToken()).not.toBe(current);
    for (let i = 0; i < 10; i++) await client.licenseInfo();
    expect(wire.tokenRequests()).toBe(2);
  });

  it('does not loop when every token is refused: one renewal, then the 401 is reported', async () => {
    const wire = counting(transport.fetch);
    const { client } = setup(wire.fetch);
    sim.faults = { revokeTokens: true };
    await expect(client.licenseInfo()).rejects.toBeInstanceOf(AuthError);
    expect(wire.tokenRequests()).toBe(2);
    expect(wire.unauthorized()).toBe(2);
  });

  it('lets concurrent callers share one token request, and one renewal after a revocation', async () => {
    const wire = counting(transport.fetch);
    const { client, tokens } = setup(wire.fetch);
    await Promise.all(Array.from({ length: 20 }, () => client.licenseInfo()));
    expect(wire.tokenRequests()).toBe(1);
    sim.tokens.revoke(await tokens.getToken());
    await Promise.all(Array.from({ length: 20 }, () => client.licenseInfo()));
    expect(wire.unauthorized()).toBe(20);
    expect(wire.tokenRequests()).toBe(2);
  });

  it('renews on the clock alone: past the renewal point, the next call fetches a new token first', async () => {
    const wire = counting(transport.fetch);
    const { client } = setup(wire.fetch);
    await client.licenseInfo();
    clock.advance(29_999);
    await client.licenseInfo();
    expect(wire.tokenRequests()).toBe(1);
    clock.advance(1);
    await client.licenseInfo();
    expect(wire.tokenRequests()).toBe(2);
    expect(wire.unauthorized()).toBe(0);
  });
});
