// One send of one batch, under its send lock: what the window and the CLI hold while a batch is sent.
// The calls go out in SendRun (send-run.ts); here are the admin's side of it. Pause, resume, stop,
// cancel and the pilot pause are decisions between calls; the admin's confirmations (re-send an
// `unknown` call, leave it, re-plan a FUD_3031 call) are journal records too, so a crash forgets nothing.
import type { JournalStats } from '../store/json-lines-file.ts';
import type { SendJournal } from './journal.ts';
import type { StartRecord } from './journal-records.ts';
import { needsDecision, type CallStatus } from './journal-state.ts';
import { callFields } from './send-audit.ts';
import { FUD_NOT_REGISTERED, replanCall, ReplanError } from './send-culprits.ts';
import type { SendPhase } from './send-events.ts';
import type { SendOutcome } from './send-outcome.ts';
import { SendRun, type SessionInit } from './send-run.ts';

/** One send of a batch, holding its lock until `close()`. */
export class SendSession extends SendRun {
  readonly sendId: string;
  readonly batchId: string;
  #runDone: Promise<SendOutcome> | null = null;
  #closed = false;

  constructor(init: SessionInit) {
    super(init);
    this.sendId = init.sendId;
    this.batchId = init.batchId;
  }

  /** The calls of this send in order, with what is known about each (a snapshot). */
  get calls(): readonly CallStatus[] {
    const state = this.sendJournal?.state;
    if (state) return state.order.map((id) => ({ ...(state.calls.get(id) as CallStatus) }));
    return this.startRecord.calls.map((call) => ({ call, state: 'pending', attempts: 0, forceUpdateId: null, code: null, local: false, message: null, culprits: null, replacedBy: [], left: false, resends: 0 }));
  }

  /** The start record: batch, tenant, profile, pilot and the calls as planned. */
  get start(): StartRecord {
    return this.sendJournal?.state.start ?? this.startRecord;
  }

  /** True once the admin cancelled the rest of this send. */
  get cancelled(): boolean {
    return this.sendJournal?.state.cancelled ?? false;
  }

  /** True once the send has a journal on disk (it ran before, or is running). */
  get started(): boolean {
    return this.sendJournal !== null;
  }

  /** The journal file, once the send has started. */
  get journalFile(): string | null {
    return this.sendJournal?.file ?? null;
  }

  /** Where the send stands. */
  get phase(): SendPhase {
    return this.currentPhase;
  }

  /** Calls in flight now. */
  get inFlight(): number {
    return this.claimed.size;
  }

  /** True when the pilot calls are sent (or there are none) and the admin let the rest go. */
  get pilotContinued(): boolean {
    return this.sendJournal?.state.pilotContinued ?? this.startRecord.pilotCalls === 0;
  }

  /** The last error a call met in this process (null when none): what E-FOTA or the network said, in full. */
  lastError(callId: string): unknown {
    return this.callErrors.get(callId) ?? null;
  }

  /** fsync statistics of the journal (benchmark). */
  get journalStats(): JournalStats {
    return this.sendJournal?.stats ?? { flushes: 0, syncMs: 0, appends: 0, appendMs: 0 };
  }

  // ---- the admin's decisions ------------------------------------------------------------------

  /** Confirms re-sending `unknown` calls: each goes back to pending and is sent once more. */
  async confirmResend(ids: readonly string[]): Promise<void> {
    const journal = this.#requireJournal('re-send');
    const statuses = ids.map((id) => this.#status(id));
    const wrong = statuses.filter((s) => s.state !== 'unknown');
    if (wrong.length > 0) throw new SendActionError(`only 'unknown' calls can be confirmed for re-sending; ${wrong.map((s) => `${s.call.id} is ${s.state}`).join(', ')}`);
    if (ids.length === 0) return;
    await journal.write({ t: 'resend', ids: [...ids], at: this.now(), by: this.init.actor });
    for (const s of statuses) this.audit.write('resend-confirmed', callFields(s, 'pending'));
    this.notify();
  }

  /** Records that `unknown` calls are never to be re-sent (the admin checked them some other way). */
  async leaveUnknown(ids: readonly string[]): Promise<void> {
    const journal = this.#requireJournal('leave');
    const wrong = ids.map((id) => this.#status(id)).filter((s) => !needsDecision(s));
    if (wrong.length > 0) throw new SendActionError(`only 'unknown' calls can be left; ${wrong.map((s) => `${s.call.id} is ${s.state}${s.left ? ' (already left)' : ''}`).join(', ')}`);
    if (ids.length === 0) return;
    await journal.write({ t: 'leave', ids: [...ids], at: this.now(), by: this.init.actor });
    for (const id of ids) this.audit.write('unknown-left', callFields(this.#status(id), 'unknown'));
    this.notify();
  }

  /**
   * Re-plans a call rejected with FUD_3031: without the culprits abnormalDeviceList named (looked for
   * now if that was not possible before), or in halves when it named none. Returns the new call ids
   * and the serials left out, which the caller should also exclude from the stored batch.
   */
  async replan(id: string): Promise<{ mode: 'without' | 'halves'; removed: readonly string[]; calls: readonly string[] }> {
    const journal = this.#requireJournal('re-plan');
    const s = this.#status(id);
    if (s.state !== 'rejected' || s.code !== FUD_NOT_REGISTERED) throw new SendActionError(`${id} was not rejected with ${FUD_NOT_REGISTERED}; only such calls are re-planned`);
    if (s.replacedBy.length > 0) throw new SendActionError(`${id} was already re-planned as ${s.replacedBy.join(', ')}`);
    if (s.culprits === null) await this.lookForCulprits(journal, s);
    let plan;
    try {
      plan = replanCall(s.call, s.culprits ?? []);
    } catch (error) {
      if (error instanceof ReplanError) throw new SendActionError(error.message);
      throw error;
    }
    await journal.write({ t: 'replan', of: id, mode: plan.mode, removed: plan.removed, calls: plan.calls, at: this.now(), by: this.init.actor });
    this.audit.write('replanned', { ...callFields(s, 'rejected'), detail: `${plan.mode === 'without' ? `without ${plan.removed.join(' ')}` : 'in halves'} as ${plan.calls.map((c) => c.id).join(', ') || 'no call (every device was a culprit)'}` });
    this.notify();
    return { mode: plan.mode, removed: plan.removed, calls: plan.calls.map((c) => c.id) };
  }

  /** Pins a concrete firmware in place of `Latest` for the calls of a group not yet sent (`batchEdited`: the batch's new edit time). */
  async pin(groupKey: string, target: string, batchEdited: string): Promise<void> {
    if (this.sendJournal) {
      await this.sendJournal.write({ t: 'pin', groupKey, target, at: this.now(), by: this.init.actor });
    } else {
      this.startRecord = { ...this.startRecord, batchEdited, calls: this.startRecord.calls.map((c) => (c.groupKey === groupKey && c.target === 'Latest' ? { ...c, target } : c)) };
    }
    this.audit.write('latest-pinned', { detail: `${groupKey}: Latest pinned to ${target}` });
  }

  /**
   * Leaves devices out of the calls not yet sent because their latest push elsewhere is still open
   * (a call left with no device is not sent). Returns how many devices were left out.
   */
  async hold(serials: ReadonlySet<string>): Promise<number> {
    if (serials.size === 0) return 0;
    let count = 0;
    const journal = this.sendJournal;
    if (journal) {
      for (const id of [...journal.state.order]) {
        const s = journal.state.calls.get(id) as CallStatus;
        if (s.state !== 'pending' || s.replacedBy.length > 0) continue;
        const out = s.call.serials.filter((serial) => serials.has(serial));
        if (out.length === 0) continue;
        await journal.write({ t: 'hold', id, serials: out, at: this.now(), by: this.init.actor });
        this.audit.write('held-back', { ...callFields({ ...s, call: { ...s.call, serials: out } }, 'not sent'), detail: 'latest push of these devices is still open' });
        count += out.length;
      }
    } else {
      const calls = this.startRecord.calls
        .map((c) => ({ ...c, serials: c.serials.filter((serial) => !serials.has(serial)) }))
        .filter((c) => c.operation === 'serverInit' || c.serials.length > 0);
      count = this.startRecord.calls.reduce((n, c) => n + c.serials.length, 0) - calls.reduce((n, c) => n + c.serials.length, 0);
      this.startRecord = { ...this.startRecord, calls, pilotCalls: calls.filter((c) => c.pilot).length };
    }
    this.notify();
    return count;
  }

  /** Lets the calls after the pilot go. */
  async continuePilot(): Promise<void> {
    if (this.pilotContinued) return;
    const journal = this.#requireJournal('continue after the pilot');
    await journal.write({ t: 'pilot', at: this.now(), by: this.init.actor });
    this.audit.write('pilot-continued');
    this.notify();
  }

  /** No new call starts; calls in flight finish. */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    if (this.running) this.setPhase(this.idle() ? 'paused' : 'pausing');
    this.notify();
  }

  /** Lets calls start again after `pause`. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.running) this.setPhase('sending');
    this.notify();
  }

  /** Ends the run after the calls in flight; the rest stays pending for a later run. */
  stop(reason: 'stopped' | 'pilot' = 'stopped'): void {
    this.stopReason ??= reason;
    if (this.running && this.currentPhase !== 'pilot-paused') this.setPhase('stopping');
    this.notify();
  }

  /**
   * Cancels the rest of the send: calls not yet sent become `cancelled`; calls in flight finish.
   * Samsung cannot withdraw an update it accepted: accepted calls stay accepted.
   */
  async cancel(): Promise<void> {
    const journal = this.sendJournal;
    // A send that never started has nothing to cancel: no call was made.
    if (!journal) return;
    if (!journal.state.cancelled) {
      await journal.write({ t: 'cancel', at: this.now(), by: this.init.actor });
      this.audit.write('cancelled', { detail: 'calls not yet sent are cancelled; accepted updates cannot be withdrawn' });
    }
    this.stopReason ??= 'cancelled';
    if (this.running) this.notify();
    else await this.cancelPending(journal);
  }

  /** Sends until every call is final or waiting for a decision, or until stopped; resolves with how it ended. */
  run(): Promise<SendOutcome> {
    if (this.running) return Promise.reject(new SendActionError('this send is already running'));
    if (this.#closed) return Promise.reject(new SendActionError('this send is closed'));
    const done = this.runCalls();
    this.#runDone = done;
    return done;
  }

  /** Stops a running send (after its calls in flight), then releases the lock and closes the files. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.stop();
    await this.#runDone?.catch(() => undefined);
    await this.audit.flush();
    try {
      await this.sendJournal?.close();
      await this.init.audit?.close();
    } finally {
      await this.init.lock.release();
    }
  }

  #requireJournal(what: string): SendJournal {
    if (!this.sendJournal) throw new SendActionError(`nothing to ${what}: this send has not started yet`);
    return this.sendJournal;
  }

  #status(id: string): CallStatus {
    const s = this.sendJournal?.state.calls.get(id);
    if (!s) throw new SendActionError(`this send has no call '${id}'. Its calls: ${this.calls.map((c) => c.call.id).slice(0, 12).join(', ')}${this.calls.length > 12 ? ', …' : ''}`);
    return s;
  }
}

/** An action that does not fit the send's state (the message says why). */
export class SendActionError extends Error {
  override readonly name = 'SendActionError';
}
