// The Sender: opens a send of a stored batch for the window and the CLI alike. It takes the batch's
// send lock, replays the batch's journals — resuming an unfinished send, or planning a new one that
// leaves out every device an earlier send already pushed (or may have) — and hands back a session
// to check, confirm and run.
import { randomUUID } from 'node:crypto';
import { renameSync } from 'node:fs';
import { systemClock, type Clock } from '../../common/clock.ts';
import { excludeByAdmin } from '../../common/batch/exclusions.ts';
import { groupKey, type Actor, type Batch } from '../../common/batch/model.ts';
import { planBatch, type Plan, type PlannedCall } from '../../common/batch/plan.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';
import { AuditLog } from './audit-log.ts';
import { journalDir, journalFiles, JournalDamagedError, loadJournalState, readJournal, SendJournal, type ReplayNotice } from './journal.ts';
import { JOURNAL_VERSION, type StartRecord } from './journal-records.ts';
import { isFinal, isFinished, type CallStatus, type SendJournalState } from './journal-state.ts';
import { acquireSendLock } from './lock.ts';
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts';
import { REAL_RETRY_ENV, type RetryEnv } from './retry-run.ts';
import { recheckAtSendTime, type CheckClient, type SendChecks } from './send-checks.ts';
import { SendSession, type CallClient } from './send-session.ts';
import { ensurePrivateFolder } from '../store/private-files.ts';

/** Everything a send calls on E-FOTA (the E-FOTA client fits). */
export interface SenderClient extends CallClient, CheckClient {}

/** The tenant a send goes to, as the admin must see it before confirming. */
export interface SendTenant {
  /** the profile's name (or how the connection was given) */
  readonly profile: string;
  readonly customerId: string;
  /** the licence key; only its last four characters are ever shown or logged */
  readonly license: string;
}

/** Default calls in flight at once. */
export const DEFAULT_CONCURRENCY = 4;
/** Most calls in flight at once the Sender accepts. */
export const MAX_CONCURRENCY = 16;

/** What the Sender is built from. */
export interface SenderOptions {
  readonly dataDir: string;
  readonly store: BatchStore;
  readonly client: SenderClient;
  readonly tenant: SendTenant;
  readonly actor: Actor;
  readonly clock?: Clock;
  readonly concurrency?: number;
  /** retry policy, sleep and randomness (tests speed the sleep up) */
  readonly retry?: Partial<RetryEnv>;
  /** write the audit log (default true) */
  readonly audit?: boolean;
}

/** The batch belongs to another tenant than the connection. */
export class TenantMismatchError extends Error {
  override readonly name = 'TenantMismatchError';
  constructor(batchName: string, batchCustomer: string, connected: string) {
    super(`Batch '${batchName}' was prepared for customer ID ${batchCustomer}, but this connection is to customer ID ${connected}. A batch is never sent to another tenant: choose the matching profile.`);
  }
}

/** The last four characters of a licence key, the only part ever shown. */
export function licenceSuffix(license: string): string {
  const clean = license.trim();
  return clean.length <= 4 ? '…' : `…${clean.slice(-4)}`;
}

/** How to open a send. */
export interface OpenOptions {
  /**
   * Call ids the admin wants to act on (re-plan a FUD_3031 call): when the batch has no unfinished
   * send but its last send has all of them, that send is re-opened instead of planning a new one.
   */
  readonly reopenFor?: readonly string[];
}

/** What an opened send holds besides its session. */
export interface OpenedSend {
  readonly session: SendSession;
  readonly batch: Batch;
  /** true when an unfinished send was found and is continued */
  readonly resumed: boolean;
  /** what replaying the journals found (torn line, interrupted calls, later batch edits) */
  readonly notices: readonly string[];
  /** devices left out of a new send because an earlier send of this batch already pushed them (or may have) */
  readonly alreadySent: number;
  /** the plan of the batch as it stands (for the re-checks and the display) */
  readonly plan: Plan;
}

/** Opens sends of stored batches. */
export class Sender {
  readonly #o: SenderOptions;
  readonly #clock: Clock;
  readonly #retry: RetryEnv;
  readonly #concurrency: number;

  constructor(options: SenderOptions) {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) throw new RangeError(`concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#retry = { ...REAL_RETRY_ENV, policy: DEFAULT_RETRY_POLICY, ...options.retry };
    this.#concurrency = concurrency;
  }

  /** The journals folder. */
  get journalDir(): string {
    return journalDir(this.#o.dataDir);
  }

  /**
   * Opens the send of a batch (by id or name): takes its lock (BatchLockedError when another process
   * holds it), resumes its unfinished send or plans a new one. Close the session to release the lock.
   */
  async open(batchRef: string, options: OpenOptions = {}): Promise<OpenedSend> {
    const batch = this.#o.store.find(batchRef);
    if (batch.customerId !== this.#o.tenant.customerId) throw new TenantMismatchError(batch.name, batch.customerId, this.#o.tenant.customerId);
    const dir = this.journalDir;
    ensurePrivateFolder(dir);
    const lock = await acquireSendLock(dir, batch.id);
    try {
      return await this.#openLocked(batch, lock, options);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Runs the send-time re-checks for the calls of a send still to make. */
  recheck(opened: OpenedSend): Promise<SendChecks> {
    // Unknown calls count too: the admin may be about to confirm re-sending them.
    const open = opened.session.calls.filter((s) => !isFinal(s)).map((s) => s.call);
    return recheckAtSendTime({ batch: opened.batch, plan: opened.plan, open, client: this.#o.client, clock: this.#clock, retry: this.#retry });
  }

  /** Pins `Latest` to the firmware it resolved to: in the stored batch, and for the send's calls not yet sent. */
  async pinLatest(opened: OpenedSend, resolutions: SendChecks['latest']): Promise<Batch> {
    let batch = opened.batch;
    for (const r of resolutions) {
      if (r.firmware === null) continue;
      const firmware = r.firmware;
      batch = await this.#o.store.update(batch.id, (current) => ({
        ...current,
        groups: current.groups.map((g) => (groupKey(g.model, g.salesCode) === r.groupKey && g.target === 'Latest' ? { ...g, pinnedTarget: firmware } : g)),
        edited: this.#stamp(),
      }));
      await opened.session.pin(r.groupKey, firmware, batch.edited.at);
    }
    return batch;
  }

  /** Leaves a re-planned call's culprits out of the stored batch too, with the reason. */
  async excludeCulprits(opened: OpenedSend, culprits: readonly { serial: string; category: string }[]): Promise<void> {
    if (culprits.length === 0) return;
    const byCategory = new Map<string, string[]>();
    for (const c of culprits) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c.serial]);
    await this.#o.store.update(opened.batch.id, (current) => {
      let next = current;
      for (const [category, serials] of byCategory) next = excludeByAdmin(next, serials, `FUD_3031 at send time: ${category}`.slice(0, 200), this.#stamp()).batch;
      return next;
    });
  }

  async #openLocked(batch: Batch, lock: Awaited<ReturnType<typeof acquireSendLock>>, options: OpenOptions): Promise<OpenedSend> {
    const dir = this.journalDir;
    const notices: ReplayNotice[] = [];
    const earlier: SendJournalState[] = [];
    let openFile: string | null = null;
    let lastFinished: { file: string; state: SendJournalState } | null = null;
    for (const file of journalFiles(dir, batch.id)) {
      const { records, torn } = readJournal(file);
      if (records.length === 0 && torn) {
        // Even the start record never reached the disk: that send made no call at all.
        renameSync(file, `${file}.torn-${Date.now()}`);
        notices.push({ kind: 'torn-line', message: `A send that crashed before its first record (${file}) made no call; its file was set aside.` });
        continue;
      }
      const state = loadJournalState(file);
      if (state.start.customerId !== this.#o.tenant.customerId) throw new JournalDamagedError(file, `it was sent to customer ID ${state.start.customerId}, not ${this.#o.tenant.customerId}`);
      if (torn || !isFinished(state)) {
        if (openFile !== null) throw new JournalDamagedError(file, `a second unfinished send besides ${openFile}`);
        openFile = file;
      } else {
        earlier.push(state);
        lastFinished = { file, state };
      }
    }
    // A decision about a call of the last (finished) send re-opens that send rather than starting a new one.
    const wanted = options.reopenFor ?? [];
    if (openFile === null && lastFinished && wanted.length > 0 && wanted.every((id) => lastFinished.state.calls.has(id))) {
      openFile = lastFinished.file;
      earlier.splice(earlier.indexOf(lastFinished.state), 1);
    }
    const plan = planBatch(batch);
    const sessionBase = {
      batchId: batch.id,
      lock,
      journalDir: dir,
      client: this.#o.client,
      clock: this.#clock,
      actor: this.#o.actor,
      concurrency: this.#concurrency,
      retry: this.#retry,
    };
    const audit = this.#o.audit === false ? null : await AuditLog.open(this.#o.dataDir);
    try {
      if (openFile !== null) {
        const journal = await SendJournal.resume(openFile, () => this.#iso(), notices);
        const start = journal.state.start;
        const texts = notices.map((n) => n.message);
        if (start.batchEdited !== batch.edited.at) {
          texts.push(`The batch was edited (${batch.edited.at}) after this send began (${start.at}); the send continues with the calls it began with. Send again afterwards to send the changes.`);
        }
        const session = new SendSession({ ...sessionBase, sendId: start.sendId, journal, start, audit, auditContext: this.#auditContext(batch, start.sendId) });
        return { session, batch, resumed: true, notices: texts, alreadySent: 0, plan };
      }
      const { calls, pilotCalls, alreadySent } = newSendCalls(batch, plan, earlier);
      const sendId = `${this.#iso().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
      const start: StartRecord = {
        t: 'start',
        v: JOURNAL_VERSION,
        sendId,
        batchId: batch.id,
        batchName: batch.name,
        customerId: batch.customerId,
        batchEdited: batch.edited.at,
        profile: this.#o.tenant.profile,
        at: this.#iso(),
        by: this.#o.actor,
        pilotCalls,
        calls,
      };
      const texts = notices.map((n) => n.message);
      if (alreadySent > 0) texts.push(`${alreadySent} device(s) of this batch were already pushed (or may have been) by an earlier send; they are left out.`);
      const session = new SendSession({ ...sessionBase, sendId, journal: null, start, audit, auditContext: this.#auditContext(batch, sendId) });
      return { session, batch, resumed: false, notices: texts, alreadySent, plan };
    } catch (error) {
      await audit?.close();
      throw error;
    }
  }

  #auditContext(batch: Batch, sendId: string) {
    return { actor: this.#o.actor, profile: this.#o.tenant.profile, customerId: this.#o.tenant.customerId, batchId: batch.id, batchName: batch.name, sendId };
  }

  #iso(): string {
    return new Date(this.#clock.now()).toISOString();
  }

  #stamp() {
    return { at: this.#iso(), by: this.#o.actor };
  }
}

/** Serials and schedules an earlier send pushed (accepted), or may have (unknown). */
function coveredBy(earlier: readonly SendJournalState[]): { serials: Set<string>; schedules: Set<string>; anyAccepted: boolean } {
  const serials = new Set<string>();
  const schedules = new Set<string>();
  let anyAccepted = false;
  for (const state of earlier) {
    for (const id of state.order) {
      const s = state.calls.get(id) as CallStatus;
      if (s.state !== 'accepted' && s.state !== 'unknown') continue;
      if (s.state === 'accepted') anyAccepted = true;
      if (s.call.operation === 'serverInit') schedules.add(scheduleKey(s.call));
      for (const serial of s.call.serials) serials.add(serial);
    }
  }
  return { serials, schedules, anyAccepted };
}

function scheduleKey(call: PlannedCall): string {
  return JSON.stringify([call.groupKey, call.groupId, call.window]);
}

/**
 * The calls of a new send: the batch's plan without the devices (and schedules) earlier sends
 * already covered. The pilot applies only while nothing of the batch was accepted yet.
 */
export function newSendCalls(batch: Batch, plan: Plan, earlier: readonly SendJournalState[]): { calls: PlannedCall[]; pilotCalls: number; alreadySent: number } {
  const covered = coveredBy(earlier);
  if (covered.serials.size === 0 && covered.schedules.size === 0) {
    return { calls: [...plan.calls], pilotCalls: covered.anyAccepted ? 0 : plan.pilotCalls, alreadySent: 0 };
  }
  const remaining = { ...batch, devices: batch.devices.filter((d) => !covered.serials.has(d.serial)) };
  const alreadySent = batch.devices.length - remaining.devices.length;
  const pilotAllowed = !covered.anyAccepted;
  const derived = planBatch(pilotAllowed ? remaining : { ...remaining, pilot: null });
  const calls = derived.calls.filter((c) => c.operation !== 'serverInit' || !covered.schedules.has(scheduleKey(c)));
  return { calls, pilotCalls: calls.filter((c) => c.pilot).length, alreadySent };
}
