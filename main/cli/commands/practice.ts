// `fota practice clock`: the practice clock — how fast practice devices download, and "finish now"
// for a practice batch. A command of its own: `fota simulator` starts a separate server (whose
// clock this is not), and `fota profile` is about connections; the practice tenant's clock is neither.
import { plural } from '../../../common/plural.ts';
import { UsageError, type Command } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { guardCommand } from '../failure.ts';
import { parseFlags, printJson } from './batch-context.ts';
import { findHistory, syncHistory, trackingContext } from './batch-status.ts';
import { finishBatchNow, type FinishedBatch } from '../../batches/practice-finish.ts';
import { currentSpeed, PRACTICE_SPEEDS, readPracticeClock, setPracticeSpeed, type PracticeSpeed } from '../../practice/practice-clock.ts';

const HELP = `fota practice clock — the practice clock: how fast practice devices download, and "finish now"

Usage: fota practice clock [--speed 1|60|600] [--finish-now BATCH] [--json]

  --speed 1|60|600    practice devices download at real speed (×1: 5 to 120 minutes each), 60 or 600
                      times faster; force updates already under way speed up too
  --finish-now BATCH  every device of this practice batch (name or id) reaches its final state now:
                      most succeed, about 1 in 10 fails with a reason (see docs/simulator.md); then
                      'fota batch status BATCH --refresh' shows them and 'fota batch retry BATCH
                      --from failed --name NEW' makes a batch of the failed ones
  --json              print { speed, finished } as JSON

Without options, shows the speed. Practice only: the clock is kept with the practice tenant in the
data folder (the window shows and changes the same clock); a real tenant's devices take their own time,
and a batch sent to one is refused.

Exit codes: 0 done, 2 invalid input, an unknown batch, or a batch that is not practice or has no
forceUpdateId.
`;

function speedOf(text: string | undefined): PracticeSpeed | null {
  if (text === undefined) return null;
  const speed = PRACTICE_SPEEDS.find((s) => String(s) === text.trim().replace(/^x/i, ''));
  if (speed === undefined) throw new UsageError(`--speed must be 1, 60 or 600, not '${text}'`);
  return speed;
}

/** `fota practice clock`. */
export const command: Command = {
  name: 'practice clock',
  summary: 'the practice clock: download speed (x1, x60, x600) and "finish now" for a practice batch',
  help: HELP,
  run: (args, io) =>
    guardCommand(io, 'practice clock', async () => {
      const { values, positionals } = parseFlags(args, { speed: { type: 'string' }, 'finish-now': { type: 'string' }, json: { type: 'boolean' } });
      if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`);
      const speed = speedOf(values.speed);
      const ctx = trackingContext(io);
      const now = ctx.clock.now();
      if (speed !== null) await setPracticeSpeed(ctx.dataDir, speed, now);
      let finished: FinishedBatch | null = null;
      const ref = values['finish-now'];
      if (ref !== undefined) {
        await syncHistory(ctx, io, 'practice clock');
        finished = await finishBatchNow(ctx.dataDir, findHistory(ctx, ref), now);
      }
      const current = currentSpeed(readPracticeClock(ctx.dataDir, now, (m) => io.stderr(`fota practice clock: warning: ${m}\n`)));
      if (values.json) {
        printJson(io, { speed: current, finished });
        return EXIT.ok;
      }
      io.stdout(`Practice clock: x${current}${current === 1 ? ' (real time: a device takes 5 to 120 minutes)' : ` (practice devices download ${current} times faster)`}\n`);
      if (finished) {
        io.stdout(`Finished now: ${plural(finished.devices, 'device')} in ${plural(finished.forceUpdates, 'forceUpdateId')} of PRACTICE batch '${finished.batchName}'.\n`);
        io.stdout(`Next: fota batch status '${finished.batchName}' --refresh; then fota batch retry '${finished.batchName}' --from failed --name NEW\n`);
      }
      return EXIT.ok;
    }),
};
