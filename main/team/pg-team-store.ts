// The shared record on PostgreSQL (node-postgres). Every insert carries its natural key and ON
// CONFLICT DO NOTHING, so an outbox replayed after a crash, or twice, changes nothing. Rows are
// written in bulk (one JSON document per table), one transaction per batch of outbox entries.
import pg from 'pg';
import type { ClientConfig } from 'pg';
import type { JournalRecord } from '../batches/journal-records.ts';
import { migrate, schemaVersion } from './migrations.ts';
import type { OutboxEntry } from '../store/team/outbox-entry.ts';
import type { Workstation } from '../store/team/team-config.ts';
import type { TeamPush, TeamServerStatus, TeamStore } from './team-store.ts';

function callIdOf(record: JournalRecord): string | null {
  return record.t === 'call' || record.t === 'culprits' || record.t === 'hold' ? record.id : null;
}

/** The PostgreSQL team store. */
export class PgTeamStore implements TeamStore {
  readonly kind = 'postgres';
  readonly #client: pg.Client;

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  /** Connects and brings the schema up to date (refusing a newer one: SchemaTooNewError). */
  static async open(config: ClientConfig): Promise<PgTeamStore> {
    const client = new pg.Client(config);
    // An idle connection dropped by the server must not crash the process: the next query fails instead.
    client.on('error', () => undefined);
    await client.connect();
    try {
      await migrate(client);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return new PgTeamStore(client);
  }

  /** Stores entries in one transaction; entries already stored are left as they are. */
  async apply(ws: Workstation, entries: readonly OutboxEntry[]): Promise<void> {
    // Each table's rows travel as one JSON document (jsonb_to_recordset): the server parses it once,
    // where arrays of JSON strings would be escaped twice on the way.
    const sends: object[] = [];
    const records: object[] = [];
    const devices: object[] = [];
    const histories: object[] = [];
    const states: object[] = [];
    const audits: object[] = [];
    for (const e of entries) {
      if (e.k === 'journal') {
        // The outbox carries journal lines exactly as the journal wrote them (main/batches/journal.ts);
        // the store below only knows them as objects, so they take their journal shape back here.
        const r = e.record as JournalRecord;
        records.push({ customer_id: e.customerId, send_id: e.sendId, seq: e.seq, kind: r.t, call_id: callIdOf(r), at: r.at, body: r });
        if (r.t === 'start') sends.push({ customer_id: e.customerId, send_id: e.sendId, batch_id: r.batchId, batch_name: r.batchName, profile: r.profile, os_user: r.by.user, host: r.by.host, started_at: r.at });
        if (r.t === 'start' || r.t === 'replan') for (const c of r.calls) for (const serial of c.serials) devices.push({ customer_id: e.customerId, serial, send_id: e.sendId, call_id: c.id });
      } else if (e.k === 'history') {
        histories.push({ customer_id: e.customerId, batch_id: e.batchId, revision: e.revision, body: e.history });
        for (const u of e.history.updates) {
          for (const d of u.devices) states.push({ customer_id: e.customerId, serial: d.serial, batch_id: e.batchId, revision: e.revision, force_update_id: u.forceUpdateId, state: d.state, since: d.since });
        }
      } else {
        const at = typeof e.entry['at'] === 'string' ? e.entry['at'] : new Date(0).toISOString();
        audits.push({ customer_id: e.customerId, entry_key: e.key, at, event: String(e.entry['event'] ?? ''), send_id: String(e.entry['sendId'] ?? ''), body: e.entry });
      }
    }
    const c = this.#client;
    const insert = async (rows: readonly object[], sql: string): Promise<void> => {
      if (rows.length > 0) await c.query(sql, sql.includes('$2') ? [JSON.stringify(rows), ws.id] : [JSON.stringify(rows)]);
    };
    await c.query('BEGIN');
    try {
      await c.query(
        `INSERT INTO workstations (workstation_id, host, os_user, last_sync) VALUES ($1, $2, $3, now())
         ON CONFLICT (workstation_id) DO UPDATE SET host = EXCLUDED.host, os_user = EXCLUDED.os_user, last_sync = now()`,
        [ws.id, ws.host, ws.user],
      );
      await insert(
        sends,
        `INSERT INTO sends (customer_id, send_id, batch_id, batch_name, profile, workstation_id, os_user, host, started_at)
         SELECT customer_id, send_id, batch_id, batch_name, profile, $2, os_user, host, started_at
           FROM jsonb_to_recordset($1::jsonb) AS t(customer_id text, send_id text, batch_id text, batch_name text, profile text, os_user text, host text, started_at timestamptz)
         ON CONFLICT DO NOTHING`,
      );
      await insert(
        records,
        `INSERT INTO journal_records (customer_id, send_id, seq, kind, call_id, at, body)
         SELECT customer_id, send_id, seq, kind, call_id, at, body
           FROM jsonb_to_recordset($1::jsonb) AS t(customer_id text, send_id text, seq integer, kind text, call_id text, at timestamptz, body jsonb)
         ON CONFLICT DO NOTHING`,
      );
      await insert(
        devices,
        `INSERT INTO push_devices (customer_id, serial, send_id, call_id)
         SELECT customer_id, serial, send_id, call_id FROM jsonb_to_recordset($1::jsonb) AS t(customer_id text, serial text, send_id text, call_id text)
         ON CONFLICT DO NOTHING`,
      );
      await insert(
        histories,
        `INSERT INTO history_states (customer_id, workstation_id, batch_id, revision, body)
         SELECT customer_id, $2, batch_id, revision, body FROM jsonb_to_recordset($1::jsonb) AS t(customer_id text, batch_id text, revision integer, body jsonb)
         ON CONFLICT DO NOTHING`,
      );
      await insert(
        states,
        `INSERT INTO device_states (customer_id, serial, workstation_id, batch_id, revision, force_update_id, state, since)
         SELECT customer_id, serial, $2, batch_id, revision, force_update_id, state, since
           FROM jsonb_to_recordset($1::jsonb) AS t(customer_id text, serial text, batch_id text, revision integer, force_update_id text, state text, since timestamptz)
         ON CONFLICT DO NOTHING`,
      );
      await insert(
        audits,
        `INSERT INTO audit_entries (customer_id, workstation_id, entry_key, at, event, send_id, body)
         SELECT customer_id, $2, entry_key, at, event, send_id, body
           FROM jsonb_to_recordset($1::jsonb) AS t(customer_id text, entry_key text, at timestamptz, event text, send_id text, body jsonb)
         ON CONFLICT DO NOTHING`,
      );
      await c.query('COMMIT');
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Every push of a serial, newest first, with who sent it from where. */
  async pushesOf(customerId: string | null, serial: string): Promise<TeamPush[]> {
    const r = await this.#client.query<{
      serial: string; customer_id: string; send_id: string; call_id: string; batch_id: string; batch_name: string;
      workstation_id: string; host: string; os_user: string; started_at: Date; call_state: string | null; force_update_id: string | null; device_state: string | null;
    }>(
      `SELECT d.serial, d.customer_id, d.send_id, d.call_id, s.batch_id, s.batch_name, s.workstation_id, s.host, s.os_user, s.started_at,
              c.body->>'state' AS call_state, c.body->>'forceUpdateId' AS force_update_id, ds.state AS device_state
         FROM push_devices d
         JOIN sends s ON s.customer_id = d.customer_id AND s.send_id = d.send_id
         LEFT JOIN LATERAL (SELECT body FROM journal_records r WHERE r.customer_id = d.customer_id AND r.send_id = d.send_id AND r.call_id = d.call_id AND r.kind = 'call'
                            ORDER BY r.seq DESC LIMIT 1) c ON true
         LEFT JOIN LATERAL (SELECT state FROM device_states x WHERE x.customer_id = d.customer_id AND x.serial = d.serial AND x.force_update_id = c.body->>'forceUpdateId'
                            ORDER BY x.revision DESC LIMIT 1) ds ON true
        WHERE d.serial = $1 AND ($2::text IS NULL OR d.customer_id = $2)
        ORDER BY s.started_at DESC, d.send_id, d.call_id`,
      [serial, customerId],
    );
    return r.rows.map((row) => ({
      serial: row.serial,
      customerId: row.customer_id,
      sendId: row.send_id,
      callId: row.call_id,
      batchId: row.batch_id,
      batchName: row.batch_name,
      workstationId: row.workstation_id,
      host: row.host,
      user: row.os_user,
      startedAt: row.started_at.toISOString(),
      callState: row.call_state ?? 'pending',
      forceUpdateId: row.force_update_id,
      deviceState: row.device_state,
    }));
  }

  /** The server's version, the schema version and how many workstations have synced. */
  async status(): Promise<TeamServerStatus> {
    const version = await this.#client.query<{ server_version: string }>('SHOW server_version');
    const count = await this.#client.query<{ n: string }>('SELECT count(*) AS n FROM workstations');
    return { server: `PostgreSQL ${version.rows[0]?.server_version ?? '?'}`, schemaVersion: await schemaVersion(this.#client), workstations: Number(count.rows[0]?.n ?? 0) };
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.#client.end();
  }
}
