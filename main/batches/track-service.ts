// Tracking as one service for the window (IPC handlers) and the CLI alike: catch up with the send
// journals, read results, look up a serial, export CSV, make a retry batch, refresh, and the
// scheduler the app runs while open. Thin: every rule lives in the modules it calls.
import { systemClock, type Clock } from '../../common/clock.ts';
import type { Actor } from '../../common/batch/model.ts';
import { defaultDelimiter, toCsv, type CsvDelimiter } from '../../common/export/csv.ts';
import type { Logger } from '../log/logger.ts';
import { exportFileName, PRACTICE_PROFILE_ID } from '../practice/practice-profile.ts';
import { BatchStore } from '../store/batches/batch-store.ts';
import type { Batch } from '../../common/batch/model.ts';
import type { BatchHistory } from '../store/history/history-model.ts';
import { HistoryStore } from '../store/history/history-store.ts';
import { newBatchId } from './ids.ts';
import { RefreshScheduler, type SchedulerOptions } from './refresh-scheduler.ts';
import { RateWindow } from './refresh-schedule.ts';
import { refreshTargets, type RefreshClient, type RefreshEvent, type RefreshReport } from './refresh.ts';
import { batchResults, lookUpSerial, resultsTable, type DeviceRow } from './results.ts';
import { buildRetryBatch, type RetryFrom } from './retry-batch.ts';
import { syncFromJournals, type SyncReport } from './track.ts';

/** A CSV export ready to save: the suggested file name (PRACTICE- for practice batches) and the text (with BOM). */
export interface CsvExport {
  readonly fileName: string;
  readonly text: string;
  readonly devices: number;
  readonly delimiter: CsvDelimiter;
}

/** What a retry made. */
export interface RetryOutcome {
  /** the stored draft, or null when no device matched */
  readonly batch: Batch | null;
  readonly devices: number;
}

/** Tracking of one data folder. */
export class TrackingService {
  readonly dataDir: string;
  readonly history: HistoryStore;
  readonly batches: BatchStore;
  readonly clock: Clock;
  readonly log: Logger | null;
  /** one rate window per service: on-demand refreshes and the scheduler share the 30 ids a minute */
  readonly rate = new RateWindow();

  constructor(options: { readonly dataDir: string; readonly clock?: Clock; readonly log?: Logger | null; readonly batches?: BatchStore }) {
    this.dataDir = options.dataDir;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? null;
    this.history = new HistoryStore(options.dataDir, { clock: this.clock });
    this.batches = options.batches ?? new BatchStore(options.dataDir, { clock: this.clock });
  }

  /** Catches the history up with the send journals. */
  sync(): Promise<SyncReport> {
    return syncFromJournals(this.dataDir, this.history, this.batches);
  }

  /** Every batch in the history. */
  list(): BatchHistory[] {
    return this.history.list();
  }

  /** A batch's history, or null. */
  get(batchId: string): BatchHistory | null {
    return this.history.get(batchId);
  }

  /** Each device's latest row in a batch (empty when the batch was never sent). */
  results(batchId: string): DeviceRow[] {
    const h = this.history.get(batchId);
    return h ? batchResults(h) : [];
  }

  /** Everything known about a serial, newest first. */
  lookUp(serial: string): DeviceRow[] {
    return lookUpSerial(this.history, serial);
  }

  /**
   * A batch's results as CSV; `delimiter` defaults to the locale's. Null when the batch was never sent.
   * A name the user chose (`fileName`) is kept exactly: a practice file says PRACTICE in its first
   * row; only the name we suggest gets the PRACTICE- prefix.
   */
  exportCsv(batchId: string, options: { readonly delimiter?: CsvDelimiter; readonly locale?: string; readonly fileName?: string } = {}): CsvExport | null {
    const h = this.history.get(batchId);
    if (!h) return null;
    const rows = batchResults(h);
    const delimiter = options.delimiter ?? defaultDelimiter(options.locale);
    const fileName = options.fileName ?? exportFileName(`${h.batchName.replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || h.batchId} results.csv`, h.practice ? PRACTICE_PROFILE_ID : '');
    return { fileName, text: toCsv(resultsTable(rows, h.practice), { delimiter }), devices: rows.length, delimiter };
  }

  /** Stores a draft batch of a batch's failed / unknown / not-downloaded devices (BatchNameTakenError for a taken name). */
  async createRetry(batchId: string, input: { readonly from: RetryFrom; readonly name: string; readonly actor: Actor; readonly days?: number }): Promise<RetryOutcome> {
    const history = this.history.get(batchId);
    if (!history) return { batch: null, devices: 0 };
    const now = this.clock.now();
    const stamp = { at: new Date(now).toISOString(), by: input.actor };
    const draft = buildRetryBatch({ history, source: this.batches.get(batchId), from: input.from, ...(input.days !== undefined ? { days: input.days } : {}), id: newBatchId(), name: input.name, stamp, now });
    if (!draft.batch) return { batch: null, devices: 0 };
    const stored = await this.batches.create(draft.batch);
    this.log?.info('retry batch created', { from: input.from, source: batchId, batchId: stored.id, devices: stored.devices.length });
    return { batch: stored, devices: stored.devices.length };
  }

  /** Refreshes the open ids of the given batches (all when null) that belong to `customerId`, within the shared rate limit. */
  async refresh(batchIds: readonly string[] | null, client: RefreshClient, customerId: string, options: { readonly wait?: ((ms: number) => Promise<void>) | null; readonly onEvent?: (e: RefreshEvent) => void; readonly stopped?: () => boolean } = {}): Promise<RefreshReport> {
    const histories = batchIds === null ? this.history.list() : batchIds.flatMap((id) => this.history.get(id) ?? []);
    const targets = histories
      .filter((h) => h.customerId === customerId)
      .flatMap((h) => h.updates.filter((u) => u.status === 'open').map((u) => ({ batchId: h.batchId, forceUpdateId: u.forceUpdateId })));
    const report = await refreshTargets(targets, {
      store: this.history,
      client,
      clock: this.clock,
      rate: this.rate,
      wait: options.wait ?? null,
      onEvent: (e) => {
        if (e.outcome === 'failed' && e.failure) this.log?.failure(e.failure.operation, e.failure.code, e.message ?? '', { forceUpdateId: e.forceUpdateId, batchId: e.batchId });
        options.onEvent?.(e);
      },
      ...(options.stopped ? { stopped: options.stopped } : {}),
    });
    return report;
  }

  /** The scheduler the app starts while it is open (`clientFor` gives the connection of a tenant, or null). */
  scheduler(clientFor: SchedulerOptions['clientFor'], options: Partial<Pick<SchedulerOptions, 'tickMs' | 'timers' | 'onTick'>> = {}): RefreshScheduler {
    return new RefreshScheduler({ dataDir: this.dataDir, store: this.history, batches: this.batches, clock: this.clock, clientFor, rate: this.rate, log: this.log, ...options });
  }
}
