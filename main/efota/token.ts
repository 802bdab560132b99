// The OAuth client-credentials call (docs/efota-api.md §3): form fields in, JSON out. The client secret and
// the token it returns never appear in an error.
import { TOKEN_PATH } from '../../common/efota/operations.ts';
import { AuthError, ProtocolError, TransportError } from './errors.ts';
import { exchange, retryAfterMs, type FetchLike } from './http.ts';
import { htmlPageError, isHtml } from './interpret.ts';
import { excerpt, redact } from './redact.ts';
import type { TokenResponse } from './types.ts';
import { checkBaseUrl } from '../../common/efota/base-url.ts';

/** Limits of the token call. */
export interface TokenCallLimits {
  /** whole call (default 20 s) */
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

/** Defaults of the token call. */
export const DEFAULT_TOKEN_LIMITS: TokenCallLimits = { timeoutMs: 20_000, maxBodyBytes: 64 * 1024 };

/** What the token call needs. */
export interface TokenRequest {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch: FetchLike;
  readonly timeouts?: Partial<TokenCallLimits>;
  /** for Retry-After dates (default: the system clock) */
  readonly now?: () => number;
}

/** Asks the token endpoint for a bearer token with the client credentials. */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const base = checkBaseUrl(request.baseUrl);
  if (!base.ok) throw new TypeError(base.message);
  const clientId = request.clientId.trim();
  const clientSecret = request.clientSecret.trim();
  if (clientId === '' || clientSecret === '') {
    throw new AuthError({ operation: 'token', httpStatus: null, message: 'token: the client ID and client secret are both needed to ask for a token.' });
  }
  const limits = { ...DEFAULT_TOKEN_LIMITS, ...request.timeouts };
  const secrets = [clientSecret];
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const answer = await exchange(
    request.fetch,
    {
      operation: 'token',
      url: `${base.url}${TOKEN_PATH}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      secrets,
    },
    limits,
  );
  const json = parseJson(answer.text);
  const safe = (text: string): string => redact(text, [...secrets, stringField(json, 'access_token')]);

  if (answer.status === 429 || answer.status >= 500) {
    throw new TransportError({
      operation: 'token',
      kind: answer.status === 429 ? 'throttled' : 'server',
      mayHaveReachedServer: answer.status !== 429,
      httpStatus: answer.status,
      retryAfterMs: retryAfterMs(answer.headers.get('retry-after'), (request.now ?? Date.now)()),
      message: `token: the token endpoint answered HTTP ${answer.status}${answer.status === 429 ? ' (too many requests)' : ''}. Try again later.`,
    });
  }
  if (answer.status < 200 || answer.status >= 300) {
    const code = stringField(json, 'error');
    const description = stringField(json, 'error_description');
    const said = code ? ` (${safe(code)}${description ? `: ${safe(description)}` : ''})` : answer.text.trim() ? ` (${safe(excerpt(answer.text, 120))})` : '';
    throw new AuthError({
      operation: 'token',
      httpStatus: answer.status,
      errorCode: code ? safe(code) : null,
      description: description ? safe(description) : null,
      message: `token: the token endpoint refused the client credentials with HTTP ${answer.status}${said}. Check the client ID and secret of the REST API key.`,
    });
  }
  const accessToken = stringField(json, 'access_token');
  if (json === null && isHtml(answer)) throw htmlPageError('token', answer, secrets);
  if (json === null || !accessToken || /\s/.test(accessToken)) {
    throw new ProtocolError({
      operation: 'token',
      problem: 'bad-json',
      httpStatus: answer.status,
      message: 'token: the token endpoint answered 200 without a usable access_token in a JSON body. Check the base URL.',
    });
  }
  const expires = json['expires_in'];
  const expiresIn = typeof expires === 'number' ? expires : typeof expires === 'string' && /^\d+$/.test(expires.trim()) ? Number(expires) : NaN;
  const scope = stringField(json, 'scope');
  return {
    accessToken,
    tokenType: stringField(json, 'token_type') ?? 'Bearer',
    // Samsung documents one hour; an absent or nonsensical lifetime falls back to that
    expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
    ...(scope ? { scope } : {}),
  };
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stringField(json: Record<string, unknown> | null, name: string): string | null {
  const value = json?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
