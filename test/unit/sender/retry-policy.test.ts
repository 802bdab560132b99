// The retry policy as a classification table: for each failure the client can report, what a
// state-changing call and a read-only call do next.
import { describe, expect, it } from 'vitest';
import { AuthError, FudError, ProtocolError, TransportError, type TransportKind } from '../../../main/efota/errors.ts';
import { explainFud } from '../../../main/efota/fud.ts';
import { backoffMs, classifyFailure, decide, DEFAULT_RETRY_POLICY, type Decision } from '../../../main/batches/retry-policy.ts';
import { retryRead } from '../../../main/batches/retry-run.ts';

const transport = (kind: TransportKind, mayHaveReachedServer: boolean, extra: { httpStatus?: number; retryAfterMs?: number; operation?: 'forceUpdate' | 'token' } = {}): TransportError =>
  new TransportError({ operation: extra.operation ?? 'forceUpdate', kind, mayHaveReachedServer, message: `${kind}`, httpStatus: extra.httpStatus ?? null, retryAfterMs: extra.retryAfterMs ?? null });
const fud = (code: string, httpStatus: number | null, local = false): FudError =>
  new FudError({ operation: 'forceUpdate', explanation: explainFud(code), httpStatus, local });

type Row = readonly [name: string, error: unknown, change: Decision['action'], read: Decision['action']];

const TABLE: readonly Row[] = [
  ['DNS failure', transport('dns', false), 'retry', 'retry'],
  ['connection refused', transport('refused', false), 'retry', 'retry'],
  ['TLS handshake failure', transport('tls', false), 'retry', 'retry'],
  ['connect timeout', transport('timeout', false), 'retry', 'retry'],
  ['HTTP 429 with Retry-After', transport('throttled', false, { httpStatus: 429, retryAfterMs: 2000 }), 'retry', 'retry'],
  ['HTTP 429 without Retry-After', transport('throttled', false, { httpStatus: 429 }), 'retry', 'retry'],
  ['timeout after the request was written', transport('timeout', true), 'unknown', 'retry'],
  ['reset after the request was written', transport('reset', true), 'unknown', 'retry'],
  ['TLS failure after the request was written', transport('tls', true), 'unknown', 'retry'],
  ['bare HTTP 502 from a gateway', transport('server', true, { httpStatus: 502 }), 'unknown', 'retry'],
  ['other failure that may have reached', transport('other', true), 'unknown', 'retry'],
  ['FUD_9001 (HTTP 500)', fud('FUD_9001', 500), 'unknown', 'retry'],
  ['FUD_9003 (HTTP 500)', fud('FUD_9003', 500), 'unknown', 'retry'],
  ['FUD_9003 on an odd status', fud('FUD_9003', 400), 'unknown', 'retry'],
  ['a FUD code on HTTP 503', fud('FUD_3031', 503), 'unknown', 'retry'],
  ['FUD_3031 (HTTP 400)', fud('FUD_3031', 400), 'rejected', 'fail'],
  ['FUD_3017 licence expired', fud('FUD_3017', 400), 'rejected', 'fail'],
  ['refused before sending (local FUD_1018)', fud('FUD_1018', null, true), 'rejected', 'fail'],
  ['401 after the client renewed once', new AuthError({ operation: 'forceUpdate', httpStatus: 401, message: '401' }), 'stop-unsent', 'fail'],
  ['403', new AuthError({ operation: 'forceUpdate', httpStatus: 403, message: '403' }), 'stop-unsent', 'fail'],
  ['no token could be had (bad client secret)', new AuthError({ operation: 'token', httpStatus: 401, message: 'invalid_client' }), 'stop-unsent', 'fail'],
  ['the token call could not connect', transport('refused', false, { operation: 'token' }), 'retry', 'retry'],
  ['the token call timed out after sending', transport('timeout', true, { operation: 'token' }), 'retry', 'retry'],
  ['2xx without a forceUpdateId', new ProtocolError({ operation: 'forceUpdate', problem: 'missing-element', httpStatus: 200, message: 'no id' }), 'unknown', 'fail'],
  ['an HTML page instead of XML', new ProtocolError({ operation: 'forceUpdate', problem: 'not-xml', httpStatus: 200, message: 'html' }), 'unknown', 'fail'],
  ['a redirect (not followed)', new ProtocolError({ operation: 'forceUpdate', problem: 'redirect', httpStatus: 302, message: 'redirect' }), 'unknown', 'fail'],
  ['a bug (TypeError)', new TypeError('x is undefined'), 'unknown', 'fail'],
];

describe('classification table', () => {
  it.each(TABLE)('%s → change: %s, read: %s', (_name, error, change, read) => {
    expect(decide('change', classifyFailure(error), 1, DEFAULT_RETRY_POLICY, () => 0.5).action).toBe(change);
    expect(decide('read', classifyFailure(error), 1, DEFAULT_RETRY_POLICY, () => 0.5).action).toBe(read);
  });

  it('a state-changing call is never retried when the request may have reached the server, whatever the attempt', () => {
    for (const [, error, change] of TABLE) {
      if (change !== 'unknown') continue;
      for (let attempt = 1; attempt <= 10; attempt++) expect(decide('change', classifyFailure(error), attempt).action).toBe('unknown');
    }
  });

  it('a rejection keeps its FUD code and says whether it was refused before sending', () => {
    expect(decide('change', classifyFailure(fud('FUD_3031', 400)), 1)).toMatchObject({ action: 'rejected', code: 'FUD_3031', local: false });
    expect(decide('change', classifyFailure(fud('FUD_1018', null, true)), 1)).toMatchObject({ action: 'rejected', code: 'FUD_1018', local: true });
  });
});

describe('giving up', () => {
  it('stops a state-changing call unsent (not unknown) after the last attempt, naming the cause', () => {
    const last = DEFAULT_RETRY_POLICY.maxAttempts;
    expect(decide('change', classifyFailure(transport('refused', false)), last)).toMatchObject({ action: 'stop-unsent', cause: 'network' });
    expect(decide('change', classifyFailure(transport('throttled', false, { httpStatus: 429 })), last)).toMatchObject({ action: 'stop-unsent', cause: 'throttled' });
    expect(decide('read', classifyFailure(transport('reset', true)), last).action).toBe('fail');
  });

  it('does not wait for a Retry-After beyond the limit: it stops instead', () => {
    const hour = transport('throttled', false, { httpStatus: 429, retryAfterMs: 3_600_000 });
    expect(decide('change', classifyFailure(hour), 1)).toMatchObject({ action: 'stop-unsent', cause: 'throttled' });
    expect(decide('read', classifyFailure(hour), 1).action).toBe('fail');
  });
});

describe('back-off', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
  it('doubles per attempt, stays within [ceiling/2, ceiling] and is capped', () => {
    expect(backoffMs(1, null, policy, () => 0)).toBe(50);
    expect(backoffMs(1, null, policy, () => 1)).toBe(100);
    expect(backoffMs(3, null, policy, () => 0)).toBe(200);
    expect(backoffMs(3, null, policy, () => 1)).toBe(400);
    expect(backoffMs(10, null, policy, () => 1)).toBe(1000);
  });
  it('honours Retry-After, adding only a little jitter', () => {
    expect(backoffMs(1, 2000, policy, () => 0)).toBe(2000);
    const most = backoffMs(1, 2000, policy, () => 1);
    expect(most).toBeGreaterThan(2000);
    expect(most).toBeLessThanOrEqual(2250);
  });
  it('jitter spreads simultaneous retries apart', () => {
    const delays = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => backoffMs(2, null, policy, () => r)));
    expect(delays.size).toBe(5);
  });
});

describe('retryRead', () => {
  it('retries a read-only call through transient failures and passes a rejection on at once', async () => {
    const waits: number[] = [];
    const env = { policy: DEFAULT_RETRY_POLICY, random: () => 0.5, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
    let calls = 0;
    const value = await retryRead('licenseInfo', async () => {
      calls++;
      if (calls === 1) throw fud('FUD_9003', 500);
      if (calls === 2) throw transport('throttled', false, { httpStatus: 429, retryAfterMs: 1000 });
      return 'ok';
    }, env);
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);

    let rejected = 0;
    await expect(retryRead('firmwareList', async () => {
      rejected++;
      throw fud('FUD_3014', 400);
    }, env)).rejects.toBeInstanceOf(FudError);
    expect(rejected).toBe(1);
  });
});
