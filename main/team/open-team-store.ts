// Opens the team store of a data folder: its stored connection, the database password from the OS
// keychain (owner `team-<workstation>`), the schema checked. Solo mode gets the local store.
import type { SecretStore } from '../auth/secret-store.ts';
import { clientConfig } from './connection-options.ts';
import { PgTeamStore } from './pg-team-store.ts';
import { passwordOwner, readConnection, workstation, type TeamConnection, type Workstation } from '../store/team/team-config.ts';
import { LocalTeamStore, type TeamStore } from './team-store.ts';

/** Team mode is on but the password is not in the keychain. */
export class TeamPasswordMissingError extends Error {
  override readonly name = 'TeamPasswordMissingError';
  constructor() {
    super("The team database password is not in the OS keychain of this user. Connect again with 'fota team connect URL' (the records wait in the outbox).");
  }
}

/** A data folder's team store and what it was opened from. */
export interface OpenTeamStore {
  readonly store: TeamStore;
  readonly connection: TeamConnection | null;
  readonly workstation: Workstation;
}

/** Opens the team store of a data folder (the local one in solo mode). */
export async function openTeamStore(dataDir: string, secrets: SecretStore): Promise<OpenTeamStore> {
  const connection = readConnection(dataDir);
  const ws = workstation(dataDir);
  if (connection === null) return { store: new LocalTeamStore(), connection, workstation: ws };
  const password = await secrets.get(passwordOwner(ws.id), 'dbPassword');
  if (password === null) throw new TeamPasswordMissingError();
  return { store: await PgTeamStore.open(clientConfig(connection, password)), connection, workstation: ws };
}
