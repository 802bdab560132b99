// "New batch from: failed | unknown | not downloaded after N days": a draft batch holding exactly
// those devices of a batch's results, with the same targets as were sent (`Latest` stays `Latest`,
// a pinned firmware stays that firmware) and the same network setting. Nothing is sent: the draft
// goes through the usual plan, dry run and confirmation.
import { BATCH_SCHEMA_VERSION, groupKey, type Batch, type BatchDevice, type BatchGroup, type Stamp, type TargetSource } from '../../common/batch/model.ts';
import type { BatchHistory } from '../store/history/history-model.ts';
import { batchResults, type DeviceRow } from './results.ts';

/** Which devices a retry batch takes. */
export type RetryFrom = 'failed' | 'unknown' | 'not-downloaded';

/** The choices of `--from`. */
export const RETRY_FROM: readonly RetryFrom[] = ['failed', 'unknown', 'not-downloaded'];

/** Default N of "not downloaded after N days". */
export const DEFAULT_RETRY_DAYS = 7;

const DAY = 24 * 60 * 60 * 1000;

/** The rows a retry takes: failed or unknown devices, or devices of ids sent ≥ `days` ago that have not downloaded. */
export function selectForRetry(rows: readonly DeviceRow[], from: RetryFrom, options: { readonly now: number; readonly days?: number }): DeviceRow[] {
  switch (from) {
    case 'failed':
      return rows.filter((r) => r.state === 'failed');
    case 'unknown':
      return rows.filter((r) => r.state === 'unknown');
    case 'not-downloaded': {
      const days = options.days ?? DEFAULT_RETRY_DAYS;
      return rows.filter((r) => r.forceUpdateId !== null && r.sentAt !== null && r.state !== 'downloaded' && options.now - Date.parse(r.sentAt) >= days * DAY);
    }
  }
}

/** What a retry batch is made from. */
export interface RetryInput {
  readonly history: BatchHistory;
  /** the original batch, when it still exists (its device details and group settings are reused) */
  readonly source: Batch | null;
  readonly from: RetryFrom;
  readonly days?: number;
  readonly id: string;
  readonly name: string;
  readonly stamp: Stamp;
  readonly now: number;
}

/** The draft, and the rows it took (empty: nothing to retry). */
export interface RetryDraft {
  readonly batch: Batch | null;
  readonly rows: readonly DeviceRow[];
}

function targetSourceOf(target: string, group: BatchGroup | undefined): TargetSource {
  if (target.toLowerCase() === 'latest') return 'latest';
  if (group && (group.target === target || group.pinnedTarget === target) && group.targetSource !== 'latest') return group.targetSource;
  return 'typed';
}

/** Builds the draft batch of a retry (not stored). */
export function buildRetryBatch(input: RetryInput): RetryDraft {
  const { history, source } = input;
  const rows = selectForRetry(batchResults(history), input.from, { now: input.now, ...(input.days !== undefined ? { days: input.days } : {}) });
  if (rows.length === 0) return { batch: null, rows };
  const sourceDevices = new Map((source?.devices ?? []).map((d) => [d.serial, d]));
  const sourceGroups = new Map((source?.groups ?? []).map((g) => [groupKey(g.model, g.salesCode), g]));
  const updates = new Map(history.updates.map((u) => [u.forceUpdateId, u]));
  const devices: BatchDevice[] = rows.map((r) => {
    const known = sourceDevices.get(r.serial);
    return known && known.model === r.model && known.salesCode === r.salesCode ? known : { serial: r.serial, model: r.model, salesCode: r.salesCode };
  });
  // One group per (model, sales code), with the target of its most recent send.
  const groups = new Map<string, BatchGroup>();
  for (const r of [...rows].sort((a, b) => (a.at < b.at ? -1 : 1))) {
    const key = groupKey(r.model, r.salesCode);
    const original = sourceGroups.get(key);
    const sentNetwork = r.forceUpdateId ? updates.get(r.forceUpdateId)?.network ?? null : null;
    const network = sentNetwork ?? (original?.mode.kind === 'immediate' ? original.mode.network : 'WIFIONLY');
    groups.set(key, { model: r.model, salesCode: r.salesCode, target: r.target, targetSource: targetSourceOf(r.target, original), mode: { kind: 'immediate', network } });
  }
  const what = input.from === 'not-downloaded' ? `devices not downloaded after ${input.days ?? DEFAULT_RETRY_DAYS} days` : `${input.from} devices`;
  const batch: Batch = {
    schemaVersion: BATCH_SCHEMA_VERSION,
    id: input.id,
    name: input.name,
    notes: `Retry of batch '${history.batchName}' (${history.batchId}): its ${what} (${rows.length}), with the same targets as sent. Created ${input.stamp.at}.`.slice(0, 2000),
    customerId: history.customerId,
    created: input.stamp,
    edited: input.stamp,
    sources: [],
    devices,
    excluded: [],
    groups: [...groups.values()],
    pilot: null,
    abnormalCheck: null,
    takenBack: [],
    handoff: null,
  };
  return { batch, rows };
}
