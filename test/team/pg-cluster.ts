// A throwaway PostgreSQL cluster for the team tests: initdb in a temp folder, listening on
// 127.0.0.1 at a free port, password authentication over TCP. PostgreSQL refuses to run as root, so
// as root the cluster belongs to (and runs as) `nobody`.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/** How the tests reach and control the cluster. */
export interface PgCluster {
  readonly host: string;
  readonly port: number;
  /** a superuser with a password (scram-sha-256) */
  readonly user: string;
  readonly password: string;
  readonly bin: string;
  readonly dataDir: string;
  readonly root: string;
}

/** The newest PostgreSQL server binaries on this machine (PG_BIN wins), or null. */
export function findPostgres(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env['PG_BIN']) return existsSync(path.join(env['PG_BIN'], 'initdb')) ? env['PG_BIN'] : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(path.join(base, v, 'bin', 'initdb'))) return path.join(base, v, 'bin');
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const asRoot = userInfo().uid === 0;

/** Runs a PostgreSQL program as the cluster's owner. */
export function pgRun(cluster: Pick<PgCluster, 'bin'>, program: string, args: readonly string[]): string {
  const file = path.join(cluster.bin, program);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'nobody', '--', file, ...args]] : [file, [...args]];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts the cluster (again) and waits until it accepts connections; TLS is offered with the simulator's test certificate (localhost, 127.0.0.1). */
export function startCluster(c: PgCluster): void {
  const tls = `-c ssl=on -c ssl_cert_file=${path.join(c.root, 'server.pem')} -c ssl_key_file=${path.join(c.root, 'server-key.pem')}`;
  pgRun(c, 'pg_ctl', ['-D', c.dataDir, '-l', path.join(c.root, 'server.log'), '-o', `-p ${c.port} -k ${c.root} -c listen_addresses=127.0.0.1 ${tls}`, '-w', 'start']);
}

/** Stops the cluster at once (connections are cut). */
export function stopCluster(c: PgCluster): void {
  pgRun(c, 'pg_ctl', ['-D', c.dataDir, '-m', 'fast', '-w', 'stop']);
}

/** Makes and starts a cluster. */
export async function createCluster(bin: string): Promise<PgCluster> {
  const root = mkdtempSync(path.join(tmpdir(), 'fota-pg-'));
  chmodSync(root, 0o700);
  if (asRoot) chownSync(root, 65534, 65534);
  const password = 'pg-test-superuser-password';
  const pwfile = path.join(root, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asRoot) chownSync(pwfile, 65534, 65534);
  const cluster: PgCluster = { host: '127.0.0.1', port: await freePort(), user: 'fota_admin', password, bin, dataDir: path.join(root, 'data'), root };
  pgRun(cluster, 'initdb', ['-D', cluster.dataDir, '-U', cluster.user, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--no-sync']);
  rmSync(pwfile);
  for (const name of ['server.pem', 'server-key.pem']) {
    const to = path.join(root, name);
    copyFileSync(path.join('main/simulator/certs', name), to);
    chmodSync(to, 0o600);
    if (asRoot) chownSync(to, 65534, 65534);
  }
  startCluster(cluster);
  return cluster;
}

/** Stops the cluster and deletes its folder. */
export function destroyCluster(c: PgCluster): void {
  try {
    stopCluster(c);
  } catch {
    // already stopped
  }
  rmSync(c.root, { recursive: true, force: true });
}
