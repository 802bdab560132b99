// `fota schedule`: a v1 scheduled update for a whole group inside a GMT window (serverInit), as a
// one-call batch through the send flow (direct-send.ts): journalled, in the history and the audit log.
import { normaliseGroupId, normaliseModel, normaliseSalesCode } from '../../../common/efota/normalise.ts';
import { UsageError } from '../command.ts';
import { stringFlag } from '../connection.ts';
import type { OperationInput } from '../output.ts';
import { directSendCommand } from './direct-send.ts';

const FLAGS = ['group', 'model', 'sales-code', 'target', 'start', 'end', 'from', 'to'] as const;

function flag(input: OperationInput, name: (typeof FLAGS)[number]): string {
  const value = stringFlag(input.values, name);
  if (value === null || value.trim() === '') throw new UsageError(`missing --${name}`);
  return value.trim();
}

const day = (yyyymmdd: string): string => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/** `fota schedule` */
export const command = directSendCommand({
  name: 'schedule',
  summary: 'schedule an update for a whole group in a GMT window (v1 serverInit; recorded as a one-call batch)',
  help: `fota schedule — schedule a firmware update for every device of a group, inside a date and hour window

Usage: fota schedule --group G --model M --sales-code C --target T --start yyyymmdd --end yyyymmdd
                     --from HH --to HH [connection flags] [--json]

  --group G          registered group ID
  --model M          model number, e.g. SM-G991B
  --sales-code C     sales code (CSC), e.g. BTU: sent as the v1 <carrierCode>; a server that reads
                     it only as <customerCode> (an older page's name) answers FUD_1007, and the
                     request is sent once more that way (nothing was scheduled); the profile
                     remembers which name its server reads ('fota profile show')
  --target T         target firmware exactly as 'fota firmware' lists it, or Latest
  --start, --end     delivery dates, GMT, yyyymmdd; the end 3 to 7 days after the start
  --from, --to       daily delivery hours, GMT, two digits (e.g. 01 and 04): 1 to 12 hours apart,
                     and the start must lie in the future

All times are GMT. Samsung only promises that delivery starts inside the window, and returns no ID
for a scheduled update. (--include-open has no effect here: Samsung picks the group's devices.)`,
  operation: 'serverInit',
  options: {
    group: { type: 'string' },
    model: { type: 'string' },
    'sales-code': { type: 'string' },
    target: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
  positionals: { min: 0, max: 0, what: '' },
  check: (input) => {
    for (const name of FLAGS) flag(input, name);
  },
  fields: (input) => ({
    groupId: flag(input, 'group'),
    deviceModelName: flag(input, 'model'),
    carrierCode: flag(input, 'sales-code'),
    targetFirmwareVersion: flag(input, 'target'),
    deliveryStartDate: flag(input, 'start'),
    deliveryEndDate: flag(input, 'end'),
    dailyStartHour: flag(input, 'from'),
    dailyEndHour: flag(input, 'to'),
  }),
  group: (input) => ({
    group: {
      model: normaliseModel(flag(input, 'model')),
      salesCode: normaliseSalesCode(flag(input, 'sales-code')),
      target: flag(input, 'target'),
      targetSource: flag(input, 'target') === 'Latest' ? 'latest' : 'typed',
      mode: { kind: 'scheduled', groupId: normaliseGroupId(flag(input, 'group')), window: { startDate: flag(input, 'start'), endDate: flag(input, 'end'), startHour: flag(input, 'from'), endHour: flag(input, 'to') } },
    },
    serials: [],
  }),
  title: (input) => `schedule ${normaliseGroupId(flag(input, 'group'))} ${normaliseModel(flag(input, 'model'))}/${normaliseSalesCode(flag(input, 'sales-code'))}`,
  human: (result, input) =>
    [
      `Scheduled: group ${normaliseGroupId(flag(input, 'group'))}, ${flag(input, 'model').toUpperCase()} / ${flag(input, 'sales-code').toUpperCase()} → ${flag(input, 'target')}`,
      `  from ${day(flag(input, 'start'))} to ${day(flag(input, 'end'))}, daily ${flag(input, 'from')}:00–${flag(input, 'to')}:00 GMT`,
      `  recorded as batch '${result.batch.name}' (id ${result.batch.id})`,
      'Samsung returns no ID for a scheduled update; delivery starts inside the window.',
    ].join('\n'),
  json: (_result, input) => Object.fromEntries(FLAGS.map((name) => [name, flag(input, name)])),
});
