// One send of one batch, under its send lock: the calls go out through a small worker pool, each
// step journalled (and fsynced) before it is taken. Pause, resume, stop, cancel and the pilot pause
// are decisions between calls; the admin's confirmations (re-send an `unknown` call, leave it, re-plan
// a FUD_3031 call) are journal records too, so a crash forgets nothing.
import type { Clock } from '../../common/clock.ts';
import type { Actor } from '../../common/batch/model.ts';
import type { PlannedCall } from '../../common/batch/plan.ts';
import type { ForceUpdateRequest, ForceUpdateResult, ServerInitRequest } from '../efota/types.ts';
import type { AbnormalDeviceList } from '../efota/types.ts';
import type { AuditContext, AuditEvent, AuditLog } from './audit-log.ts';
import type { JournalStats } from './journal-file.ts';
import { SendJournal } from './journal.ts';
import type { StartRecord } from './journal-records.ts';
import { countCalls, needsDecision, type CallStatus, type SendCounts } from './journal-state.ts';
import type { SendLock } from './lock.ts';
import { classifyFailure, decide } from './retry-policy.ts';
import type { RetryEnv } from './retry-run.ts';
import { findCulprits, FUD_NOT_REGISTERED, replanCall, ReplanError } from './send-culprits.ts';
import { SendEvents, type SendPhase } from './send-events.ts';

/** The state-changing calls a send makes, plus the abnormal check after FUD_3031. */
export interface CallClient {
  forceUpdate(request: ForceUpdateRequest): Promise<ForceUpdateResult>;
  serverInit(request: ServerInitRequest): Promise<void>;
  abnormalDeviceList(serials: readonly string[]): Promise<AbnormalDeviceList>;
}

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

/** One send of a batch, holding its lock until `close()`. */
export class SendSession {
  readonly events = new SendEvents();
  readonly sendId: string;
  readonly batchId: string;
  readonly #init: SessionInit;
  #journal: SendJournal | null;
  #phase: SendPhase = 'ready';
  #paused = false;
  #stop: StopReason | null = null;
  #stopDetail: string | null = null;
  /** calls owned by a worker (in flight, or waiting to retry) */
  #claimed = new Set<string>();
  #runDone: Promise<SendOutcome> | null = null;
  /** `accepted` records still being written */
  #recording = new Set<Promise<void>>();
  #running = false;
  #closed = false;
  #auditWrites = new Set<Promise<void>>();
  #wake: () => void = () => undefined;
  #changed: Promise<void>;
  #start: StartRecord;
  /** the last error of each call in this process (the journal keeps its message; a direct command shows the whole error) */
  readonly #errors = new Map<string, unknown>();

  constructor(init: SessionInit) {
    this.#init = init;
    this.sendId = init.sendId;
    this.batchId = init.batchId;
    this.#journal = init.journal;
    this.#start = init.start;
    this.#changed = this.#nextChange();
  }

  /** The calls of this send in order, with what is known about each (a snapshot). */
  get calls(): readonly CallStatus[] {
    const state = this.#journal?.state;
    if (state) return state.order.map((id) => ({ ...(state.calls.get(id) as CallStatus) }));
    return this.#start.calls.map((call) => ({ call, state: 'pending', attempts: 0, forceUpdateId: null, code: null, local: false, message: null, culprits: null, replacedBy: [], left: false, resends: 0 }));
  }

  /** Counts per state. */
  get counts(): SendCounts {
    const state = this.#journal?.state;
    if (state) return countCalls(state);
    const devices = this.#start.calls.reduce((n, c) => n + c.serials.length, 0);
    const calls = this.#start.calls.length;
    return { calls, pending: calls, sending: 0, accepted: 0, rejected: 0, unknown: 0, unknownLeft: 0, cancelled: 0, devicesAccepted: 0, devicesOpen: devices };
  }

  /** The start record: batch, tenant, profile, pilot and the calls as planned. */
  get start(): StartRecord {
    return this.#journal?.state.start ?? this.#start;
  }

  /** True once the admin cancelled the rest of this send. */
  get cancelled(): boolean {
    return this.#journal?.state.cancelled ?? false;
  }

  /** True once the send has a journal on disk (it ran before, or is running). */
  get started(): boolean {
    return this.#journal !== null;
  }

  /** The journal file, once the send has started. */
  get journalFile(): string | null {
    return this.#journal?.file ?? null;
  }

  /** Where the send stands. */
  get phase(): SendPhase {
    return this.#phase;
  }

  /** Calls in flight now. */
  get inFlight(): number {
    return this.#claimed.size;
  }

  /** True when the pilot calls are sent (or there are none) and the admin let the rest go. */
  get pilotContinued(): boolean {
    return this.#journal?.state.pilotContinued ?? this.#start.pilotCalls === 0;
  }

  /** The last error a call met in this process (null when none): what E-FOTA or the network said, in full. */
  lastError(callId: string): unknown {
    return this.#errors.get(callId) ?? null;
  }

  /** fsync statistics of the journal (benchmark). */
  get journalStats(): JournalStats {
    return this.#journal?.stats ?? { flushes: 0, syncMs: 0, appends: 0, appendMs: 0 };
  }

  // ---- the admin's decisions ------------------------------------------------------------------

  /** Confirms re-sending `unknown` calls: each goes back to pending and is sent once more. */
  async confirmResend(ids: readonly string[]): Promise<void> {
    const journal = this.#requireJournal('re-send');
    const statuses = ids.map((id) => this.#status(id));
    const wrong = statuses.filter((s) => s.state !== 'unknown');
    if (wrong.length > 0) throw new SendActionError(`only 'unknown' calls can be confirmed for re-sending; ${wrong.map((s) => `${s.call.id} is ${s.state}`).join(', ')}`);
    if (ids.length === 0) return;
    await journal.write({ t: 'resend', ids: [...ids], at: this.#now(), by: this.#init.actor });
    for (const s of statuses) this.#auditWrite('resend-confirmed', this.#callFields(s, 'pending'));
    this.#notify();
  }

  /** Records that `unknown` calls are never to be re-sent (the admin checked them some other way). */
  async leaveUnknown(ids: readonly string[]): Promise<void> {
    const journal = this.#requireJournal('leave');
    const wrong = ids.map((id) => this.#status(id)).filter((s) => !needsDecision(s));
    if (wrong.length > 0) throw new SendActionError(`only 'unknown' calls can be left; ${wrong.map((s) => `${s.call.id} is ${s.state}${s.left ? ' (already left)' : ''}`).join(', ')}`);
    if (ids.length === 0) return;
    await journal.write({ t: 'leave', ids: [...ids], at: this.#now(), by: this.#init.actor });
    for (const id of ids) this.#auditWrite('unknown-left', this.#callFields(this.#status(id), 'unknown'));
    this.#notify();
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
    if (s.culprits === null) await this.#lookForCulprits(s);
    let plan;
    try {
      plan = replanCall(s.call, s.culprits ?? []);
    } catch (error) {
      if (error instanceof ReplanError) throw new SendActionError(error.message);
      throw error;
    }
    await journal.write({ t: 'replan', of: id, mode: plan.mode, removed: plan.removed, calls: plan.calls, at: this.#now(), by: this.#init.actor });
    this.#auditWrite('replanned', { ...this.#callFields(s, 'rejected'), detail: `${plan.mode === 'without' ? `without ${plan.removed.join(' ')}` : 'in halves'} as ${plan.calls.map((c) => c.id).join(', ') || 'no call (every device was a culprit)'}` });
    this.#notify();
    return { mode: plan.mode, removed: plan.removed, calls: plan.calls.map((c) => c.id) };
  }

  /** Pins a concrete firmware in place of `Latest` for the calls of a group not yet sent (`batchEdited`: the batch's new edit time). */
  async pin(groupKey: string, target: string, batchEdited: string): Promise<void> {
    if (this.#journal) {
      await this.#journal.write({ t: 'pin', groupKey, target, at: this.#now(), by: this.#init.actor });
    } else {
      this.#start = { ...this.#start, batchEdited, calls: this.#start.calls.map((c) => (c.groupKey === groupKey && c.target === 'Latest' ? { ...c, target } : c)) };
    }
    this.#auditWrite('latest-pinned', { detail: `${groupKey}: Latest pinned to ${target}` });
  }

  /**
   * Leaves devices out of the calls not yet sent because their latest push elsewhere is still open
   * (a call left with no device is not sent). Returns how many devices were left out.
   */
  async hold(serials: ReadonlySet<string>): Promise<number> {
    if (serials.size === 0) return 0;
    let count = 0;
    const journal = this.#journal;
    if (journal) {
      for (const id of [...journal.state.order]) {
        const s = journal.state.calls.get(id) as CallStatus;
        if (s.state !== 'pending' || s.replacedBy.length > 0) continue;
        const out = s.call.serials.filter((serial) => serials.has(serial));
        if (out.length === 0) continue;
        await journal.write({ t: 'hold', id, serials: out, at: this.#now(), by: this.#init.actor });
        this.#auditWrite('held-back', { ...this.#callFields({ ...s, call: { ...s.call, serials: out } }, 'not sent'), detail: 'latest push of these devices is still open' });
        count += out.length;
      }
    } else {
      const calls = this.#start.calls
        .map((c) => ({ ...c, serials: c.serials.filter((serial) => !serials.has(serial)) }))
        .filter((c) => c.operation === 'serverInit' || c.serials.length > 0);
      count = this.#start.calls.reduce((n, c) => n + c.serials.length, 0) - calls.reduce((n, c) => n + c.serials.length, 0);
      this.#start = { ...this.#start, calls, pilotCalls: calls.filter((c) => c.pilot).length };
    }
    this.#notify();
    return count;
  }

  /** Lets the calls after the pilot go. */
  async continuePilot(): Promise<void> {
    if (this.pilotContinued) return;
    const journal = this.#requireJournal('continue after the pilot');
    await journal.write({ t: 'pilot', at: this.#now(), by: this.#init.actor });
    this.#auditWrite('pilot-continued');
    this.#notify();
  }

  /** No new call starts; calls in flight finish. */
  pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    if (this.#running) this.#setPhase(this.#idle() ? 'paused' : 'pausing');
    this.#notify();
  }

  /** Lets calls start again after `pause`. */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    if (this.#running) this.#setPhase('sending');
    this.#notify();
  }

  /** Ends the run after the calls in flight; the rest stays pending for a later run. */
  stop(reason: 'stopped' | 'pilot' = 'stopped'): void {
    this.#stop ??= reason;
    if (this.#running && this.#phase !== 'pilot-paused') this.#setPhase('stopping');
    this.#notify();
  }

  /**
   * Cancels the rest of the send: calls not yet sent become `cancelled`; calls in flight finish.
   * Samsung cannot withdraw an update it accepted: accepted calls stay accepted.
   */
  async cancel(): Promise<void> {
    const journal = this.#journal;
    // A send that never started has nothing to cancel: no call was made.
    if (!journal) return;
    if (!journal.state.cancelled) {
      await journal.write({ t: 'cancel', at: this.#now(), by: this.#init.actor });
      this.#auditWrite('cancelled', { detail: 'calls not yet sent are cancelled; accepted updates cannot be withdrawn' });
    }
    this.#stop ??= 'cancelled';
    if (this.#running) this.#notify();
    else await this.#cancelPending(journal);
  }

  // ---- running ----------------------------------------------------------------------------------

  /** Sends until every call is final or waiting for a decision, or until stopped; resolves with how it ended. */
  run(): Promise<SendOutcome> {
    if (this.#running) return Promise.reject(new SendActionError('this send is already running'));
    if (this.#closed) return Promise.reject(new SendActionError('this send is closed'));
    const done = this.#run();
    this.#runDone = done;
    return done;
  }

  async #run(): Promise<SendOutcome> {
    const resumed = this.#journal !== null;
    this.#running = true;
    let journal: SendJournal;
    try {
      journal = await this.#ensureJournal();
    } catch (error) {
      this.#running = false;
      throw error;
    }
    this.#stop = journal.state.cancelled ? 'cancelled' : null;
    this.#stopDetail = null;
    this.#auditWrite(resumed ? 'send-resumed' : 'send-started', { detail: `${this.counts.pending} call(s) to send, concurrency ${this.#init.concurrency}` });
    this.#setPhase(this.#paused ? 'paused' : 'sending');
    try {
      await Promise.all(Array.from({ length: this.#init.concurrency }, () => this.#worker(journal)));
      while (this.#recording.size > 0) await Promise.all([...this.#recording]);
      if (this.#stop === 'cancelled' || journal.state.cancelled) await this.#cancelPending(journal);
    } finally {
      this.#running = false;
    }
    const reason: StopReason = journal.state.cancelled ? 'cancelled' : (this.#stop ?? 'finished');
    this.#setPhase(reason === 'cancelled' ? 'cancelled' : reason === 'finished' ? 'finished' : reason === 'pilot' ? 'pilot-paused' : 'stopped');
    const outcome = this.#outcome(reason, journal);
    this.#auditWrite('send-stopped', { result: reason, detail: summarise(outcome.counts) + (outcome.detail ? ` — ${outcome.detail}` : '') });
    await this.#flushAudit();
    return outcome;
  }

  /** Stops a running send (after its calls in flight), then releases the lock and closes the files. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.stop();
    await this.#runDone?.catch(() => undefined);
    await this.#flushAudit();
    try {
      await this.#journal?.close();
      await this.#init.audit?.close();
    } finally {
      await this.#init.lock.release();
    }
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
      if (this.#stop !== null || state.cancelled) return null;
      if (this.#paused) {
        if (this.#idle()) this.#setPhase('paused');
        await changed;
        continue;
      }
      const id = state.order.find((x) => state.calls.get(x)?.state === 'pending' && !this.#claimed.has(x));
      if (id === undefined) return null;
      const s = state.calls.get(id) as CallStatus;
      if (!s.call.pilot && !state.pilotContinued) {
        // The pilot pause comes once every pilot call has an answer.
        if (this.#idle()) this.#setPhase('pilot-paused');
        await changed;
        if (state.pilotContinued && this.#stop === null && !this.#paused) this.#setPhase('sending');
        continue;
      }
      this.#claimed.add(id);
      return s;
    }
  }

  async #sendOne(journal: SendJournal, s: CallStatus): Promise<void> {
    const id = s.call.id;
    try {
      for (let attempt = 1; ; attempt++) {
        await journal.write({ t: 'call', id, state: 'sending', attempt: s.attempts + 1, at: this.#now() });
        let result: { forceUpdateId: string | null };
        try {
          result = await this.#invoke(s.call);
        } catch (error) {
          this.#errors.set(id, error);
          const decision = decide('change', classifyFailure(error), attempt, this.#init.retry.policy, this.#init.retry.random);
          const reason = clip(decision.reason);
          if (decision.action === 'retry') {
            await journal.write({ t: 'call', id, state: 'pending', reason: `not sent (${reason}); retrying`, at: this.#now() });
            this.events.emit({ type: 'retry', callId: id, what: s.call.operation, attempt, delayMs: decision.delayMs, reason });
            const interrupted = await this.#sleepUnlessStopped(decision.delayMs);
            if (interrupted) return;
            continue;
          }
          if (decision.action === 'unknown') {
            await journal.write({ t: 'call', id, state: 'unknown', reason, at: this.#now() });
            this.#reportCall(s, { message: reason });
            return;
          }
          if (decision.action === 'rejected') {
            await journal.write({ t: 'call', id, state: 'rejected', code: decision.code, local: decision.local, message: reason, at: this.#now() });
            this.#reportCall(s, { code: decision.code, message: reason });
            if (decision.code === FUD_NOT_REGISTERED && !decision.local) await this.#lookForCulprits(s);
            return;
          }
          // stop-unsent (or a read-only "fail", which a state-changing call never gets)
          await journal.write({ t: 'call', id, state: 'pending', reason: `not sent: ${reason}`, at: this.#now() });
          this.#stop ??= decision.action === 'stop-unsent' ? decision.cause : 'network';
          this.#stopDetail = reason;
          this.#reportCall(s, { message: reason });
          return;
        }
        // The worker may take its next call while this record is being written: that call's own
        // `sending` record comes later in the file, so it cannot be on disk (and the next request
        // cannot leave) before this one is. The call is reported only once its record is durable.
        const recorded = journal.write({ t: 'call', id, state: 'accepted', forceUpdateId: result.forceUpdateId, at: this.#now() }).then(
          () => this.#reportCall(s, { forceUpdateId: result.forceUpdateId }),
          (error: unknown) => {
            // Samsung accepted, but the record could not be written: say the ID loudly so it is not lost.
            this.events.emit({ type: 'notice', message: `Call ${id} was ACCEPTED by Samsung${result.forceUpdateId ? ` with forceUpdateId ${result.forceUpdateId}` : ''}, but the journal could not record it. Note this down.` });
            this.#journalFailed(journal, error);
          },
        );
        this.#recording.add(recorded);
        void recorded.finally(() => {
          this.#recording.delete(recorded);
          this.#notify();
        });
        return;
      }
    } catch (error) {
      this.#journalFailed(journal, error);
    } finally {
      this.#claimed.delete(id);
      if (this.#paused && this.#idle()) this.#setPhase('paused');
      this.#notify();
    }
  }

  /** No call in flight and no record being written. */
  #idle(): boolean {
    return this.#claimed.size === 0 && this.#recording.size === 0;
  }

  /** The journal failed: no further step may be taken without its record. */
  #journalFailed(journal: SendJournal, error: unknown): void {
    this.#stop = 'journal';
    this.#stopDetail = `the journal ${journal.file} could not be written: ${error instanceof Error ? error.message : String(error)}`;
    this.events.emit({ type: 'notice', message: this.#stopDetail });
  }

  async #invoke(call: PlannedCall): Promise<{ forceUpdateId: string | null }> {
    if (call.operation === 'forceUpdate') {
      const answer = await this.#init.client.forceUpdate({
        model: call.model,
        salesCode: call.salesCode,
        targetFirmwareVersion: call.target,
        ...(call.network ? { networkType: call.network } : {}),
        serials: call.serials,
      });
      return { forceUpdateId: answer.forceUpdateId };
    }
    const w = call.window;
    if (!w || !call.groupId) throw new Error(`serverInit call ${call.id} has no group or window`);
    await this.#init.client.serverInit({
      groupId: call.groupId,
      model: call.model,
      salesCode: call.salesCode,
      targetFirmwareVersion: call.target,
      deliveryStartDate: w.startDate,
      deliveryEndDate: w.endDate,
      dailyStartHour: w.startHour,
      dailyEndHour: w.endHour,
    });
    return { forceUpdateId: null };
  }

  /** After FUD_3031: asks abnormalDeviceList which serials are to blame and journals the answer. */
  async #lookForCulprits(s: CallStatus): Promise<void> {
    const id = s.call.id;
    let culprits;
    try {
      culprits = await findCulprits(s.call.serials, this.#init.client, { ...this.#init.retry, onRetry: (r) => this.events.emit({ type: 'retry', callId: id, ...r }) });
    } catch (error) {
      const message = `Samsung refused ${id} with FUD_3031 (a device not registered to the licence), and abnormalDeviceList could not be asked which one (${clip(error instanceof Error ? error.message : String(error))}). Re-plan it when online.`;
      this.events.emit({ type: 'culprits', callId: id, culprits: [], checked: false, message });
      return;
    }
    await this.#requireJournal('record culprits').write({ t: 'culprits', id, culprits, at: this.#now() });
    const message = culprits.length > 0
      ? `Samsung refused ${id} with FUD_3031; abnormalDeviceList names ${culprits.length} device(s): ${culprits.map((c) => `${c.serial} (${c.category})`).join(', ')}. Re-plan the call without them.`
      : `Samsung refused ${id} with FUD_3031, but abnormalDeviceList names none of its ${s.call.serials.length} devices. Re-plan it to send it in halves and narrow the cause down.`;
    this.events.emit({ type: 'culprits', callId: id, culprits, checked: true, message });
    this.#auditWrite('culprits-found', { ...this.#callFields(s, 'rejected'), detail: message });
  }

  async #cancelPending(journal: SendJournal): Promise<void> {
    for (const id of journal.state.order) {
      const s = journal.state.calls.get(id) as CallStatus;
      if (s.state !== 'pending') continue;
      await journal.write({ t: 'call', id, state: 'cancelled', at: this.#now() });
      this.#reportCall(s, {});
    }
  }

  async #ensureJournal(): Promise<SendJournal> {
    this.#journal ??= await SendJournal.create(this.#init.journalDir, this.#start);
    return this.#journal;
  }

  #requireJournal(what: string): SendJournal {
    if (!this.#journal) throw new SendActionError(`nothing to ${what}: this send has not started yet`);
    return this.#journal;
  }

  #status(id: string): CallStatus {
    const s = this.#journal?.state.calls.get(id);
    if (!s) throw new SendActionError(`this send has no call '${id}'. Its calls: ${this.calls.map((c) => c.call.id).slice(0, 12).join(', ')}${this.calls.length > 12 ? ', …' : ''}`);
    return s;
  }

  #reportCall(s: CallStatus, extra: { forceUpdateId?: string | null; code?: string; message?: string }): void {
    const counts = this.counts;
    this.events.emit({ type: 'call', callId: s.call.id, state: s.state, devices: s.call.serials.length, ...extra, counts });
    this.#auditWrite('call', {
      ...this.#callFields(s, s.state === 'pending' ? 'not sent' : s.state),
      ...(extra.forceUpdateId ? { forceUpdateId: extra.forceUpdateId } : {}),
      ...(extra.code ? { code: extra.code } : {}),
      ...(extra.message ? { detail: extra.message } : {}),
    });
  }

  #callFields(s: CallStatus, result: string): { callId: string; operation: string; model: string; salesCode: string; target: string; serials: readonly string[]; result: string; groupId?: string } {
    const c = s.call;
    return { callId: c.id, operation: c.operation, model: c.model, salesCode: c.salesCode, target: c.target, serials: c.serials, result, ...(c.groupId ? { groupId: c.groupId } : {}) };
  }

  #auditWrite(event: AuditEvent, fields: Parameters<AuditLog['write']>[3] = {}): void {
    const audit = this.#init.audit;
    if (!audit) return;
    const write = audit.write(this.#init.auditContext, event, this.#now(), fields).catch((error: unknown) => {
      this.events.emit({ type: 'notice', message: `The audit log could not be written (${error instanceof Error ? error.message : String(error)}); the send journal still records every call.` });
    });
    this.#auditWrites.add(write);
    void write.finally(() => this.#auditWrites.delete(write));
  }

  async #flushAudit(): Promise<void> {
    while (this.#auditWrites.size > 0) await Promise.all([...this.#auditWrites]);
  }

  async #sleepUnlessStopped(ms: number): Promise<boolean> {
    let timer: Promise<void> | null = this.#init.retry.sleep(ms);
    for (;;) {
      const woke = await Promise.race([timer.then(() => 'slept' as const), this.#changed.then(() => 'changed' as const)]);
      if (woke === 'slept') timer = null;
      if (this.#stop !== null || this.#journal?.state.cancelled) return true;
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
      detail: this.#stopDetail,
      journalFile: journal.file,
    };
  }

  #setPhase(phase: SendPhase): void {
    if (this.#phase === phase) return;
    this.#phase = phase;
    this.events.emit({ type: 'phase', phase, counts: this.counts });
  }

  #nextChange(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#changed = this.#nextChange();
    wake();
  }

  #now(): string {
    return new Date(this.#init.clock.now()).toISOString();
  }
}

/** An action that does not fit the send's state (the message says why). */
export class SendActionError extends Error {
  override readonly name = 'SendActionError';
}

function clip(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/** "12 accepted, 1 rejected, …" */
export function summarise(c: SendCounts): string {
  const parts = [`${c.accepted} accepted`, `${c.rejected} rejected`, `${c.unknown} unknown`];
  if (c.unknownLeft > 0) parts.push(`${c.unknownLeft} unknown (left)`);
  if (c.pending > 0) parts.push(`${c.pending} not sent`);
  if (c.cancelled > 0) parts.push(`${c.cancelled} cancelled`);
  return `${parts.join(', ')} of ${c.calls} call(s)`;
}
