// `fota abnormal <serial...>`: which devices are not enrolled or are blocked (abnormalDeviceList).
import { operationCommand } from '../output.ts';
import type { AbnormalDeviceList } from '../../efota/types.ts';

function human(result: AbnormalDeviceList, asked: number): string {
  const listed = result.categories.reduce((n, c) => n + c.serials.length, 0);
  if (listed === 0) return `None of the ${asked} device(s) is reported abnormal: all are enrolled and have a licence seat.`;
  const lines = [`${listed} of ${asked} device(s) reported abnormal:`];
  for (const category of result.categories) {
    lines.push(`  ${category.title || '(no title)'} (${category.serials.length}):`);
    for (const serial of category.serials) lines.push(`    ${serial}`);
  }
  lines.push('Leave these devices out of a force update, or fix their enrolment first.');
  return lines.join('\n');
}

/** `fota abnormal` */
export const command = operationCommand({
  name: 'abnormal',
  summary: 'check which devices are not enrolled or blocked (abnormalDeviceList)',
  help: `fota abnormal — ask Samsung which of these devices cannot be updated, and why

Usage: fota abnormal <serial> [<serial> …] [connection flags] [--json]

Up to 100 serial numbers per call. Devices that are enrolled and healthy are not listed; each
abnormal device is listed under Samsung's category, e.g. "Not Enrolled" or "Blocked, Insufficient
License" (other titles are shown as Samsung sends them).`,
  operation: 'abnormalDeviceList',
  positionals: { min: 1, max: Number.POSITIVE_INFINITY, what: 'at least one serial number' },
  call: (client, input) => client.abnormalDeviceList(input.positionals),
  human: (result, input) => human(result, input.positionals.length),
});
