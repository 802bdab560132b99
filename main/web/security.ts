// The checks every web-mode request passes before anything else runs. The server listens on
// 127.0.0.1 only, but any web page the user visits can make the browser send requests there, so:
// - Host must be exactly our address and port (a DNS-rebinding page has its own host name);
// - a session cookie (HttpOnly, SameSite=Strict) obtained with the one-time URL token must come along
//   (another site's page cannot have it, and SameSite keeps the browser from attaching it cross-site);
// - calls must carry our Origin (a cross-site form or fetch carries its own).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The secrets of one web-mode run. */
export interface WebSecrets {
  /** the token printed in the URL, exchanged once per browser for the cookie */
  readonly token: string;
  /** the cookie value; never printed */
  readonly session: string;
}

/** Fresh random secrets (256 bits each). */
export function newSecrets(): WebSecrets {
  return { token: randomBytes(32).toString('base64url'), session: randomBytes(32).toString('base64url') };
}

/** Compares two secrets in constant time. */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The cookie name; it carries the port because browsers share cookies across the ports of one host. */
export function cookieName(port: number): string {
  return `fota_desk_session_${port}`;
}

/** The Set-Cookie value that hands the session to the browser. */
export function sessionCookie(port: number, session: string): string {
  return `${cookieName(port)}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Why a request was refused, with the status to answer. */
export interface Refusal {
  readonly status: number;
  readonly message: string;
}

/** Where this server is reachable. */
export interface Address {
  readonly host: string;
  readonly port: number;
}

/** `host:port` exactly as a browser sends it in Host. */
export function hostHeader(address: Address): string {
  return `${address.host}:${address.port}`;
}

/** The origin of our own pages. */
export function originOf(address: Address): string {
  return `http://${hostHeader(address)}`;
}

const header = (request: IncomingMessage, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Refuses a request whose Host is not exactly our address (DNS rebinding), else null. */
export function checkHost(request: IncomingMessage, address: Address): Refusal | null {
  const host = header(request, 'host');
  if (host?.toLowerCase() === hostHeader(address)) return null;
  return { status: 421, message: `This FOTA Desk server answers only to ${hostHeader(address)}.` };
}

/** Refuses a request without our session cookie, else null. */
export function checkSession(request: IncomingMessage, address: Address, secrets: WebSecrets): Refusal | null {
  if (sameSecret(readCookie(header(request, 'cookie'), cookieName(address.port)), secrets.session)) return null;
  return {
    status: 401,
    message: 'This browser has not been let in. Open the address that `npm run start:web` printed (it holds a one-time key).',
  };
}

/**
 * Refuses a call that does not come from our own pages. `required`: calls (POST) must name our
 * Origin; for the event stream (a same-origin GET, which browsers send without Origin) a present
 * Origin must be ours. A present `Sec-Fetch-Site` must say same-origin either way.
 */
export function checkOrigin(request: IncomingMessage, address: Address, required: boolean): Refusal | null {
  const origin = header(request, 'origin');
  if (origin === undefined ? required : origin !== originOf(address)) {
    return { status: 403, message: `Calls are accepted only from ${originOf(address)}.` };
  }
  const site = header(request, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return { status: 403, message: 'Calls are accepted only from FOTA Desk’s own pages.' };
  return null;
}
