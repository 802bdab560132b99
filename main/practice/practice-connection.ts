// A connection to the practice tenant: the in-process simulator, trusted through its own CA for this
// connection only (no process-wide trust), with the demo client's credentials. Those are not
// secrets — they are printed by `fota simulator` — so they never go near the keychain.
import { systemClock } from '../../common/clock.ts';
import { createNodeFetch } from '../efota/node-fetch.ts';
import { requestToken } from '../efota/token.ts';
import type { ConnectOptions, ProfileConnection } from '../auth/profile-connection.ts';
import { TokenManager } from '../auth/token-manager.ts';
import { PRACTICE_PROFILE_ID, PRACTICE_PROFILE_NAME } from './practice-profile.ts';
import { startPracticeTenant, type PracticeTenant } from './practice-tenant.ts';
import type { FleetAdopter } from './practice-fleet.ts';

/** A practice connection also exposes its tenant (the window shows it; tests inspect it). */
export interface PracticeConnection extends ProfileConnection {
  readonly tenant: PracticeTenant;
}

/**
 * The adopter of a connection: the in-process practice tenant, else null. A real profile — even one
 * pointing at a simulator started elsewhere — never gets one, so nothing is ever enrolled for it.
 */
export function fleetAdopterOf(connection: ProfileConnection): FleetAdopter | null {
  if (!connection.practice || !('tenant' in connection)) return null;
  return (connection as PracticeConnection).tenant;
}

/** Starts the practice tenant and connects to it; `close()` saves its state and stops it. */
export async function connectPractice(
  dataDir: string,
  options: ConnectOptions & { readonly onNotice?: (message: string) => void; readonly connectTimeoutMs?: number },
): Promise<PracticeConnection> {
  const clock = options.clock ?? systemClock;
  const tenant = await startPracticeTenant({ dataDir, clock, ...(options.onNotice ? { onNotice: options.onNotice } : {}) });
  const sim = tenant.simulator;
  // Loopback needs no proxy: an HTTPS_PROXY from the environment would only break practice mode.
  const transport = createNodeFetch({ extraCaPem: sim.caPem, env: {}, ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}) });
  const { clientId, clientSecret, mdmId, customerId, license } = sim.tenant;
  const tokens = new TokenManager(() => requestToken({ baseUrl: sim.url, clientId, clientSecret, fetch: transport.fetch }), clock);
  return {
    profileId: PRACTICE_PROFILE_ID,
    profileName: PRACTICE_PROFILE_NAME,
    practice: true,
    baseUrl: sim.url,
    identity: { mdmId, customerId, license },
    fetch: transport.fetch,
    tokens,
    tenant,
    async close() {
      try {
        await transport.close();
      } finally {
        await tenant.close();
      }
    },
  };
}
