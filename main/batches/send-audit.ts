// What a send writes to the audit log (audit-log.ts): every call, decision and stop, in the
// background. The journal is the record a send relies on; a failed audit write is said once per
// failure as a notice and never stops the send.
import type { AuditContext, AuditEvent, AuditLog } from './audit-log.ts';
import type { CallStatus } from './journal-state.ts';

/** The audit fields of one call, with what became of it. */
export function callFields(s: CallStatus, result: string): { callId: string; operation: string; model: string; salesCode: string; target: string; serials: readonly string[]; result: string; groupId?: string } {
  const c = s.call;
  return { callId: c.id, operation: c.operation, model: c.model, salesCode: c.salesCode, target: c.target, serials: c.serials, result, ...(c.groupId ? { groupId: c.groupId } : {}) };
}

/** The audit writes of one send (none when it has no audit log). */
export class SendAudit {
  readonly #log: AuditLog | null;
  readonly #context: AuditContext;
  readonly #now: () => string;
  readonly #onFailure: (message: string) => void;
  readonly #writes = new Set<Promise<void>>();

  constructor(log: AuditLog | null, context: AuditContext, now: () => string, onFailure: (message: string) => void) {
    this.#log = log;
    this.#context = context;
    this.#now = now;
    this.#onFailure = onFailure;
  }

  /** Starts writing one event; a failure goes to `onFailure`, never to the caller. */
  write(event: AuditEvent, fields: Parameters<AuditLog['write']>[3] = {}): void {
    const log = this.#log;
    if (!log) return;
    const write = log.write(this.#context, event, this.#now(), fields).catch((error: unknown) => {
      this.#onFailure(`The audit log could not be written (${error instanceof Error ? error.message : String(error)}); the send journal still records every call.`);
    });
    this.#writes.add(write);
    void write.finally(() => this.#writes.delete(write));
  }

  /** Waits until every write started so far (and any started meanwhile) has ended. */
  async flush(): Promise<void> {
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }
}
