// One live connection (fetch pool, token manager, client) per profile, reused across calls, and
// the connection state the offline indicator shows: every call through a client here records
// whether it got through. Only a transport failure (DNS, refused, TLS, timeout, reset, 429, 5xx)
// means "offline"; any answer from Samsung, even an error, means the network works.
import type { Clock } from '../../common/clock.ts';
import type { ConnectionStatus } from '../../common/contract.ts';
import type { ProfileConnection } from '../auth/profile-connection.ts';
import { createEfotaClient, type EfotaClient } from '../efota/client.ts';
import { EfotaError, FudError, TransportError } from '../efota/errors.ts';
import type { EventSink } from './events.ts';
import { observeCalls, withFailureLog } from '../efota/failure-log.ts';
import type { Logger } from '../log/logger.ts';
import { fleetAdopterOf } from '../practice/practice-connection.ts';
import type { FleetAdopter } from '../practice/practice-fleet.ts';

/** What a connection is made from: a stored profile or the practice profile. */
export interface ProfileTarget {
  readonly id: string;
  readonly name: string;
  readonly practice: boolean;
  readonly baseUrl: string;
  readonly mdmId: string;
  readonly customerId: string;
  readonly license: string;
  readonly clientId: string | null;
  readonly caPem: string | null;
}

/** Opens the connection of a profile (secret from the keychain, or the practice simulator). */
export type Connector = (target: ProfileTarget) => Promise<ProfileConnection>;

interface Held {
  readonly fingerprint: string;
  readonly connection: Promise<ProfileConnection>;
  readonly client: Promise<EfotaClient>;
}

const fingerprint = (t: ProfileTarget): string => JSON.stringify([t.baseUrl, t.mdmId, t.customerId, t.license, t.clientId, t.caPem]);

/** The per-profile connections and their state. */
export class Connections {
  readonly #held = new Map<string, Held>();
  readonly #status = new Map<string, ConnectionStatus>();

  constructor(
    private readonly connect: Connector,
    private readonly events: EventSink,
    private readonly clock: Clock,
    /** where failed calls are logged for diagnostics */
    private readonly log: Logger | null = null,
  ) {}

  /** The client of a profile (opened on first use; re-opened when the profile's settings changed). */
  async client(target: ProfileTarget): Promise<EfotaClient> {
    const print = fingerprint(target);
    const held = this.#held.get(target.id);
    if (held && held.fingerprint === print) return held.client;
    if (held) await this.invalidate(target.id);
    const connection = this.connect(target);
    const client = connection.then((c) =>
      withFailureLog(
        this.monitored(target.id, createEfotaClient({ baseUrl: c.baseUrl, identity: c.identity, tokens: c.tokens, fetch: c.fetch, ...(c.salesCodeMemory ? { salesCodeMemory: c.salesCodeMemory } : {}) })),
        this.log,
        { profile: target.name },
      ),
    );
    const entry: Held = { fingerprint: print, connection, client };
    this.#held.set(target.id, entry);
    // A failed open (no secret, keychain locked) must not be cached: the next call tries again.
    client.catch(() => {
      if (this.#held.get(target.id) === entry) this.#held.delete(target.id);
    });
    return client;
  }

  /** Drops the connection of a profile (its secret was replaced, it was deleted). */
  async invalidate(profileId: string): Promise<void> {
    const held = this.#held.get(profileId);
    if (!held) return;
    this.#held.delete(profileId);
    try {
      await (await held.connection).close();
    } catch {
      // It never opened; nothing to close.
    }
  }

  /**
   * Saves what a state-changing call did to the practice tenant (its simulator keeps state in
   * memory; the window and the CLI share it through the data folder). Nothing to do for a real tenant.
   */
  async persist(profileId: string): Promise<void> {
    const held = this.#held.get(profileId);
    if (!held) return;
    const connection = (await held.connection) as ProfileConnection & { readonly tenant?: { save(): Promise<void> } };
    await connection.tenant?.save();
  }

  /** The practice tenant's fleet adopter when this profile's open connection is the in-process practice tenant, else null. */
  async practiceFleet(profileId: string): Promise<FleetAdopter | null> {
    const held = this.#held.get(profileId);
    return held ? fleetAdopterOf(await held.connection) : null;
  }

  /** The connection state of a profile. */
  status(profileId: string | null): ConnectionStatus {
    const known = profileId === null ? undefined : this.#status.get(profileId);
    return known ?? { profileId, state: 'unknown', cause: null, since: null, lastSuccessAt: null };
  }

  /** Records how a call ended, for the offline indicator. */
  record(profileId: string, error: unknown): void {
    const before = this.status(profileId);
    const now = new Date(this.clock.now()).toISOString();
    let next: ConnectionStatus;
    if (error instanceof TransportError) {
      next = { profileId, state: 'offline', cause: error.message, since: before.state === 'offline' ? before.since : now, lastSuccessAt: before.lastSuccessAt };
    } else if (error === null || (error instanceof EfotaError && !(error instanceof FudError && error.local))) {
      next = { profileId, state: 'online', cause: null, since: before.state === 'online' ? before.since : now, lastSuccessAt: now };
    } else {
      return; // refused before sending, or no connection could be opened: says nothing about the network
    }
    this.#status.set(profileId, next);
    if (before.state !== next.state || before.cause !== next.cause) this.events.emit('status:changed', next);
  }

  /** Closes every connection. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#held.keys()].map((id) => this.invalidate(id)));
  }

  private monitored(profileId: string, client: EfotaClient): EfotaClient {
    return observeCalls(client, (_operation, outcome) => this.record(profileId, outcome));
  }
}
