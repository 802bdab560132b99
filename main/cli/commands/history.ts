// `fota history [--json]`: every sent batch the local history holds, including those whose ids
// Samsung has long forgotten (it keeps them 3 months; FOTA Desk keeps them as long as the data folder).
import type { Command } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { parseFlags, printJson } from './batch-context.ts';
import { reportFileProblems, syncHistory, trackingContext } from './batch-status.ts';
import { guardCommand } from '../failure.ts';
import { batchResults, countStates, shortTime } from '../../batches/results.ts';
import type { BatchHistory } from '../../store/history/history-model.ts';

const HELP = `fota history — every sent batch in the local history, newest first

Usage: fota history [--rebuild-index] [--json]

  --rebuild-index   rebuild <data folder>/history/_index.json from the per-batch files (it is
                    rebuilt by itself whenever it is missing, damaged or out of date)
  --json            one JSON object on standard output

For each batch: its ids (open, final, expired), its devices by latest known state, and when it was
sent. Ids expire at Samsung after 3 months; their last known states are kept here.
`;

function summaryOf(h: BatchHistory): Record<string, unknown> {
  const sent = [...h.updates.map((u) => u.sentAt), ...h.scheduled.map((s) => s.sentAt)].sort();
  return {
    batchId: h.batchId,
    batchName: h.batchName,
    customerId: h.customerId,
    practice: h.practice,
    firstSentAt: sent[0] ?? null,
    lastSentAt: sent[sent.length - 1] ?? null,
    ids: { total: h.updates.length, open: h.updates.filter((u) => u.status === 'open').length, final: h.updates.filter((u) => u.status === 'final').length, expired: h.updates.filter((u) => u.status === 'expired').length },
    scheduledGroups: h.scheduled.length,
    devices: countStates(batchResults(h)),
  };
}

/** `fota history`. */
export const command: Command = {
  name: 'history',
  summary: 'every sent batch in the local history (kept after Samsung forgets the ids)',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const json = args.includes('--json');
    return guardCommand(io, 'history', async () => {
      const { values } = parseFlags(args, { json: { type: 'boolean' }, 'rebuild-index': { type: 'boolean' } });
      const ctx = trackingContext(io);
      await syncHistory(ctx, io, 'history');
      if (values['rebuild-index'] === true) ctx.history.rebuildIndex();
      const index = ctx.history.index();
      const histories = index.batches.flatMap((b) => {
        const h = ctx.history.get(b.batchId);
        return h ? [h] : [];
      });
      reportFileProblems(ctx, io, 'history');
      const items = histories.map(summaryOf).sort((a, b) => String(b['lastSentAt'] ?? '').localeCompare(String(a['lastSentAt'] ?? '')));
      if (json) {
        printJson(io, { ok: true, command: 'history', result: { batches: items } });
        return EXIT.ok;
      }
      if (items.length === 0) {
        io.stdout('The history is empty: no batch has been sent from this data folder.\n');
        return EXIT.ok;
      }
      const lines = items.map((i) => {
        const ids = i['ids'] as { total: number; open: number; final: number; expired: number };
        const devices = Object.entries(i['devices'] as Record<string, number>).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ') || 'no devices';
        return `${shortTime(i['lastSentAt'] as string | null) || 'not sent'}  ${String(i['batchName'])} (${String(i['batchId'])})${i['practice'] === true ? ' [PRACTICE]' : ''}\n    ${ids.total} id(s): ${ids.open} open, ${ids.final} final, ${ids.expired} expired${(i['scheduledGroups'] as number) > 0 ? `; ${String(i['scheduledGroups'])} scheduled group(s)` : ''}; devices: ${devices}`;
      });
      io.stdout(`${lines.join('\n')}\n`);
      return EXIT.ok;
    }, { json });
  },
};
