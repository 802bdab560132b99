// Where team mode keeps its local state: `<dataDir>/team/` holds the connection (server, database,
// user, TLS; never the password, which is in the OS keychain), this workstation's identity, the
// outbox and its acknowledgement. No `connection.json`: solo mode, exactly as before team mode.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import path from 'node:path';
import { ensurePrivateFolder } from '../private-files.ts';
import { writeFileAtomic } from '../safe-file.ts';

/** The team folder of a data folder. */
export function teamDir(dataDir: string): string {
  return path.join(dataDir, 'team');
}

/** How the workstation reaches the database. */
export interface TeamConnection {
  readonly v: 1;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** `verify`: TLS with certificate verification (system roots plus `caPem`); `off`: plaintext, only to this machine */
  readonly tls: 'verify' | 'off';
  readonly caPem: string | null;
  readonly connectedAt: string;
}

/** This data folder's identity in the team record; kept across disconnects so a reconnect is the same workstation. */
export interface Workstation {
  readonly id: string;
  readonly host: string;
  readonly user: string;
}

/** A team file that cannot be used; the message says what to do. */
export class TeamConfigError extends Error {
  override readonly name = 'TeamConfigError';
}

function connectionFile(dataDir: string): string {
  return path.join(teamDir(dataDir), 'connection.json');
}

/** True when this data folder is in team mode. */
export function isTeamMode(dataDir: string): boolean {
  return existsSync(connectionFile(dataDir));
}

/** The stored connection, or null in solo mode. */
export function readConnection(dataDir: string): TeamConnection | null {
  const file = connectionFile(dataDir);
  if (!existsSync(file)) return null;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TeamConfigError(`${file} cannot be read (${error instanceof Error ? error.message : String(error)}); connect again with 'fota team connect'.`);
  }
  const c = value as Partial<TeamConnection> | null;
  if (c?.v !== 1 || typeof c.host !== 'string' || typeof c.port !== 'number' || typeof c.database !== 'string' || typeof c.user !== 'string' || (c.tls !== 'verify' && c.tls !== 'off')) {
    throw new TeamConfigError(`${file} is not a team connection this FOTA Desk understands; connect again with 'fota team connect'.`);
  }
  return { v: 1, host: c.host, port: c.port, database: c.database, user: c.user, tls: c.tls, caPem: typeof c.caPem === 'string' ? c.caPem : null, connectedAt: String(c.connectedAt) };
}

/** Stores the connection (team mode from now on). */
export function writeConnection(dataDir: string, connection: TeamConnection): void {
  ensurePrivateFolder(teamDir(dataDir));
  writeFileAtomic(connectionFile(dataDir), `${JSON.stringify(connection, null, 1)}\n`);
}

/** Removes the connection (solo mode from now on); true when there was one. */
export function removeConnection(dataDir: string): boolean {
  const file = connectionFile(dataDir);
  if (!existsSync(file)) return false;
  unlinkSync(file);
  return true;
}

/** This data folder's workstation identity, made on first use. */
export function workstation(dataDir: string): Workstation {
  const file = path.join(teamDir(dataDir), 'workstation.json');
  const here = { host: hostname(), user: userInfo().username };
  if (existsSync(file)) {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown };
      if (typeof stored.id === 'string' && /^ws-[0-9a-f]{12}$/.test(stored.id)) return { id: stored.id, ...here };
    } catch {
      // unreadable: a new identity is made below (the old rows keep the old one)
    }
  }
  const made = { id: `ws-${randomBytes(6).toString('hex')}`, ...here };
  ensurePrivateFolder(teamDir(dataDir));
  writeFileAtomic(file, `${JSON.stringify({ id: made.id }, null, 1)}\n`);
  return made;
}

/** The keychain "profile" under which the database password of this workstation is stored (account `team-<id>:dbPassword`). */
export function passwordOwner(workstationId: string): string {
  return `team-${workstationId}`;
}
