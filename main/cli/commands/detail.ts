// `fota detail <forceUpdateId>`: per-device state of one force update (forceUpdateDetail). Samsung
// never published this answer's schema, so it is shown as read: the devices found by shape, then the
// values and each list as they came.
import { operationCommand } from '../output.ts';
import type { ForceUpdateDetail } from '../../efota/types.ts';

function human(d: ForceUpdateDetail, id: string): string {
  const lines = [`Force update ${id} — detail (<${d.root}>)`];
  if (!d.understood) lines.push(`  ${d.note}`);
  if (d.devices.length > 0) lines.push(`  devices (${d.devices.length}):`);
  for (const device of d.devices) {
    const why = device.reason ? (device.state === 'unknown' ? ` (${device.reason})` : ` — ${device.reason}`) : '';
    lines.push(`    ${device.serial}  ${device.state}${why}`);
  }
  for (const [name, value] of Object.entries(d.scalars)) lines.push(`  ${name}: ${value}`);
  const lists = Object.entries(d.lists);
  if (lists.length === 0 && Object.keys(d.scalars).length === 0) lines.push('  (the answer holds no values)');
  for (const [name, records] of lists) {
    lines.push(`  ${name} (${records.length}):`);
    for (const record of records) {
      lines.push(`    ${Object.entries(record).map(([k, v]) => `${k}=${v}`).join('  ')}`);
    }
  }
  lines.push('Devices that downloaded the firmware are not listed by Samsung. --json includes the raw XML.');
  return lines.join('\n');
}

/** `fota detail` */
export const command = operationCommand({
  name: 'detail',
  summary: 'list devices still processing or failed in a force update (forceUpdateDetail)',
  help: `fota detail — list the devices of a force update that are still processing or failed, with reasons

Usage: fota detail <forceUpdateId> [connection flags] [--json]

Samsung never published the layout of this answer, so FOTA Desk reads it by shape, under any root
element: each device found by its serial number, with its state (processing, failed, downloaded, or
'unknown (detail not understood)') and reason; then the values and lists as they came. --json gives
{ root, devices, understood, note, scalars, lists, raw } with the raw XML.`,
  operation: 'forceUpdateDetail',
  positionals: { min: 1, max: 1, what: 'the forceUpdateId' },
  call: (client, input) => client.forceUpdateDetail(input.positionals[0] ?? ''),
  human: (d, input) => human(d, (input.positionals[0] ?? '').trim()),
});
