// The shapes a CLI connection is made of, apart from the code that makes one: connection.ts (flags and
// environment) and cli-profile-connection.ts (a stored profile) both build them, so neither imports the other's
// types through the other file (which was an import cycle).
import type { FleetAdopter } from '../practice/practice-fleet.ts';
import type { OperationName } from '../../common/efota/operations.ts';
import type { SalesCodeElementMemory } from '../../common/efota/sales-code-names.ts';
import type { CallLimits, TokenProvider } from '../efota/client.ts';
import type { FetchLike } from '../efota/http.ts';
import type { EfotaIdentity } from '../efota/types.ts';

/** The values parsed from the connection flags (plus the command's own). */
export type FlagValues = Readonly<Record<string, string | boolean | Array<string | boolean> | undefined>>;

/** A connection ready for `createEfotaClient`; `close()` releases its sockets. */
export interface Connection {
  readonly baseUrl: string;
  readonly identity: EfotaIdentity;
  readonly tokens: TokenProvider;
  readonly fetch: FetchLike;
  readonly timeouts: Partial<CallLimits>;
  close(): Promise<void>;
  /** the profile the connection comes from (absent for flags and environment), for audit and prompts */
  readonly profileName?: string;
  /** the in-process practice tenant's fleet adopter (the practice profile only; never a real one) */
  readonly practiceFleet?: FleetAdopter;
  /** which sales-code element the profile's serverInit reads (profile connections only) */
  readonly salesCodeMemory?: SalesCodeElementMemory;
  /** keeps a successful answer as the profile's last known facts (profile connections only) */
  readonly recordResult?: (operation: OperationName, input: { readonly values: FlagValues; readonly positionals: readonly string[] }, result: unknown) => Promise<void>;
}
