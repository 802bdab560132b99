// The OAuth client-credentials token endpoint and the bearer check of API calls (docs/efota-api.md §3).
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenStore } from './tokens.ts';

/** A JSON answer. */
export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** The 401 every API call gets without a valid bearer token (docs/efota-api.md §3, from ERR). */
export const UNAUTHORIZED: JsonAnswer = { status: 401, body: { error: 'invalid_request', error_description: 'Validation error' } };

/** The gateway's answer to an API call without any Authorization header (docs/efota-api.md §3, seen by PS). */
export const MISSING_TOKEN: JsonAnswer = { status: 401, body: { error: 'invalid_request', error_description: 'Missing access token' } };

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Answers a token request (form-encoded client_credentials; HTTP Basic client auth only when `basicAuth`). */
export function tokenAnswer(headers: IncomingHttpHeaders, body: string, tokens: TokenStore, basicAuth: boolean): JsonAnswer {
  const type = (headers['content-type'] ?? '').toLowerCase();
  // Anything but a form (JSON included, which PM says is refused) leaves the gateway without a grant_type.
  if (!type.startsWith('application/x-www-form-urlencoded')) return { status: 400, body: { error: 'invalid_request', error_description: 'Missing grant_type' } };
  const form = new URLSearchParams(body);
  const grant = form.get('grant_type');
  if (!grant) return { status: 400, body: { error: 'invalid_request', error_description: 'Missing grant_type' } };
  if (grant !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: `grant_type ${grant} is not supported` } };
  let clientId = form.get('client_id');
  let clientSecret = form.get('client_secret');
  // The documentation puts the client in the form only; accepting Basic as well would hide a client that sends it there.
  const basic = basicAuth ? /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '') : null;
  if (basic?.[1] && clientId === null) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      clientId = safeDecode(decoded.slice(0, colon));
      clientSecret = safeDecode(decoded.slice(colon + 1));
    }
  }
  if (!clientId || !clientSecret || !tokens.authenticate(clientId, clientSecret)) {
    return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
  }
  const { token, expiresIn } = tokens.issue(clientId);
  return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: 'fota' } };
}

/** True when the Authorization header carries an accepted bearer token. */
export function bearerAccepted(header: string | undefined, tokens: TokenStore, caseInsensitive: boolean): boolean {
  const m = /^(\S+) +(\S+)\s*$/.exec(header ?? '');
  if (!m?.[1] || !m[2]) return false;
  const schemeOk = caseInsensitive ? m[1].toLowerCase() === 'bearer' : m[1] === 'Bearer';
  return schemeOk && tokens.check(m[2]) === null;
}
