// The team record's schema: numbered SQL files in ./migrations/, bundled into the build as text.
// Applied in one transaction under an advisory lock (two workstations connecting at once cannot both
// migrate), each recorded in `fota_desk_migrations`. A database whose schema is newer than this
// FOTA Desk knows is refused before anything is written.
import type { ClientBase } from 'pg';

const files = import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });

/** One schema change. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration this FOTA Desk knows, in order. */
export const MIGRATIONS: readonly Migration[] = Object.entries(files)
  .map(([file, sql]) => {
    const match = /\/(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration file name ${file} is not NNN_name.sql`);
    return { version: Number(match[1]), name: match[2] ?? '', sql };
  })
  .sort((a, b) => a.version - b.version);

/** The schema version this FOTA Desk writes. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The advisory lock key of schema changes ("FOTADESK" in ASCII, as a bigint). */
const MIGRATION_LOCK = '5066360745110098763';

/** The database was migrated by a newer FOTA Desk: this one neither reads nor writes it. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
  constructor(readonly found: number) {
    super(
      `The team database has schema version ${found}, newer than this FOTA Desk knows (${SCHEMA_VERSION}): another workstation runs a newer FOTA Desk. ` +
        'Nothing was written to it. Update FOTA Desk on this workstation; until then it keeps working alone and keeps its records in the outbox.',
    );
  }
}

/** The schema version recorded in the database (0 when it has none yet). */
export async function schemaVersion(client: ClientBase): Promise<number> {
  // A plain query on the catalog (not to_regclass, which may answer from a cache not yet told about
  // a table another session just committed while this one waited for the lock).
  const exists = await client.query<{ e: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'fota_desk_migrations') AS e");
  if (exists.rows[0]?.e !== true) return 0;
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM fota_desk_migrations');
  return r.rows[0]?.v ?? 0;
}

/** Brings the schema up to date; returns the versions applied (none when it already was). Throws SchemaTooNewError. */
export async function migrate(client: ClientBase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const known = migrations.at(-1)?.version ?? 0;
  // Cheap check outside the lock: the common case is "up to date" or "too new".
  const before = await schemaVersion(client);
  if (before > known) throw new SchemaTooNewError(before);
  if (before === known) return [];
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    const current = await schemaVersion(client);
    if (current > known) throw new SchemaTooNewError(current);
    await client.query('CREATE TABLE IF NOT EXISTS fota_desk_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO fota_desk_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
