// A stored batch as the window shows it: groups with their counts and scope in words, the Excluded
// list (capped), and the E-FOTA rules applied now. Pure apart from the clock the rules read.
import type { Clock } from '../../common/clock.ts';
import { checkBatch } from '../../common/batch/check.ts';
import { groupKey, type Batch } from '../../common/batch/model.ts';
import { describeScope, serialsByGroup } from '../../common/batch/plan.ts';
import { MAX_EXCLUDED_SHOWN, type BatchGroupView, type BatchSendState, type BatchSummaryView, type BatchView } from '../../common/contract.ts';
import { isPracticeCustomer } from '../batches/track.ts';

/** What a view needs to know besides the batch. */
export interface BatchViewContext {
  /** the active profile's customer ID */
  readonly activeCustomerId: string;
  readonly sendState: BatchSendState;
  readonly clock: Clock;
}

function groups(batch: Batch): BatchGroupView[] {
  const sending = serialsByGroup(batch);
  const all = new Map<string, string[]>();
  const excluded = new Map<string, number>();
  for (const d of batch.devices) {
    const key = groupKey(d.model, d.salesCode);
    const list = all.get(key);
    if (list) list.push(d.serial);
    else all.set(key, [d.serial]);
  }
  for (const x of batch.excluded) excluded.set(groupKey(x.model, x.salesCode), (excluded.get(groupKey(x.model, x.salesCode)) ?? 0) + 1);
  return batch.groups.map((g) => {
    const key = groupKey(g.model, g.salesCode);
    const serials = all.get(key) ?? [];
    return {
      key,
      model: g.model,
      salesCode: g.salesCode,
      devices: serials.length,
      excluded: excluded.get(key) ?? 0,
      target: g.target,
      targetSource: g.targetSource,
      pinnedTarget: g.pinnedTarget ?? null,
      network: g.mode.kind === 'immediate' ? g.mode.network : 'WIFIONLY',
      schedule: g.mode.kind === 'scheduled' ? { groupId: g.mode.groupId, window: g.mode.window } : null,
      scope: describeScope(g, (sending.get(key) ?? []).length),
      sample: serials.slice(0, 5),
    };
  });
}

/** The builder's view of a batch. */
export function batchView(batch: Batch, ctx: BatchViewContext): BatchView {
  return {
    id: batch.id,
    name: batch.name,
    notes: batch.notes,
    customerId: batch.customerId,
    activeTenant: batch.customerId === ctx.activeCustomerId,
    practice: isPracticeCustomer(batch.customerId),
    created: batch.created,
    edited: batch.edited,
    sources: batch.sources,
    handoff: batch.handoff,
    devices: batch.devices.length,
    groups: groups(batch),
    pilot: batch.pilot,
    excluded: batch.excluded.slice(0, MAX_EXCLUDED_SHOWN),
    excludedTotal: batch.excluded.length,
    abnormalCheck: batch.abnormalCheck,
    findings: checkBatch(batch, ctx.clock),
    sendState: ctx.sendState,
  };
}

/** The list's view of a batch. */
export function batchSummary(batch: Batch, ctx: Omit<BatchViewContext, 'clock'> & { readonly lastSentAt: string | null }): BatchSummaryView {
  return {
    id: batch.id,
    name: batch.name,
    customerId: batch.customerId,
    activeTenant: batch.customerId === ctx.activeCustomerId,
    practice: isPracticeCustomer(batch.customerId),
    created: batch.created,
    edited: batch.edited,
    devices: batch.devices.length,
    excluded: batch.excluded.length,
    groups: batch.groups.length,
    handoff: batch.handoff,
    sendState: ctx.sendState,
    lastSentAt: ctx.lastSentAt,
  };
}
