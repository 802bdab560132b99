// `fota batch list` and `fota batch show <batch>`: the prepared batches of this data folder.
import { UsageError, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { batchLine, showText } from './batch-format.ts';
import { batchContext, onePositional, parseFlags, printJson, reportStoreProblems } from './batch-context.ts';
import { guardCommand } from '../failure.ts';
import { batchState, type BatchState } from './batch-state.ts';

function stateJson(s: BatchState): { state: BatchState['state']; stateText: string; sendId: string | null } {
  return { state: s.state, stateText: s.text, sendId: s.sendId };
}

const list: Command = {
  name: 'batch list',
  summary: 'list the prepared update batches',
  help: `fota batch list — the update batches stored in this data folder (shared with the window)

Usage: fota batch list [--json]

  --json   one JSON object: { batches: [...summary], problems: [...] }

Each batch's state: draft, planned (the dry run checked its devices online), sending, paused after
pilot, waiting for a decision (unknown calls), unfinished, sent, cancelled, or journal damaged. In
--json: state (draft | planned | sending | paused-after-pilot | waiting-for-decision | unfinished |
sent | cancelled | journal-damaged), stateText and sendId (the latest send's id, or null).

A batch file that cannot be read is moved aside to <file>.corrupt-<time> and reported; the other
batches are listed as usual.
`,
  run: (args, io) =>
    guardCommand(io, 'batch list', async () => {
      const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
      if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`);
      const ctx = batchContext(io);
      const batches = ctx.store.list();
      if (values.json) {
        printJson(io, {
          batches: batches.map((b) => ({
            id: b.id,
            name: b.name,
            customerId: b.customerId,
            created: b.created,
            edited: b.edited,
            devices: b.devices.length,
            excluded: b.excluded.length,
            groups: b.groups.map((g) => ({ model: g.model, salesCode: g.salesCode, mode: g.mode.kind, target: g.target })),
            handoff: b.handoff,
            ...stateJson(batchState(ctx.dataDir, b)),
          })),
          problems: ctx.store.problems,
        });
      } else {
        io.stdout(batches.length === 0 ? 'No batches yet. Create one with: fota batch create <file...> --name NAME --target Latest --network WIFIONLY\n' : `${batches.map((b) => `${batchLine(b)}\n    state: ${batchState(ctx.dataDir, b).text}`).join('\n')}\n`);
      }
      reportStoreProblems(ctx, io, 'batch list');
      return EXIT.ok;
    }),
};

const show: Command = {
  name: 'batch show',
  summary: 'show one batch: sources, groups, targets, excluded devices',
  help: `fota batch show — one stored batch, as prepared (use 'fota batch plan' for the dry run)

Usage: fota batch show <batch> [--devices] [--json]

  <batch>     the batch's name or id
  --devices   also list every device
  --json      the whole batch as stored
`,
  run: (args, io) =>
    guardCommand(io, 'batch show', async () => {
      const { values, positionals } = parseFlags(args, { json: { type: 'boolean' }, devices: { type: 'boolean' } });
      const ref = onePositional(positionals, 'batch name or id');
      const ctx = batchContext(io);
      const batch = ctx.store.find(ref);
      if (values.json) printJson(io, batch);
      else io.stdout(showText(batch, { devices: values.devices === true }));
      reportStoreProblems(ctx, io, 'batch show');
      return EXIT.ok;
    }),
};

/** The listing commands. */
export const commands: Command[] = [list, show];
