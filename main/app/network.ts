// Real profiles reach E-FOTA through Chromium's network stack: one in-memory session per profile
// (and per extra CA), so the system proxy, PAC files and the OS certificate store apply, and the
// profile's extra CA is trusted on that session only (certificate-verifier.ts). The practice profile
// never comes here: it talks to its loopback simulator with undici.
import { session, type Session } from 'electron';
import { createHash } from 'node:crypto';
import type { FetchLike } from '../efota/http.ts';
import { createCertificateVerifier } from '../desktop/certificate-verifier.ts';
import { chromiumFetch } from '../efota/net-fetch.ts';
import { proxySelfTest, type ProxySelfTestResult } from '../services/proxy-self-test.ts';

/** A fetch for one profile and the way to drop its pooled connections. */
export interface ProfileTransport {
  readonly fetch: FetchLike;
  close(): Promise<void>;
}

/** The per-profile sessions of this app. */
export class ElectronNetwork {
  readonly #sessions = new Map<string, Session>();
  readonly #log: (line: string) => void;

  constructor(log: (line: string) => void) {
    this.#log = log;
  }

  /** The session of a profile with this extra CA (a changed CA gets a new session: verdicts are cached). */
  session(profileId: string, extraCaPem: string | null): Session {
    const key = createHash('sha256').update(`${profileId}\0${extraCaPem ?? ''}`).digest('hex').slice(0, 32);
    let ses = this.#sessions.get(key);
    if (!ses) {
      // No "persist:" prefix: nothing of these sessions is written to disk, and no HTTP cache.
      ses = session.fromPartition(`fota-profile-${key}`, { cache: false });
      ses.setCertificateVerifyProc(createCertificateVerifier(extraCaPem, { log: (line) => this.#log(`[tls] ${line}`) }));
      ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      this.#sessions.set(key, ses);
    }
    return ses;
  }

  /** The E-FOTA client's fetch for a real profile. */
  transport(profileId: string, extraCaPem: string | null): ProfileTransport {
    const ses = this.session(profileId, extraCaPem);
    return {
      fetch: chromiumFetch((url, init) => ses.fetch(url, init)),
      close: () => ses.closeAllConnections(),
    };
  }

  /** Settings › test the network path of a profile (proxy, PAC, 407). */
  selfTest(profileId: string, baseUrl: string, extraCaPem: string | null): Promise<ProxySelfTestResult> {
    const ses = this.session(profileId, extraCaPem);
    return proxySelfTest(baseUrl, { resolveProxy: (url) => ses.resolveProxy(url), fetch: (url, init) => ses.fetch(url, init) });
  }
}
