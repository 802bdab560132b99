// The team schema against a real PostgreSQL: a fresh database gets every migration, a second run
// changes nothing, concurrent first connections migrate once, and a newer schema is refused unwritten.
import { describe, expect, it } from 'vitest';
import { clientConfig } from '../../main/team/connection-options.ts';
import { migrate, MIGRATIONS, SchemaTooNewError, SCHEMA_VERSION } from '../../main/team/migrations.ts';
import { PgTeamStore } from '../../main/team/pg-team-store.ts';
import { adminClient, cluster, freshDatabase, localConnection } from './helpers.ts';

const config = (db: string) => clientConfig(localConnection(db), cluster().password);

describe('team schema migrations', () => {
  it('a fresh database gets every migration, recorded with its version', async () => {
    const db = await freshDatabase();
    const client = await adminClient(db);
    try {
      expect(await migrate(client)).toEqual(MIGRATIONS.map((m) => m.version));
      const rows = await client.query<{ version: number; name: string }>('SELECT version, name FROM fota_desk_migrations ORDER BY version');
      expect(rows.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
      const tables = await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      expect(tables.rows.map((r) => r.t)).toEqual(['audit_entries', 'device_states', 'fota_desk_migrations', 'history_states', 'journal_records', 'push_devices', 'sends', 'workstations']);
    } finally {
      await client.end();
    }
  });

  it('running again applies nothing and changes nothing', async () => {
    const db = await freshDatabase();
    const client = await adminClient(db);
    try {
      await migrate(client);
      const before = await client.query('SELECT version, applied_at FROM fota_desk_migrations ORDER BY version');
      expect(await migrate(client)).toEqual([]);
      const after = await client.query('SELECT version, applied_at FROM fota_desk_migrations ORDER BY version');
      expect(after.rows).toEqual(before.rows);
    } finally {
      await client.end();
    }
  });

  it('workstations connecting at once to an empty database migrate it exactly once (advisory lock)', async () => {
    const db = await freshDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => PgTeamStore.open(config(db))));
    await Promise.all(stores.map((s) => s.close()));
    const client = await adminClient(db);
    try {
      const rows = await client.query<{ n: string }>('SELECT count(*) AS n FROM fota_desk_migrations');
      expect(Number(rows.rows[0]?.n)).toBe(MIGRATIONS.length);
    } finally {
      await client.end();
    }
  });

  it('a later migration is applied on top of an older schema', async () => {
    const db = await freshDatabase();
    const client = await adminClient(db);
    try {
      await migrate(client);
      const next = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'test_extra', sql: 'CREATE TABLE test_extra (x integer)' }];
      expect(await migrate(client, next)).toEqual([SCHEMA_VERSION + 1]);
      expect((await client.query("SELECT to_regclass('test_extra')::text AS t")).rows[0]).toEqual({ t: 'test_extra' });
    } finally {
      await client.end();
    }
  });

  it('a schema newer than this FOTA Desk knows is refused with a clear message, and nothing is written', async () => {
    const db = await freshDatabase();
    const client = await adminClient(db);
    try {
      await migrate(client);
      await client.query("INSERT INTO fota_desk_migrations (version, name) VALUES ($1, 'from_the_future')", [SCHEMA_VERSION + 1]);
      const snapshot = async () => (await client.query("SELECT relname, n_tup_ins FROM pg_stat_user_tables ORDER BY relname")).rows;
      const before = await snapshot();
      const refused = await PgTeamStore.open(config(db)).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(SchemaTooNewError);
      expect((refused as Error).message).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this FOTA Desk knows \\(${SCHEMA_VERSION}\\).*Nothing was written.*Update FOTA Desk`));
      expect(await migrate(client).catch((e: unknown) => e)).toBeInstanceOf(SchemaTooNewError);
      expect((await client.query<{ n: string }>('SELECT count(*) AS n FROM workstations')).rows[0]?.n).toBe('0');
      expect(await snapshot()).toEqual(before);
    } finally {
      await client.end();
    }
  });
});
