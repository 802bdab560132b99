// `fota group-license-change <groupId> <newLicense>`: moves a group to another licence.
import { normaliseGroupId } from '../../../common/efota/normalise.ts';
import { operationCommand } from '../output.ts';

/** `fota group-license-change` */
export const command = operationCommand({
  name: 'group-license-change',
  summary: 'move a device group to another licence (groupLicenseChange)',
  help: `fota group-license-change — move a registered device group to another licence

Usage: fota group-license-change <groupId> <newLicense> [connection flags] [--json]

--license (or FOTA_LICENSE) is the group's current licence; <newLicense> the one to move it to.
Both licences must be of the same type (SA or EE) and the new one needs enough free seats for the
devices the group already uses.`,
  operation: 'groupLicenseChange',
  positionals: { min: 2, max: 2, what: 'the group ID and the new licence key' },
  call: (client, input) => client.groupLicenseChange(input.positionals[0] ?? '', input.positionals[1] ?? ''),
  human: (_result, input) => `Group ${normaliseGroupId(input.positionals[0] ?? '')} now uses licence ${(input.positionals[1] ?? '').trim()}.`,
  json: (_result, input) => ({ groupId: normaliseGroupId(input.positionals[0] ?? ''), newLicense: (input.positionals[1] ?? '').trim() }),
});
