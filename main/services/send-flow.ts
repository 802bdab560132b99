// The one send flow, used by the window (SendService), `fota batch send` and the direct `fota
// force-update` / `fota schedule` commands: open the batch's send under its lock with every device
// whose latest push is still open held back (unless included), take the admin's decisions that send
// nothing by themselves (leave or re-plan calls), re-check at send time, refuse what must not be
// sent, send, and catch the history up. Callers only ask, show and map outcomes; every rule is here
// or in the modules this calls.
import type { Clock } from '../../common/clock.ts';
import type { Actor } from '../../common/batch/model.ts';
import { INCLUDE_NONE, type IncludeOpen, type OpenPush, type SendSummary } from '../../common/batch/send-summary.ts';
import { needsDecision } from '../batches/journal-state.ts';
import { openPushLedger, type OpenPushLookup } from '../batches/open-pushes.ts';
import type { RetryEnv } from '../batches/retry-run.ts';
import type { SendChecks } from '../batches/send-checks.ts';
import { holdBack, serialsToPush, summariseSend } from '../batches/send-plan.ts';
import type { SendOutcome } from '../batches/send-outcome.ts';
import { SendActionError, type SendSession } from '../batches/send-session.ts';
import { Sender, type OpenedSend, type SenderClient, type SendTenant } from '../batches/batch-sender.ts';
import type { SyncReport } from '../batches/track.ts';
import type { TrackingService } from '../batches/track-service.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';

/** What every send flow is built from. */
export interface SendFlowDeps {
  readonly dataDir: string;
  readonly store: BatchStore;
  readonly tracking: TrackingService;
  readonly clock: Clock;
  readonly actor: Actor;
}

/** How to open a send. */
export interface SendFlowRequest {
  /** the batch's id or name */
  readonly batchRef: string;
  readonly client: SenderClient;
  readonly tenant: SendTenant;
  readonly concurrency: number;
  /** devices with an open push to send anyway (default: none) */
  readonly include?: IncludeOpen;
  /** `unknown` calls never to re-send: recorded at once (they send nothing) */
  readonly leave?: readonly string[];
  /** `unknown` calls to re-send: confirmed only when the send starts */
  readonly resend?: readonly string[];
  /** FUD_3031 calls to re-plan (their culprits are excluded from the batch): done at once, they send nothing by themselves */
  readonly replan?: readonly string[];
  /** run the send-time re-checks (licence, windows, `Latest`) when something is to be sent (default true) */
  readonly recheck?: boolean;
  /** retry policy and sleep (tests) */
  readonly retry?: Partial<RetryEnv>;
}

/** A re-planned call, as the admin is told. */
export interface ReplanResult {
  readonly callId: string;
  readonly mode: 'without' | 'halves';
  readonly removed: readonly string[];
  readonly calls: readonly string[];
}

/** Why the flow will not send (the CLI exits 2, the window shows it): failed re-checks, or nothing to send. */
export class SendRefusedError extends Error {
  override readonly name = 'SendRefusedError';
  constructor(
    readonly kind: 'checks' | 'nothing',
    message: string,
  ) {
    super(message);
  }
}

/** One open send of a batch, from opening to closing. */
export class SendFlow {
  readonly sender: Sender;
  readonly notices: string[];
  readonly replanned: readonly ReplanResult[];
  #opened: OpenedSend;
  #checks: SendChecks | null = null;
  #resend: string[];
  #held: { heldBack: readonly OpenPush[]; includedOpen: readonly OpenPush[] };
  readonly #lookup: OpenPushLookup;
  readonly #include: IncludeOpen;
  readonly #tracking: TrackingService;
  #lastSync: SyncReport | null = null;
  #confirmed: SendSummary | null = null;

  private constructor(init: { sender: Sender; opened: OpenedSend; lookup: OpenPushLookup; include: IncludeOpen; tracking: TrackingService; notices: string[]; replanned: ReplanResult[]; resend: string[] }) {
    this.sender = init.sender;
    this.#opened = init.opened;
    this.#lookup = init.lookup;
    this.#include = init.include;
    this.#tracking = init.tracking;
    this.notices = init.notices;
    this.replanned = init.replanned;
    this.#resend = init.resend;
    this.#held = { heldBack: init.opened.heldBack, includedOpen: init.opened.includedOpen };
  }

  /**
   * Opens the send of a batch: takes its lock (BatchLockedError), reads what the data folder knows
   * of open pushes, resumes or plans the send with those devices held back, records the decisions
   * that send nothing, and runs the re-checks when something is to be sent. Close it to release the lock.
   */
  static async open(deps: SendFlowDeps, request: SendFlowRequest): Promise<SendFlow> {
    const include = request.include ?? INCLUDE_NONE;
    // Nothing is sent while it cannot be told which devices have a push open: a failure here stops the send.
    const ledger = await openPushLedger(deps.tracking);
    const sender = new Sender({
      dataDir: deps.dataDir,
      store: deps.store,
      client: request.client,
      tenant: request.tenant,
      actor: deps.actor,
      clock: deps.clock,
      concurrency: request.concurrency,
      ...(request.retry ? { retry: request.retry } : {}),
    });
    const replan = request.replan ?? [];
    const opened = await sender.open(request.batchRef, { reopenFor: replan, openPushes: ledger.lookup, include });
    const notices = [...opened.notices, ...ledger.problems.map((p) => `A send journal is damaged; what can still be read of it counts for holding devices back: ${p}`)];
    const flow = new SendFlow({ sender, opened, lookup: ledger.lookup, include, tracking: deps.tracking, notices, replanned: [], resend: [] });
    try {
      await flow.#decide(request.leave ?? [], replan, request.resend ?? []);
      if (request.recheck !== false && flow.summary().toSend.calls > 0) await flow.recheck();
    } catch (error) {
      await flow.close();
      throw error;
    }
    return flow;
  }

  /** The send as opened (the batch may change when `Latest` is pinned). */
  get opened(): OpenedSend {
    return this.#opened;
  }

  /** The Sender's session of this send. */
  get session(): SendSession {
    return this.#opened.session;
  }

  /** The send-time re-checks, or null when they did not run (nothing to send). */
  get checks(): SendChecks | null {
    return this.#checks;
  }

  /** `unknown` calls to re-send when the send starts. */
  get resend(): readonly string[] {
    return this.#resend;
  }

  /** The summary the admin confirmed when the send started (null before). */
  get confirmed(): SendSummary | null {
    return this.#confirmed;
  }

  /** What the history sync after the last run (or decision) found. */
  get lastSync(): SyncReport | null {
    return this.#lastSync;
  }

  /** What this send will do, in the numbers the dry run shows too. */
  summary(): SendSummary {
    const s = this.session;
    return summariseSend({
      calls: s.calls,
      resumed: this.#opened.resumed,
      cancelled: s.cancelled,
      resend: this.#resend,
      pilotCalls: s.start.pilotCalls,
      pilotContinued: s.pilotContinued,
      alreadySent: this.#opened.alreadySent,
      excluded: this.#opened.batch.excluded.length,
      ...this.#held,
    });
  }

  /** Runs the send-time re-checks for the calls still to make. */
  async recheck(): Promise<SendChecks> {
    this.#checks = await this.sender.recheck(this.#opened, this.summary());
    return this.#checks;
  }

  /** Why this send would be refused now, or null. */
  refusal(): SendRefusedError | null {
    if (this.#checks && !this.#checks.sendable) return new SendRefusedError('checks', 'The send-time checks found errors, so nothing was sent. Fix them in the batch (or the licence), then send again.');
    const summary = this.summary();
    if (summary.toSend.calls === 0) return new SendRefusedError('nothing', summary.nothingToSend ?? 'Nothing to send.');
    return null;
  }

  /** Records that these `unknown` calls are never re-sent. */
  async leave(ids: readonly string[]): Promise<void> {
    await this.session.leaveUnknown(ids);
  }

  /** Asks to re-send these `unknown` calls when the send starts (they may push twice: the caller has the admin confirm it). */
  requestResend(ids: readonly string[]): void {
    const waiting = new Set(this.session.calls.filter(needsDecision).map((s) => s.call.id));
    const strange = ids.filter((id) => !waiting.has(id));
    if (strange.length > 0) throw new SendActionError(`${strange.join(', ')}: not an 'unknown' call of this send waiting for a decision. Unknown calls: ${[...waiting].join(', ') || 'none'}`);
    this.#resend = [...new Set([...this.#resend, ...ids])];
    this.#refreshHeld();
  }

  /** Re-plans a FUD_3031 call without its culprits (excluded from the batch too), or in halves. */
  async replan(callId: string): Promise<ReplanResult> {
    const session = this.session;
    const before = session.calls.find((s) => s.call.id === callId);
    const result = await session.replan(callId);
    const culprits = (session.calls.find((s) => s.call.id === callId)?.culprits ?? before?.culprits ?? []).filter((c) => result.removed.includes(c.serial));
    await this.sender.excludeCulprits(this.#opened, culprits);
    this.#refreshHeld();
    return { callId, ...result };
  }

  /** Cancels the calls not yet sent (accepted calls stay accepted). */
  async cancel(): Promise<void> {
    await this.session.cancel();
  }

  /** Lets the calls after the pilot go. */
  async continuePilot(): Promise<void> {
    await this.session.continuePilot();
  }

  /**
   * Gets the send ready to run once the admin confirmed: refuses (SendRefusedError) when the checks
   * failed or nothing is to be sent, pins `Latest` when asked, confirms the re-sends, and takes out of
   * the calls every device whose latest push is open (looked at once more).
   */
  async start(options: { readonly pinLatest: boolean }): Promise<void> {
    const refused = this.refusal();
    if (refused) throw refused;
    this.#confirmed = this.summary();
    if (options.pinLatest && this.#checks && this.#checks.latest.length > 0) {
      this.#opened = { ...this.#opened, batch: await this.sender.pinLatest(this.#opened, this.#checks.latest) };
    }
    if (this.#resend.length > 0) {
      await this.session.confirmResend(this.#resend);
      this.notices.push(`Re-sending ${this.#resend.join(', ')} at the admin's request: these may already have reached Samsung.`);
      this.#resend = [];
    }
    await this.holdOpen();
  }

  /** Takes out of the calls not yet sent every device whose latest push is open and that was not included. */
  async holdOpen(): Promise<void> {
    if (this.session.cancelled) return;
    this.#refreshHeld();
    const held = await this.session.hold(new Set(this.#held.heldBack.map((p) => p.serial)));
    if (held > 0) this.notices.push(`${held} device(s) were held back: their latest push is still open.`);
  }

  /** Sends until every call is final or waits for a decision, or until stopped; then catches the history up. Held-back devices are never sent. */
  async run(): Promise<SendOutcome> {
    try {
      await this.holdOpen();
      return await this.session.run();
    } finally {
      await this.sync();
    }
  }

  /** Catches the history up with the journal (a failure is a notice: the journal keeps everything). */
  async sync(): Promise<SyncReport | null> {
    try {
      this.#lastSync = await this.#tracking.sync();
    } catch (error) {
      this.#lastSync = null;
      this.notices.push(`The history could not catch up with the journal (${error instanceof Error ? error.message : String(error)}); it will at the next look.`);
    }
    return this.#lastSync;
  }

  /** Stops a running send after its calls in flight and releases the lock. */
  async close(): Promise<void> {
    await this.session.close();
  }

  async #decide(leave: readonly string[], replan: readonly string[], resend: readonly string[]): Promise<void> {
    if (leave.length > 0) await this.leave(leave);
    for (const id of replan) (this.replanned as ReplanResult[]).push(await this.replan(id));
    if (resend.length > 0) this.requestResend(resend);
  }

  /** Looks again at the devices still to push (a continued send's calls, re-sends, re-planned calls). */
  #refreshHeld(): void {
    const fresh = holdBack(serialsToPush(this.session.calls, this.#resend), this.#lookup, this.#include, this.session.sendId);
    const merge = (a: readonly OpenPush[], b: readonly OpenPush[]): OpenPush[] => [...new Map([...a, ...b].map((p) => [p.serial, p])).values()];
    // Devices held back earlier are out of the calls by now: they stay in the list.
    this.#held = { heldBack: merge(this.#held.heldBack, fresh.heldBack), includedOpen: merge(this.#held.includedOpen, fresh.includedOpen) };
  }
}
