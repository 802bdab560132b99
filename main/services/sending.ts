// Sending from the window: one Sender session per batch, held while the admin confirms, while it
// runs, and afterwards while `unknown` or FUD_3031 calls wait for a decision. Progress goes out as
// `send:progress` events (coalesced), the end of a run as `send:finished` plus the desktop
// notification, and tracking catches up with the journal at once.
import type { Clock } from '../../common/clock.ts';
import type { Actor } from '../../common/batch/model.ts';
import type { SendStartRequest, SendTenantView, SendView } from '../../common/contract.ts';
import { needsDecision } from '../batches/journal-state.ts';
import type { SendChecks } from '../batches/send-checks.ts';
import type { SendEvent } from '../batches/send-events.ts';
import type { SendOutcome } from '../batches/send-session.ts';
import { licenceSuffix, Sender, type OpenedSend } from '../batches/sender.ts';
import type { TrackingService } from '../batches/track-service.ts';
import type { EventSink } from '../ipc/events.ts';
import type { Logger } from '../log/logger.ts';
import type { DesktopIntegration } from '../shell/desktop.ts';
import { sendFinishedNotification } from '../shell/send-notification.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';
import type { Connections } from './connections.ts';
import type { ProfileDirectory } from './profile-directory.ts';
import { devicesToSend, nothingLeft, sendView, typeToConfirm } from './send-view.ts';
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
  readonly sender: Sender;
  opened: OpenedSend;
  readonly tenant: SendTenantView;
  checks: SendChecks | null;
  running: Promise<void> | null;
  outcome: SendOutcome | null;
  readonly notices: string[];
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

  /** Opens the send of a batch (or returns the one open) and runs the send-time re-checks. */
  async begin(batchId: string): Promise<SendView> {
    const existing = this.#held.get(batchId);
    if (existing) return this.#view(existing);
    const target = await this.d.directory.active();
    if (!this.d.store.get(batchId)) throw new ServiceError('NOT_FOUND', `There is no batch with id ${batchId}.`);
    const client = await this.d.connections.client(target);
    const sender = new Sender({
      dataDir: this.d.dataDir,
      store: this.d.store,
      client,
      tenant: { profile: target.name, customerId: target.customerId, license: target.license },
      actor: this.d.actor(),
      clock: this.d.clock,
      concurrency: await this.d.concurrency(),
    });
    const opened = await sender.open(batchId);
    const session = opened.session;
    let checks: SendChecks | null = null;
    try {
      const willSend = !session.cancelled && session.calls.some((s) => s.state === 'pending');
      if (willSend) checks = await sender.recheck(opened);
    } catch (error) {
      await session.close();
      throw error;
    }
    const held: Held = {
      sender,
      opened,
      tenant: { profileId: target.id, profileName: target.name, practice: target.practice, customerId: target.customerId, licenceSuffix: licenceSuffix(target.license) },
      checks,
      running: null,
      outcome: null,
      notices: [...opened.notices],
      timer: null,
      unsubscribe: () => undefined,
    };
    held.unsubscribe = session.events.on((event) => this.#onEvent(held, event));
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
    const session = held.opened.session;
    if (held.checks && !held.checks.sendable) {
      throw new ServiceError('NOT_ALLOWED', 'The send-time checks found errors (listed above), so nothing was sent.', 'Fix them in the batch (or the licence), then open the send again.');
    }
    if (!session.calls.some((s) => s.state === 'pending')) {
      throw new ServiceError('NOT_ALLOWED', 'Nothing to send: every device of this batch was already pushed by an earlier send (or is excluded).');
    }
    const expected = typeToConfirm(held.tenant.practice, devicesToSend(session.calls));
    if (expected !== null && request.typedCount !== expected) {
      throw new ServiceError('INVALID_INPUT', `To send to a real tenant, type the number of devices (${expected.toLocaleString('en')}) in the confirmation.`);
    }
    if (request.pinLatest && held.checks && held.checks.latest.length > 0) {
      held.opened = { ...held.opened, batch: await held.sender.pinLatest(held.opened, held.checks.latest) };
    }
    this.#run(held);
    return this.#view(held);
  }

  /** Pauses a running send after the calls in flight. */
  pause(batchId: string): SendView {
    const held = this.#must(batchId);
    if (!held.running) throw new ServiceError('NOT_ALLOWED', 'This send is not running.');
    held.opened.session.pause();
    return this.#view(held);
  }

  /** Lets a paused send go on. */
  resume(batchId: string): SendView {
    const held = this.#must(batchId);
    held.opened.session.resume();
    return this.#view(held);
  }

  /** Cancels the calls not yet sent; accepted calls stay accepted. */
  async cancel(batchId: string): Promise<SendView> {
    const held = this.#must(batchId);
    const session = held.opened.session;
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
    await held.opened.session.continuePilot();
    if (!held.running && held.opened.session.calls.some((s) => s.state === 'pending')) this.#run(held);
    return this.#view(held);
  }

  /** Re-sends `unknown` calls the admin checked. */
  async resend(batchId: string, callIds: readonly string[]): Promise<SendView> {
    const held = this.#must(batchId);
    await held.opened.session.confirmResend(callIds);
    held.notices.push(`Re-sending ${callIds.join(', ')} at the admin's request: these may already have reached Samsung.`);
    if (!held.running) this.#run(held);
    return this.#view(held);
  }

  /** Never re-sends these `unknown` calls. */
  async leave(batchId: string, callIds: readonly string[]): Promise<SendView> {
    const held = this.#must(batchId);
    await held.opened.session.leaveUnknown(callIds);
    if (!held.running) await this.#settle(held, held.outcome);
    return this.#view(held);
  }

  /** Re-plans a FUD_3031 call without its culprits (who are excluded from the batch too) and sends it. */
  async replan(batchId: string, callId: string): Promise<SendView> {
    const held = this.#must(batchId);
    const session = held.opened.session;
    const before = session.calls.find((s) => s.call.id === callId);
    const result = await session.replan(callId);
    const culprits = (session.calls.find((s) => s.call.id === callId)?.culprits ?? before?.culprits ?? []).filter((c) => result.removed.includes(c.serial));
    await held.sender.excludeCulprits(held.opened, culprits);
    held.notices.push(
      result.mode === 'without'
        ? `${callId} re-planned without ${result.removed.join(', ')} (now excluded from the batch) as ${result.calls.join(', ') || 'no call: every device was to blame'}.`
        : `${callId} re-planned in halves as ${result.calls.join(', ')}, to narrow down the device Samsung refused.`,
    );
    this.d.events.emit('batches:changed', { batchId });
    if (!held.running && session.calls.some((s) => s.state === 'pending')) this.#run(held);
    else if (!held.running) await this.#settle(held, held.outcome);
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

  #run(held: Held): void {
    const session = held.opened.session;
    held.outcome = null;
    held.running = session.run().then(
      (outcome) => this.#settle(held, outcome),
      (error: unknown) => {
        held.notices.push(`The send stopped: ${error instanceof Error ? error.message : String(error)}`);
        return this.#settle(held, null);
      },
    );
    this.#flush(held);
  }

  /** After a run (or a decision while idle): record, tell, and release the lock when nothing is left. */
  async #settle(held: Held, outcome: SendOutcome | null): Promise<void> {
    held.running = null;
    held.outcome = outcome;
    const batchId = held.opened.session.batchId;
    const session = held.opened.session;
    if (outcome) this.#finished(held, outcome);
    try {
      await this.d.connections.persist(held.tenant.profileId);
      const report = await this.d.tracking.sync();
      if (report.changed.length > 0) this.d.events.emit('history:changed', { batchIds: report.changed });
    } catch (error) {
      this.d.log?.warn('send: tracking could not catch up with the journal', { error: error instanceof Error ? error.message : String(error) });
    }
    const done = session.started && nothingLeft(session.calls);
    this.#flush(held);
    if (done && this.#held.get(batchId) === held) await this.#release(batchId, held);
    this.d.events.emit('batches:changed', { batchId });
  }

  #finished(held: Held, outcome: SendOutcome): void {
    const session = held.opened.session;
    const counts = outcome.counts;
    const notice = {
      batchName: held.opened.batch.name,
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
    this.d.events.emit('send:finished', { batchId: session.batchId, batchName: held.opened.batch.name, title: text.title, body: text.body, needsAttention: text.needsAttention });
  }

  #onEvent(held: Held, event: SendEvent): void {
    if (event.type === 'notice' || event.type === 'culprits') held.notices.push(event.message);
    if (event.type === 'retry') held.notices.push(`${event.callId ?? event.what}: retrying in ${(event.delayMs / 1000).toFixed(1)} s (${event.reason})`);
    if (held.notices.length > MAX_NOTICES) held.notices.splice(0, held.notices.length - MAX_NOTICES);
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
    await held.opened.session.close();
    await held.running?.catch(() => undefined);
    this.d.events.emit('batches:changed', { batchId });
  }

  #must(batchId: string): Held {
    const held = this.#held.get(batchId);
    if (!held) throw new ServiceError('NOT_FOUND', 'This batch has no open send here: open it again (Send…).');
    return held;
  }

  #view(held: Held): SendView {
    const session = held.opened.session;
    const stage: SendView['stage'] = held.running ? 'running' : session.started ? 'idle' : 'confirm';
    return sendView({
      revision: ++this.#revision,
      session,
      batchName: held.opened.batch.name,
      resumed: held.opened.resumed,
      tenant: held.tenant,
      stage,
      checks: held.checks,
      notices: held.notices,
      outcome: held.outcome,
      alreadySent: held.opened.alreadySent,
    });
  }
}
