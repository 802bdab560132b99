// The device list of one call (forceUpdate, abnormalDeviceList): 1–100 serials (FUD_1018), each
// checked like any serial, plus duplicates, which Samsung does not document (docs/efota-api.md §6.6).
import type { Finding } from './finding.ts';
import { checkElement, normaliseElement } from './rules.ts';
import { finding, quote } from './finding-words.ts';

/** Samsung's limit of devices per call (FU, ERR 1018). */
export const MAX_SERIALS_PER_CALL = 100;

/** Checks the serial list of one call: count, each serial, then duplicates (warnings). */
export function checkSerialList(serials: readonly (string | undefined)[]): Finding[] {
  const out: Finding[] = [];
  if (serials.length === 0) {
    out.push(finding('serialNumber', '', 'error', 'FUD_1018', 'No serial numbers: each call must carry 1 to 100 devices. Add the serials of the devices to update.'));
    return out;
  }
  if (serials.length > MAX_SERIALS_PER_CALL) {
    out.push(
      finding('serialNumber', '', 'error', 'FUD_1018',
        `${serials.length} serial numbers in one call; Samsung accepts at most ${MAX_SERIALS_PER_CALL}. Split the devices into calls of ${MAX_SERIALS_PER_CALL} or fewer.`),
    );
  }
  const seen = new Map<string, number>();
  serials.forEach((raw, index) => {
    const serial = raw === undefined ? '' : normaliseElement('serialNumber', raw);
    if (serial === '') {
      out.push(finding('serialNumber', '', 'error', 'FUD_1018', `Entry ${index + 1} of ${serials.length} in the serial list is empty. Remove it or enter the device's serial number.`));
      return;
    }
    out.push(...checkElement('serialNumber', serial));
    seen.set(serial, (seen.get(serial) ?? 0) + 1);
  });
  for (const [serial, count] of seen) {
    if (count > 1) {
      out.push(
        finding('serialNumber', serial, 'warning', null,
          `Serial ${quote(serial)} appears ${count} times in this call. Samsung does not document what it does with duplicates (it may refuse the call or count the device twice); send each serial once.`),
      );
    }
  }
  return out;
}

/** The serials of a list with duplicates removed, normalised, in first-seen order (empty entries dropped). */
export function uniqueSerials(serials: readonly string[]): string[] {
  return [...new Set(serials.map((s) => normaliseElement('serialNumber', s)).filter((s) => s !== ''))];
}
