// Where each batch stands, for `fota batch list`: read from its latest send journal (and its send
// lock), so a script sees draft / planned / sending / paused after pilot / sent without opening a send.
import { existsSync } from 'node:fs';
import type { Batch } from '../../../common/batch/model.ts';
import { plural } from '../../../common/plural.ts';
import { journalDir, journalFiles, loadJournalState } from '../../batches/journal.ts';
import { countCalls, isFinished, needsDecision, type CallStatus } from '../../batches/journal-state.ts';
import { sendLockPath } from '../../batches/lock.ts';

/** A batch's state, as a key for scripts and words for people. */
export interface BatchState {
  readonly state: 'draft' | 'planned' | 'sending' | 'paused-after-pilot' | 'waiting-for-decision' | 'unfinished' | 'sent' | 'cancelled' | 'journal-damaged';
  readonly text: string;
  /** the send id of the latest send (null: never sent) */
  readonly sendId: string | null;
}

/** The state of one batch of the data folder. */
export function batchState(dataDir: string, batch: Batch): BatchState {
  const dir = journalDir(dataDir);
  const latest = journalFiles(dir, batch.id).at(-1);
  if (latest === undefined) {
    return batch.abnormalCheck
      ? { state: 'planned', text: `planned (dry run with the abnormal-device check ${batch.abnormalCheck.at.slice(0, 16).replace('T', ' ')} UTC); not sent`, sendId: null }
      : { state: 'draft', text: 'draft; not sent', sendId: null };
  }
  let journal;
  try {
    journal = loadJournalState(latest);
  } catch {
    return { state: 'journal-damaged', text: `send journal damaged: repair it with 'fota batch repair ${batch.name}'`, sendId: null };
  }
  const sendId = journal.start.sendId;
  const c = countCalls(journal);
  const done = `${c.accepted} of ${plural(c.calls, 'call')} accepted`;
  if (isFinished(journal)) {
    return journal.cancelled ? { state: 'cancelled', text: `cancelled (${done}); send ${sendId}`, sendId } : { state: 'sent', text: `sent (${done}${c.rejected > 0 ? `, ${c.rejected} rejected` : ''}); send ${sendId}`, sendId };
  }
  // An unfinished send whose lock is held is being sent right now (the window or another `fota`).
  if (existsSync(sendLockPath(dir, batch.id))) return { state: 'sending', text: `sending (${done} so far); send ${sendId}`, sendId };
  const calls = journal.order.map((id) => journal.calls.get(id) as CallStatus);
  const waiting = calls.filter(needsDecision).length;
  if (waiting > 0) return { state: 'waiting-for-decision', text: `waiting for a decision on ${plural(waiting, 'unknown call')} (${done}); send ${sendId}`, sendId };
  const pilotDone = journal.start.pilotCalls > 0 && !journal.pilotContinued && calls.filter((s) => s.call.pilot).every((s) => s.state !== 'pending');
  if (pilotDone) return { state: 'paused-after-pilot', text: `paused after pilot (${done}); continue with 'fota batch send ${batch.name} --continue-pilot'`, sendId };
  return { state: 'unfinished', text: `unfinished (${done}, ${c.pending} not sent yet); continue with 'fota batch send ${batch.name}'`, sendId };
}
