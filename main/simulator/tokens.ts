// OAuth clients and the bearer tokens issued to them (docs/efota-api.md §3).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../common/clock.ts';

/** An OAuth client of the simulator (REST API key). */
export interface SimClient {
  clientId: string;
  clientSecret: string;
}

/** The demo client; it is printed by `fota simulator` (a practice server holds no real secrets). */
export const DEMO_CLIENT: Readonly<SimClient> = Object.freeze({
  clientId: '5a1e7c2d-0b3f-4e69-8d21-c4f0a9b7e356',
  clientSecret: 'd3b07384-d113-4ec6-a8f1-96e7c1f2a0b4',
});

/** Why a bearer token was refused, for the simulator's own diagnostics. */
export type TokenProblem = 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked';

interface Issued {
  clientId: string;
  expiresAt: number;
}

/** Hyphen-separated 32 hex digits, like the documentation's `aaaa1111-bb22-cc33-dd44-eeeeee555555`. */
function newToken(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Clients and live tokens; expiry follows the injected clock. */
export class TokenStore {
  readonly #clock: Clock;
  readonly #clients = new Map<string, string>();
  readonly #tokens = new Map<string, Issued>();
  readonly #fixed: string | null;
  /** lifetime of new tokens in seconds (`expires_in`) */
  lifetimeSeconds: number;

  constructor(clock: Clock, clients: readonly SimClient[], lifetimeSeconds: number, fixedToken: string | null) {
    this.#clock = clock;
    for (const c of clients) this.#clients.set(c.clientId, c.clientSecret);
    this.lifetimeSeconds = lifetimeSeconds;
    this.#fixed = fixedToken;
  }

  /** True when the id/secret pair is a known client. */
  authenticate(clientId: string, clientSecret: string): boolean {
    return this.#clients.has(clientId) && this.#clients.get(clientId) === clientSecret;
  }

  /** Adds (or replaces) a client. */
  addClient(client: SimClient): void {
    this.#clients.set(client.clientId, client.clientSecret);
  }

  /** Issues a token for a client. */
  issue(clientId: string): { token: string; expiresIn: number } {
    const token = newToken();
    this.#tokens.set(token, { clientId, expiresAt: this.#clock.now() + this.lifetimeSeconds * 1000 });
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** null when the token is accepted, else why not. */
  check(token: string): TokenProblem | null {
    if (this.#fixed !== null && token === this.#fixed) return null;
    const issued = this.#tokens.get(token);
    if (!issued) return 'unknown';
    if (this.#clock.now() >= issued.expiresAt) return 'expired';
    return null;
  }

  /** Test hook: every issued token expires now (the fixed token stays valid). */
  expireAll(): void {
    const now = this.#clock.now();
    for (const issued of this.#tokens.values()) issued.expiresAt = Math.min(issued.expiresAt, now);
  }

  /** Test hook: forgets one token, as if the server had revoked it. */
  revoke(token: string): boolean {
    return this.#tokens.delete(token);
  }

  /** How many tokens are live right now. */
  liveCount(): number {
    const now = this.#clock.now();
    return [...this.#tokens.values()].filter((t) => now < t.expiresAt).length;
  }
}
