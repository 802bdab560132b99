// `fota device <serial>`: the helpdesk's look-up — everything FOTA Desk knows about one device
// across all batches and the history: its latest known state, the batch, the forceUpdateId, when
// it was sent and with which target.
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { parseFlags, printJson } from './batch-context.ts';
import { reportFileProblems, trackingContext } from './batch-status.ts';
import { guardCommand } from '../failure.ts';
import { lookUpEverywhere } from '../../batches/open-pushes.ts';
import { shortTime, stateLabel, type DeviceRow } from '../../batches/results.ts';
import { normaliseSerial } from '../../../common/efota/normalise.ts';
import { openSecretStore } from '../../auth/open-secret-store.ts';
import { isPackagedRuntime } from '../../store/packaged.ts';
import { pushesElsewhere, teamPushText } from '../../team/team-lookup.ts';

const HELP = `fota device — what is known about one device, across all batches and the history

Usage: fota device <serial> [--json]

Prints the device's latest known state (with the time it was true), then every earlier event:
the batch (direct 'fota force-update' commands are one-call batches), the forceUpdateId, when it was
sent, the target as sent. Then the batches that hold the device but do not send it, with why: it is
excluded (the reason, and who excluded it), or it is held back because its latest push is still open
(with the forceUpdateId that holds it). The states come from the local history; refresh them with
'fota batch status <batch> --refresh'. 'downloaded' means Samsung counts the firmware as downloaded,
not that it was installed. In team mode ('fota team connect') the pushes other workstations made are
listed too, with who sent them from where.
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
    return guardCommand(io, 'device', async () => {
      const { positionals } = parseFlags(args, { json: { type: 'boolean' } });
      if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the serial number' : `give one serial number, not ${positionals.length}`);
      const serial = normaliseSerial(positionals[0] ?? '');
      if (!/^[A-Z0-9]{1,100}$/.test(serial)) throw new UsageError(`'${positionals[0] ?? ''}' is not a serial number (letters and digits only)`);
      const ctx = trackingContext(io);
      const { rows, inBatches, problems } = await lookUpEverywhere(ctx.service, serial);
      for (const p of problems) io.stderr(`fota device: warning: a send journal is damaged; what can still be read of it is included: ${p}\n`);
      reportFileProblems(ctx, io, 'device');
      // Team mode: the shared record adds the pushes other workstations made (none in solo mode).
      const team = await pushesElsewhere(ctx.dataDir, openSecretStore({ env: io.env, isPackaged: isPackagedRuntime() }), serial);
      if (team.problem !== null) io.stderr(`fota device: warning: the team record could not be read (${team.problem}); showing this workstation's record only.\n`);
      if (rows.length === 0 && inBatches.length === 0 && team.pushes.length === 0) {
        if (json) printJson(io, { ok: false, command: 'device', exitCode: EXIT.invalidInput, error: { type: 'not-found', message: `no batch or history mentions ${serial}` } });
        io.stderr(`fota device: no sent batch and no history mentions ${serial}. Check the serial (the one under Settings › About phone › Status, not the IMEI).\n`);
        return EXIT.invalidInput;
      }
      const [latest, ...earlier] = rows;
      if (json) {
        printJson(io, { ok: true, command: 'device', result: { serial, latest: latest ? rowJson(latest) : null, history: rows.map(rowJson), inBatches: inBatches.map(rowJson), otherWorkstations: team.pushes } });
        return EXIT.ok;
      }
      const lines = latest ? [`${serial}: ${stateLabel(latest)}`, `  ${rowText(latest)}`] : [`${serial}: never pushed by FOTA Desk here`];
      if (earlier.length > 0) lines.push('Earlier:');
      for (const r of earlier) lines.push(`  ${stateLabel(r)}`, `    ${rowText(r)}`);
      if (inBatches.length > 0) lines.push('In batches that do not send it:');
      for (const r of inBatches) lines.push(`  ${stateLabel(r)}`);
      if (team.pushes.length > 0) lines.push('Pushed from other workstations of the team:');
      for (const p of team.pushes) lines.push(`  ${teamPushText(p)}`);
      io.stdout(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }, { json });
  },
};
