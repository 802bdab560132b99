// Where the client sends its calls. HTTPS only, because the bearer token travels in every request;
// plain HTTP is allowed for loopback alone (a local simulator or a test server).
import { DEFAULT_BASE_URL } from './operations.ts';

/** The outcome of checking a base URL. */
export type BaseUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Checks a base URL and returns it without a trailing slash (default: the documented host). */
export function checkBaseUrl(text: string | undefined = DEFAULT_BASE_URL): BaseUrlCheck {
  const given = text.trim();
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return { ok: false, message: `The base URL '${given}' is not a URL. Use e.g. ${DEFAULT_BASE_URL}.` };
  }
  const loopback = LOOPBACK.has(url.hostname.toLowerCase());
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ok: false, message: `The base URL '${given}' must start with https:// (plain http is allowed only for localhost / 127.0.0.1), because the token is sent with every call.` };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'The base URL must not contain a user name or password.' };
  }
  if (url.search || url.hash) {
    return { ok: false, message: `The base URL '${given}' must not have a query (?…) or fragment (#…).` };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
