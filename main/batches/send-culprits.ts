// FUD_3031 ("device(s) not registered to the licence") refuses a whole forceUpdate call for the sake
// of one bad serial. The Sender asks abnormalDeviceList which serials are to blame; the admin then
// re-plans the call without them — or, when Samsung names none, sends it in halves to narrow it down.
import { flattenAbnormal } from '../../common/batch/exclusions.ts';
import type { PlannedCall } from '../../common/batch/plan.ts';
import type { AbnormalDeviceList } from '../efota/types.ts';
import type { Culprit } from './journal-records.ts';
import { retryRead, type RetryEnv } from './retry-run.ts';

/** The FUD code that triggers the culprit search. */
export const FUD_NOT_REGISTERED = 'FUD_3031';

/** Asks abnormalDeviceList about a call's serials; returns those it reports (in the call's order). */
export async function findCulprits(
  serials: readonly string[],
  client: { abnormalDeviceList(serials: readonly string[]): Promise<AbnormalDeviceList> },
  retry: RetryEnv,
): Promise<Culprit[]> {
  const answer = await retryRead('abnormalDeviceList', () => client.abnormalDeviceList(serials), retry);
  const reported = new Map(flattenAbnormal(answer.categories).map((a) => [a.serial.toUpperCase(), a.category]));
  return serials.flatMap((serial) => {
    const category = reported.get(serial.toUpperCase());
    return category === undefined ? [] : [{ serial, category }];
  });
}

/** A re-plan of one rejected call. */
export interface Replan {
  readonly mode: 'without' | 'halves';
  /** serials left out (the culprits; none when halving) */
  readonly removed: readonly string[];
  readonly calls: readonly PlannedCall[];
}

/** Why a call cannot be re-planned. */
export class ReplanError extends Error {
  override readonly name = 'ReplanError';
}

/**
 * Re-plans a call rejected with FUD_3031: without the culprits when some are known, else in two
 * halves. New ids extend the old one (`#3` → `#3.r`, `#3.1`, `#3.2`), so the journal shows the lineage.
 */
export function replanCall(call: PlannedCall, culprits: readonly Culprit[]): Replan {
  if (call.operation !== 'forceUpdate') throw new ReplanError(`${call.id} is a ${call.operation} call; only forceUpdate calls are re-planned.`);
  if (culprits.length > 0) {
    const bad = new Set(culprits.map((c) => c.serial.toUpperCase()));
    const kept = call.serials.filter((s) => !bad.has(s.toUpperCase()));
    const removed = call.serials.filter((s) => bad.has(s.toUpperCase()));
    return { mode: 'without', removed, calls: kept.length === 0 ? [] : [{ ...call, id: `${call.id}.r`, serials: kept, pilot: false }] };
  }
  if (call.serials.length < 2) {
    throw new ReplanError(`${call.id} has a single device (${call.serials.join('')}), so Samsung's FUD_3031 is about it: exclude it from the batch instead.`);
  }
  const half = Math.ceil(call.serials.length / 2);
  return {
    mode: 'halves',
    removed: [],
    calls: [
      { ...call, id: `${call.id}.1`, serials: call.serials.slice(0, half), pilot: false },
      { ...call, id: `${call.id}.2`, serials: call.serials.slice(half), pilot: false },
    ],
  };
}
