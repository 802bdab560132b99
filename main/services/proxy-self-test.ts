// Settings › "Test the network path": which proxy the system (or its PAC file) picks for the
// profile's E-FOTA address, then one harmless request through it. The answer says in plain words
// whether the server was reached, and what to do when a proxy stands in the way (407 above all).
// Electron's `session.resolveProxy` and `session.fetch` are injected (main/app/network.ts).
import { chromiumNetError, isRefusedRedirect } from '../efota/net-fetch.ts';

/** One entry of Chromium's proxy answer ("DIRECT", "PROXY host:port", "HTTPS …", "SOCKS5 …"). */
export interface ProxyRoute {
  readonly kind: 'direct' | 'proxy';
  /** e.g. "PROXY proxy.corp.example:8080"; "DIRECT" for none */
  readonly text: string;
}

/** Parses `resolveProxy`'s answer into the routes Chromium tries in order. */
export function parseProxyList(answer: string): ProxyRoute[] {
  return answer
    .split(';')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .map((text) => ({ kind: /^DIRECT$/i.test(text) ? 'direct' : 'proxy', text }));
}

/** The outcome shown in Settings. */
export interface ProxySelfTestResult {
  /** the E-FOTA server answered (any HTTP status from it counts) */
  readonly ok: boolean;
  readonly routes: readonly ProxyRoute[];
  /** the HTTP status received, when one was */
  readonly status: number | null;
  /** one or two sentences an IT admin can act on */
  readonly message: string;
}

/** What the self-test needs from Electron. */
export interface ProxyProbe {
  resolveProxy(url: string): Promise<string>;
  fetch(url: string, init: { method: 'GET'; redirect: 'manual'; signal: AbortSignal; cache: 'no-store' }): Promise<{ status: number }>;
}

/** Runs the self-test against `baseUrl` (an https E-FOTA base URL). */
export async function proxySelfTest(baseUrl: string, probe: ProxyProbe, timeoutMs = 20_000): Promise<ProxySelfTestResult> {
  const url = new URL('/b2bfota/v2/licenseInfo', baseUrl).href;
  let routes: ProxyRoute[];
  try {
    routes = parseProxyList(await probe.resolveProxy(url));
  } catch (error) {
    return { ok: false, routes: [], status: null, message: `The system proxy settings could not be read (${text(error)}). Check the proxy or PAC configuration of this computer.` };
  }
  const via = describeRoutes(routes);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // A GET without a token changes nothing: the server answers 401 or 405, which proves the path works.
    const response = await probe.fetch(url, { method: 'GET', redirect: 'manual', signal: controller.signal, cache: 'no-store' });
    return { ok: response.status !== 407 && response.status < 500, routes, status: response.status, message: statusMessage(response.status, via, new URL(url).host) };
  } catch (error) {
    // net.fetch does not hand back a redirect under redirect: 'manual', it fails with "Redirect was
    // cancelled": an answer from the other end all the same.
    if (isRefusedRedirect(error)) return { ok: true, routes, status: null, message: redirectMessage(null, via, new URL(url).host) };
    if (controller.signal.aborted) {
      return { ok: false, routes, status: null, message: `No answer within ${Math.round(timeoutMs / 1000)} s ${via}. The proxy or a firewall may be dropping the connection.` };
    }
    return { ok: false, routes, status: null, message: errorMessage(error, via, new URL(url).host) };
  } finally {
    clearTimeout(timer);
  }
}

function describeRoutes(routes: readonly ProxyRoute[]): string {
  const first = routes[0];
  if (!first || first.kind === 'direct') return 'over a direct connection (no proxy)';
  return `through ${first.text.replace(/^PROXY /i, 'the proxy ')}`;
}

const PROXY_AUTH =
  'The proxy asks for a user name and password (HTTP 407). FOTA Desk signs in to proxies with your Windows or Kerberos sign-in only; ask your network team to allow the E-FOTA address without a password, or to enable integrated (NTLM/Kerberos) authentication for it.';

function redirectMessage(status: number | null, via: string, host: string): string {
  const answer = status === null ? 'a redirect' : `a redirect (HTTP ${status})`;
  return `${host} answered ${via} with ${answer}, which was not followed: the network path works. The E-FOTA API itself never redirects, so if calls fail, check the profile's base URL; a proxy's sign-in or block page may also answer this way.`;
}

function statusMessage(status: number, via: string, host: string): string {
  if (status === 407) return `${PROXY_AUTH} (Tried ${via}.)`;
  if (status >= 300 && status < 400) return redirectMessage(status, via, host);
  if (status === 502 || status === 503 || status === 504) {
    return `The proxy answered HTTP ${status} ${via}: it could not reach ${host}. Ask your network team to allow ${host} on port 443.`;
  }
  if (status >= 500) return `${host} answered HTTP ${status} ${via}: the path works, but the server is failing right now. Try again later.`;
  return `${host} answered ${via} (HTTP ${status}, as expected without signing in). The network path works.`;
}

function errorMessage(error: unknown, via: string, host: string): string {
  const net = chromiumNetError(error);
  switch (net?.name) {
    case 'ERR_PROXY_AUTH_REQUESTED':
    case 'ERR_PROXY_AUTH_UNSUPPORTED':
    case 'ERR_UNEXPECTED_PROXY_AUTH':
      return `${PROXY_AUTH} (Tried ${via}.)`;
    case 'ERR_TUNNEL_CONNECTION_FAILED':
      return `The proxy refused to open a connection to ${host} (${via}). It may need a password (HTTP 407) or block the address; ask your network team to allow ${host} on port 443.`;
    case 'ERR_PROXY_CONNECTION_FAILED':
    case 'ERR_SOCKS_CONNECTION_FAILED':
      return `The proxy did not answer (${via}). Check the proxy settings (or PAC file) of this computer.`;
    case 'ERR_MANDATORY_PROXY_CONFIGURATION_FAILED':
      return 'The PAC file this computer must use could not be loaded or run. Check the automatic proxy configuration.';
    case 'ERR_NAME_NOT_RESOLVED':
    case 'ERR_NAME_RESOLUTION_FAILED':
      return `${host} could not be found (DNS) ${via}. Check the base URL and the network.`;
    case 'ERR_INTERNET_DISCONNECTED':
      return 'This computer is offline.';
    case 'ERR_CONNECTION_REFUSED':
    case 'ERR_CONNECTION_TIMED_OUT':
    case 'ERR_ADDRESS_UNREACHABLE':
      return `${host} could not be reached ${via} (${net.name}). A firewall may block it, or the network needs a proxy this computer does not use.`;
    default:
      if (net?.name.startsWith('ERR_CERT_') || net?.name.startsWith('ERR_SSL_')) {
        return `The secure connection to ${host} was not trusted (${net.name}) ${via}. A TLS-inspecting proxy needs its CA in the profile’s “extra CA” field.`;
      }
      return `The request failed ${via}: ${text(error)}.`;
  }
}

function text(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
