// Everything the E-FOTA client needs to talk to one stored profile's tenant: the base URL, the SLM
// identity, a fetch that trusts the profile's extra CA (for this profile only) and a TokenManager
// fed by the client secret from the keychain. The secret stays in this closure, in memory.
import { systemClock, type Clock } from '../../common/clock.ts';
import type { FetchLike } from '../efota/http.ts';
import type { SalesCodeElementMemory } from '../../common/efota/sales-code-names.ts';
import { createNodeFetch } from '../efota/node-fetch.ts';
import { requestToken } from '../efota/token.ts';
import type { EfotaIdentity } from '../efota/types.ts';
import { logFailure } from '../efota/failure-log.ts';
import type { Logger } from '../log/logger.ts';
import type { ProfileRecord } from '../store/profile-schema.ts';
import type { SecretStore } from './secret-store.ts';
import { TokenManager } from './token-manager.ts';

/** A live connection to one profile's tenant; `close()` releases sockets (and a practice simulator). */
export interface ProfileConnection {
  readonly profileId: string;
  readonly profileName: string;
  /** true for the built-in practice profile (an in-process simulator) */
  readonly practice: boolean;
  readonly baseUrl: string;
  readonly identity: EfotaIdentity;
  readonly fetch: FetchLike;
  readonly tokens: TokenManager;
  /** where the client keeps which sales-code element this tenant's serverInit reads (added by whoever holds the settings) */
  readonly salesCodeMemory?: SalesCodeElementMemory;
  close(): Promise<void>;
}

/** The profile has no client id or no client secret in the keychain (each surface says how to log in). */
export class NotLoggedInError extends Error {
  override readonly name = 'NotLoggedInError';
  constructor(
    readonly profileName: string,
    readonly missing: 'client id' | 'client secret',
  ) {
    super(`Profile '${profileName}' has no ${missing} stored.`);
  }
}

/** Options shared by the connection builders. */
export interface ConnectOptions {
  /** proxy variables (HTTPS_PROXY, NO_PROXY) */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  /** TCP + TLS connect limit (default: the transport's 10 s) */
  readonly connectTimeoutMs?: number;
  /** the fetch of a profile (the app injects Chromium's, per profile and extra CA); default: undici */
  readonly transport?: ProfileTransportFactory;
  /** where failed logins and calls are logged for diagnostics (failure-log.ts) */
  readonly log?: Logger;
}

/** Makes the fetch of one profile (`id`) trusting its extra CA, and the way to close its connections. */
export type ProfileTransportFactory = (profile: { readonly id: string; readonly caPem: string | null }) => { readonly fetch: FetchLike; close(): Promise<void> };

function transportFor(id: string, caPem: string | null | undefined, options: ConnectOptions): { readonly fetch: FetchLike; close(): Promise<void> } {
  if (options.transport) return options.transport({ id, caPem: caPem ?? null });
  return createNodeFetch({ extraCaPem: caPem ?? null, env: options.env, ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}) });
}

/** Asks for a token with the given credentials, proving them; throws the client's AuthError/TransportError. */
export async function proveCredentials(
  target: { readonly id?: string; readonly baseUrl: string; readonly caPem?: string | undefined },
  clientId: string,
  clientSecret: string,
  options: ConnectOptions,
): Promise<void> {
  const transport = transportFor(target.id ?? 'draft', target.caPem, options);
  try {
    await requestToken({ baseUrl: target.baseUrl, clientId, clientSecret, fetch: transport.fetch });
  } catch (error) {
    logFailure(options.log, 'token', error);
    throw error;
  } finally {
    await transport.close();
  }
}

/** Connects to a stored profile with its client secret from the keychain. */
export async function connectStoredProfile(profile: ProfileRecord, secrets: SecretStore, options: ConnectOptions): Promise<ProfileConnection> {
  const clientId = profile.clientId;
  if (!clientId) throw new NotLoggedInError(profile.name, 'client id');
  const clientSecret = await secrets.get(profile.id, 'clientSecret');
  if (clientSecret === null) throw new NotLoggedInError(profile.name, 'client secret');
  const transport = transportFor(profile.id, profile.caPem, options);
  const tokens = new TokenManager(
    () => requestToken({ baseUrl: profile.baseUrl, clientId, clientSecret, fetch: transport.fetch }),
    options.clock ?? systemClock,
  );
  return {
    profileId: profile.id,
    profileName: profile.name,
    practice: false,
    baseUrl: profile.baseUrl,
    identity: { mdmId: profile.mdmId, customerId: profile.customerId, license: profile.license },
    fetch: transport.fetch,
    tokens,
    close: () => transport.close(),
  };
}
