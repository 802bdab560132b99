// Refreshing a tracked forceUpdateId: ask Samsung for its summary and detail, reconcile every
// device, and store the result. The network part (fetchUpdate) and the bookkeeping (applyFetch,
// pure) are apart so the answer is applied under the history lock without holding it during a call.
// At the id's expiry, or when Samsung answers FUD_3038, tracking stops and the last known state is
// kept, labelled with the time it was true.
import type { Clock } from '../../common/clock.ts';
import { FudError, isEfotaError } from '../efota/errors.ts';
import type { ForceUpdateDetail, ForceUpdateSummary } from '../efota/types.ts';
import type { SummarySnapshot, TrackedUpdate } from '../store/history/history-model.ts';
import type { HistoryStore } from '../store/history/history-store.ts';
import { readDetail, safeText } from './reconcile-detail.ts';
import { reconcile } from './reconcile.ts';
import { isPastExpiry, type RateWindow } from './refresh-schedule.ts';

/** The two read-only calls a refresh makes (the E-FOTA client fits). */
export interface RefreshClient {
  forceUpdateSummary(forceUpdateId: string): Promise<ForceUpdateSummary>;
  forceUpdateDetail(forceUpdateId: string): Promise<ForceUpdateDetail>;
}

/** What asking Samsung gave; a failed detail still carries the summary read before it. */
export type FetchResult =
  | { readonly ok: true; readonly summary: ForceUpdateSummary; readonly detail: ForceUpdateDetail }
  | { readonly ok: false; readonly error: unknown; readonly summary?: ForceUpdateSummary };

/** Asks for the summary, then the detail, of one id. Never throws. */
export async function fetchUpdate(client: RefreshClient, forceUpdateId: string): Promise<FetchResult> {
  let summary: ForceUpdateSummary | undefined;
  try {
    summary = await client.forceUpdateSummary(forceUpdateId);
    const detail = await client.forceUpdateDetail(forceUpdateId);
    return { ok: true, summary, detail };
  } catch (error) {
    return summary ? { ok: false, error, summary } : { ok: false, error };
  }
}

function snapshotOf(s: ForceUpdateSummary, at: string): SummarySnapshot {
  return { at, target: s.targetFirmwareVersion === null ? null : safeText(s.targetFirmwareVersion, 199), processing: s.processingCount, downloaded: s.successCount, failed: s.failedCount };
}

/** The short code of a failed refresh: the FUD code, or the error family. */
export function errorCode(error: unknown): string {
  if (error instanceof FudError) return error.code;
  if (isEfotaError(error)) return error.type;
  return 'error';
}

function errorText(error: unknown): string {
  // Client errors are already free of tokens (main/efota redacts every outside text).
  return safeText(error instanceof Error ? error.message : String(error));
}

/** True for Samsung's "this id is unknown or expired" answer. */
export function isIdGone(error: unknown): boolean {
  return error instanceof FudError && error.code === 'FUD_3038';
}

/** Closes tracking of an id that passed its expiry, without asking Samsung. */
export function expireByDate(u: TrackedUpdate): TrackedUpdate {
  const asOf = u.asOf ? `as of ${u.asOf}` : 'never refreshed';
  return {
    ...u,
    status: 'expired',
    closedReason: `expired on ${u.expiresAt}: Samsung answers for an id for 3 months only; the last known states (${asOf}) are kept`,
  };
}

/** Applies what a fetch gave to a tracked update (pure). */
export function applyFetch(u: TrackedUpdate, fetched: FetchResult, now: number): TrackedUpdate {
  const at = new Date(now).toISOString();
  if (!fetched.ok) {
    // The summary read before a failed detail is news too: it is kept, the devices' states are not touched.
    const kept = fetched.summary ? { summary: snapshotOf(fetched.summary, at) } : {};
    const lastAttempt = { at, ok: false, code: errorCode(fetched.error), message: `${fetched.summary ? 'summary read and kept; the detail failed: ' : ''}${errorText(fetched.error)}` };
    if (isIdGone(fetched.error)) {
      const asOf = u.asOf ? `as of ${u.asOf}` : 'never refreshed';
      return { ...u, ...kept, lastAttempt, status: 'expired', closedReason: `Samsung answered FUD_3038 on ${at}: it no longer knows this id; the last known states (${asOf}) are kept` };
    }
    return { ...u, ...kept, lastAttempt };
  }
  const summary = snapshotOf(fetched.summary, at);
  const reading = readDetail(fetched.detail.raw);
  const result = reconcile({ serials: u.serials, previous: u.devices, summary, reading, at });
  const finished = summary.processing === 0 && !result.devices.some((d) => d.state === 'processing' || d.state === 'sent');
  return {
    ...u,
    asOf: at,
    lastAttempt: { at, ok: true, code: null, message: null },
    refreshes: u.refreshes + 1,
    summary,
    detail: { at, understood: reading.understood, note: safeText(result.note, 3000), raw: fetched.detail.raw },
    devices: result.devices,
    status: finished ? 'final' : 'open',
    closedReason: finished ? `finished: Samsung's summary shows nothing processing (${summary.downloaded ?? '?'} downloaded, ${summary.failed ?? '?'} failed)` : null,
  };
}

/** Replaces one update of a batch's history in the store (the history must exist). */
export async function storeUpdate(store: HistoryStore, batchId: string, forceUpdateId: string, change: (u: TrackedUpdate) => TrackedUpdate): Promise<TrackedUpdate | null> {
  let result: TrackedUpdate | null = null;
  await store.update(
    batchId,
    () => {
      throw new Error(`no history for batch ${batchId}`);
    },
    (h) => ({
      ...h,
      updates: h.updates.map((u) => {
        if (u.forceUpdateId !== forceUpdateId) return u;
        result = change(u);
        return result;
      }),
    }),
  );
  return result;
}

/** One id to refresh. */
export interface RefreshTarget {
  readonly batchId: string;
  readonly forceUpdateId: string;
}

/** What happened to one id. */
export type RefreshOutcome = 'refreshed' | 'final' | 'expired' | 'failed' | 'deferred' | 'skipped';

/** A refresh's progress, for the window and the CLI. */
export interface RefreshEvent {
  readonly batchId: string;
  readonly forceUpdateId: string;
  readonly outcome: RefreshOutcome;
  readonly message: string | null;
  /** a failed refresh: the operation that failed and its FUD code (or error family) */
  readonly failure?: { readonly operation: string; readonly code: string };
}

/** What a run of refreshes did. */
export interface RefreshReport {
  readonly events: readonly RefreshEvent[];
  /** ids left for later because of the rate limit */
  readonly deferred: number;
  /** the credentials were refused: the run stopped there */
  readonly authFailed: boolean;
}

/** How a run of refreshes is made. */
export interface RefreshRunOptions {
  readonly store: HistoryStore;
  readonly client: RefreshClient;
  readonly clock: Clock;
  readonly rate: RateWindow;
  /** waits when the rate limit is reached (the CLI sleeps); null defers the rest instead (the scheduler) */
  readonly wait: ((ms: number) => Promise<void>) | null;
  readonly onEvent?: (event: RefreshEvent) => void;
  /** stop asked (Ctrl+C, the app closing): the ids not yet refreshed are left */
  readonly stopped?: () => boolean;
}

/** Refreshes ids one after another within the rate limit; ids past their expiry are closed without a call. */
export async function refreshTargets(targets: readonly RefreshTarget[], o: RefreshRunOptions): Promise<RefreshReport> {
  const events: RefreshEvent[] = [];
  let deferred = 0;
  const emit = (e: RefreshEvent): void => {
    events.push(e);
    o.onEvent?.(e);
  };
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as RefreshTarget;
    if (o.stopped?.()) {
      deferred += targets.length - i;
      break;
    }
    const current = o.store.get(t.batchId)?.updates.find((u) => u.forceUpdateId === t.forceUpdateId) ?? null;
    if (!current || current.status !== 'open') {
      emit({ ...t, outcome: 'skipped', message: current ? `not open (${current.status})` : 'not tracked' });
      continue;
    }
    if (isPastExpiry(current, o.clock.now())) {
      await storeUpdate(o.store, t.batchId, t.forceUpdateId, (u) => (u.status === 'open' ? expireByDate(u) : u));
      emit({ ...t, outcome: 'expired', message: `expired on ${current.expiresAt}` });
      continue;
    }
    if (!o.rate.take(o.clock.now())) {
      if (o.wait === null) {
        deferred++;
        emit({ ...t, outcome: 'deferred', message: 'rate limit reached' });
        continue;
      }
      await o.wait(Math.max(0, o.rate.nextFreeAt(o.clock.now()) - o.clock.now()));
      if (!o.rate.take(o.clock.now())) {
        deferred += targets.length - i;
        break;
      }
    }
    const fetched = await fetchUpdate(o.client, t.forceUpdateId);
    const now = o.clock.now();
    const stored = await storeUpdate(o.store, t.batchId, t.forceUpdateId, (u) => applyFetch(u, fetched, now));
    if (!fetched.ok) {
      const gone = stored?.status === 'expired';
      const operation = isEfotaError(fetched.error) ? fetched.error.operation : 'refresh';
      emit({ ...t, outcome: gone ? 'expired' : 'failed', message: gone ? stored.closedReason : errorText(fetched.error), failure: { operation, code: errorCode(fetched.error) } });
      if (isEfotaError(fetched.error) && fetched.error.type === 'auth') return { events, deferred: deferred + targets.length - i - 1, authFailed: true };
      continue;
    }
    emit({ ...t, outcome: stored?.status === 'final' ? 'final' : 'refreshed', message: stored?.detail?.understood === false ? stored.detail.note : null });
  }
  return { events, deferred, authFailed: false };
}
