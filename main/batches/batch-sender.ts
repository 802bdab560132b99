// The Sender: opens a send of a stored batch for the window and the CLI alike. It takes the batch's
// send lock, replays the batch's journals — resuming an unfinished send, or planning a new one that
// leaves out every device an earlier send already pushed (or may have) and every device whose latest
// push anywhere is still open (unless the admin included it) — and hands back a session to check,
// confirm and run. The steps around it (re-checks, decisions, run) are the send flow's
// (main/services/send-flow.ts).
import { randomUUID } from 'node:crypto';
import { renameSync } from 'node:fs';
import { systemClock, type Clock } from '../../common/clock.ts';
import { excludeByAdmin } from '../../common/batch/exclusions.ts';
import { groupKey, type Actor, type Batch } from '../../common/batch/model.ts';
import { INCLUDE_NONE, type IncludeOpen, type OpenPush, type SendSummary } from '../../common/batch/send-summary.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';
import { AuditLog } from './audit-log.ts';
import { journalDir, SendJournal, type ReplayNotice } from './journal.ts';
import { JOURNAL_VERSION, type StartRecord } from './journal-records.ts';
import { isFinal } from './journal-state.ts';
import { acquireSendLock } from './lock.ts';
import { NO_OPEN_PUSHES, type OpenPushLookup } from './open-pushes.ts';
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts';
import { REAL_RETRY_ENV, type RetryEnv } from './retry-run.ts';
import { recheckAtSendTime, type CheckClient, type SendChecks } from './send-checks.ts';
import { holdBack, planNewSend, planOfCalls, readBatchJournals, serialsToPush, summariseSend } from './send-plan.ts';
import type { CallClient } from './send-call.ts';
import { SendSession } from './send-session.ts';
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
export function licenseSuffix(license: string): string {
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
  /** what the data folder knows of open pushes (default: nothing, for tests of the Sender alone) */
  readonly openPushes?: OpenPushLookup;
  /** devices with an open push to send anyway (default: none) */
  readonly include?: IncludeOpen;
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
  /** devices left out because their latest push (anywhere in this data folder) is still open */
  readonly heldBack: readonly OpenPush[];
  /** devices with an open push the admin included explicitly */
  readonly includedOpen: readonly OpenPush[];
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
  recheck(opened: OpenedSend, summary: SendSummary = summaryOf(opened)): Promise<SendChecks> {
    // Unknown calls count too: the admin may be about to confirm re-sending them.
    const open = opened.session.calls.filter((s) => !isFinal(s)).map((s) => s.call);
    const plan = planOfCalls(opened.batch, open, opened.session.pilotContinued ? 0 : opened.session.start.pilotCalls);
    return recheckAtSendTime({ batch: opened.batch, plan, open, summary, client: this.#o.client, clock: this.#clock, retry: this.#retry });
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
    const journals = readBatchJournals(dir, batch.id, this.#o.tenant.customerId);
    for (const file of journals.empty) {
      // Even the start record never reached the disk: that send made no call at all.
      renameSync(file, `${file}.torn-${Date.now()}`);
      notices.push({ kind: 'torn-line', message: `A send that crashed before its first record (${file}) made no call; its file was set aside.` });
    }
    let openFile = journals.open?.file ?? null;
    const earlier = [...journals.earlier];
    // A decision about a call of the last (finished) send re-opens that send rather than starting a new one.
    const wanted = options.reopenFor ?? [];
    const last = journals.lastFinished;
    if (openFile === null && last && wanted.length > 0 && wanted.every((id) => last.state.calls.has(id))) {
      openFile = last.file;
      earlier.splice(earlier.indexOf(last.state), 1);
    }
    const lookup = options.openPushes ?? NO_OPEN_PUSHES;
    const include = options.include ?? INCLUDE_NONE;
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
        const held = holdBack(serialsToPush(session.calls), lookup, include, start.sendId);
        return { session, batch, resumed: true, notices: texts, alreadySent: 0, ...held };
      }
      const { calls, pilotCalls, alreadySent, ...held } = planNewSend(batch, earlier, lookup, include);
      // One clock reading: the send id begins with the start time, and names the journal file.
      const at = this.#iso();
      const sendId = `${at.replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
      const start: StartRecord = {
        t: 'start',
        v: JOURNAL_VERSION,
        sendId,
        batchId: batch.id,
        batchName: batch.name,
        customerId: batch.customerId,
        batchEdited: batch.edited.at,
        profile: this.#o.tenant.profile,
        at,
        by: this.#o.actor,
        pilotCalls,
        calls,
      };
      const texts = notices.map((n) => n.message);
      if (alreadySent > 0) texts.push(`${alreadySent} device(s) of this batch were already pushed (or may have been) by an earlier send; they are left out.`);
      const session = new SendSession({ ...sessionBase, sendId, journal: null, start, audit, auditContext: this.#auditContext(batch, sendId) });
      return { session, batch, resumed: false, notices: texts, alreadySent, ...held };
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

/** The summary of an opened send with no decision taken yet. */
export function summaryOf(opened: OpenedSend): SendSummary {
  const s = opened.session;
  return summariseSend({
    calls: s.calls,
    resumed: opened.resumed,
    cancelled: s.cancelled,
    resend: [],
    pilotCalls: s.start.pilotCalls,
    pilotContinued: s.pilotContinued,
    alreadySent: opened.alreadySent,
    excluded: opened.batch.excluded.length,
    heldBack: opened.heldBack,
    includedOpen: opened.includedOpen,
  });
}
