// `fota force-update`: pushes a firmware update now to up to 100 devices (forceUpdate).
import { UsageError } from '../command.ts';
import { stringFlag } from '../connection.ts';
import { operationCommand, type OperationInput } from '../output.ts';
import type { NetworkType } from '../../efota/types.ts';

function network(input: OperationInput): NetworkType {
  const value = (stringFlag(input.values, 'network') ?? '').trim().toUpperCase();
  if (value !== 'ANY' && value !== 'WIFIONLY') throw new UsageError(`--network must be ANY or WIFIONLY${value ? `, not '${value}'` : ''}`);
  return value;
}

function required(input: OperationInput, flag: string): string {
  const value = stringFlag(input.values, flag);
  if (value === null || value.trim() === '') throw new UsageError(`missing --${flag}`);
  return value;
}

/** `fota force-update` */
export const command = operationCommand({
  name: 'force-update',
  summary: 'push a firmware update now to up to 100 devices (forceUpdate)',
  help: `fota force-update — push a firmware update now to up to 100 devices of one model and sales code

Usage: fota force-update --model M --sales-code C --target T --network ANY|WIFIONLY <serial> [<serial> …]
                         [connection flags] [--json]

  --model M          model number, e.g. SM-G991B
  --sales-code C     sales code (CSC), e.g. BTU
  --target T         target firmware exactly as 'fota firmware' lists it, or Latest
  --network N        ANY (any network) or WIFIONLY (devices wait for Wi-Fi)
  <serial> …         1 to 100 serial numbers, all of this model and sales code

Samsung answers with a forceUpdateId, valid for 3 months: follow it with 'fota summary <id>' and
'fota detail <id>'. This call changes state and has no undo: if it ends in a network error, check
with 'fota summary' (or the devices) before sending it again.`,
  operation: 'forceUpdate',
  options: { model: { type: 'string' }, 'sales-code': { type: 'string' }, target: { type: 'string' }, network: { type: 'string' } },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY, what: 'at least one serial number' },
  check: (input) => {
    required(input, 'model');
    required(input, 'sales-code');
    required(input, 'target');
    network(input);
  },
  call: (client, input) =>
    client.forceUpdate({
      model: required(input, 'model'),
      salesCode: required(input, 'sales-code'),
      targetFirmwareVersion: required(input, 'target'),
      networkType: network(input),
      serials: input.positionals,
    }),
  human: (result, input) =>
    [
      `Force update accepted: forceUpdateId ${result.forceUpdateId}`,
      `  ${input.positionals.length} device(s), ${required(input, 'model').toUpperCase()} / ${required(input, 'sales-code').toUpperCase()}, target ${required(input, 'target')}, network ${network(input)}`,
      `Follow it with: fota summary ${result.forceUpdateId}   (the ID is valid for 3 months)`,
    ].join('\n'),
});
