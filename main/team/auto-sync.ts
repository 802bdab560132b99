// In team mode, each `fota` command that left records in the outbox tries to send them before it
// exits, so a workstation catches up by itself once the database is back. It is best effort: a short
// connect timeout, one notice line when the server cannot be reached, and never a different exit code.
import type { SecretStore } from '../auth/secret-store.ts';
import { clientConfig } from './connection-options.ts';
import { passwordOwner, readConnection, workstation } from '../store/team/team-config.ts';
import { outboxBacklog } from '../store/team/outbox.ts';
import { PgTeamStore } from './pg-team-store.ts';
import { syncOutbox } from './sync.ts';
import { describeTeamFailure } from './team-errors.ts';

const CONNECT_TIMEOUT_MS = 3_000;

/** Sends what waits in the outbox of a team-mode data folder; returns a notice for the admin, or null. */
export async function syncWaitingRecords(dataDir: string, secrets: SecretStore): Promise<string | null> {
  let later = 'records wait in the outbox';
  try {
    const connection = readConnection(dataDir);
    if (connection === null) return null;
    const waiting = outboxBacklog(dataDir).entries;
    if (waiting === 0) return null;
    later = `${waiting} record(s) wait in the outbox; they go out with the next command or 'fota team sync'`;
    const ws = workstation(dataDir);
    const password = await secrets.get(passwordOwner(ws.id), 'dbPassword');
    if (password === null) return `team: the database password is not in the keychain; ${later} once 'fota team connect' stored it again.`;
    const store = await PgTeamStore.open({ ...clientConfig(connection, password), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    try {
      await syncOutbox(dataDir, store, ws, { now: () => new Date().toISOString() });
      return null;
    } finally {
      await store.close();
    }
  } catch (error) {
    // Whatever went wrong, the command itself already finished: say so, never change its outcome.
    const failure = describeTeamFailure(error);
    return `team: ${failure?.message ?? (error instanceof Error ? error.message : String(error))} ${later}.`;
  }
}
