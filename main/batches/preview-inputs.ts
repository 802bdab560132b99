// Gathers what the dry run needs — the stored batch, the last known licence, the online
// abnormal-device check (through an injected client), the batch's earlier sends and the open pushes
// that hold devices back — and builds the preview of exactly what the next send will do.
import type { Clock } from '../../common/clock.ts';
import { applyAbnormalCheck, flattenAbnormal, serialsToCheck, type AbnormalCheckOutcome } from '../../common/batch/exclusions.ts';
import type { AbnormalSerial, Batch } from '../../common/batch/model.ts';
import { MAX_SERIALS_PER_CALL, type Plan } from '../../common/batch/plan.ts';
import { previewBatch, type AbnormalRun, type LicenseFacts, type Preview } from '../../common/batch/preview.ts';
import type { IncludeOpen } from '../../common/batch/send-summary.ts';
import type { UtcOffset } from '../../common/batch/time-text.ts';
import type { AbnormalDeviceList } from '../efota/types.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';
import { PRACTICE_MIN_WINDOW_DAYS } from '../practice/practice-profile.ts';
import { adoptionNotice, type FleetAdopter, type FleetAdoption } from '../practice/practice-fleet.ts';
import { isPracticeCustomer } from './track.ts';
import { journalDir } from './journal.ts';
import type { OpenPushLookup } from './open-pushes.ts';
import { nextSend, readBatchJournals } from './send-plan.ts';

/** The one client call the check needs (the E-FOTA client, or anything that answers like it). */
export interface AbnormalSource {
  abnormalDeviceList(serials: readonly string[]): Promise<AbnormalDeviceList>;
}

/** Calls abnormalDeviceList at once at most; Samsung documents no rate limit, so stay modest. */
export const ABNORMAL_CHECK_CONCURRENCY = 4;

/**
 * Asks abnormalDeviceList about every serial, ≤100 per call. All-or-nothing: a partial answer
 * could re-include a device a failed call would have reported, so any failure throws.
 */
export async function checkAbnormal(serials: readonly string[], source: AbnormalSource, onProgress?: (done: number, total: number) => void): Promise<AbnormalSerial[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < serials.length; i += MAX_SERIALS_PER_CALL) chunks.push(serials.slice(i, i + MAX_SERIALS_PER_CALL));
  const answers: AbnormalDeviceList[] = new Array<AbnormalDeviceList>(chunks.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const index = next++;
      answers[index] = await source.abnormalDeviceList(chunks[index] ?? []);
      onProgress?.((done += 1), chunks.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ABNORMAL_CHECK_CONCURRENCY, chunks.length) }, worker));
  return flattenAbnormal(answers.flatMap((a) => a.categories));
}

/**
 * How the dry run may reach the tenant: a client, or why not (offline, not logged in…). Online to the
 * in-process practice tenant, `practiceFleet` takes in the devices it does not know first.
 */
export type DryRunConnection = { readonly kind: 'online'; readonly source: AbnormalSource; readonly practiceFleet?: FleetAdopter | null } | { readonly kind: 'offline'; readonly reason: string };

/** Inputs of a dry run. */
export interface DryRunInput {
  readonly store: BatchStore;
  readonly batchId: string;
  readonly license: LicenseFacts | null;
  readonly connection: DryRunConnection;
  /** the data folder whose journals tell what earlier sends of the batch did */
  readonly dataDir: string;
  /** open pushes anywhere in the data folder: their devices are held back */
  readonly openPushes: OpenPushLookup;
  /** devices with an open push the admin includes anyway */
  readonly include: IncludeOpen;
  readonly clock: Clock;
  readonly utcOffset?: UtcOffset;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A dry run: the preview, and what the abnormal check changed (stored with the batch). */
export interface DryRun {
  readonly batch: Batch;
  /** the calls the next send makes (an unfinished send's remaining calls; held-back devices left out) */
  readonly plan: Plan;
  readonly preview: Preview;
  readonly check: AbnormalCheckOutcome | null;
  /** what the practice tenant took in from the batch's list (null for a real tenant) */
  readonly practice: FleetAdoption | null;
}

/** Runs the dry run of a stored batch; online, applies the abnormal check to the stored batch first. */
export async function dryRun(input: DryRunInput): Promise<DryRun> {
  let batch = input.store.get(input.batchId);
  if (!batch) throw new Error(`batch ${input.batchId} disappeared from the store`);
  let run: AbnormalRun = input.connection.kind === 'offline' ? { kind: 'skipped', reason: input.connection.reason } : { kind: 'skipped', reason: 'no serials' };
  let check: AbnormalCheckOutcome | null = null;
  let practice: FleetAdoption | null = null;
  if (input.connection.kind === 'online' && batch.devices.length > 0) {
    try {
      // Practice only: the admin's own list gets enrolled before the check would report it Not Enrolled.
      const adopter = input.connection.practiceFleet;
      if (adopter && isPracticeCustomer(batch.customerId)) practice = await adopter.adopt(batch.devices);
      const serials = serialsToCheck(batch);
      const reported = await checkAbnormal(serials, input.connection.source, input.onProgress);
      const at = new Date(input.clock.now()).toISOString();
      // Applied to the batch as stored now (another window may have edited it meanwhile).
      const holder: { outcome?: AbnormalCheckOutcome } = {};
      batch = await input.store.update(batch.id, (current) => {
        holder.outcome = applyAbnormalCheck(current, reported, serialsToCheck(current).length, at);
        return holder.outcome.batch;
      });
      check = holder.outcome ?? null;
      run = { kind: 'ran', newlyExcluded: check?.newlyExcluded.length ?? 0, restored: check?.restored.length ?? 0 };
    } catch (error) {
      run = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }
  // The same reading of the journals and the same hold-back as the send: the numbers agree.
  const next = nextSend(batch, readBatchJournals(journalDir(input.dataDir), batch.id, batch.customerId), input.openPushes, input.include);
  const plan = next.plan;
  const previewed = previewBatch({
    batch,
    plan,
    license: input.license,
    abnormalRun: run,
    summary: next.summary,
    clock: input.clock,
    ...(input.utcOffset ? { utcOffset: input.utcOffset } : {}),
    ...(isPracticeCustomer(batch.customerId) ? { practiceServer: { minWindowDays: PRACTICE_MIN_WINDOW_DAYS } } : {}),
  });
  const notice = practice ? adoptionNotice(practice) : null;
  const preview = notice === null ? previewed : { ...previewed, findings: [...previewed.findings, { element: 'serialNumber', value: '', severity: 'warning' as const, fud: null, message: notice, where: 'practice' }], warnings: previewed.warnings + 1 };
  return { batch, plan, preview, check, practice };
}

/** Reads the licence fact the profile store keeps (a licenseInfo result as JSON) into LicenceFacts. */
export function licenseFactsFrom(fact: { readonly at: string; readonly value: unknown } | null): LicenseFacts | null {
  if (!fact || typeof fact.value !== 'object' || fact.value === null) return null;
  const v = fact.value as Record<string, unknown>;
  const text = (key: string): string | null => (typeof v[key] === 'string' ? (v[key] as string) : null);
  return {
    licenseStatus: text('licenseStatus'),
    licenseType: text('licenseType'),
    activePeriod: text('activePeriod'),
    purchasedQuantity: text('purchasedQuantity'),
    remainingQuantity: text('remainingQuantity'),
    fetchedAt: fact.at,
  };
}
