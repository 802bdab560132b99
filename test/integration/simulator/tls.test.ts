// The simulator's test CA is trusted only by a client that passes it; the other fixtures are refused.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { FIXTURES } from './http.ts';

const pem = (name: string): string => readFileSync(resolve(FIXTURES, '../tls', name), 'utf8');
const sims: RunningSimulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});
async function start(options: Parameters<typeof startSimulator>[0] = {}): Promise<RunningSimulator> {
  const sim = await startSimulator(options);
  sims.push(sim);
  return sim;
}
async function tokenStatus(url: string, ca: string | null): Promise<number> {
  const agent = ca === null ? new Agent() : new Agent({ connect: { ca } });
  try {
    const res = await fetch(`${url}/iam/auth/oauth/v2/token`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    await res.text();
    return res.status;
  } finally {
    await agent.close();
  }
}

describe('trust', () => {
  it('a client that passes the CA connects; caPath holds the same PEM', async () => {
    const sim = await start();
    expect(readFileSync(sim.caPath, 'utf8')).toBe(sim.caPem);
    expect(await tokenStatus(sim.url, sim.caPem)).toBe(401);
  });

  it('the system trust store alone does not trust it', async () => {
    const sim = await start();
    await expect(tokenStatus(sim.url, null)).rejects.toThrow();
  });

  it('an unrelated CA does not validate it', async () => {
    const sim = await start();
    await expect(tokenStatus(sim.url, pem('other-ca.pem'))).rejects.toThrow();
  });

  it.each([
    ['a certificate from another CA', 'other-server.pem', 'other-server-key.pem', 'other-ca.pem', true],
    ['a certificate for another host', 'sim-wrong-host.pem', 'sim-wrong-host-key.pem', 'SIM', false],
    ['an expired certificate', 'sim-expired.pem', 'sim-expired-key.pem', 'SIM', false],
  ])('serves %s for "refuse this certificate" tests', async (_name, cert, key, ca, trustedByItsCa) => {
    const simCa = (await start()).caPem;
    const sim = await start({ tls: { certPem: pem(cert), keyPem: pem(key), caPem: ca === 'SIM' ? simCa : pem(ca) } });
    if (trustedByItsCa) {
      expect(await tokenStatus(sim.url, sim.caPem)).toBe(401);
      await expect(tokenStatus(sim.url, simCa)).rejects.toThrow();
    } else {
      await expect(tokenStatus(sim.url, simCa)).rejects.toThrow();
    }
  });

  it('answers on localhost too (the certificate names it)', async () => {
    const sim = await start({ host: 'localhost' });
    expect(sim.url).toMatch(/^https:\/\/localhost:\d+$/);
    expect(await tokenStatus(sim.url, sim.caPem)).toBe(401);
  });
});
