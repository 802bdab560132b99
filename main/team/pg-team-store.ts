// The shared record on PostgreSQL (node-postgres). Every insert carries its natural key and ON
// CONFLICT DO NOTHING, so an outbox replayed after a crash, or twice, changes nothing. Rows are
// written in bulk (unnest of arrays), one transaction per batch of outbox entries.
import pg from 'pg';
import type { ClientConfig } from 'pg';
import type { JournalRecord } from '../batches/journal-records.ts';
import { migrate, schemaVersion } from './migrations.ts';
import type { OutboxEntry } from './outbox-entry.ts';
import type { Workstation } from './team-config.ts';
import type { TeamPush, TeamServerStatus, TeamStore } from './team-store.ts';

/** Rows of one apply, column by column (for unnest). */
class Columns<K extends string> {
  readonly cols: Record<K, unknown[]>;
  constructor(names: readonly K[]) {
    this.cols = Object.fromEntries(names.map((n) => [n, []])) as unknown as Record<K, unknown[]>;
  }
  add(row: Record<K, unknown>): void {
    for (const k of Object.keys(this.cols) as K[]) this.cols[k].push(row[k]);
  }
  get size(): number {
    const first = Object.values(this.cols)[0] as unknown[] | undefined;
    return first?.length ?? 0;
  }
  values(order: readonly K[]): unknown[][] {
    return order.map((k) => this.cols[k]);
  }
}

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
    const sends = new Columns(['customer', 'send', 'batch', 'name', 'profile', 'user', 'host', 'at'] as const);
    const records = new Columns(['customer', 'send', 'seq', 'kind', 'call', 'at', 'body'] as const);
    const devices = new Columns(['customer', 'serial', 'send', 'call'] as const);
    const histories = new Columns(['customer', 'batch', 'revision', 'body'] as const);
    const states = new Columns(['customer', 'serial', 'batch', 'revision', 'fuid', 'state', 'since'] as const);
    const audits = new Columns(['customer', 'key', 'at', 'event', 'send', 'body'] as const);
    for (const e of entries) {
      if (e.k === 'journal') {
        const r = e.record;
        records.add({ customer: e.customerId, send: e.sendId, seq: e.seq, kind: r.t, call: callIdOf(r), at: r.at, body: JSON.stringify(r) });
        if (r.t === 'start') sends.add({ customer: e.customerId, send: e.sendId, batch: r.batchId, name: r.batchName, profile: r.profile, user: r.by.user, host: r.by.host, at: r.at });
        if (r.t === 'start' || r.t === 'replan') for (const c of r.calls) for (const s of c.serials) devices.add({ customer: e.customerId, serial: s, send: e.sendId, call: c.id });
      } else if (e.k === 'history') {
        histories.add({ customer: e.customerId, batch: e.batchId, revision: e.revision, body: JSON.stringify(e.history) });
        for (const u of e.history.updates) {
          for (const d of u.devices) states.add({ customer: e.customerId, serial: d.serial, batch: e.batchId, revision: e.revision, fuid: u.forceUpdateId, state: d.state, since: d.since });
        }
      } else {
        const at = typeof e.entry['at'] === 'string' ? e.entry['at'] : new Date(0).toISOString();
        audits.add({ customer: e.customerId, key: e.key, at, event: String(e.entry['event'] ?? ''), send: String(e.entry['sendId'] ?? ''), body: JSON.stringify(e.entry) });
      }
    }
    const c = this.#client;
    await c.query('BEGIN');
    try {
      await c.query(
        `INSERT INTO workstations (workstation_id, host, os_user, last_sync) VALUES ($1, $2, $3, now())
         ON CONFLICT (workstation_id) DO UPDATE SET host = EXCLUDED.host, os_user = EXCLUDED.os_user, last_sync = now()`,
        [ws.id, ws.host, ws.user],
      );
      if (sends.size > 0) {
        await c.query(
          `INSERT INTO sends (customer_id, send_id, batch_id, batch_name, profile, workstation_id, os_user, host, started_at)
           SELECT c, s, b, n, p, $9, u, h, a FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[]) AS t(c, s, b, n, p, u, h, a)
           ON CONFLICT DO NOTHING`,
          [...sends.values(['customer', 'send', 'batch', 'name', 'profile', 'user', 'host', 'at']), ws.id],
        );
      }
      if (records.size > 0) {
        await c.query(
          `INSERT INTO journal_records (customer_id, send_id, seq, kind, call_id, at, body)
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[])
           ON CONFLICT DO NOTHING`,
          records.values(['customer', 'send', 'seq', 'kind', 'call', 'at', 'body']),
        );
      }
      if (devices.size > 0) {
        await c.query(
          `INSERT INTO push_devices (customer_id, serial, send_id, call_id)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
          devices.values(['customer', 'serial', 'send', 'call']),
        );
      }
      if (histories.size > 0) {
        await c.query(
          `INSERT INTO history_states (customer_id, workstation_id, batch_id, revision, body)
           SELECT c, $5, b, r, j FROM unnest($1::text[], $2::text[], $3::int[], $4::jsonb[]) AS t(c, b, r, j) ON CONFLICT DO NOTHING`,
          [...histories.values(['customer', 'batch', 'revision', 'body']), ws.id],
        );
      }
      if (states.size > 0) {
        await c.query(
          `INSERT INTO device_states (customer_id, serial, workstation_id, batch_id, revision, force_update_id, state, since)
           SELECT c, s, $8, b, r, f, st, si FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::timestamptz[]) AS t(c, s, b, r, f, st, si)
           ON CONFLICT DO NOTHING`,
          [...states.values(['customer', 'serial', 'batch', 'revision', 'fuid', 'state', 'since']), ws.id],
        );
      }
      if (audits.size > 0) {
        await c.query(
          `INSERT INTO audit_entries (customer_id, workstation_id, entry_key, at, event, send_id, body)
           SELECT c, $7, k, a, e, s, j FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[]) AS t(c, k, a, e, s, j)
           ON CONFLICT DO NOTHING`,
          [...audits.values(['customer', 'key', 'at', 'event', 'send', 'body']), ws.id],
        );
      }
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
