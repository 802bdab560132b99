// How a run of a send ended, and the one line that sums it up (the CLI, the window and the audit log).
import type { CallStatus, SendCounts } from './journal-state.ts';

/** Why a run ended. */
export type StopReason =
  /** every call is final, or waits for a decision (`unknown`) */
  | 'finished'
  /** paused after the pilot and told to stop there */
  | 'pilot'
  /** stopped by the admin (Ctrl+C, window closed): the rest stays pending */
  | 'stopped'
  | 'cancelled'
  /** nothing reached Samsung, but the network (or Samsung's rate limit) kept refusing: the rest stays pending */
  | 'network'
  | 'throttled'
  /** the credentials were refused: the rest stays pending */
  | 'auth'
  /** the journal could not be written: nothing more was sent */
  | 'journal';

/** How a run ended. */
export interface SendOutcome {
  readonly reason: StopReason;
  readonly counts: SendCounts;
  /** `unknown` calls waiting for the admin's decision */
  readonly unknown: readonly CallStatus[];
  readonly rejected: readonly CallStatus[];
  /** the last error when the reason is network, throttled, auth or journal */
  readonly detail: string | null;
  readonly journalFile: string;
}

/** "12 accepted, 1 rejected, …" */
export function summarise(c: SendCounts): string {
  const parts = [`${c.accepted} accepted`, `${c.rejected} rejected`, `${c.unknown} unknown`];
  if (c.unknownLeft > 0) parts.push(`${c.unknownLeft} unknown (left)`);
  if (c.pending > 0) parts.push(`${c.pending} not sent`);
  if (c.cancelled > 0) parts.push(`${c.cancelled} cancelled`);
  return `${parts.join(', ')} of ${c.calls} call(s)`;
}

/** A message cut to 1000 characters (an error text can be a whole HTML page). */
export function clip(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}
