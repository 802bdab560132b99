// One HTTP exchange with bounded time and bounded memory, and the mapping of every low-level failure
// to a typed error. `fetch` is injected (undici in Node, Electron's net.fetch in the app), so this
// file only relies on the standard fetch shape.
import { OPERATIONS } from '../../common/efota/operations.ts';
import { decodeBody } from './charset.ts';
import { ProtocolError, TransportError, type CallName, type TransportKind } from './errors.ts';
import { redact } from './redact.ts';

/** The subset of a WHATWG `Response` the client reads. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
      cancel(reason?: unknown): Promise<void>;
    };
  } | null;
}

/** What the client passes to `fetch`. */
export interface FetchInit {
  readonly method: 'POST';
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly signal: AbortSignal;
  /**
   * Never follow: the client passes 'manual', so a transport that can hands the 3xx back (undici) and
   * the error can name its status and target; Electron's net.fetch refuses it instead (net-fetch.ts).
   */
  readonly redirect: 'error' | 'manual';
}

/** A standard-shaped fetch (undici's in Node, `net.fetch` in Electron). */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/**
 * Thrown by a fetch that can tell whether the request left this machine (see node-fetch.ts):
 * `requestSent: false` proves the server never received it.
 */
export class FetchFailure extends Error {
  override readonly name = 'FetchFailure';
  readonly requestSent: boolean;
  readonly original: unknown;

  constructor(original: unknown, requestSent: boolean) {
    super(original instanceof Error ? original.message : String(original));
    this.original = original;
    this.requestSent = requestSent;
  }
}

/** Time and size limits of one exchange. */
export interface ExchangeLimits {
  /** whole call: connect, send, wait, read */
  readonly timeoutMs: number;
  /** the body is cut (and the call fails) beyond this many bytes */
  readonly maxBodyBytes: number;
}

/** An answer whose body was read completely. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly text: string;
}

/** One request as the exchange sends it. */
export interface ExchangeRequest {
  readonly operation: CallName;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** values that must never appear in an error (token, client secret) */
  readonly secrets: readonly string[];
}

class CallTimeout extends Error {
  override readonly name = 'CallTimeout';
}

/** Sends one request and reads the whole answer within `limits`; throws only typed errors. */
export async function exchange(fetch: FetchLike, request: ExchangeRequest, limits: ExchangeLimits): Promise<RawAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CallTimeout('call timed out')), limits.timeoutMs);
  try {
    let response: FetchResponse;
    try {
      response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch (error) {
      throw classifyFetchError(error, request, limits, controller.signal.aborted);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.getReader().cancel().catch(() => undefined);
      const target = redirectHost(response.headers.get('location'), request.url);
      throw new ProtocolError({
        operation: request.operation,
        problem: 'redirect',
        httpStatus: response.status,
        message: `${request.operation}: the server answered with a redirect (HTTP ${response.status}${target ? ` to ${target}` : ''}); the E-FOTA API never redirects, so it was not followed and the token went nowhere else.${unknownOutcome(request.operation)} Check the base URL.`,
      });
    }
    const text = await readBody(response, request, limits, controller);
    return { status: response.status, headers: response.headers, text };
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(response: FetchResponse, request: ExchangeRequest, limits: ExchangeLimits, controller: AbortController): Promise<string> {
  const oversized = (): ProtocolError =>
    new ProtocolError({
      operation: request.operation,
      problem: 'oversized',
      httpStatus: response.status,
      message: `${request.operation}: the answer is larger than ${limits.maxBodyBytes} bytes, far more than any E-FOTA answer; it was cut off and refused. Check the base URL and any proxy in between.`,
    });
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    controller.abort();
    await response.body?.getReader().cancel().catch(() => undefined);
    throw oversized();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!value) continue;
      total += value.byteLength;
      if (total > limits.maxBodyBytes) {
        await reader.cancel().catch(() => undefined);
        controller.abort();
        throw oversized();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    // the answer had started: the request certainly reached the server
    throw classifyFetchError(new FetchFailure(error, true), request, limits, controller.signal.aborted);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  const decoded = decodeBody(bytes, response.headers.get('content-type'));
  if (!decoded.ok) {
    throw new ProtocolError({
      operation: request.operation,
      problem: 'charset',
      httpStatus: response.status,
      message: `${request.operation}: the answer (HTTP ${response.status}) is written in the character set '${redact(decoded.charset.slice(0, 40), request.secrets)}', which FOTA Desk cannot read, so its text was not guessed at. E-FOTA answers in UTF-8: check the base URL and any proxy in between.`,
    });
  }
  return decoded.text;
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE']);
const TLS_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'HOSTNAME_MISMATCH', 'CERT_HAS_EXPIRED']);

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_)/.test(code);
}

/** Walks an error and its causes, collecting codes and messages. */
function chain(error: unknown): { codes: string[]; messages: string[]; names: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current instanceof FetchFailure) {
      current = current.original;
      continue;
    }
    if (typeof current === 'object') {
      const record = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
      if (typeof record.code === 'string') codes.push(record.code);
      if (typeof record.message === 'string') messages.push(record.message);
      if (typeof record.name === 'string') names.push(record.name);
      current = record.cause;
    } else {
      messages.push(String(current));
      break;
    }
  }
  return { codes, messages, names };
}

const DESCRIBE: Record<TransportKind, string> = {
  dns: 'the server name could not be resolved (DNS). Check the base URL and the network.',
  refused: 'the connection was refused or the host is unreachable. Check the base URL, the network and any proxy.',
  tls: 'the TLS handshake failed (certificate not trusted, expired or for another name). Check the base URL, the extra CA and any TLS-inspecting proxy.',
  reset: 'the connection was closed before the answer was complete.',
  timeout: 'no complete answer came in time.',
  throttled: 'the server asked to slow down (HTTP 429).',
  server: 'the server failed without an E-FOTA error code.',
  other: 'the request failed.',
};

/** The host a redirect pointed to (resolved against the request URL), or null when it names none. */
function redirectHost(location: string | null, requestUrl: string): string | null {
  if (!location) return null;
  try {
    return new URL(location, requestUrl).host || null;
  } catch {
    return null;
  }
}

/**
 * For a state-changing call, why a redirect leaves it `unknown`: the server answered the POST, and
 * nothing says whether it acted on it before it redirected (retry-policy.ts never re-sends it).
 */
function unknownOutcome(operation: CallName): string {
  return operation !== 'token' && OPERATIONS[operation].changesState
    ? ' The server may have acted on the request before it redirected: its outcome is unknown.'
    : '';
}

/** Maps anything a fetch throws to a TransportError or (for a refused redirect) a ProtocolError. */
export function classifyFetchError(error: unknown, request: ExchangeRequest, limits: ExchangeLimits, aborted: boolean): TransportError | ProtocolError {
  const { codes, messages, names } = chain(error);
  const sent = error instanceof FetchFailure ? error.requestSent : null;
  const detail = redact(messages.filter((m) => m && m !== 'fetch failed').slice(-1)[0] ?? messages[0] ?? 'unknown error', request.secrets);
  const errorCode = codes[codes.length - 1] ?? null;
  const text = messages.join(' | ');

  if (/redirect/i.test(text) && !aborted) {
    return new ProtocolError({
      operation: request.operation,
      problem: 'redirect',
      httpStatus: null,
      message: `${request.operation}: the server answered with a redirect; the E-FOTA API never redirects, so it was not followed and the token went nowhere else.${unknownOutcome(request.operation)} Check the base URL.`,
    });
  }

  let kind: TransportKind = 'other';
  let reached: boolean = sent ?? true;
  if (codes.some((c) => DNS.has(c))) [kind, reached] = ['dns', false];
  else if (codes.some((c) => REFUSED.has(c))) [kind, reached] = ['refused', false];
  else if (codes.some(isTlsCode) || /before secure TLS connection|certificate|SSL routines/i.test(text)) [kind, reached] = ['tls', sent === true];
  else if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) [kind, reached] = ['timeout', false];
  else if (aborted || codes.some((c) => c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT') || names.includes('TimeoutError')) kind = 'timeout';
  else if (codes.some((c) => RESET.has(c)) || /other side closed|socket hang up|terminated/i.test(text)) kind = 'reset';
  // a request that provably never left this machine cannot have changed anything
  if (sent === false) reached = false;

  const timing = kind === 'timeout' && aborted ? ` (limit ${limits.timeoutMs} ms)` : '';
  const outcome = reached
    ? ' The request may have reached the server: its outcome is unknown.'
    : ' The request did not reach the server.';
  return new TransportError({
    operation: request.operation,
    kind,
    mayHaveReachedServer: reached,
    errorCode,
    message: `${request.operation}: ${DESCRIBE[kind]}${timing} (${detail})${outcome}`,
  });
}

/** Reads a Retry-After header (seconds or HTTP date) as milliseconds from `now`. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
