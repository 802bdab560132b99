// `fota batch retry <batch> --from failed|unknown|not-downloaded [--days N] --name NEW`: a new
// draft batch from a sent batch's results, with the same targets as were sent. Nothing is sent.
import { UsageError, type Command } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { currentActor } from '../../services/actor.ts';
import { onePositional, parseFlags, printJson } from './batch-context.ts';
import { findHistory, reportFileProblems, syncHistory, trackingContext } from './batch-status.ts';
import { guardCommand, reportNothingDone } from '../failure.ts';
import { DEFAULT_RETRY_DAYS, RETRY_FROM, type RetryFrom } from '../../batches/retry-batch.ts';

const HELP = `fota batch retry — a new draft batch from a sent batch's failed, unknown or stuck devices

Usage: fota batch retry <batch> --from failed|unknown|not-downloaded [--days N] --name NEW [--json]

  <batch>           a sent batch's name or id
  --from failed     the devices Samsung reports as failed to download
  --from unknown    the devices whose state is unknown (Samsung's answer unreadable or not adding up)
  --from not-downloaded
                    the devices not downloaded N days after their id was sent (processing, failed,
                    unknown or never refreshed)
  --days N          N for not-downloaded (default ${DEFAULT_RETRY_DAYS})
  --name NEW        the new batch's name (names are unique)

The draft holds exactly those devices, grouped by model and sales code, each group with the target
as it was sent ('Latest' stays 'Latest', a pinned firmware stays that firmware) and the same
network setting. Nothing is sent: review it with 'fota batch plan NEW', then 'fota batch send NEW'.
The selection uses the last known states: refresh first with 'fota batch status <batch> --refresh'.
Devices whose send call itself is unknown are not included: decide about them with
'fota batch send <batch> --resend-unknown|--leave-unknown'.
Exit codes: 0 created, 2 nothing to retry (no batch created), invalid input, unknown batch or name taken.
`;

/** `fota batch retry`. */
export const command: Command = {
  name: 'batch retry',
  summary: "a new draft batch from a sent batch's failed / unknown / not-downloaded devices",
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const json = args.includes('--json');
    return guardCommand(io, 'batch retry', async () => {
      const { values, positionals } = parseFlags(args, { from: { type: 'string' }, days: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } });
      const ref = onePositional(positionals, 'batch');
      const from = values.from;
      if (from === undefined) throw new UsageError(`give --from ${RETRY_FROM.join('|')}`);
      if (!(RETRY_FROM as readonly string[]).includes(from)) throw new UsageError(`--from must be one of ${RETRY_FROM.join(', ')}, not '${from}'`);
      let days: number | undefined;
      if (values.days !== undefined) {
        if (from !== 'not-downloaded') throw new UsageError('--days goes with --from not-downloaded');
        if (!/^\d{1,3}$/.test(values.days) || Number(values.days) < 1) throw new UsageError(`--days must be a whole number of days from 1 to 999, not '${values.days}'`);
        days = Number(values.days);
      }
      const name = values.name?.trim();
      if (!name) throw new UsageError('give the new batch a name with --name');
      if (name.length > 200 || /\p{Cc}/u.test(name)) throw new UsageError('the name must be at most 200 characters, without control characters');
      const ctx = trackingContext(io);
      await syncHistory(ctx, io, 'batch retry');
      const history = findHistory(ctx, ref);
      const outcome = await ctx.service.createRetry(history.batchId, { from: from as RetryFrom, name, actor: currentActor(), ...(days !== undefined ? { days } : {}) });
      reportFileProblems(ctx, io, 'batch retry');
      const stored = outcome.batch;
      if (stored === null) {
        const what = from === 'not-downloaded' ? `not downloaded after ${days ?? DEFAULT_RETRY_DAYS} days` : from;
        return reportNothingDone(io, 'batch retry', `nothing to retry: no device of '${history.batchName}' is ${what} (by the last known states); no batch was created.`, json, { result: { created: false, devices: 0 } });
      }
      if (json) {
        printJson(io, { ok: true, command: 'batch retry', result: { created: true, batchId: stored.id, name: stored.name, devices: stored.devices.map((d) => d.serial), groups: stored.groups.map((g) => ({ model: g.model, salesCode: g.salesCode, target: g.target })) } });
        return EXIT.ok;
      }
      const groups = stored.groups.map((g) => `  ${g.model}/${g.salesCode}: ${stored.devices.filter((d) => d.model === g.model && d.salesCode === g.salesCode).length} device(s), target ${g.target}, ${g.mode.kind === 'immediate' ? g.mode.network : 'scheduled'}`);
      io.stdout(
        [`Created draft batch '${stored.name}' (${stored.id}) with ${stored.devices.length} ${from} device(s) of '${history.batchName}':`, ...groups, `Nothing was sent. Review it with 'fota batch plan ${stored.name}', then send it with 'fota batch send ${stored.name}'.`, ''].join('\n'),
      );
      return EXIT.ok;
    }, { json });
  },
};
