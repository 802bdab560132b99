// `fota group-register <groupId>`: ties a device group to the licence (groupRegister).
import { normaliseGroupId } from '../../../common/efota/normalise.ts';
import { operationCommand } from '../output.ts';

/** `fota group-register` */
export const command = operationCommand({
  name: 'group-register',
  summary: 'register a device group under the licence (groupRegister)',
  help: `fota group-register — register a device group ID under the E-FOTA licence

Usage: fota group-register <groupId> [connection flags] [--json]

The group ID is sent in upper case (Samsung folds it). Devices join the group on the device itself
(the MDM's setAllowedFOTAVersion call with the corp ID mdmId/customerId/groupId), not through this
command. One group ID belongs to one licence; to move a group, use 'fota group-license-change'.`,
  operation: 'groupRegister',
  positionals: { min: 1, max: 1, what: 'the group ID' },
  call: (client, input) => client.groupRegister(input.positionals[0] ?? ''),
  human: (_result, input) => `Group ${normaliseGroupId(input.positionals[0] ?? '')} is registered under the licence.`,
  json: (_result, input) => ({ groupId: normaliseGroupId(input.positionals[0] ?? '') }),
});
