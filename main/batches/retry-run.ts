// Runs a read-only E-FOTA call with the retry policy: back-off with jitter on 5xx, 429 (honouring
// Retry-After) and network errors; anything else is passed on at once.
import { classifyFailure, decide, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';

/** What the retries need: the policy, a sleep and a random source (both injected by tests). */
export interface RetryEnv {
  readonly policy: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** told before each wait */
  readonly onRetry?: (info: { readonly what: string; readonly attempt: number; readonly delayMs: number; readonly reason: string }) => void;
}

/** The real sleep and randomness with the default policy. */
export const REAL_RETRY_ENV: RetryEnv = {
  policy: DEFAULT_RETRY_POLICY,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Calls `fn` until it succeeds or the policy gives up; `what` names the call in retry notices. */
export async function retryRead<T>(what: string, fn: () => Promise<T>, env: RetryEnv): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const decision = decide('read', classifyFailure(error), attempt, env.policy, env.random);
      if (decision.action !== 'retry') throw error;
      env.onRetry?.({ what, attempt, delayMs: decision.delayMs, reason: decision.reason });
      await env.sleep(decision.delayMs);
    }
  }
}
