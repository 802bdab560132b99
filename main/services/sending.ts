// Sending from the window: one send flow (send-flow.ts, shared with `fota batch send`) per batch,
// held while the admin confirms, while it runs, and afterwards while `unknown` or FUD_3031 calls
// wait for a decision. What is the window's own: progress as `send:progress` events (coalesced), the
// end of a run as `send:finished` plus the desktop notification, and the typed confirmations.
import type { Clock } from '../../common/clock.ts';
import type { Actor } from '../../common/batch/model.ts';
import type { IncludeOpenRequest, RepairView, SendStartRequest, SendTenantView, SendView } from '../../common/contract.ts';
import { repairBatchJournals, repairText } from '../batches/journal-repair.ts';
import { needsDecision } from '../batches/journal-state.ts';
import type { SendEvent } from '../batches/send-events.ts';
import type { SendOutcome } from '../batches/send-outcome.ts';
import { licenseSuffix } from '../batches/batch-sender.ts';
import type { TrackingService } from '../batches/track-service.ts';
import type { EventSink } from './events.ts';
import type { Logger } from '../log/logger.ts';
import type { DesktopIntegration } from './desktop-integration.ts';
import { sendFinishedNotification } from './send-notification.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';
import type { Connections } from './connections.ts';
import type { ProfileDirectory } from './profile-directory.ts';
import { SendFlow, SendRefusedError } from './send-flow.ts';
import { nothingLeft, sendView, typeToConfirm } from './send-view.ts';
import { ServiceError } from './service-error.ts';

/** What the send service is built from. */
export interface SendDeps {
  readonly dataDir: string;
  readonly store: BatchStore;
  readonly directory: ProfileDirectory;
  readonly connections: Connections;
  readonly tracking: TrackingService;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly actor: () => Actor;
  readonly concurrency: () => Promise<number>;
  readonly desktop: DesktopIntegration;
  readonly log: Logger | null;
  /** how long progress events are held to coalesce them (default 150 ms) */
  readonly progressEveryMs?: number;
}

interface Held {
  readonly flow: SendFlow;
  readonly tenant: SendTenantView;
  running: Promise<void> | null;
  outcome: SendOutcome | null;
  timer: ReturnType<typeof setTimeout> | null;
  unsubscribe: () => void;
}

const MAX_NOTICES = 50;

/** The sends of this app. */
export class SendService {
  readonly #held = new Map<string, Held>();
  #revision = 0;

  constructor(private readonly d: SendDeps) {}

  /** Batch ids with a send open here, and whether it is running. */
  open(): ReadonlyMap<string, 'running' | 'open'> {
    return new Map([...this.#held].map(([id, h]) => [id, h.running ? 'running' : 'open'] as const));
  }

  /**
   * Opens the send of a batch (or returns the one open) and runs the send-time re-checks. Devices
   * whose latest push is open are held back unless `include` names them; including all of them
   * needs their number typed.
   */
  async begin(batchId: string, include: IncludeOpenRequest | null = null): Promise<SendView> {
    const existing = this.#held.get(batchId);
    if (existing) return this.#view(existing);
    const target = await this.d.directory.active();
    if (!this.d.store.get(batchId)) throw new ServiceError('NOT_FOUND', `There is no batch with id ${batchId}.`);
    const client = await this.d.connections.client(target);
    const flow = await SendFlow.open(
      { dataDir: this.d.dataDir, store: this.d.store, tracking: this.d.tracking, clock: this.d.clock, actor: this.d.actor() },
      {
        batchRef: batchId,
        client,
        tenant: { profile: target.name, customerId: target.customerId, license: target.license },
        concurrency: await this.d.concurrency(),
        include: include ? { all: include.all, serials: include.serials } : { all: false, serials: [] },
      },
    );
    const included = flow.summary().includedOpen.length;
    if (include?.all && include.typedCount !== included) {
      await flow.close();
      throw new ServiceError('INVALID_INPUT', `To send every device whose force update is still open, type their number (${included.toLocaleString('en')}).`);
    }
    const held: Held = {
      flow,
      tenant: { profileId: target.id, profileName: target.name, practice: target.practice, customerId: target.customerId, licenseSuffix: licenseSuffix(target.license) },
      running: null,
      outcome: null,
      timer: null,
      unsubscribe: () => undefined,
    };
    held.unsubscribe = flow.session.events.on((event) => this.#onEvent(held, event));
    this.#held.set(batchId, held);
    this.d.events.emit('batches:changed', { batchId });
    return this.#view(held);
  }

  /** The open send of a batch, or null. */
  get(batchId: string): SendView | null {
    const held = this.#held.get(batchId);
    return held ? this.#view(held) : null;
  }

  /** Starts the calls the admin confirmed. */
  async start(request: SendStartRequest): Promise<SendView> {
    const held = this.#must(request.batchId);
    if (held.running) throw new ServiceError('BUSY', 'This send is already running.');
    const refused = held.flow.refusal();
    if (refused) throw refusedError(refused);
    const expected = typeToConfirm(held.tenant.practice, held.flow.summary().toSend.devices);
    if (expected !== null && request.typedCount !== expected) {
      throw new ServiceError('INVALID_INPUT', `To send to a real tenant, type the number of devices (${expected.toLocaleString('en')}) in the confirmation.`);
    }
    await this.#startFlow(held, request.pinLatest);
    return this.#view(held);
  }

  /** Repairs the damaged send journals of a batch that has no send open here. */
  async repair(batchId: string): Promise<RepairView> {
    if (this.#held.has(batchId)) throw new ServiceError('NOT_ALLOWED', 'This batch has a send open: close it first.');
    const batch = this.d.store.get(batchId);
    if (!batch) throw new ServiceError('NOT_FOUND', `There is no batch with id ${batchId}.`);
    await this.d.tracking.sync();
    const report = await repairBatchJournals({ dataDir: this.d.dataDir, batchId, customerId: batch.customerId, history: this.d.tracking.history, actor: this.d.actor(), clock: this.d.clock });
    const sync = await this.d.tracking.sync();
    if (sync.changed.length > 0) this.d.events.emit('history:changed', { batchIds: sync.changed });
    this.d.events.emit('batches:changed', { batchId });
    return { batchId, repaired: report.repairs.length, markedUnknown: report.repairs.reduce((n, r) => n + r.markedUnknown.length, 0), lines: repairText(report) };
  }

  /** Pauses a running send after the calls in flight. */
  pause(batchId: string): SendView {
    const held = this.#must(batchId);
    if (!held.running) throw new ServiceError('NOT_ALLOWED', 'This send is not running.');
    held.flow.session.pause();
    return this.#view(held);
  }

  /** Lets a paused send go on. */
  resume(batchId: string): SendView {
    const held = this.#must(batchId);
    held.flow.session.resume();
    return this.#view(held);
  }

  /** Cancels the calls not yet sent; accepted calls stay accepted. */
  async cancel(batchId: string): Promise<SendView> {
    const held = this.#must(batchId);
    const session = held.flow.session;
    if (held.running && !session.started) {
      // The run is still opening its journal: stop it there first, then cancel what it left.
      session.stop();
      await held.running;
    }
    if (!session.started) throw new ServiceError('NOT_ALLOWED', 'Nothing was sent yet: close the send instead.');
    await session.cancel();
    if (!held.running) await this.#settle(held, null);
    return this.#view(held);
  }

  /** Lets the calls after the pilot go. */
  async continuePilot(batchId: string): Promise<SendView> {
    const held = this.#must(batchId);
    await held.flow.continuePilot();
    if (!held.running && held.flow.session.calls.some((s) => s.state === 'pending')) {
      await held.flow.holdOpen();
      this.#run(held);
    }
    return this.#view(held);
  }

  /** Re-sends `unknown` calls the admin checked. */
  async resend(batchId: string, callIds: readonly string[]): Promise<SendView> {
    const held = this.#must(batchId);
    if (held.running) throw new ServiceError('BUSY', 'This send is running: wait until it stops, then decide.');
    held.flow.requestResend(callIds);
    await this.#startFlow(held, false);
    return this.#view(held);
  }

  /** Never re-sends these `unknown` calls. */
  async leave(batchId: string, callIds: readonly string[]): Promise<SendView> {
    const held = this.#must(batchId);
    await held.flow.leave(callIds);
    if (!held.running) await this.#settle(held, held.outcome);
    return this.#view(held);
  }

  /** Re-plans a FUD_3031 call without its culprits (who are excluded from the batch too) and sends it. */
  async replan(batchId: string, callId: string): Promise<SendView> {
    const held = this.#must(batchId);
    const result = await held.flow.replan(callId);
    held.flow.notices.push(
      result.mode === 'without'
        ? `${callId} re-planned without ${result.removed.join(', ')} (now excluded from the batch) as ${result.calls.join(', ') || 'no call: every device was to blame'}.`
        : `${callId} re-planned in halves as ${result.calls.join(', ')}, to narrow down the device Samsung refused.`,
    );
    this.d.events.emit('batches:changed', { batchId });
    if (!held.running && held.flow.session.calls.some((s) => s.state === 'pending')) {
      await held.flow.holdOpen();
      this.#run(held);
    } else if (!held.running) await this.#settle(held, held.outcome);
    return this.#view(held);
  }

  /** Closes a send that is not running, releasing the batch's send lock. */
  async close(batchId: string): Promise<boolean> {
    const held = this.#held.get(batchId);
    if (!held) return false;
    if (held.running) throw new ServiceError('NOT_ALLOWED', 'This send is running: pause or cancel it first, then close it.');
    await this.#release(batchId, held);
    return true;
  }

  /** Stops every send after its calls in flight and releases the locks (the app is closing). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#held].map(([id, held]) => this.#release(id, held)));
  }

  async #startFlow(held: Held, pinLatest: boolean): Promise<void> {
    try {
      await held.flow.start({ pinLatest });
    } catch (error) {
      throw error instanceof SendRefusedError ? refusedError(error) : error;
    }
    this.#run(held);
  }

  #run(held: Held): void {
    held.outcome = null;
    held.running = held.flow.run().then(
      (outcome) => this.#settle(held, outcome, true),
      (error: unknown) => {
        held.flow.notices.push(`The send stopped: ${error instanceof Error ? error.message : String(error)}`);
        return this.#settle(held, null, true);
      },
    );
    this.#flush(held);
  }

  /** After a run (or a decision while idle): record, tell, and release the lock when nothing is left. */
  async #settle(held: Held, outcome: SendOutcome | null, synced = false): Promise<void> {
    held.running = null;
    held.outcome = outcome;
    const batchId = held.flow.session.batchId;
    const session = held.flow.session;
    if (outcome) this.#finished(held, outcome);
    try {
      await this.d.connections.persist(held.tenant.profileId);
    } catch (error) {
      this.d.log?.warn('send: the practice tenant could not be saved', { error: error instanceof Error ? error.message : String(error) });
    }
    const report = synced ? held.flow.lastSync : await held.flow.sync();
    if (report === null) this.d.log?.warn('send: tracking could not catch up with the journal');
    else if (report.changed.length > 0) this.d.events.emit('history:changed', { batchIds: report.changed });
    const done = session.started && nothingLeft(session.calls);
    this.#flush(held);
    if (done && this.#held.get(batchId) === held) await this.#release(batchId, held);
    this.d.events.emit('batches:changed', { batchId });
  }

  #finished(held: Held, outcome: SendOutcome): void {
    const session = held.flow.session;
    const counts = outcome.counts;
    const notice = {
      batchName: held.flow.opened.batch.name,
      profileName: held.tenant.profileName,
      practice: held.tenant.practice,
      accepted: counts.accepted,
      rejected: outcome.rejected.length,
      unknown: session.calls.filter(needsDecision).length,
      devices: counts.devicesAccepted,
      stopped: outcome.reason !== 'finished',
    };
    const text = sendFinishedNotification(notice);
    this.d.desktop.notifySendFinished(notice);
    this.d.events.emit('send:finished', { batchId: session.batchId, batchName: held.flow.opened.batch.name, title: text.title, body: text.body, needsAttention: text.needsAttention });
  }

  #onEvent(held: Held, event: SendEvent): void {
    const notices = held.flow.notices;
    if (event.type === 'notice' || event.type === 'culprits') notices.push(event.message);
    if (event.type === 'retry') notices.push(`${event.callId ?? event.what}: retrying in ${(event.delayMs / 1000).toFixed(1)} s (${event.reason})`);
    if (notices.length > MAX_NOTICES) notices.splice(0, notices.length - MAX_NOTICES);
    held.timer ??= setTimeout(() => this.#flush(held), this.d.progressEveryMs ?? 150);
  }

  #flush(held: Held): void {
    if (held.timer) clearTimeout(held.timer);
    held.timer = null;
    this.d.events.emit('send:progress', this.#view(held));
  }

  async #release(batchId: string, held: Held): Promise<void> {
    if (held.timer) clearTimeout(held.timer);
    held.timer = null;
    held.unsubscribe();
    this.#held.delete(batchId);
    await held.flow.session.close();
    await held.running?.catch(() => undefined);
    this.d.events.emit('batches:changed', { batchId });
  }

  #must(batchId: string): Held {
    const held = this.#held.get(batchId);
    if (!held) throw new ServiceError('NOT_FOUND', 'This batch has no open send here: open it again (Send…).');
    return held;
  }

  #view(held: Held): SendView {
    const session = held.flow.session;
    const stage: SendView['stage'] = held.running ? 'running' : session.started ? 'idle' : 'confirm';
    const flow = held.flow;
    return sendView({
      revision: ++this.#revision,
      session,
      batchName: flow.opened.batch.name,
      resumed: flow.opened.resumed,
      tenant: held.tenant,
      stage,
      checks: flow.checks,
      notices: flow.notices,
      outcome: held.outcome,
      alreadySent: flow.opened.alreadySent,
      summary: flow.summary(),
    });
  }
}

/** A refusal of the flow as the window's error. */
function refusedError(error: SendRefusedError): ServiceError {
  return error.kind === 'checks'
    ? new ServiceError('NOT_ALLOWED', 'The send-time checks found errors (listed above), so nothing was sent.', 'Fix them in the batch (or the licence), then open the send again.')
    : new ServiceError('NOT_ALLOWED', error.message);
}
