// The access token of one profile: fetched with client credentials, kept in memory only, renewed
// shortly before it expires and once after the server rejects it. Concurrent callers share one
// renewal, so a burst of calls never turns into a burst of token requests.
import { systemClock, type Clock } from '../../common/clock.ts';
import type { TokenProvider } from '../efota/client.ts';
import { registerSecret } from '../log/redactor.ts';

/** What a token request yields (the client's TokenResponse fits). */
export interface TokenGrant {
  readonly accessToken: string;
  /** lifetime in seconds, as announced by the server */
  readonly expiresIn: number;
}


/** Renew this long before expiry (docs/efota-api.md §3: about 60 s). */
export const RENEW_BEFORE_MS = 60_000;

/**
 * How long before expiry a token of `lifetimeMs` is renewed: 60 s, but never more than half its
 * life, so a short-lived token (the simulator can issue 60 s ones) is still used for a while
 * instead of being renewed before every single call.
 */
export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(RENEW_BEFORE_MS, Math.floor(lifetimeMs / 2));
}

interface Held {
  readonly token: string;
  /** epoch ms after which the token is renewed before use */
  readonly renewAt: number;
}

/** A TokenProvider over a token request function, with an injected clock. */
export class TokenManager implements TokenProvider {
  readonly #request: () => Promise<TokenGrant>;
  readonly #clock: Clock;
  #held: Held | null = null;
  #pending: Promise<string> | null = null;
  #requests = 0;

  constructor(request: () => Promise<TokenGrant>, clock: Clock = systemClock) {
    this.#request = request;
    this.#clock = clock;
  }

  /** How many token requests this manager has made (for tests and diagnostics). */
  get requestCount(): number {
    return this.#requests;
  }

  /** A token valid now: the held one, or a fresh one (shared with every concurrent caller). */
  getToken(): Promise<string> {
    const held = this.#held;
    if (held && this.#clock.now() < held.renewAt) return Promise.resolve(held.token);
    return this.#renewShared();
  }

  /** After a 401: a fresh token, unless another caller already replaced the rejected one. */
  renew(rejected: string): Promise<string> {
    const held = this.#held;
    if (held && held.token !== rejected && this.#clock.now() < held.renewAt) return Promise.resolve(held.token);
    if (held?.token === rejected) this.#held = null;
    return this.#renewShared();
  }

  /** Drops the held token (logout, profile change). */
  forget(): void {
    this.#held = null;
  }

  #renewShared(): Promise<string> {
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #fetch(): Promise<string> {
    // Expiry counts from before the request, so network time can only make us renew early.
    const sentAt = this.#clock.now();
    this.#requests++;
    const grant = await this.#request();
    if (typeof grant.accessToken !== 'string' || grant.accessToken === '') throw new Error('the token endpoint returned no access token');
    // The logger redacts every token it was told about, wherever a message would carry it.
    registerSecret(grant.accessToken);
    const lifetimeMs = Number.isFinite(grant.expiresIn) && grant.expiresIn > 0 ? grant.expiresIn * 1000 : 0;
    this.#held = { token: grant.accessToken, renewAt: sentAt + lifetimeMs - renewalMarginMs(lifetimeMs) };
    return grant.accessToken;
  }
}
