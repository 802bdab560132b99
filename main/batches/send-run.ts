// The calls of one send going out: a small worker pool takes pending calls in order (the pilot first),
// journals each step (fsynced) before taking it, retries only what provably never reached Samsung,
// and waits through pauses. SendSession (send-session.ts) adds the admin's decisions and the lock.
import type { Clock } from '../../common/clock.ts';
import type { Actor } from '../../common/batch/model.ts';
import type { AuditContext, AuditLog } from './audit-log.ts';
import { SendJournal } from './journal.ts';
import type { StartRecord } from './journal-records.ts';
import { countCalls, needsDecision, type CallStatus, type SendCounts } from './journal-state.ts';
import type { SendLock } from './lock.ts';
import { classifyFailure, decide } from './retry-policy.ts';
import type { RetryEnv } from './retry-run.ts';
import { callFields, SendAudit } from './send-audit.ts';
import { invokeCall, type CallClient } from './send-call.ts';
import { findCulprits, FUD_NOT_REGISTERED } from './send-culprits.ts';
import { SendEvents, type SendPhase } from './send-events.ts';
import { clip, summarise, type SendOutcome, type StopReason } from './send-outcome.ts';

/** What a session is built from (see Sender.open). */
export interface SessionInit {
  readonly sendId: string;
  readonly batchId: string;
  readonly lock: SendLock;
  readonly journalDir: string;
  /** an open journal (a resumed send), or the start record of a new send (written when it runs) */
  readonly journal: SendJournal | null;
  readonly start: StartRecord;
  readonly client: CallClient;
  readonly clock: Clock;
  readonly actor: Actor;
  readonly concurrency: number;
  readonly retry: RetryEnv;
  readonly audit: AuditLog | null;
  readonly auditContext: AuditContext;
}

/** The running part of a send (SendSession extends it with the admin's side). */
export class SendRun {
  readonly events = new SendEvents();
  protected readonly init: SessionInit;
  protected sendJournal: SendJournal | null;
  protected currentPhase: SendPhase = 'ready';
  protected paused = false;
  protected stopReason: StopReason | null = null;
  protected stopDetail: string | null = null;
  /** calls owned by a worker (in flight, or waiting to retry) */
  protected readonly claimed = new Set<string>();
  /** `accepted` records still being written */
  protected readonly recording = new Set<Promise<void>>();
  protected running = false;
  /** the start record, as edited (pins, held devices) until the journal is written */
  protected startRecord: StartRecord;
  /** the last error of each call in this process (the journal keeps its message; a direct command shows the whole error) */
  protected readonly callErrors = new Map<string, unknown>();
  protected readonly audit: SendAudit;
  #wake: () => void = () => undefined;
  #changed: Promise<void>;

  constructor(init: SessionInit) {
    this.init = init;
    this.sendJournal = init.journal;
    this.startRecord = init.start;
    this.audit = new SendAudit(init.audit, init.auditContext, () => this.now(), (message) => this.events.emit({ type: 'notice', message }));
    this.#changed = this.#nextChange();
  }

  /** Counts per state. */
  get counts(): SendCounts {
    const state = this.sendJournal?.state;
    if (state) return countCalls(state);
    const devices = this.startRecord.calls.reduce((n, c) => n + c.serials.length, 0);
    const calls = this.startRecord.calls.length;
    return { calls, pending: calls, sending: 0, accepted: 0, rejected: 0, unknown: 0, unknownLeft: 0, cancelled: 0, devicesAccepted: 0, devicesOpen: devices };
  }

  /** The run itself: the worker pool until the calls are done or the run is stopped. */
  protected async runCalls(): Promise<SendOutcome> {
    const resumed = this.sendJournal !== null;
    this.running = true;
    let journal: SendJournal;
    try {
      journal = await this.#ensureJournal();
    } catch (error) {
      this.running = false;
      throw error;
    }
    this.stopReason = journal.state.cancelled ? 'cancelled' : null;
    this.stopDetail = null;
    this.audit.write(resumed ? 'send-resumed' : 'send-started', { detail: `${this.counts.pending} call(s) to send, concurrency ${this.init.concurrency}` });
    this.setPhase(this.paused ? 'paused' : 'sending');
    try {
      await Promise.all(Array.from({ length: this.init.concurrency }, () => this.#worker(journal)));
      while (this.recording.size > 0) await Promise.all([...this.recording]);
      if (this.stopReason === 'cancelled' || journal.state.cancelled) await this.cancelPending(journal);
    } finally {
      this.running = false;
    }
    const reason: StopReason = journal.state.cancelled ? 'cancelled' : (this.stopReason ?? 'finished');
    this.setPhase(reason === 'cancelled' ? 'cancelled' : reason === 'finished' ? 'finished' : reason === 'pilot' ? 'pilot-paused' : 'stopped');
    const outcome = this.#outcome(reason, journal);
    this.audit.write('send-stopped', { result: reason, detail: summarise(outcome.counts) + (outcome.detail ? ` — ${outcome.detail}` : '') });
    await this.audit.flush();
    return outcome;
  }

  async #worker(journal: SendJournal): Promise<void> {
    for (;;) {
      const next = await this.#next(journal);
      if (!next) return;
      await this.#sendOne(journal, next);
    }
  }

  /** The next call to send (claimed for this worker), waiting through pauses; null when the worker should end. */
  async #next(journal: SendJournal): Promise<CallStatus | null> {
    const state = journal.state;
    for (;;) {
      // Taken before anything that may emit: a listener reacting synchronously (stop, continue) must wake us.
      const changed = this.#changed;
      if (this.stopReason !== null || state.cancelled) return null;
      if (this.paused) {
        if (this.idle()) this.setPhase('paused');
        await changed;
        continue;
      }
      const id = state.order.find((x) => state.calls.get(x)?.state === 'pending' && !this.claimed.has(x));
      if (id === undefined) return null;
      const s = state.calls.get(id) as CallStatus;
      if (!s.call.pilot && !state.pilotContinued) {
        // The pilot pause comes once every pilot call has an answer.
        if (this.idle()) this.setPhase('pilot-paused');
        await changed;
        if (state.pilotContinued && this.stopReason === null && !this.paused) this.setPhase('sending');
        continue;
      }
      this.claimed.add(id);
      return s;
    }
  }

  async #sendOne(journal: SendJournal, s: CallStatus): Promise<void> {
    const id = s.call.id;
    try {
      for (let attempt = 1; ; attempt++) {
        await journal.write({ t: 'call', id, state: 'sending', attempt: s.attempts + 1, at: this.now() });
        let result: { forceUpdateId: string | null };
        try {
          result = await invokeCall(this.init.client, s.call);
        } catch (error) {
          this.callErrors.set(id, error);
          const decision = decide('change', classifyFailure(error), attempt, this.init.retry.policy, this.init.retry.random);
          const reason = clip(decision.reason);
          if (decision.action === 'retry') {
            await journal.write({ t: 'call', id, state: 'pending', reason: `not sent (${reason}); retrying`, at: this.now() });
            this.events.emit({ type: 'retry', callId: id, what: s.call.operation, attempt, delayMs: decision.delayMs, reason });
            const interrupted = await this.#sleepUnlessStopped(decision.delayMs);
            if (interrupted) return;
            continue;
          }
          if (decision.action === 'unknown') {
            await journal.write({ t: 'call', id, state: 'unknown', reason, at: this.now() });
            this.#reportCall(s, { message: reason });
            return;
          }
          if (decision.action === 'rejected') {
            await journal.write({ t: 'call', id, state: 'rejected', code: decision.code, local: decision.local, message: reason, at: this.now() });
            this.#reportCall(s, { code: decision.code, message: reason });
            if (decision.code === FUD_NOT_REGISTERED && !decision.local) await this.lookForCulprits(journal, s);
            return;
          }
          // stop-unsent (or a read-only "fail", which a state-changing call never gets)
          await journal.write({ t: 'call', id, state: 'pending', reason: `not sent: ${reason}`, at: this.now() });
          this.stopReason ??= decision.action === 'stop-unsent' ? decision.cause : 'network';
          this.stopDetail = reason;
          this.#reportCall(s, { message: reason });
          return;
        }
        // The worker may take its next call while this record is being written: that call's own
        // `sending` record comes later in the file, so it cannot be on disk (and the next request
        // cannot leave) before this one is. The call is reported only once its record is durable.
        const recorded = journal.write({ t: 'call', id, state: 'accepted', forceUpdateId: result.forceUpdateId, at: this.now() }).then(
          () => this.#reportCall(s, { forceUpdateId: result.forceUpdateId }),
          (error: unknown) => {
            // Samsung accepted, but the record could not be written: say the ID loudly so it is not lost.
            this.events.emit({ type: 'notice', message: `Call ${id} was ACCEPTED by Samsung${result.forceUpdateId ? ` with forceUpdateId ${result.forceUpdateId}` : ''}, but the journal could not record it. Note this down.` });
            this.#journalFailed(journal, error);
          },
        );
        this.recording.add(recorded);
        void recorded.finally(() => {
          this.recording.delete(recorded);
          this.notify();
        });
        return;
      }
    } catch (error) {
      this.#journalFailed(journal, error);
    } finally {
      this.claimed.delete(id);
      if (this.paused && this.idle()) this.setPhase('paused');
      this.notify();
    }
  }

  /** No call in flight and no record being written. */
  protected idle(): boolean {
    return this.claimed.size === 0 && this.recording.size === 0;
  }

  /** The journal failed: no further step may be taken without its record. */
  #journalFailed(journal: SendJournal, error: unknown): void {
    this.stopReason = 'journal';
    this.stopDetail = `the journal ${journal.file} could not be written: ${error instanceof Error ? error.message : String(error)}`;
    this.events.emit({ type: 'notice', message: this.stopDetail });
  }

  /** After FUD_3031: asks abnormalDeviceList which serials are to blame and journals the answer. */
  protected async lookForCulprits(journal: SendJournal, s: CallStatus): Promise<void> {
    const id = s.call.id;
    let culprits;
    try {
      culprits = await findCulprits(s.call.serials, this.init.client, { ...this.init.retry, onRetry: (r) => this.events.emit({ type: 'retry', callId: id, ...r }) });
    } catch (error) {
      const message = `Samsung refused ${id} with FUD_3031 (a device not registered to the licence), and abnormalDeviceList could not be asked which one (${clip(error instanceof Error ? error.message : String(error))}). Re-plan it when online.`;
      this.events.emit({ type: 'culprits', callId: id, culprits: [], checked: false, message });
      return;
    }
    await journal.write({ t: 'culprits', id, culprits, at: this.now() });
    const message = culprits.length > 0
      ? `Samsung refused ${id} with FUD_3031; abnormalDeviceList names ${culprits.length} device(s): ${culprits.map((c) => `${c.serial} (${c.category})`).join(', ')}. Re-plan the call without them.`
      : `Samsung refused ${id} with FUD_3031, but abnormalDeviceList names none of its ${s.call.serials.length} devices. Re-plan it to send it in halves and narrow the cause down.`;
    this.events.emit({ type: 'culprits', callId: id, culprits, checked: true, message });
    this.audit.write('culprits-found', { ...callFields(s, 'rejected'), detail: message });
  }

  protected async cancelPending(journal: SendJournal): Promise<void> {
    for (const id of journal.state.order) {
      const s = journal.state.calls.get(id) as CallStatus;
      if (s.state !== 'pending') continue;
      await journal.write({ t: 'call', id, state: 'cancelled', at: this.now() });
      this.#reportCall(s, {});
    }
  }

  async #ensureJournal(): Promise<SendJournal> {
    this.sendJournal ??= await SendJournal.create(this.init.journalDir, this.startRecord);
    return this.sendJournal;
  }

  #reportCall(s: CallStatus, extra: { forceUpdateId?: string | null; code?: string; message?: string }): void {
    const counts = this.counts;
    this.events.emit({ type: 'call', callId: s.call.id, state: s.state, devices: s.call.serials.length, ...extra, counts });
    this.audit.write('call', {
      ...callFields(s, s.state === 'pending' ? 'not sent' : s.state),
      ...(extra.forceUpdateId ? { forceUpdateId: extra.forceUpdateId } : {}),
      ...(extra.code ? { code: extra.code } : {}),
      ...(extra.message ? { detail: extra.message } : {}),
    });
  }

  async #sleepUnlessStopped(ms: number): Promise<boolean> {
    let timer: Promise<void> | null = this.init.retry.sleep(ms);
    for (;;) {
      const woke = await Promise.race([timer.then(() => 'slept' as const), this.#changed.then(() => 'changed' as const)]);
      if (woke === 'slept') timer = null;
      if (this.stopReason !== null || this.sendJournal?.state.cancelled) return true;
      if (timer === null) return false;
    }
  }

  #outcome(reason: StopReason, journal: SendJournal): SendOutcome {
    const all = journal.state.order.map((id) => journal.state.calls.get(id) as CallStatus);
    return {
      reason,
      counts: countCalls(journal.state),
      unknown: all.filter(needsDecision),
      rejected: all.filter((s) => s.state === 'rejected' && s.replacedBy.length === 0),
      detail: this.stopDetail,
      journalFile: journal.file,
    };
  }

  protected setPhase(phase: SendPhase): void {
    if (this.currentPhase === phase) return;
    this.currentPhase = phase;
    this.events.emit({ type: 'phase', phase, counts: this.counts });
  }

  #nextChange(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  protected notify(): void {
    const wake = this.#wake;
    this.#changed = this.#nextChange();
    wake();
  }

  protected now(): string {
    return new Date(this.init.clock.now()).toISOString();
  }
}
