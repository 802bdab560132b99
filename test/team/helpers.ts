// Shared by the team tests: a fresh database per test on the throwaway cluster, and clients.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { TeamConnection } from '../../main/store/team/team-config.ts';
import type { PgCluster } from './pg-cluster.ts';

/** The cluster the global setup started. */
export function cluster(): PgCluster {
  return inject('pg');
}

/** A superuser client on a database of the cluster. */
export async function adminClient(database = 'postgres'): Promise<pg.Client> {
  const c = cluster();
  const client = new pg.Client({ host: c.host, port: c.port, user: c.user, password: c.password, database });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Creates an empty database; returns its name. */
export async function freshDatabase(): Promise<string> {
  const name = `team_${randomBytes(5).toString('hex')}`;
  const admin = await adminClient();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}

/** A plaintext connection to a database of the local cluster (allowed: it is on 127.0.0.1). */
export function localConnection(database: string): TeamConnection {
  const c = cluster();
  return { v: 1, host: c.host, port: c.port, database, user: c.user, tls: 'off', caPem: null, connectedAt: new Date().toISOString() };
}

/** The `postgres://` URL of a database of the local cluster. */
export function localUrl(database: string): string {
  const c = cluster();
  return `postgres://${c.user}@${c.host}:${c.port}/${database}?sslmode=disable`;
}
