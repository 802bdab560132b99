// Electron's `net.fetch` (on a profile's session) as the E-FOTA client's FetchLike. Chromium fails a
// request with "net::ERR_…" messages instead of Node's error codes; this maps each to the code the
// client's classifier knows, and — what matters for sending safely — says whether the request can
// have reached the server: only failures before the connection to the server was up (DNS, refused,
// proxy or tunnel refused, TLS handshake) prove that it did not. A redirect net.fetch refused to follow
// is no network failure at all: the server answered, with a redirect.
import { FetchFailure, type FetchInit, type FetchLike, type FetchResponse } from './http.ts';

/** What a Chromium network error means for the client. */
export interface ChromiumNetError {
  /** e.g. ERR_NAME_NOT_RESOLVED */
  readonly name: string;
  /** the Node-style code the client's classifier understands */
  readonly code: string;
  /** false only when the request certainly never reached the E-FOTA server */
  readonly requestSent: boolean;
}

const BEFORE_SEND: Readonly<Record<string, string>> = {
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'ENOTFOUND',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
  ERR_NETWORK_ACCESS_DENIED: 'EHOSTUNREACH',
  ERR_ADDRESS_INVALID: 'EADDRNOTAVAIL',
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_CONNECTION_TIMED_OUT: 'UND_ERR_CONNECT_TIMEOUT',
  ERR_PROXY_CONNECTION_FAILED: 'ECONNREFUSED',
  ERR_TUNNEL_CONNECTION_FAILED: 'ECONNREFUSED',
  ERR_PROXY_AUTH_REQUESTED: 'ECONNREFUSED',
  ERR_PROXY_AUTH_UNSUPPORTED: 'ECONNREFUSED',
  ERR_UNEXPECTED_PROXY_AUTH: 'ECONNREFUSED',
  ERR_PROXY_CERTIFICATE_INVALID: 'ERR_SSL_PROXY_CERTIFICATE_INVALID',
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: 'ECONNREFUSED',
  ERR_SOCKS_CONNECTION_FAILED: 'ECONNREFUSED',
  ERR_SOCKS_CONNECTION_HOST_UNREACHABLE: 'EHOSTUNREACH',
};

const MAYBE_SENT: Readonly<Record<string, string>> = {
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_CONNECTION_ABORTED: 'ECONNABORTED',
  ERR_EMPTY_RESPONSE: 'ECONNRESET',
  ERR_NETWORK_CHANGED: 'ECONNRESET',
  ERR_TIMED_OUT: 'UND_ERR_HEADERS_TIMEOUT',
};

/** The messages of `error` and its causes, outermost first. */
function messages(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    found.push(current instanceof Error ? current.message : typeof current === 'string' ? current : '');
    current = current instanceof Error ? current.cause : null;
  }
  return found;
}

/** Reads the Chromium error in `error` (its message or a cause's), or null when there is none. */
export function chromiumNetError(error: unknown): ChromiumNetError | null {
  for (const message of messages(error)) {
    const match = /\bnet::(ERR_[A-Z0-9_]+)/.exec(message);
    if (match?.[1]) return describe(match[1]);
  }
  return null;
}

/**
 * Electron's own words (not a net:: code) when net.fetch meets a redirect it must not follow:
 * `redirect: 'error'` → "Attempted to redirect, but redirect policy was 'error'", `redirect: 'manual'`
 * → "Redirect was cancelled" (net.fetch cancels a manual redirect instead of returning the 3xx).
 */
const REFUSED_REDIRECT: readonly RegExp[] = [/Attempted to redirect, but redirect policy was 'error'/i, /Redirect was cancelled/i];

/**
 * True when `error` (or a cause) is net.fetch refusing to follow a redirect: the server did answer —
 * with a redirect — so the network path works, and the request went no further than that answer.
 */
export function isRefusedRedirect(error: unknown): boolean {
  return messages(error).some((message) => REFUSED_REDIRECT.some((words) => words.test(message)));
}

function describe(name: string): ChromiumNetError {
  const before = BEFORE_SEND[name];
  if (before) return { name, code: before, requestSent: false };
  // A certificate or TLS failure ends the handshake before any request byte is sent.
  if (name.startsWith('ERR_CERT_')) return { name, code: name.replace(/^ERR_/, ''), requestSent: false };
  if (name.startsWith('ERR_SSL_') || name === 'ERR_BAD_SSL_CLIENT_AUTH_CERT') return { name, code: name, requestSent: false };
  return { name, code: MAYBE_SENT[name] ?? name, requestSent: true };
}

/** A standard fetch (Electron's `session.fetch`), as given to this adapter. */
export type StandardFetch = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** Wraps `session.fetch` as the client's FetchLike, with Chromium errors translated. */
export function chromiumFetch(fetch: StandardFetch): FetchLike {
  return async (url: string, init: FetchInit): Promise<FetchResponse> => {
    try {
      return await fetch(url, {
        method: init.method,
        headers: init.headers,
        body: init.body,
        signal: init.signal,
        redirect: init.redirect,
      });
    } catch (error) {
      // A refused redirect has no net:: code: it passes on as it is, and the client reports it as the
      // redirect it is (ProtocolError 'redirect', as for Node's transport; net-fetch.test.ts holds both).
      const net = chromiumNetError(error);
      if (!net) throw new FetchFailure(error, true);
      const original = error instanceof Error ? error : new Error(String(error));
      throw new FetchFailure(Object.assign(new Error(`net::${net.name}`, { cause: original }), { code: net.code }), net.requestSent);
    }
  };
}
