// The typed failures of an E-FOTA call. Callers branch on the class (and on `kind` /
// `mayHaveReachedServer`), never on message text. No message, property or JSON form of these errors
// may ever hold the bearer token: every text that comes from outside is passed through `redact`
// before it lands here.
import type { OperationName } from '../../common/efota/operations.ts';
import type { Finding } from '../../common/efota/finding.ts';

/** The operations plus the OAuth token call, as named in errors. */
export type CallName = OperationName | 'token';

/** Base of every error the client throws; `toJSON` gives a safe, serialisable form. */
export abstract class EfotaError extends Error {
  /** short machine name of the error family: fud, auth, transport, protocol */
  abstract readonly type: 'fud' | 'auth' | 'transport' | 'protocol';
  readonly operation: CallName;

  protected constructor(operation: CallName, message: string) {
    super(message);
    this.operation = operation;
  }

  /** A plain object for logs and `--json` output (no stack, no token). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { type: this.type, name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) out[key] = value;
    return out;
  }
}

/** What the catalogue says about one FUD code. */
export interface FudExplanation {
  readonly code: string;
  readonly httpStatus: number | null;
  readonly category: string | null;
  /** what Samsung means by the code */
  readonly cause: string;
  /** what the admin should do about it */
  readonly remedy: string;
}

/**
 * Samsung answered with `<error><code>FUD_nnnn</code>…` — or, with `local: true`, the request was
 * refused before sending because Samsung would have answered with that code.
 */
export class FudError extends EfotaError {
  override readonly name = 'FudError';
  readonly type = 'fud';
  readonly code: string;
  /** HTTP status of the answer; null when refused locally (never sent) */
  readonly httpStatus: number | null;
  /** true when the request was refused before sending; the server never saw it */
  readonly local: boolean;
  /** the catalogue's cause (named `fudCause` so it never shadows `Error.cause`) */
  readonly fudCause: string;
  readonly remedy: string;
  readonly category: string | null;
  /** the `<message>` text of the server's error body, when not empty */
  readonly serverMessage: string | null;
  /** the findings that made a local refusal (empty for a server answer) */
  readonly findings: readonly Finding[];
  /**
   * true when Samsung failed while handling the request (a 9xxx code, or any FUD on a 5xx): a
   * state-changing call may or may not have taken effect. false for a local refusal or a 1xxx/3xxx
   * answer, which Samsung gives before changing anything.
   */
  readonly outcomeUnknown: boolean;

  constructor(init: {
    operation: CallName;
    explanation: FudExplanation;
    httpStatus: number | null;
    local: boolean;
    serverMessage?: string | null;
    findings?: readonly Finding[];
    detail?: string;
  }) {
    const { explanation } = init;
    const where = init.local ? 'refused before sending' : `E-FOTA answered ${explanation.code}`;
    super(init.operation, `${init.operation}: ${where}: ${init.detail ?? explanation.cause} ${explanation.remedy}`.trim());
    this.code = explanation.code;
    this.httpStatus = init.httpStatus;
    this.local = init.local;
    this.fudCause = explanation.cause;
    this.remedy = explanation.remedy;
    this.category = explanation.category;
    this.serverMessage = init.serverMessage ?? null;
    this.findings = init.findings ?? [];
    this.outcomeUnknown = !init.local && (explanation.category === 'service' || (init.httpStatus ?? 0) >= 500);
  }
}

/** The server (or the token endpoint) refused the credentials: 401/403, or bad client credentials. */
export class AuthError extends EfotaError {
  override readonly name = 'AuthError';
  readonly type = 'auth';
  /** HTTP status, or null when no token was available to send */
  readonly httpStatus: number | null;
  /** the `error` field of a JSON body (e.g. `invalid_client`), when there was one */
  readonly errorCode: string | null;
  /** the `error_description` of a JSON body, when there was one */
  readonly description: string | null;

  constructor(init: { operation: CallName; httpStatus: number | null; errorCode?: string | null; description?: string | null; message: string }) {
    super(init.operation, init.message);
    this.httpStatus = init.httpStatus;
    this.errorCode = init.errorCode ?? null;
    this.description = init.description ?? null;
  }
}

/**
 * How a call failed below the E-FOTA layer. `throttled` (429) and `server` (5xx without a FUD body)
 * are answers from the service's front door rather than from E-FOTA itself.
 */
export type TransportKind = 'dns' | 'refused' | 'tls' | 'reset' | 'timeout' | 'throttled' | 'server' | 'other';

/** The call did not complete: network, TLS, timeout, or a gateway status without an E-FOTA body. */
export class TransportError extends EfotaError {
  override readonly name = 'TransportError';
  readonly type = 'transport';
  readonly kind: TransportKind;
  /**
   * false only when the request provably never reached the server (DNS, refused, TLS handshake,
   * connect timeout, 429): a state-changing call may then be retried. true means "maybe": the
   * outcome is unknown.
   */
  readonly mayHaveReachedServer: boolean;
  /** HTTP status for `throttled`/`server`, else null */
  readonly httpStatus: number | null;
  /** server's Retry-After in milliseconds, when given */
  readonly retryAfterMs: number | null;
  /** low-level error code (ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT, …), when known */
  readonly errorCode: string | null;

  constructor(init: {
    operation: CallName;
    kind: TransportKind;
    mayHaveReachedServer: boolean;
    message: string;
    httpStatus?: number | null;
    retryAfterMs?: number | null;
    errorCode?: string | null;
  }) {
    super(init.operation, init.message);
    this.kind = init.kind;
    this.mayHaveReachedServer = init.mayHaveReachedServer;
    this.httpStatus = init.httpStatus ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.errorCode = init.errorCode ?? null;
  }
}

/** Why a body was not what the operation returns. */
export type ProtocolProblem =
  | 'not-xml'
  | 'doctype'
  | 'wrong-root'
  | 'missing-element'
  | 'empty'
  | 'oversized'
  | 'redirect'
  | 'unexpected-status'
  | 'bad-json'
  /** a 2xx whose body is an `<error>` without a FUD code: not a success, not a known refusal */
  | 'error-body'
  /** an HTML page (a captive portal, a proxy's sign-in or block page) where E-FOTA's answer belongs */
  | 'html-page'
  /** a character set this runtime cannot decode */
  | 'charset';

/** The server answered, but not with what the operation returns (wrong root, HTML, truncated, too big). */
export class ProtocolError extends EfotaError {
  override readonly name = 'ProtocolError';
  readonly type = 'protocol';
  readonly problem: ProtocolProblem;
  /** HTTP status of the answer; a 2xx means the server accepted the request */
  readonly httpStatus: number | null;

  constructor(init: { operation: CallName; problem: ProtocolProblem; httpStatus: number | null; message: string }) {
    super(init.operation, init.message);
    this.problem = init.problem;
    this.httpStatus = init.httpStatus;
  }
}

/** True for any error the client throws on purpose (as opposed to a bug). */
export function isEfotaError(error: unknown): error is EfotaError {
  return error instanceof EfotaError;
}
