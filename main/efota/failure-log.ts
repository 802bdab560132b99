// What `fota diagnostics` and "Copy diagnostics" show as the last failures: every call to Samsung
// that failed — a refused login, a 401, a FUD error, a network error, an answer that is not E-FOTA's —
// logged once, at warn level, with its operation and code. Done at the seam where a client is made
// (the window's connections, the CLI's clients) rather than in the client, so the XML reading code
// stays free of logging. The message is the client's own (already redacted) and the logger redacts
// it again: never a token or a secret. A request refused before sending is the admin's input, not a
// failure of the service, and is not logged here.
import type { EfotaClient } from './client.ts';
import { isEfotaError, type EfotaError } from './errors.ts';
import type { Logger } from '../log/logger.ts';

/** The code a failure is filed under: the FUD code, or AUTH / NETWORK-<kind> / PROTOCOL; null when it is not a service failure. */
export function failureCode(error: unknown): string | null {
  if (!isEfotaError(error)) return null;
  const e = error as EfotaError & { readonly code?: string; readonly local?: boolean; readonly kind?: string; readonly httpStatus?: number | null };
  switch (e.type) {
    case 'fud':
      return e.local === true ? null : (e.code ?? 'FUD');
    case 'auth':
      return e.httpStatus ? `AUTH-${e.httpStatus}` : 'AUTH';
    case 'transport':
      return `NETWORK-${e.kind ?? 'error'}`;
    case 'protocol':
      return 'PROTOCOL';
  }
}

/** Logs one failed call (a no-op for anything that is not a service failure). */
export function logFailure(log: Logger | null | undefined, operation: string, error: unknown, fields?: Record<string, unknown>): void {
  const code = failureCode(error);
  if (!log || code === null) return;
  // The client's errors name the operation that failed (`token` when the login did).
  const failed = (error as EfotaError).operation ?? operation;
  log.failure(String(failed), code, (error as Error).message, fields);
}

/** How a call ends, for `observeCalls`: `null` for a success, else what it threw. */
export type CallObserver = (operation: string, outcome: unknown) => void;

/** The client with `observe` told how every call ended (the call's result or error passes through unchanged). */
export function observeCalls(client: EfotaClient, observe: CallObserver): EfotaClient {
  const wrapped: Record<string, unknown> = { baseUrl: client.baseUrl };
  for (const [name, value] of Object.entries(client)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]): Promise<unknown> => {
      try {
        const result = await method(...args);
        observe(name, null);
        return result;
      } catch (error) {
        observe(name, error);
        throw error;
      }
    };
  }
  return wrapped as unknown as EfotaClient;
}

/** The client with every failed call logged (see above); the same client when there is no log. */
export function withFailureLog(client: EfotaClient, log: Logger | null | undefined, fields?: Record<string, unknown>): EfotaClient {
  if (!log) return client;
  return observeCalls(client, (name, outcome) => {
    if (outcome !== null) logFailure(log, name, outcome, fields);
  });
}
