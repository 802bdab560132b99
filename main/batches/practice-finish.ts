// "Finish now" for a practice batch: every forceUpdateId the batch's sends got finishes at once on the
// practice clock. Refused for a batch sent to a real tenant: Samsung's devices take their own time.
import type { BatchHistory } from '../store/history/history-model.ts';
import { currentSpeed, finishPracticeNow, type PracticeSpeed } from '../practice/practice-clock.ts';

/** A batch that cannot be finished now (not practice, or nothing sent); the message says why and what to do. */
export class NotFinishableError extends Error {
  override readonly name = 'NotFinishableError';
}

/** What "finish now" did. */
export interface FinishedBatch {
  readonly batchId: string;
  readonly batchName: string;
  readonly forceUpdates: number;
  readonly devices: number;
  readonly speed: PracticeSpeed;
}

/** Finishes every force update of a practice batch now. */
export async function finishBatchNow(dataDir: string, history: BatchHistory, now: number): Promise<FinishedBatch> {
  if (!history.practice) {
    throw new NotFinishableError(`batch '${history.batchName}' was sent to a real tenant: only practice batches can be finished now. Track it with a refresh instead.`);
  }
  const ids = history.updates.map((u) => u.forceUpdateId);
  if (ids.length === 0) throw new NotFinishableError(`batch '${history.batchName}' has no forceUpdateId to finish (nothing was accepted, or it was only scheduled).`);
  const clock = await finishPracticeNow(dataDir, ids, now);
  return { batchId: history.batchId, batchName: history.batchName, forceUpdates: ids.length, devices: history.updates.reduce((n, u) => n + u.serials.length, 0), speed: currentSpeed(clock) };
}
