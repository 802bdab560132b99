// `fota summary <forceUpdateId>`: download counts of one force update (forceUpdateSummary).
import { operationCommand } from '../output.ts';
import type { ForceUpdateSummary } from '../../efota/types.ts';

const show = (n: number | null, text: string | null): string => (n !== null ? String(n) : (text ?? '—'));

function human(s: ForceUpdateSummary, id: string): string {
  return [
    `Force update ${id}${s.targetFirmwareVersion ? ` → ${s.targetFirmwareVersion}` : ''}`,
    `  processing:  ${show(s.processingCount, s.text.processingCount)}`,
    `  downloaded:  ${show(s.successCount, s.text.successCount)}`,
    `  failed:      ${show(s.failedCount, s.text.failedCount)}`,
    // Samsung counts downloads; whether a device then installed the firmware is not reported here.
    'Counts are downloads reported by Samsung, not confirmed installations.',
  ].join('\n');
}

/** `fota summary` */
export const command = operationCommand({
  name: 'summary',
  summary: 'show the download counts of a force update (forceUpdateSummary)',
  help: `fota summary — show how many devices of a force update are downloading, have downloaded or failed

Usage: fota summary <forceUpdateId> [connection flags] [--json]

Samsung keeps a forceUpdateId for 3 months. "downloaded" is Samsung's successCount: the device has
downloaded the firmware; it does not say the device installed it. 'fota detail' lists the devices
still processing and those that failed, with reasons.`,
  operation: 'forceUpdateSummary',
  positionals: { min: 1, max: 1, what: 'the forceUpdateId' },
  call: (client, input) => client.forceUpdateSummary(input.positionals[0] ?? ''),
  human: (s, input) => human(s, (input.positionals[0] ?? '').trim()),
  json: (s) => ({ ...s, downloadedCount: s.successCount }),
});
