// The practice clock for the window: the same clock file `fota practice clock` changes, so the two
// always agree. Finishing a batch now is for practice batches only (the batches layer refuses others).
import type { Clock } from '../../common/clock.ts';
import type { PracticeClockView } from '../../common/contract.ts';
import { finishBatchNow, type FinishedBatch } from '../batches/practice-finish.ts';
import type { TrackingService } from '../batches/track-service.ts';
import { currentSpeed, readPracticeClock, setPracticeSpeed, type PracticeSpeed } from '../practice/practice-clock.ts';
import { ServiceError } from './service-error.ts';

/** The window's side of the practice clock. */
export class PracticeClockService {
  constructor(
    private readonly tracking: TrackingService,
    private readonly clock: Clock,
    private readonly onNotice: (message: string) => void = () => undefined,
  ) {}

  /** Reads the clock; sets its speed and finishes a practice batch now when asked. */
  async change(request: { readonly speed: PracticeSpeed | null; readonly finishNow: string | null }): Promise<PracticeClockView> {
    const dataDir = this.tracking.dataDir;
    const now = this.clock.now();
    if (request.speed !== null) await setPracticeSpeed(dataDir, request.speed, now);
    let finished: FinishedBatch | null = null;
    if (request.finishNow !== null) {
      await this.tracking.sync();
      const history = this.tracking.get(request.finishNow);
      if (!history) throw new ServiceError('NOT_FOUND', 'This batch has not been sent, so there is nothing to finish. Send it first.');
      finished = await finishBatchNow(dataDir, history, now);
    }
    const speed = currentSpeed(readPracticeClock(dataDir, now, this.onNotice));
    return { speed, finished: finished && { batchId: finished.batchId, batchName: finished.batchName, forceUpdates: finished.forceUpdates, devices: finished.devices } };
  }
}
