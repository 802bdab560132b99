// How each device of a forced update gets on, decided once per (ID, serial) by a hash so the same
// run always plays out the same way; the clock only decides how far along it is.
import { unitHash } from './random.ts';
import type { SimulatorSwitches } from './switches.ts';

/** Where a device ends up and when (the state is `processing` until `finishesAt`). */
export type DeviceOutcome =
  | { state: 'success'; finishesAt: number }
  | { state: 'failed'; reason: string; finishesAt: number };

/** The failure reasons a device may report (plausible texts; the real ones are undocumented). */
export const FAILURE_REASONS: readonly string[] = [
  'Download failed: network connection lost',
  'Download failed: not enough storage on the device',
  'Download cancelled on the device',
  'Device did not connect during the push window',
];

/** Reason given to a device that already has the target or a newer version (E-FOTA never downgrades). */
export const NOT_NEWER_REASON = 'Device already has this or a newer firmware version';

const MINUTE = 60_000;

/** The progress switches a force update was pushed with. */
export type ProgressPlan = Pick<SimulatorSwitches, 'progressMinMinutes' | 'progressMaxMinutes' | 'progressFailureRate'>;

/**
 * How much progress time has passed for a force update since it was created (default: the clock's
 * time). The practice clock speeds it up, or finishes a force update at once.
 */
export interface ProgressPace {
  elapsed(fu: { readonly forceUpdateId: string; readonly createdAt: number }, now: number): number;
}

/** The fate of one device in one force update. */
export function deviceOutcome(
  fu: { forceUpdateId: string; createdAt: number; networkType: 'ANY' | 'WIFIONLY'; notNewer: readonly string[]; plan: ProgressPlan },
  serial: string,
): DeviceOutcome {
  if (fu.notNewer.includes(serial)) return { state: 'failed', reason: NOT_NEWER_REASON, finishesAt: fu.createdAt + MINUTE };
  const { progressMinMinutes: min, progressMaxMinutes: max, progressFailureRate: rate } = fu.plan;
  let minutes = min + Math.floor(unitHash(`${fu.forceUpdateId}/${serial}/time`) * (max - min + 1));
  // A WIFIONLY push waits until the device reaches Wi-Fi, so it is slower on average.
  if (fu.networkType === 'WIFIONLY' && unitHash(`${fu.forceUpdateId}/${serial}/cellular`) < 0.3) minutes += max - min;
  const finishesAt = fu.createdAt + minutes * MINUTE;
  const roll = unitHash(`${fu.forceUpdateId}/${serial}/fail`);
  if (roll < rate) {
    const reason = FAILURE_REASONS[Math.floor(unitHash(`${serial}/${fu.forceUpdateId}/reason`) * FAILURE_REASONS.length)] ?? FAILURE_REASONS[0] ?? 'Download failed';
    return { state: 'failed', reason, finishesAt };
  }
  return { state: 'success', finishesAt };
}
