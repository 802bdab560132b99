// `fota device <serial>`: the helpdesk's look-up — everything FOTA Desk knows about one device
// across all batches and the history: its latest known state, the batch, the forceUpdateId, when
// it was sent and with which target.
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { parseFlags, printJson } from './batch-context.ts';
import { guardTracking, reportFileProblems, syncHistory, trackingContext } from './batch-status.ts';
import { lookUpSerial, shortTime, stateLabel, type DeviceRow } from '../../batches/results.ts';
import { normaliseSerial } from '../../../common/efota/normalise.ts';

const HELP = `fota device — what is known about one device, across all batches and the history

Usage: fota device <serial> [--json]

Prints the device's latest known state (with the time it was true), then every earlier event:
the batch, the forceUpdateId, when it was sent, the target as sent. The states come from the local
history; refresh them with 'fota batch status <batch> --refresh'. 'downloaded' means Samsung counts
the firmware as downloaded, not that it was installed.
Exit codes: 0 found, 2 no batch or history mentions the serial (or invalid input).
`;

function rowText(r: DeviceRow): string {
  const id = r.forceUpdateId ? `forceUpdateId ${r.forceUpdateId}` : `call ${r.callId}`;
  const sent = r.sentAt ? `sent ${shortTime(r.sentAt)}` : `at ${shortTime(r.at)}`;
  return `batch '${r.batchName}' (${r.batchId})${r.practice ? ' [PRACTICE]' : ''}, ${id}, ${sent}, target ${r.target}, ${r.model}/${r.salesCode}`;
}

function rowJson(r: DeviceRow): Record<string, unknown> {
  return { ...r, label: stateLabel(r) };
}

/** `fota device`. */
export const command: Command = {
  name: 'device',
  summary: "a device's latest known state across all batches and the history (helpdesk look-up)",
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const json = args.includes('--json');
    return guardTracking(io, 'device', json, async () => {
      const { positionals } = parseFlags(args, { json: { type: 'boolean' } });
      if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the serial number' : `give one serial number, not ${positionals.length}`);
      const serial = normaliseSerial(positionals[0] ?? '');
      if (!/^[A-Z0-9]{1,100}$/.test(serial)) throw new UsageError(`'${positionals[0] ?? ''}' is not a serial number (letters and digits only)`);
      const ctx = trackingContext(io);
      await syncHistory(ctx, io, 'device');
      const rows = lookUpSerial(ctx.history, serial);
      reportFileProblems(ctx, io, 'device');
      if (rows.length === 0) {
        if (json) printJson(io, { ok: false, command: 'device', exitCode: EXIT.invalidInput, error: { type: 'not-found', message: `no batch or history mentions ${serial}` } });
        io.stderr(`fota device: no sent batch and no history mentions ${serial}. Check the serial (the one under Settings › About phone › Status, not the IMEI).\n`);
        return EXIT.invalidInput;
      }
      const [latest, ...earlier] = rows as [DeviceRow, ...DeviceRow[]];
      if (json) {
        printJson(io, { ok: true, command: 'device', result: { serial, latest: rowJson(latest), history: rows.map(rowJson) } });
        return EXIT.ok;
      }
      const lines = [`${serial}: ${stateLabel(latest)}`, `  ${rowText(latest)}`];
      if (earlier.length > 0) lines.push('Earlier:');
      for (const r of earlier) lines.push(`  ${stateLabel(r)}`, `    ${rowText(r)}`);
      io.stdout(`${lines.join('\n')}\n`);
      return EXIT.ok;
    });
  },
};
