// `fota detail <forceUpdateId>`: per-device state of one force update (forceUpdateDetail). Samsung
// never published this answer's schema, so it is shown as read: values, then each list.
import { operationCommand } from '../output.ts';
import type { ForceUpdateDetail } from '../../efota/types.ts';

function human(d: ForceUpdateDetail, id: string): string {
  const lines = [`Force update ${id} — detail (<${d.root}>)`];
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

Samsung never published the layout of this answer, so FOTA Desk shows it as it comes: single values
first, then each list of devices. --json gives { root, scalars, lists, raw } with the raw XML.`,
  operation: 'forceUpdateDetail',
  positionals: { min: 1, max: 1, what: 'the forceUpdateId' },
  call: (client, input) => client.forceUpdateDetail(input.positionals[0] ?? ''),
  human: (d, input) => human(d, (input.positionals[0] ?? '').trim()),
});
