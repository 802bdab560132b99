// `fota batch include|exclude <batch> <serial...>` and `fota batch delete <batch>`: the admin's edits
// of a prepared batch. Edits are stamped with the OS user and host.
import { excludeByAdmin, takeBack, type EditOutcome } from '../../../common/batch/exclusions.ts';
import { firstControl } from '../../../common/efota/characters.ts';
import { UsageError, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { batchContext, onePositional, parseFlags, printJson, reportStoreProblems, stampNow } from './batch-context.ts';
import { guardCommand } from '../failure.ts';

function report(io: CliIo, json: boolean, verb: string, batchName: string, outcome: EditOutcome): void {
  if (json) {
    printJson(io, { batch: batchName, changed: outcome.changed, unchanged: outcome.unchanged, unknown: outcome.unknown });
    return;
  }
  const lines = [`${verb} ${outcome.changed.length} device${outcome.changed.length === 1 ? '' : 's'} in batch '${batchName}'${outcome.changed.length ? `: ${outcome.changed.join(', ')}` : ''}`];
  if (outcome.unchanged.length) lines.push(`  already so: ${outcome.unchanged.join(', ')}`);
  if (outcome.unknown.length) lines.push(`  not in this batch: ${outcome.unknown.join(', ')}`);
  io.stdout(`${lines.join('\n')}\n`);
}

const include: Command = {
  name: 'batch include',
  summary: 'take excluded devices back into a batch',
  help: `fota batch include — take devices back from a batch's Excluded list

Usage: fota batch include <batch> <serial...> [--json]

A device that abnormalDeviceList reported stays in after later checks (the dry run warns: Samsung
will probably refuse its whole call with FUD_3031). Exit 2 when a serial is not in the batch.
`,
  run: (args, io) =>
    guardCommand(io, 'batch include', async () => {
      const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
      const [ref, ...serials] = positionals;
      if (ref === undefined || serials.length === 0) throw new UsageError('give the batch and at least one serial');
      const ctx = batchContext(io);
      const id = ctx.store.find(ref).id;
      const holder: { outcome?: EditOutcome } = {};
      const saved = await ctx.store.update(id, (current) => {
        holder.outcome = takeBack(current, serials, stampNow(ctx));
        return holder.outcome.batch;
      });
      const done = holder.outcome;
      if (done) report(io, values.json === true, 'Took back', saved.name, done);
      reportStoreProblems(ctx, io, 'batch include');
      return done && done.unknown.length > 0 ? EXIT.invalidInput : EXIT.ok;
    }),
};

const exclude: Command = {
  name: 'batch exclude',
  summary: 'leave devices of a batch out of sending',
  help: `fota batch exclude — leave devices out of a batch (they stay listed as Excluded)

Usage: fota batch exclude <batch> <serial...> [--reason TEXT] [--json]

  --reason TEXT   why, shown in the batch (default: excluded by the admin)

Exit 2 when a serial is not in the batch.
`,
  run: (args, io) =>
    guardCommand(io, 'batch exclude', async () => {
      const { values, positionals } = parseFlags(args, { json: { type: 'boolean' }, reason: { type: 'string' } });
      const [ref, ...serials] = positionals;
      if (ref === undefined || serials.length === 0) throw new UsageError('give the batch and at least one serial');
      const reason = (values.reason ?? 'excluded by the admin').trim();
      if (reason === '' || reason.length > 200 || firstControl(reason) !== null) throw new UsageError('--reason must be 1 to 200 characters on one line');
      const ctx = batchContext(io);
      const id = ctx.store.find(ref).id;
      const holder: { outcome?: EditOutcome } = {};
      const saved = await ctx.store.update(id, (current) => {
        holder.outcome = excludeByAdmin(current, serials, reason, stampNow(ctx));
        return holder.outcome.batch;
      });
      const done = holder.outcome;
      if (done) report(io, values.json === true, 'Excluded', saved.name, done);
      reportStoreProblems(ctx, io, 'batch exclude');
      return done && done.unknown.length > 0 ? EXIT.invalidInput : EXIT.ok;
    }),
};

const remove: Command = {
  name: 'batch delete',
  summary: 'delete a prepared batch',
  help: `fota batch delete — delete a stored batch file (its hand-off exports are not touched)

Usage: fota batch delete <batch> --yes
`,
  run: (args, io) =>
    guardCommand(io, 'batch delete', async () => {
      const { values, positionals } = parseFlags(args, { yes: { type: 'boolean' } });
      const ref = onePositional(positionals, 'batch name or id');
      const ctx = batchContext(io);
      const batch = ctx.store.find(ref);
      if (!values.yes) throw new UsageError(`deleting batch '${batch.name}' cannot be undone; add --yes to confirm`);
      await ctx.store.remove(batch.id);
      io.stdout(`Deleted batch '${batch.name}' (id ${batch.id}).\n`);
      return EXIT.ok;
    }),
};

/** The batch editing commands. */
export const commands: Command[] = [include, exclude, remove];
