// Results cross the contract as data: only `error.message` would survive a thrown error over IPC,
// and the renderer must branch on a code (a FUD code, AUTH, NETWORK…) rather than on message text.

/**
 * The codes the renderer can branch on besides Samsung's own `FUD_nnnn` codes:
 * - INVALID_INPUT: the payload (or a value in it) was refused before reaching a service
 * - NOT_FOUND: the profile, group… named does not exist
 * - NOT_ALLOWED: the action is not possible for this item (e.g. deleting the practice profile)
 * - NOT_AVAILABLE: the service behind the channel is not there (yet)
 * - NO_CREDENTIALS: the profile has no client secret stored
 * - AUTH: Samsung (or the token endpoint) refused the credentials
 * - NETWORK: the call did not complete (DNS, refused, TLS, timeout, reset, 429, 5xx)
 * - PROTOCOL: the server answered with something that is not what the operation returns
 * - KEYCHAIN_UNAVAILABLE: the OS keychain cannot be used; nothing was stored anywhere else
 * - BUSY: another FOTA Desk window or `fota` command holds the lock; try again
 * - CORRUPT: a local file was unreadable (it has been moved aside)
 * - STORAGE: a file could not be written (disk full, read-only, no permission); the message names
 *   the folder and what was kept
 * - JOURNAL_DAMAGED: a send journal of the batch is damaged; nothing more of it is sent until it is repaired (`send:repair`)
 * - APP_UNREACHABLE: the renderer could not reach main (web mode server stopped)
 * - INTERNAL: a bug; the message says what failed
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'NOT_ALLOWED',
  'NOT_AVAILABLE',
  'NO_CREDENTIALS',
  'AUTH',
  'NETWORK',
  'PROTOCOL',
  'KEYCHAIN_UNAVAILABLE',
  'BUSY',
  'CORRUPT',
  'STORAGE',
  'JOURNAL_DAMAGED',
  'APP_UNREACHABLE',
  'INTERNAL',
] as const;

/** One of the app's own error codes. */
export type AppErrorCode = (typeof ERROR_CODES)[number];

/** An app error code, or a Samsung FUD code such as `FUD_3031`. */
export type ErrorCode = AppErrorCode | `FUD_${string}`;

/** An expected failure, as data. */
export interface ContractError {
  readonly code: ErrorCode;
  /** what went wrong, in words an IT admin can act on */
  readonly message: string;
  /** what to do about it, when known (FUD remedies, keychain fixes) */
  readonly remedy: string | null;
}

/** What every invoke channel answers. */
export type Result<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ContractError };

/** A successful result. */
export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

/** A failed result. */
export function fail<T = never>(code: ErrorCode, message: string, remedy: string | null = null): Result<T> {
  return { ok: false, error: { code, message, remedy } };
}

/** True when `code` is one of the codes above or a FUD code. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && ((ERROR_CODES as readonly string[]).includes(code) || /^FUD_\d{4}$/.test(code));
}

/** Reads an untrusted value as a Result (the transport delivers `unknown`); null when it is not one. */
export function asResult(value: unknown): Result<unknown> | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v['ok'] === true && 'data' in v) return { ok: true, data: v['data'] };
  if (v['ok'] !== false || typeof v['error'] !== 'object' || v['error'] === null) return null;
  const e = v['error'] as Record<string, unknown>;
  if (!isErrorCode(e['code']) || typeof e['message'] !== 'string') return null;
  const remedy = typeof e['remedy'] === 'string' ? e['remedy'] : null;
  return { ok: false, error: { code: e['code'], message: e['message'], remedy } };
}
