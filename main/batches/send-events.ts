// The Sender's progress events, for the window (over the contract) and the CLI (progress bar or
// plain lines). A tiny typed subscription: `on(listener)` returns the unsubscribe function.
import type { CallState, Culprit } from './journal-records.ts';
import type { SendCounts } from './journal-state.ts';

/** Where a running send stands. */
export type SendPhase =
  | 'ready'
  | 'sending'
  /** pause asked: calls in flight are finishing */
  | 'pausing'
  | 'paused'
  /** every pilot call is final; waiting for the admin to continue */
  | 'pilot-paused'
  /** stop asked (Ctrl+C, window closing): calls in flight are finishing; the rest stays pending */
  | 'stopping'
  | 'stopped'
  | 'cancelled'
  | 'finished';

/** One event of a send. */
export type SendEvent =
  | { readonly type: 'phase'; readonly phase: SendPhase; readonly counts: SendCounts }
  | {
      readonly type: 'call';
      readonly callId: string;
      readonly state: CallState;
      readonly devices: number;
      readonly forceUpdateId?: string | null;
      readonly code?: string;
      readonly message?: string;
      readonly counts: SendCounts;
    }
  | { readonly type: 'retry'; readonly callId: string | null; readonly what: string; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly type: 'culprits'; readonly callId: string; readonly culprits: readonly Culprit[]; readonly checked: boolean; readonly message: string }
  | { readonly type: 'notice'; readonly message: string };

/** A listener of send events; a listener that throws never disturbs the send. */
export type SendListener = (event: SendEvent) => void;

/** A minimal typed event source. */
export class SendEvents {
  readonly #listeners = new Set<SendListener>();

  /** Subscribes; returns the function that unsubscribes. */
  on(listener: SendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every listener. */
  emit(event: SendEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A broken progress view must not stop a send half-way.
      }
    }
  }
}
