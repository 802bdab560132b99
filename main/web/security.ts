// The checks every web-mode request passes before anything else runs. The server listens on
// 127.0.0.1 only, but any web page the user visits can make the browser send requests there, so:
// - Host must be exactly our address and port (a DNS-rebinding page has its own host name);
// - a session cookie (HttpOnly, SameSite=Strict) obtained with a single-use URL token must come along
//   (another site's page cannot have it, and SameSite keeps the browser from attaching it cross-site);
// - calls must carry our Origin (a cross-site form or fetch carries its own).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh random secret (256 bits), URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Links not yet opened that are kept at once; asking for more forgets the oldest. */
export const MAX_OPEN_LINKS = 10;

/**
 * The secrets of one web-mode run. Each link's token is single use: its first exchange burns it
 * and hands that browser a session of its own, so a copy of the address in a browser's history, a
 * screenshot or a shell scroll-back opens nothing afterwards.
 */
export class WebSecrets {
  readonly #links: string[] = [];
  readonly #sessions = new Set<string>();

  /** A new link token, valid until its first use. */
  newToken(): string {
    const token = newSecret();
    this.#links.push(token);
    if (this.#links.length > MAX_OPEN_LINKS) this.#links.shift();
    return token;
  }

  /** Burns `token` and returns a new session for it; null when it is not an unused link token. */
  exchange(token: string): string | null {
    const at = this.#links.findIndex((t) => sameSecret(token, t));
    if (at === -1) return null;
    this.#links.splice(at, 1);
    const session = newSecret();
    this.#sessions.add(session);
    return session;
  }

  /** True for a session this run handed out. */
  hasSession(session: string | null): boolean {
    if (session === null) return false;
    for (const s of this.#sessions) if (sameSecret(session, s)) return true;
    return false;
  }
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

/** How to get a new link, for messages. */
export const NEW_LINK_HELP = "press n in the terminal running 'npm run start:web', or run 'node out/node/web.mjs --new-link' (npm run start:web -- --new-link)";

/** Refuses a request without one of our session cookies, else null. */
export function checkSession(request: IncomingMessage, address: Address, secrets: WebSecrets): Refusal | null {
  if (secrets.hasSession(readCookie(header(request, 'cookie'), cookieName(address.port)))) return null;
  return {
    status: 401,
    message: `This browser has not been let in. Open the address that 'npm run start:web' printed (it holds a one-time key; for another browser, ${NEW_LINK_HELP}).`,
  };
}

/**
 * Where to send the browser after the key exchange: the path it asked for when that is a plain path
 * of this server, else the start page. `//host/…` (or `/\host`) would be read by the browser as
 * another site's address: an open redirect.
 */
export function sameOriginPath(pathname: string, search: string): string {
  if (!pathname.startsWith('/') || pathname.startsWith('//') || pathname.includes('\\')) return '/';
  return `${pathname}${search}`;
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
