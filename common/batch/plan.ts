// Turns a batch into the exact calls that will be sent. Pure and deterministic: the same batch
// always gives the same calls with the same ids, so a send journal can refer to them.
import { groupKey, type Batch, type BatchGroup, type DeliveryWindow } from './model.ts';

/** At most this many serials per forceUpdate call (docs/efota-api.md §2.6). */
export const MAX_SERIALS_PER_CALL = 100;

/** One call the sender will make. */
export interface PlannedCall {
  /** stable id within the plan: `<model>/<salesCode>#<n>` (n from 1) */
  readonly id: string;
  readonly operation: 'forceUpdate' | 'serverInit';
  readonly groupKey: string;
  readonly model: string;
  readonly salesCode: string;
  /** the target as it will be sent (a pinned firmware replaces `Latest`) */
  readonly target: string;
  /** forceUpdate only */
  readonly network?: 'WIFIONLY' | 'ANY';
  /** forceUpdate: the serials (1–100); serverInit: none (Samsung picks the group's devices) */
  readonly serials: readonly string[];
  /** serverInit only */
  readonly groupId?: string;
  readonly window?: DeliveryWindow;
  /** sent before the pilot pause */
  readonly pilot: boolean;
}

/** What one group will do, in numbers and words. */
export interface GroupPlan {
  readonly key: string;
  readonly model: string;
  readonly salesCode: string;
  readonly mode: 'immediate' | 'scheduled';
  readonly target: string;
  /** devices that will be sent (immediate) or were imported for information (scheduled) */
  readonly devices: number;
  readonly calls: number;
  /** the real scope, in words an admin reads before confirming */
  readonly scope: string;
}

/** The calls of a batch and their totals. */
export interface Plan {
  readonly calls: readonly PlannedCall[];
  readonly groups: readonly GroupPlan[];
  /** devices in immediate calls */
  readonly devices: number;
  readonly excluded: number;
  /** calls before the pilot pause (0 without a pilot) */
  readonly pilotCalls: number;
}

/** The words that say what a group's calls reach. */
export function describeScope(group: BatchGroup, devices: number): string {
  if (group.mode.kind === 'scheduled') {
    return `all devices of group ${group.mode.groupId} with model ${group.model} / carrier code ${group.salesCode}`;
  }
  return `${devices} listed device${devices === 1 ? '' : 's'} of model ${group.model} / sales code ${group.salesCode}`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Serials of the batch per group key, without excluded serials and without repeats, in import order. */
export function serialsByGroup(batch: Batch): Map<string, string[]> {
  const excluded = new Set(batch.excluded.map((d) => d.serial));
  const seen = new Set<string>();
  const byGroup = new Map<string, string[]>();
  for (const d of batch.devices) {
    if (excluded.has(d.serial) || seen.has(d.serial)) continue;
    seen.add(d.serial);
    const key = groupKey(d.model, d.salesCode);
    const list = byGroup.get(key);
    if (list) list.push(d.serial);
    else byGroup.set(key, [d.serial]);
  }
  return byGroup;
}

/** Splits a batch into calls in send order: ≤100 serials per forceUpdate, one serverInit per scheduled group. */
export function planBatch(batch: Batch): Plan {
  const byGroup = serialsByGroup(batch);
  const calls: PlannedCall[] = [];
  const groups: GroupPlan[] = [];
  let pilotQuota = batch.pilot?.kind === 'devices' ? batch.pilot.count : 0;
  let devices = 0;

  for (const group of batch.groups) {
    const key = groupKey(group.model, group.salesCode);
    const serials = byGroup.get(key) ?? [];
    const target = group.pinnedTarget ?? group.target;
    const base = { groupKey: key, model: group.model, salesCode: group.salesCode, target };
    let n = 0;
    const before = calls.length;
    if (group.mode.kind === 'scheduled') {
      // A scheduled push reaches a whole group at once, so it never belongs to a pilot.
      calls.push({ ...base, id: `${key}#${++n}`, operation: 'serverInit', serials: [], groupId: group.mode.groupId, window: group.mode.window, pilot: false });
    } else {
      const network = group.mode.network;
      let pilotPart: string[] = [];
      let rest = serials;
      if (batch.pilot?.kind === 'devices') {
        pilotPart = serials.slice(0, pilotQuota);
        rest = serials.slice(pilotPart.length);
        pilotQuota -= pilotPart.length;
      }
      for (const part of chunk(pilotPart, MAX_SERIALS_PER_CALL)) {
        calls.push({ ...base, id: `${key}#${++n}`, operation: 'forceUpdate', network, serials: part, pilot: true });
      }
      chunk(rest, MAX_SERIALS_PER_CALL).forEach((part, i) => {
        const pilot = batch.pilot?.kind === 'firstCallPerGroup' && i === 0;
        calls.push({ ...base, id: `${key}#${++n}`, operation: 'forceUpdate', network, serials: part, pilot });
      });
      devices += serials.length;
    }
    groups.push({
      key,
      model: group.model,
      salesCode: group.salesCode,
      mode: group.mode.kind,
      target,
      devices: serials.length,
      calls: calls.length - before,
      scope: describeScope(group, serials.length),
    });
  }
  // Send order: every pilot call first, so the pause comes after all of them.
  const ordered = [...calls.filter((c) => c.pilot), ...calls.filter((c) => !c.pilot)];
  return {
    calls: ordered,
    groups,
    devices,
    excluded: batch.excluded.length,
    pilotCalls: calls.filter((c) => c.pilot).length,
  };
}
