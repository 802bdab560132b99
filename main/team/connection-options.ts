// From a `postgres://` URL and an optional CA file to node-postgres options: TLS with certificate
// verification by default (system roots plus the extra CA), plaintext only to this machine, and
// never a password in the URL (it would land in the shell history and in `ps`).
import { rootCertificates } from 'node:tls';
import type { ClientConfig } from 'pg';
import { parseCaPem } from '../store/ca-pem.ts';
import type { TeamConnection } from '../store/team/team-config.ts';

/** A connection URL or CA that cannot be used; the message says what to change. */
export class TeamUrlError extends Error {
  override readonly name = 'TeamUrlError';
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Reads `postgres://user@host[:port]/database[?sslmode=disable]` into a connection (no password). */
export function parseTeamUrl(url: string, caPem: string | null, now: string): TeamConnection {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TeamUrlError(`'${url.replace(/:[^@/]*@/, ':…@')}' is not a URL; give it as postgres://USER@HOST[:PORT]/DATABASE`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new TeamUrlError(`the URL must start with postgres:// (not ${u.protocol}//)`);
  if (u.password !== '') throw new TeamUrlError('leave the password out of the URL (it would stay in the shell history); it is asked for, or read from stdin, and kept in the OS keychain');
  const user = decodeURIComponent(u.username);
  if (user === '') throw new TeamUrlError('the URL names no user: postgres://USER@HOST[:PORT]/DATABASE');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database === '' || database.includes('/')) throw new TeamUrlError('the URL names no database: postgres://USER@HOST[:PORT]/DATABASE');
  const host = u.hostname;
  if (host === '') throw new TeamUrlError('the URL names no server');
  const port = u.port === '' ? 5432 : Number(u.port);
  const unknown = [...u.searchParams.keys()].filter((k) => k !== 'sslmode');
  if (unknown.length > 0) throw new TeamUrlError(`unsupported URL option(s): ${unknown.join(', ')} (only sslmode=disable, for a server on this machine)`);
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode !== null && sslmode !== 'disable' && sslmode !== 'verify-full') throw new TeamUrlError(`sslmode=${sslmode} is not offered: TLS is always verified (verify-full, the default), or off (sslmode=disable) only to this machine`);
  const tls = sslmode === 'disable' ? 'off' : 'verify';
  if (tls === 'off' && !LOCAL_HOSTS.has(host)) throw new TeamUrlError(`sslmode=disable sends the password and every record unencrypted: allowed only to localhost or 127.0.0.1, not ${host}`);
  if (tls === 'off' && caPem !== null) throw new TeamUrlError('--ca makes no sense with sslmode=disable');
  if (caPem !== null) {
    const parsed = parseCaPem(caPem);
    if (!parsed.ok) throw new TeamUrlError(`--ca: ${parsed.problem}`);
  }
  return { v: 1, host, port, database, user, tls, caPem, connectedAt: now };
}

/** The URL of a connection, for people (never with a password). */
export function teamUrl(c: TeamConnection): string {
  const host = c.host.includes(':') && !c.host.startsWith('[') ? `[${c.host}]` : c.host;
  return `postgres://${encodeURIComponent(c.user)}@${host}:${c.port}/${encodeURIComponent(c.database)}${c.tls === 'off' ? '?sslmode=disable' : ''}`;
}

/** node-postgres options for a connection and its password. */
export function clientConfig(c: TeamConnection, password: string): ClientConfig {
  return {
    host: c.host.replace(/^\[|\]$/g, ''),
    port: c.port,
    database: c.database,
    user: c.user,
    password,
    ssl: c.tls === 'off' ? false : { rejectUnauthorized: true, ...(c.caPem ? { ca: [...rootCertificates, c.caPem] } : {}) },
    connectionTimeoutMillis: 10_000,
    application_name: 'FOTA Desk',
  };
}
