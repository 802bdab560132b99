// The history screen's service: every sent batch and its forceUpdateIds, per-device results, refresh
// on demand (within the shared rate limit), the serial look-up across all history, CSV export,
// retry drafts, the diagnostics report — and the background refresh scheduler the app runs.
import type { Clock } from '../../common/clock.ts';
import type { Actor } from '../../common/batch/model.ts';
import type {
  BatchView,
  ContractError,
  CsvFileView,
  DiagnosticsView,
  HistoryDetailView,
  HistoryListView,
  RefreshResultView,
  RetryFromView,
  SerialLookupView,
} from '../../common/contract.ts';
import { normaliseSerial } from '../../common/efota/normalise.ts';
import { lookUpEverywhere } from '../batches/open-pushes.ts';
import type { RefreshScheduler } from '../batches/refresh-scheduler.ts';
import { batchResults } from '../batches/results.ts';
import type { TrackingService } from '../batches/track-service.ts';
import { collectDiagnostics, diagnosticsText } from '../log/diagnostics.ts';
import { activeProfileFacts } from '../store/facts.ts';
import type { Logger } from '../log/logger.ts';
import type { EventSink } from './events.ts';
import { toContractError } from './contract-error.ts';
import { isPracticeCustomer } from '../batches/track.ts';
import type { Connections, ProfileTarget } from './connections.ts';
import { deviceResultView, historyBatchView } from './history-view.ts';
import type { ProfileDirectory } from './profile-directory.ts';
import { targetOf } from './profile-directory.ts';
import { ServiceError } from './service-error.ts';

/** What the history service is built from. */
export interface HistoryDeps {
  readonly tracking: TrackingService;
  readonly directory: ProfileDirectory;
  readonly connections: Connections;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly actor: () => Actor;
  readonly log: Logger;
  readonly exportDelimiter: () => Promise<',' | ';' | '\t'>;
  readonly version: string;
  /** the builder's view of a stored batch (a retry draft opens in the builder) */
  readonly batchView: (id: string) => Promise<BatchView>;
}

/** The tracking history of the data folder. */
export class HistoryService {
  #scheduler: RefreshScheduler | null = null;

  constructor(private readonly d: HistoryDeps) {}

  /** Starts the background refresh of open ids (every minute, within the rate limit). */
  startScheduler(): void {
    this.#scheduler ??= this.d.tracking.scheduler((customerId) => this.#clientFor(customerId), {
      onTick: (tick) => {
        const changed = new Set([...tick.sync.changed, ...tick.events.filter((e) => e.outcome !== 'deferred' && e.outcome !== 'skipped').map((e) => e.batchId)]);
        if (changed.size > 0) this.d.events.emit('history:changed', { batchIds: [...changed] });
      },
    });
    this.#scheduler.start();
  }

  /** Stops the background refresh (waits for a tick in progress). */
  async stopScheduler(): Promise<void> {
    await this.#scheduler?.stop();
  }

  /** Every batch in the history, newest send first. */
  async list(): Promise<HistoryListView> {
    const sync = await this.d.tracking.sync();
    const active = await this.d.directory.active();
    const batches = this.d.tracking
      .list()
      .map((h) => historyBatchView(h, active.customerId))
      .sort((a, b) => (b.lastSentAt ?? '').localeCompare(a.lastSentAt ?? '') || a.batchName.localeCompare(b.batchName));
    const problems = [...sync.problems, ...this.d.tracking.history.problems.map((p) => `${p.file}: ${p.problem}${p.movedTo ? ` (moved to ${p.movedTo})` : ''}`)];
    return { batches, problems };
  }

  /** One batch's per-device results. */
  async get(batchId: string): Promise<HistoryDetailView> {
    const h = this.d.tracking.get(batchId);
    if (!h) throw new ServiceError('NOT_FOUND', `Batch ${batchId} has no history: it was never sent (or its history file could not be read).`);
    const active = await this.d.directory.active();
    const rows = batchResults(h);
    return { batch: historyBatchView(h, active.customerId, rows), rows: rows.map(deviceResultView) };
  }

  /** Asks Samsung about the open ids of one batch (or all) of the active tenant. */
  async refresh(batchId: string | null): Promise<RefreshResultView> {
    await this.d.tracking.sync();
    const target = await this.d.directory.active();
    if (batchId !== null) {
      const h = this.d.tracking.get(batchId);
      if (!h) throw new ServiceError('NOT_FOUND', `Batch ${batchId} has no history to refresh.`);
      if (h.customerId !== target.customerId) {
        throw new ServiceError('NOT_ALLOWED', `Batch '${h.batchName}' was sent to customer ID ${h.customerId}; the active profile '${target.name}' is another tenant.`, 'Make a profile of that tenant active to refresh it.');
      }
    }
    let error: ContractError | null = null;
    const messages: string[] = [];
    let refreshed = 0;
    let failed = 0;
    let deferred = 0;
    try {
      const client = await this.d.connections.client(target);
      const report = await this.d.tracking.refresh(batchId === null ? null : [batchId], client, target.customerId, { wait: null });
      for (const e of report.events) {
        if (e.outcome === 'refreshed' || e.outcome === 'final') refreshed++;
        if (e.outcome === 'failed') {
          failed++;
          messages.push(`${e.forceUpdateId}: ${e.message ?? 'failed'}`);
        }
        if (e.outcome === 'expired') messages.push(`${e.forceUpdateId}: ${e.message ?? 'expired'} — its last known state is kept.`);
      }
      deferred = report.deferred;
      if (deferred > 0) messages.push(`${deferred} id(s) were left for later: Samsung is asked about at most 30 ids a minute. They are refreshed in the background.`);
      if (report.authFailed) messages.push('The credentials were refused; the refresh stopped.');
      const changed = [...new Set(report.events.filter((e) => e.outcome !== 'deferred' && e.outcome !== 'skipped').map((e) => e.batchId))];
      if (changed.length > 0) this.d.events.emit('history:changed', { batchIds: changed });
    } catch (e) {
      error = toContractError(e);
    }
    return { refreshed, failed, deferred, messages, error, list: await this.list() };
  }

  /** Everything known about a serial across all history (newest first), and the batches that hold it without sending it (excluded, held back) with why. */
  async search(serial: string): Promise<SerialLookupView> {
    const found = await lookUpEverywhere(this.d.tracking, serial);
    return { serial: normaliseSerial(serial), rows: found.rows.map(deviceResultView), inBatches: found.inBatches.map(deviceResultView) };
  }

  /** A batch's results as CSV, with the delimiter of the preferences. */
  async exportCsv(batchId: string): Promise<CsvFileView> {
    const csv = this.d.tracking.exportCsv(batchId, { delimiter: await this.d.exportDelimiter() });
    if (!csv) throw new ServiceError('NOT_FOUND', `Batch ${batchId} has no results to export: it was never sent.`);
    return { fileName: csv.fileName, text: csv.text, devices: csv.devices };
  }

  /** A draft batch of a batch's failed / unknown / not-downloaded devices. */
  async retry(batchId: string, from: RetryFromView, days: number, name: string): Promise<BatchView> {
    if (!this.d.tracking.get(batchId)) throw new ServiceError('NOT_FOUND', `Batch ${batchId} has no history: nothing to retry.`);
    const outcome = await this.d.tracking.createRetry(batchId, { from, name, actor: this.d.actor(), days });
    if (!outcome.batch) {
      const what = from === 'not-downloaded' ? `not downloaded ${days} day(s) after sending` : from;
      throw new ServiceError('NOT_FOUND', `No device of this batch is ${what} (as of its last refresh), so there is nothing to put in a new batch.`, 'Refresh the batch first if its states are old.');
    }
    this.d.events.emit('batches:changed', { batchId: outcome.batch.id });
    return this.d.batchView(outcome.batch.id);
  }

  /** The redacted report for a support ticket (with the active profile's serverInit sales-code element). */
  async diagnostics(): Promise<DiagnosticsView> {
    const profile = await this.d.directory.load().then(activeProfileFacts, () => null);
    return { text: diagnosticsText(collectDiagnostics(this.d.log, { appVersion: this.d.version, now: this.d.clock.now(), ...(profile ? { profile } : {}) })) };
  }

  /** The client of a tenant for the scheduler: the practice tenant, else a profile of that customer (the active one first). */
  async #clientFor(customerId: string): Promise<Awaited<ReturnType<Connections['client']>> | null> {
    let target: ProfileTarget | null;
    if (isPracticeCustomer(customerId)) target = this.d.directory.practiceTarget();
    else {
      const active = await this.d.directory.active();
      if (active.customerId === customerId) target = active;
      else {
        const record = (await this.d.directory.load()).profiles.find((p) => p.customerId === customerId);
        target = record ? targetOf(record) : null;
      }
    }
    return target ? this.d.connections.client(target) : null;
  }
}
