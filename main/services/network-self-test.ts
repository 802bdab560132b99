// Settings › "Test the network path" outside Electron (web mode, tests): the same test and words as
// the desktop app's (main/services/proxy-self-test.ts), with Node's route — HTTPS_PROXY / NO_PROXY from
// the environment, as the E-FOTA client uses them — instead of the system proxy and PAC file.
import type { ProxySelfTestResult } from '../../common/contract.ts';
import { createNodeFetch } from '../efota/node-fetch.ts';
import { proxySelfTest } from './proxy-self-test.ts';

/** The profile a network-path test is about. */
export interface SelfTestProfile {
  readonly id: string;
  readonly baseUrl: string;
  readonly caPem: string | null;
  readonly practice: boolean;
}

/** Runs the network-path test of one profile. */
export type NetworkSelfTest = (profile: SelfTestProfile) => Promise<ProxySelfTestResult>;

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | null {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value && value.trim() !== '' ? value.trim() : null;
}

/** True when NO_PROXY names the host (exact, `.suffix` or `*`), as undici reads it. */
export function bypassesProxy(host: string, noProxy: string | null): boolean {
  if (noProxy === null) return false;
  const name = host.toLowerCase();
  return noProxy
    .split(/[,\s]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter(Boolean)
    .some((entry) => entry === '*' || name === entry.replace(/^\./, '') || name.endsWith(entry.startsWith('.') ? entry : `.${entry}`));
}

/** The route Node takes to a URL, in the words of a PAC answer ("PROXY host:port" or "DIRECT"). */
export function nodeRoute(url: string, env: Readonly<Record<string, string | undefined>>): string {
  const proxy = envValue(env, 'https_proxy') ?? envValue(env, 'http_proxy');
  if (proxy === null || bypassesProxy(new URL(url).hostname, envValue(env, 'no_proxy'))) return 'DIRECT';
  try {
    return `PROXY ${new URL(proxy).host}`;
  } catch {
    return `PROXY ${proxy}`;
  }
}

/** The Node self-test: practice needs no network; real profiles go through undici with the proxy variables. */
export function nodeNetworkSelfTest(env: Readonly<Record<string, string | undefined>>): NetworkSelfTest {
  return async (target) => {
    if (target.practice) {
      return { ok: true, routes: [], status: null, message: 'The practice profile talks to the simulator inside FOTA Desk: no network, proxy or certificate is involved.' };
    }
    const transport = createNodeFetch({ extraCaPem: target.caPem, env });
    try {
      const result = await proxySelfTest(target.baseUrl, {
        resolveProxy: async (url) => nodeRoute(url, env),
        // An unauthenticated POST changes nothing either: the server answers 401 before reading it.
        fetch: async (url, init) => {
          const response = await transport.fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '', signal: init.signal, redirect: 'error' });
          await response.body?.getReader().cancel();
          return { status: response.status };
        },
      });
      return { ...result, message: `${result.message} (Web mode: the route comes from HTTPS_PROXY / NO_PROXY of the server's environment, not from the system proxy settings.)` };
    } finally {
      await transport.close();
    }
  };
}
