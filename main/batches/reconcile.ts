// Per-device reconciliation: the serials a call submitted, against what forceUpdateDetail lists and
// what forceUpdateSummary counts. Detail lists only the devices still processing and those that
// failed, so a device it does not list is `downloaded` ONLY when the summary's counts add up to
// exactly that; anything that does not add up is `unknown`, never success. Pure.
import type { DeviceResult, DeviceState, SummarySnapshot } from '../store/history/history-model.ts';
import { NOT_UNDERSTOOD, type DetailReading } from './reconcile-detail.ts';

/** The reason given to every device of an answer the parser does not understand. */
export { NOT_UNDERSTOOD };

/** What a reconciliation found. */
export interface Reconciliation {
  readonly devices: DeviceResult[];
  /** true when the summary's counts account for every unlisted device */
  readonly consistent: boolean;
  /** in words, for the history */
  readonly note: string;
}

function countsText(s: SummarySnapshot): string {
  return `${s.processing ?? '?'} processing, ${s.downloaded ?? '?'} downloaded, ${s.failed ?? '?'} failed`;
}

/**
 * Works out each device's state. A previous `downloaded` or `failed` is kept when the new answer
 * cannot be read (a download does not un-happen); `since` is kept while a state does not change.
 */
export function reconcile(input: {
  readonly serials: readonly string[];
  readonly previous: readonly DeviceResult[];
  readonly summary: SummarySnapshot;
  readonly reading: DetailReading;
  readonly at: string;
}): Reconciliation {
  const { serials, summary, reading, at } = input;
  const previous = new Map(input.previous.map((d) => [d.serial, d]));
  let processing = 0;
  let failed = 0;
  let explicit = 0;
  const unlisted: string[] = [];
  for (const serial of serials) {
    const listed = reading.devices.get(serial.toUpperCase());
    if (!listed) unlisted.push(serial);
    else if (listed.state === 'processing') processing++;
    else if (listed.state === 'failed') failed++;
    else if (listed.state === 'downloaded') explicit++;
  }
  const consistent =
    reading.understood &&
    summary.processing === processing &&
    summary.failed === failed &&
    summary.downloaded === explicit + unlisted.length;

  const devices = serials.map((serial): DeviceResult => {
    let state: DeviceState;
    let reason: string | null = null;
    const listed = reading.devices.get(serial.toUpperCase());
    if (!reading.understood) {
      state = 'unknown';
      reason = NOT_UNDERSTOOD;
    } else if (listed && listed.state !== null) {
      state = listed.state;
      reason = listed.state === 'failed' ? listed.reason : null;
    } else if (listed) {
      state = 'unknown';
      reason = `listed in the detail (${listed.where}) in a way FOTA Desk does not understand${listed.reason ? `: ${listed.reason}` : ''}`;
    } else if (consistent) {
      state = 'downloaded';
    } else {
      state = 'unknown';
      reason = `not listed in the detail, and the summary (${countsText(summary)}) does not account for it`;
    }
    const before = previous.get(serial);
    if (state === 'unknown' && before && (before.state === 'downloaded' || before.state === 'failed')) return before;
    const since = before && before.state === state && before.reason === reason ? before.since : at;
    return { serial, state, reason, since };
  });
  const note = !reading.understood
    ? reading.note
    : consistent
      ? `${reading.note}; the summary (${countsText(summary)}) accounts for every device`
      : `${reading.note}; the summary (${countsText(summary)}) does not match the detail (${processing} processing, ${failed} failed listed, ${unlisted.length} not listed): unlisted devices stay unknown`;
  return { devices, consistent, note };
}
