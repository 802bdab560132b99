// The refresh scheduler the app runs while it is open: every tick it catches up with the send
// journals, closes ids past their expiry, and refreshes the ids that are due (refresh-schedule.ts)
// within the rate limit — the rest wait for the next tick. Time and timers are injected, so tests
// drive it with a ManualClock and call `tick()` themselves.
import type { Clock } from '../../common/clock.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';
import type { BatchHistory, TrackedUpdate } from '../store/history/history-model.ts';
import type { HistoryStore } from '../store/history/history-store.ts';
import type { Logger } from '../log/logger.ts';
import { expireByDate, refreshTargets, storeUpdate, type RefreshClient, type RefreshEvent } from './refresh.ts';
import { dueRefreshes, isPastExpiry, RateWindow } from './refresh-schedule.ts';
import { syncFromJournals, type SyncReport } from './track.ts';

/** Timer functions (the real ones by default). */
export interface SchedulerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How the scheduler is built. */
export interface SchedulerOptions {
  readonly dataDir: string;
  readonly store: HistoryStore;
  /** names the devices of scheduled groups in the history (optional) */
  readonly batches?: BatchStore | null;
  readonly clock: Clock;
  /** the client of a tenant (customer ID), or null when it cannot be reached now (no profile, not logged in) */
  readonly clientFor: (customerId: string) => Promise<RefreshClient | null>;
  readonly rate?: RateWindow;
  /** time between ticks (default 1 minute: the rate limit's window) */
  readonly tickMs?: number;
  readonly timers?: SchedulerTimers;
  readonly log?: Logger | null;
  /** told after every tick (the window refreshes its views) */
  readonly onTick?: (report: TickReport) => void;
}

/** What one tick did. */
export interface TickReport {
  readonly at: string;
  readonly sync: SyncReport;
  readonly events: readonly RefreshEvent[];
  /** due ids left for a later tick by the rate limit */
  readonly deferred: number;
  /** customer IDs with due ids but no usable connection */
  readonly unreachable: readonly string[];
}

const REAL_TIMERS: SchedulerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Item {
  readonly history: BatchHistory;
  readonly update: TrackedUpdate;
}

/** Refreshes open ids on schedule while started. */
export class RefreshScheduler {
  readonly rate: RateWindow;
  readonly #o: SchedulerOptions;
  readonly #timers: SchedulerTimers;
  #timer: unknown = null;
  #running: Promise<TickReport> | null = null;
  #started = false;
  #stopRequested = false;
  #problemsLogged = 0;

  constructor(options: SchedulerOptions) {
    this.#o = options;
    this.rate = options.rate ?? new RateWindow();
    this.#timers = options.timers ?? REAL_TIMERS;
  }

  /** True between start() and stop(). */
  get started(): boolean {
    return this.#started;
  }

  /** Starts ticking: once now, then every `tickMs` after each tick ends. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#stopRequested = false;
    this.#schedule(0);
  }

  /** Stops ticking; waits for a tick in progress (it stops after the id it is refreshing). */
  async stop(): Promise<void> {
    this.#started = false;
    this.#stopRequested = true;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#running) await this.#running.catch(() => undefined);
  }

  /** Runs one tick now (or joins the one running). */
  tick(): Promise<TickReport> {
    this.#running ??= this.#tick().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #schedule(ms: number): void {
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      void this.tick()
        .catch((error: unknown) => this.#o.log?.error('refresh scheduler: tick failed', { error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          if (this.#started) this.#schedule(this.#o.tickMs ?? 60_000);
        });
    }, ms);
  }

  async #tick(): Promise<TickReport> {
    const { store, clock } = this.#o;
    const sync = await syncFromJournals(this.#o.dataDir, store, this.#o.batches ?? null);
    for (const p of sync.problems) this.#o.log?.warn('tracking: a send journal could not be read', { problem: p });
    const events: RefreshEvent[] = [];
    // Only batches with open ids matter here; the index says which, without reading the others.
    const items: Item[] = store
      .index()
      .batches.filter((b) => b.open > 0)
      .flatMap((b) => {
        const history = store.get(b.batchId);
        return history ? history.updates.map((update) => ({ history, update })) : [];
      });
    const now = clock.now();
    for (const { history, update } of items) {
      if (!isPastExpiry(update, now)) continue;
      await storeUpdate(store, history.batchId, update.forceUpdateId, (u) => (u.status === 'open' ? expireByDate(u) : u));
      events.push({ batchId: history.batchId, forceUpdateId: update.forceUpdateId, outcome: 'expired', message: `expired on ${update.expiresAt}` });
    }
    const due = dueRefreshes(items, (i) => i.update, now);
    // Tenants in the order of their most overdue id; each tenant's ids most overdue first.
    const byTenant = new Map<string, Item[]>();
    for (const d of due) byTenant.set(d.item.history.customerId, [...(byTenant.get(d.item.history.customerId) ?? []), d.item]);
    let deferred = 0;
    const unreachable: string[] = [];
    for (const [customerId, list] of byTenant) {
      if (this.#stopRequested) break;
      // A customer ID has the shape of a token, but support needs it in the log.
      this.#o.log?.redactor.allow(customerId);
      let client: RefreshClient | null = null;
      try {
        client = await this.#o.clientFor(customerId);
      } catch (error) {
        this.#o.log?.warn('refresh scheduler: no connection for a tenant', { customerId, error: error instanceof Error ? error.message : String(error) });
      }
      if (client === null) {
        unreachable.push(customerId);
        continue;
      }
      const report = await refreshTargets(
        list.map((i) => ({ batchId: i.history.batchId, forceUpdateId: i.update.forceUpdateId })),
        { store, client, clock, rate: this.rate, wait: null, stopped: () => this.#stopRequested },
      );
      events.push(...report.events);
      deferred += report.deferred;
      for (const e of report.events) if (e.outcome === 'failed' && e.failure) this.#o.log?.failure(e.failure.operation, e.failure.code, e.message ?? '', { forceUpdateId: e.forceUpdateId, batchId: e.batchId });
      if (report.authFailed) this.#o.log?.error('refresh stopped: the credentials were refused', { customerId });
    }
    for (const p of store.problems.slice(this.#problemsLogged)) this.#o.log?.warn('tracking: a history file could not be read', { file: p.file, problem: p.problem, movedTo: p.movedTo });
    this.#problemsLogged = store.problems.length;
    const tick: TickReport = { at: new Date(now).toISOString(), sync, events, deferred, unreachable };
    this.#o.log?.info('refresh tick', { refreshed: events.filter((e) => e.outcome === 'refreshed' || e.outcome === 'final').length, expired: events.filter((e) => e.outcome === 'expired').length, deferred, unreachable: unreachable.length });
    this.#o.onTick?.(tick);
    return tick;
  }
}
