// `fota batch repair <batch>`: repairs a batch's damaged send journals (main/batches/journal-repair.ts)
// and says what it did, so the batch can be sent again without guessing which calls reached Samsung.
import type { Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { repairBatchJournals, repairText } from '../../batches/journal-repair.ts';
import { batchContext, onePositional, parseFlags, printJson, trackingOf } from './batch-context.ts';
import { guardCommand } from '../failure.ts';

const HELP = `fota batch repair — repair the damaged send journal of a batch

Usage: fota batch repair <batch> [--json]

  <batch>   the batch's name or id

A send journal records every call of a send before it is made; when one is damaged (a line that is
not a record, records that do not fit together), nothing more of its batch is sent. The repair, under
the batch's send lock:
  - keeps every record that can still be read and drops the damaged lines and a torn last line
    (the original file is kept beside it as <journal>.damaged-<time>, for support);
  - because a dropped line may have recorded a call going out, turns every call not yet final into
    'unknown' (decide each with 'fota batch send <batch> --resend-unknown/--leave-unknown');
  - fills in what the history knows of the send (accepted calls with their forceUpdateIds, rejections);
  - writes an entry to the audit log, and reports all of it.
A journal whose first record is unreadable cannot be rebuilt: it is set aside, and the history keeps
what it knew. Devices whose latest push is still open stay held back by every later send.

Exit codes: 0 repaired (or nothing was damaged), 2 the batch does not exist or a problem a repair
cannot fix, 8 the batch is being sent by another process.
`;

/** `fota batch repair`. */
export const command: Command = {
  name: 'batch repair',
  summary: 'repair the damaged send journal of a batch (keeps every readable record, reports what it did)',
  help: HELP,
  run: (args, io) =>
    guardCommand(io, 'batch repair', async () => {
      const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
      const ref = onePositional(positionals, 'batch name or id');
      const ctx = batchContext(io);
      const batch = ctx.store.find(ref);
      const tracking = trackingOf(ctx);
      await tracking.sync();
      const report = await repairBatchJournals({ dataDir: ctx.dataDir, batchId: batch.id, customerId: batch.customerId, history: tracking.history, actor: ctx.actor, clock: ctx.clock });
      await tracking.sync();
      const fixable = !report.unfixable;
      if (values.json) printJson(io, { ok: fixable, command: 'batch repair', batch: { id: batch.id, name: batch.name }, report });
      else io.stdout(`${[`Batch '${batch.name}' (id ${batch.id}):`, ...repairText(report)].join('\n')}\n${report.repairs.length > 0 ? `Send it again with: fota batch send '${batch.name}'\n` : ''}`);
      return fixable ? EXIT.ok : EXIT.invalidInput;
    }),
};
