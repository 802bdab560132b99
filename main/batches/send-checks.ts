// The re-checks made at send time, because a batch may have been prepared days earlier on another
// workstation: the licence as Samsung reports it now, every schedule window against the clock now,
// and what `Latest` means now (resolved through firmwareList to a concrete firmware, shown, and
// pinned if the admin asks). Errors block the send before any call is made.
import type { Clock } from '../../common/clock.ts';
import type { BatchFinding } from '../../common/batch/check.ts';
import type { Batch } from '../../common/batch/model.ts';
import type { Plan, PlannedCall } from '../../common/batch/plan.ts';
import { previewBatch, type LicenseFacts } from '../../common/batch/preview.ts';
import type { SendSummary } from '../../common/batch/send-summary.ts';
import { FudError } from '../efota/errors.ts';
import type { FirmwareItem, FirmwareList, FirmwareListRequest, LicenseInfo } from '../efota/types.ts';
import { retryRead, type RetryEnv } from './retry-run.ts';

/** The read-only calls the re-checks make. */
export interface CheckClient {
  licenseInfo(): Promise<LicenseInfo>;
  firmwareList(request: FirmwareListRequest): Promise<FirmwareList>;
}

/** What `Latest` resolves to for one group right now. */
export interface LatestResolution {
  readonly groupKey: string;
  readonly model: string;
  readonly salesCode: string;
  /** the newest firmware firmwareList offers, or null when it offers none */
  readonly firmware: string | null;
  /** its description and publication, for the admin */
  readonly detail: string;
}

/** The outcome of the send-time re-checks. */
export interface SendChecks {
  /** the licence as Samsung reports it now; null when Samsung refused to say (its FUD code is a finding) */
  readonly license: LicenseInfo | null;
  /** licence, window and rule findings for the calls still to send (errors block) */
  readonly findings: readonly BatchFinding[];
  readonly latest: readonly LatestResolution[];
  /** true when no finding is an error */
  readonly sendable: boolean;
}

/** The newest entry of a firmware list: latest `openedDate`, the first listed on a tie. */
export function newestFirmware(items: readonly FirmwareItem[]): FirmwareItem | null {
  let best: FirmwareItem | null = null;
  for (const item of items) {
    const version = item.targetFirmwareVersion;
    if (!version || version === 'None') continue;
    if (!best || (item.openedDate ?? '') > (best.openedDate ?? '')) best = item;
  }
  return best;
}

/** Runs the re-checks for the calls still to send. */
export async function recheckAtSendTime(input: {
  readonly batch: Batch;
  readonly plan: Plan;
  /** calls that are not final yet */
  readonly open: readonly PlannedCall[];
  /** what the send will do: its held-back and included devices are warned about as in the dry run */
  readonly summary: SendSummary;
  readonly client: CheckClient;
  readonly clock: Clock;
  readonly retry: RetryEnv;
}): Promise<SendChecks> {
  const { batch, clock, client, retry } = input;
  const refusals: BatchFinding[] = [];
  let license: LicenseInfo | null = null;
  try {
    license = await retryRead('licenseInfo', () => client.licenseInfo(), retry);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    refusals.push({ where: 'licence', element: 'license', value: '', severity: 'error', fud: error.code, message: `Samsung refused licenseInfo with ${error.code}: ${error.fudCause} ${error.remedy}` });
  }
  const facts: LicenseFacts | null = license && {
    licenseStatus: license.licenseStatus,
    licenseType: license.licenseType,
    activePeriod: license.activePeriod,
    purchasedQuantity: license.purchasedQuantity,
    remainingQuantity: license.remainingQuantity,
    fetchedAt: new Date(clock.now()).toISOString(),
  };
  // The dry run's rules, fed with the licence as of now: every warning the dry run shows, except
  // those about groups that have nothing left to send.
  const preview = previewBatch({ batch, plan: input.plan, license: facts, abnormalRun: { kind: 'skipped', reason: 'not needed at send time' }, summary: input.summary, clock });
  const openGroups = new Set(input.open.map((c) => c.groupKey));
  const general = new Set(['batch', 'abnormal']);
  const findings = [...refusals, ...preview.findings.filter((f) => (f.where === 'licence' && facts !== null) || general.has(f.where) || openGroups.has(f.where))];
  // With an unusable licence Samsung refuses firmwareList too: there is nothing more to learn.
  if (findings.some((f) => f.where === 'licence' && f.severity === 'error')) return { license, findings, latest: [], sendable: false };

  const latest: LatestResolution[] = [];
  const seen = new Set<string>();
  for (const call of input.open) {
    if (call.target !== 'Latest' || seen.has(call.groupKey)) continue;
    seen.add(call.groupKey);
    let list: FirmwareList;
    try {
      list = await retryRead(`firmwareList ${call.groupKey}`, () => client.firmwareList({ model: call.model, salesCode: call.salesCode }), retry);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      findings.push({ where: call.groupKey, element: 'targetFirmwareVersion', value: 'Latest', severity: 'error', fud: error.code,
        message: `Samsung refused firmwareList for ${call.groupKey} with ${error.code}, so 'Latest' cannot be resolved and these calls would be refused too: ${error.fudCause} ${error.remedy}` });
      continue;
    }
    const newest = newestFirmware(list.items);
    latest.push({
      groupKey: call.groupKey,
      model: call.model,
      salesCode: call.salesCode,
      firmware: newest?.targetFirmwareVersion ?? null,
      detail: newest
        ? [newest.osVersion, newest.description, newest.openedDate ? `published ${newest.openedDate}` : null].filter(Boolean).join(', ')
        : 'firmwareList offers no firmware for this model and sales code now',
    });
  }
  for (const l of latest.filter((x) => x.firmware === null)) {
    findings.push({ where: l.groupKey, element: 'targetFirmwareVersion', value: 'Latest', severity: 'warning', fud: 'FUD_3015',
      message: `'Latest' resolves to nothing for ${l.groupKey} right now: firmwareList offers no firmware, so Samsung will probably refuse these calls (FUD_3015).` });
  }
  return { license, findings, latest, sendable: !findings.some((f) => f.severity === 'error') };
}

/** Samsung answered with a FUD code about the request (not a 5xx, which the retries already saw). */
function isRefusal(error: unknown): error is FudError {
  return error instanceof FudError && (error.httpStatus === null || error.httpStatus < 500);
}
