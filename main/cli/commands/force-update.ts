// `fota force-update`: pushes a firmware update now to up to 100 devices (forceUpdate), as a one-call
// batch through the send flow (direct-send.ts): journalled, tracked, audited, and held back for
// devices whose latest push is still open.
import { normaliseModel, normaliseSalesCode, normaliseSerial } from '../../../common/efota/normalise.ts';
import { UsageError } from '../command.ts';
import { stringFlag } from '../connection.ts';
import type { OperationInput } from '../output.ts';
import type { NetworkType } from '../../efota/types.ts';
import { directSendCommand } from './direct-send.ts';

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

const target = (input: OperationInput): string => required(input, 'target').trim();

/** `fota force-update` */
export const command = directSendCommand({
  name: 'force-update',
  summary: 'push a firmware update now to up to 100 devices (forceUpdate; recorded as a one-call batch)',
  help: `fota force-update — push a firmware update now to up to 100 devices of one model and sales code

Usage: fota force-update --model M --sales-code C --target T --network ANY|WIFIONLY <serial> [<serial> …]
                         [--include-open SERIAL…|all] [connection flags] [--json]

  --model M          model number, e.g. SM-G991B
  --sales-code C     sales code (CSC), e.g. BTU
  --target T         target firmware exactly as 'fota firmware' lists it, or Latest
  --network N        ANY (any network) or WIFIONLY (devices wait for Wi-Fi)
  <serial> …         1 to 100 serial numbers, all of this model and sales code

Samsung answers with a forceUpdateId, valid for 3 months: follow it with 'fota summary <id>' and
'fota detail <id>' (or 'fota device <serial>'). This call changes state and has no undo. A device
whose latest push (from any batch or direct command here) is still open is held back, and listed
with the forceUpdateId that holds it; when every device is held back nothing is sent (exit 2). If the
answer is lost (a timeout or a reset), the call is recorded as 'unknown' in its batch and is never
sent again by itself: check the devices, then decide with 'fota batch send <batch> --resend-unknown'
or '--leave-unknown'.`,
  operation: 'forceUpdate',
  options: { model: { type: 'string' }, 'sales-code': { type: 'string' }, target: { type: 'string' }, network: { type: 'string' } },
  positionals: { min: 1, max: Number.POSITIVE_INFINITY, what: 'at least one serial number' },
  check: (input) => {
    required(input, 'model');
    required(input, 'sales-code');
    target(input);
    network(input);
  },
  fields: (input) => ({
    deviceModelName: required(input, 'model'),
    salesCode: required(input, 'sales-code'),
    targetFirmwareVersion: target(input),
    networkType: network(input),
    serialNumber: input.positionals,
  }),
  group: (input) => ({
    group: {
      model: normaliseModel(required(input, 'model')),
      salesCode: normaliseSalesCode(required(input, 'sales-code')),
      target: target(input),
      targetSource: target(input) === 'Latest' ? 'latest' : 'typed',
      mode: { kind: 'immediate', network: network(input) },
    },
    serials: [...new Set(input.positionals.map(normaliseSerial))],
  }),
  title: (input) => `force-update ${normaliseModel(required(input, 'model'))}/${normaliseSalesCode(required(input, 'sales-code'))} ${normaliseSerial(input.positionals[0] ?? '')}${input.positionals.length > 1 ? ` +${input.positionals.length - 1}` : ''}`,
  human: (result, input) =>
    [
      `Force update accepted: forceUpdateId ${result.forceUpdateId ?? '(none given)'}`,
      `  ${input.positionals.length} device(s), ${required(input, 'model').toUpperCase()} / ${required(input, 'sales-code').toUpperCase()}, target ${target(input)}, network ${network(input)}`,
      `  recorded as batch '${result.batch.name}' (id ${result.batch.id})`,
      `Follow it with: fota summary ${result.forceUpdateId ?? ''}   (the ID is valid for 3 months), or fota device <serial>`,
    ].join('\n'),
  json: (result) => ({ forceUpdateId: result.forceUpdateId }),
});
