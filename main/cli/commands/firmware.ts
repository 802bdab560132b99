// `fota firmware <model> <salesCode> [--current <fw>]`: the firmware Samsung offers (firmwareList).
import { operationCommand } from '../output.ts';
import { stringFlag } from '../connection.ts';
import type { FirmwareList } from '../../efota/types.ts';

function human(list: FirmwareList, model: string, salesCode: string): string {
  if (list.items.length === 0) {
    return `No firmware listed for ${model} / ${salesCode}. Samsung lists firmware only for models with devices enrolled under the licence.`;
  }
  const blocks = list.items.map((item, i) => {
    const description = (item.description ?? '').split('\n').map((l) => l.trim()).filter(Boolean).join(' / ');
    return [
      `${i + 1}. target   ${item.targetFirmwareVersion ?? '—'}`,
      `   from     ${item.currentFirmwareVersion ?? '—'}`,
      `   OS       ${item.osOldVersion ?? '—'} → ${item.osVersion ?? '—'}`,
      `   type     ${item.firmwareType ?? '—'}   security patch ${item.samsungSecurityPatchDate ?? '—'}   opened ${item.openedDate ?? '—'}`,
      `   id       ${item.firmwareId ?? '—'}${description ? `\n   about    ${description}` : ''}`,
    ].join('\n');
  });
  return [`Firmware for ${model} / ${salesCode} (${list.items.length}):`, ...blocks].join('\n');
}

/** `fota firmware` */
export const command = operationCommand({
  name: 'firmware',
  summary: 'list the firmware available for a model and sales code (firmwareList)',
  help: `fota firmware — list the firmware Samsung offers for a model and sales code

Usage: fota firmware <model> <salesCode> [--current <fw>] [--language <code>] [connection flags] [--json]

  <model>            model number, e.g. SM-G991B (Settings › About phone)
  <salesCode>        sales code (CSC), e.g. BTU
  --current FW       the devices' current firmware (AP/CSC/CP); without it, Samsung fills the
                     fields it cannot know with 'None'
  --language CODE    language of the descriptions (Samsung's default: ENG)

Copy a target exactly as listed (or use Latest) for 'fota force-update' and 'fota schedule'.`,
  operation: 'firmwareList',
  options: { current: { type: 'string' }, language: { type: 'string' } },
  positionals: { min: 2, max: 2, what: 'the model and the sales code' },
  call: (client, input) => {
    const current = stringFlag(input.values, 'current');
    const language = stringFlag(input.values, 'language');
    return client.firmwareList({
      model: input.positionals[0] ?? '',
      salesCode: input.positionals[1] ?? '',
      ...(current !== null ? { currentFirmwareVersion: current } : {}),
      ...(language !== null ? { languageCode: language } : {}),
    });
  },
  human: (list, input) => human(list, (input.positionals[0] ?? '').toUpperCase(), (input.positionals[1] ?? '').toUpperCase()),
});
