// When a failed E-FOTA call may be tried again. State-changing calls have no idempotency key and
// cannot be listed afterwards, so they are retried only when the request provably never reached
// Samsung; any doubt makes the call `unknown`, for the admin to decide. Read-only calls retry freely.
// Pure: the unit tests hold this file to a classification table.
import { AuthError, FudError, ProtocolError, TransportError, isEfotaError } from '../efota/errors.ts';

/** A read-only call (licenseInfo, firmwareList, abnormalDeviceList, summary, detail) or one that changes state. */
export type CallKind = 'read' | 'change';

/** What a failure says about where the request got to. */
export type Failure =
  /** the request provably never reached E-FOTA: DNS, refused, TLS handshake, connect timeout, 429, a failed token call */
  | { readonly kind: 'not-reached'; readonly throttled: boolean; readonly retryAfterMs: number | null; readonly reason: string }
  /** the credentials were refused (after the client's one renewal) or no token could be had: nothing reached E-FOTA, and trying again will not help */
  | { readonly kind: 'auth'; readonly reason: string }
  /** the request may have been processed: timeout, reset after writing, any 5xx (FUD_9001/9003 too), an unreadable answer */
  | { readonly kind: 'maybe-reached'; readonly transient: boolean; readonly reason: string }
  /** E-FOTA answered with a FUD code, or the request was refused before sending (`local`) */
  | { readonly kind: 'rejected'; readonly code: string; readonly local: boolean; readonly reason: string };

/** Limits of the retries. */
export interface RetryPolicy {
  /** attempts per call, the first included */
  readonly maxAttempts: number;
  /** first back-off; doubles per attempt */
  readonly baseDelayMs: number;
  /** longest back-off */
  readonly maxDelayMs: number;
  /** a Retry-After longer than this is not waited for: the call stops instead */
  readonly maxRetryAfterMs: number;
}

/** Defaults: six attempts, 0.5 s doubling to 30 s, honouring a Retry-After of up to 2 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/** What to do after a failed attempt. */
export type Decision =
  | { readonly action: 'retry'; readonly delayMs: number; readonly reason: string }
  /** state-changing call: it may have reached Samsung; never re-sent without the admin's confirmation */
  | { readonly action: 'unknown'; readonly reason: string }
  /** state-changing call: Samsung refused it (or it was refused before sending) */
  | { readonly action: 'rejected'; readonly code: string; readonly local: boolean; readonly reason: string }
  /** nothing reached Samsung, but retrying now is pointless or was exhausted: the call stays unsent and the send stops */
  | { readonly action: 'stop-unsent'; readonly cause: 'auth' | 'network' | 'throttled'; readonly reason: string }
  /** read-only call: give up and pass the error on */
  | { readonly action: 'fail'; readonly reason: string };

/** Classifies anything a client call threw. Unknown errors (bugs) count as "may have reached". */
export function classifyFailure(error: unknown): Failure {
  const reason = error instanceof Error ? error.message : String(error);
  if (!isEfotaError(error)) return { kind: 'maybe-reached', transient: false, reason: `unexpected error: ${reason}` };
  // A failure of the token call happened before the API request was even built.
  if (error.operation === 'token') {
    if (error instanceof TransportError) return { kind: 'not-reached', throttled: error.kind === 'throttled', retryAfterMs: error.retryAfterMs, reason };
    return { kind: 'auth', reason };
  }
  if (error instanceof FudError) {
    if (error.local) return { kind: 'rejected', code: error.code, local: true, reason };
    const serverSide = (error.httpStatus !== null && error.httpStatus >= 500) || error.category === 'service';
    if (serverSide) return { kind: 'maybe-reached', transient: true, reason };
    return { kind: 'rejected', code: error.code, local: false, reason };
  }
  if (error instanceof AuthError) return { kind: 'auth', reason };
  if (error instanceof TransportError) {
    if (error.kind === 'throttled') return { kind: 'not-reached', throttled: true, retryAfterMs: error.retryAfterMs, reason };
    if (!error.mayHaveReachedServer) return { kind: 'not-reached', throttled: false, retryAfterMs: null, reason };
    return { kind: 'maybe-reached', transient: true, reason };
  }
  if (error instanceof ProtocolError) {
    // A truncated or unreadable answer is not worth asking again for; a 2xx without an ID may have worked.
    return { kind: 'maybe-reached', transient: false, reason };
  }
  return { kind: 'maybe-reached', transient: false, reason };
}

/** The back-off before attempt `attempt + 1`: Retry-After when given, else doubling with jitter. */
export function backoffMs(attempt: number, retryAfterMs: number | null, policy: RetryPolicy, random: () => number): number {
  if (retryAfterMs !== null) return Math.round(retryAfterMs + random() * Math.min(1000, retryAfterMs * 0.1 + 50));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": at least half the ceiling, so retries never bunch up at zero.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Decides what follows failed attempt number `attempt` (1-based) of a call of `kind`. */
export function decide(kind: CallKind, failure: Failure, attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): Decision {
  const last = attempt >= policy.maxAttempts;
  const tooLong = (ms: number | null): boolean => ms !== null && ms > policy.maxRetryAfterMs;
  if (kind === 'change') {
    switch (failure.kind) {
      case 'rejected':
        return { action: 'rejected', code: failure.code, local: failure.local, reason: failure.reason };
      case 'maybe-reached':
        return { action: 'unknown', reason: failure.reason };
      case 'auth':
        return { action: 'stop-unsent', cause: 'auth', reason: failure.reason };
      case 'not-reached': {
        const cause = failure.throttled ? 'throttled' : 'network';
        if (last || tooLong(failure.retryAfterMs)) return { action: 'stop-unsent', cause, reason: failure.reason };
        return { action: 'retry', delayMs: backoffMs(attempt, failure.retryAfterMs, policy, random), reason: failure.reason };
      }
    }
  }
  switch (failure.kind) {
    case 'rejected':
    case 'auth':
      return { action: 'fail', reason: failure.reason };
    case 'maybe-reached':
      if (!failure.transient || last) return { action: 'fail', reason: failure.reason };
      return { action: 'retry', delayMs: backoffMs(attempt, null, policy, random), reason: failure.reason };
    case 'not-reached': {
      const after = failure.retryAfterMs;
      if (last || tooLong(after)) return { action: 'fail', reason: failure.reason };
      return { action: 'retry', delayMs: backoffMs(attempt, after, policy, random), reason: failure.reason };
    }
  }
}
