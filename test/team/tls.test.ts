// TLS to the team database: verified by default, so a server whose CA is not trusted is refused;
// `--ca FILE` adds that CA (on top of the system roots) and the connection is encrypted. The cluster
// offers TLS with the simulator's test certificate, made for localhost and 127.0.0.1.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSECURE_MEMORY_SECRETS_ENV } from '../../main/auth/open-secret-store.ts';
import { runCli } from '../../main/cli/run.ts';
import { DATA_DIR_ENV } from '../../main/store/data-folder.ts';
import { clientConfig, parseTeamUrl } from '../../main/team/connection-options.ts';
import { memoryIo } from '../helpers/memory-io.ts';
import { removeDir, tempDataDir } from '../integration/sender/helpers.ts';
import { cluster, freshDatabase } from './helpers.ts';

const CA = path.resolve('main/simulator/certs/ca.pem');
let dataDir: string;
let db: string;

beforeEach(async () => {
  dataDir = tempDataDir();
  db = await freshDatabase();
});
afterEach(() => removeDir(dataDir));

async function fota(args: string[], stdin?: string) {
  const io = memoryIo({ env: { [DATA_DIR_ENV]: dataDir, [INSECURE_MEMORY_SECRETS_ENV]: '1' }, cwd: dataDir, ...(stdin === undefined ? {} : { stdin }) });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const url = (host: string) => `postgres://${cluster().user}@${host}:${cluster().port}/${db}`;

describe('TLS to the team database', () => {
  it('verifies the certificate by default: an untrusted CA is refused (exit 5) and nothing is stored', async () => {
    const r = await fota(['team', 'connect', url('localhost')], `${cluster().password}\n`);
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/TLS failed: .*--ca FILE/);
    expect((await fota(['team', 'status'])).out).toMatch(/^Solo:/);
  });

  it('--ca adds the CA: connected over TLS, verified, for 127.0.0.1 and localhost', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const r = await fota(['team', 'connect', url(host), '--ca', CA], `${cluster().password}\n`);
      expect(r.code).toBe(0);
      const status = await fota(['team', 'status']);
      expect(status.out).toMatch(new RegExp(`server {7}postgres://${cluster().user}@${host}:\\d+/${db} \\(TLS, verified\\)`));
      expect((await fota(['team', 'disconnect'])).code).toBe(0);
    }
    // The same options, seen from the server: this connection is encrypted.
    const client = new pg.Client(clientConfig(parseTeamUrl(url('127.0.0.1'), readFileSync(CA, 'utf8'), new Date().toISOString()), cluster().password));
    await client.connect();
    try {
      const r = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(r.rows[0]?.ssl).toBe(true);
    } finally {
      await client.end();
    }
  });
});
