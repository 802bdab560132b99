// `fota license`: status and seat counts of the licence (licenseInfo).
import { operationCommand } from '../output.ts';
import type { LicenseInfo } from '../../efota/types.ts';

function human(info: LicenseInfo, license: string): string {
  const period = info.activeFrom && info.activeTo ? `${info.activeFrom} to ${info.activeTo}` : (info.activePeriod ?? '—');
  const lines = [
    `Licence ${license}${info.licenseType ? ` (${info.licenseType})` : ''}`,
    `  status:     ${info.licenseStatus ?? '—'}`,
    `  active:     ${period}`,
    `  purchased:  ${info.purchasedQuantity ?? '—'}`,
    `  remaining:  ${info.remainingQuantity ?? '—'}`,
    `  blocked:    ${info.blockedDeviceCount ?? '—'} device(s) blocked from enrolling`,
  ];
  // Samsung's own sample shows more remaining than purchased; say it, never "correct" it.
  if (info.purchased !== null && info.remaining !== null && info.remaining > info.purchased) {
    lines.push(`  note:       Samsung reports more seats remaining (${info.remaining}) than purchased (${info.purchased}); shown as sent.`);
  }
  return lines.join('\n');
}

/** `fota license` */
export const command = operationCommand({
  name: 'license',
  summary: 'show the licence status and seat counts (licenseInfo)',
  help: `fota license — show the E-FOTA licence: status, type, active period and seat counts

Usage: fota license [connection flags] [--json]

Values are shown exactly as Samsung sends them ('N/A' for an Enterprise Edition licence).`,
  operation: 'licenseInfo',
  positionals: { min: 0, max: 0, what: '' },
  call: (client) => client.licenseInfo(),
  human: (info, context) => human(info, context.identity.license),
});
