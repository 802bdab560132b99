// The practice clock as main keeps it (the same file `fota practice clock` changes): its speed, and
// "finish now" for a practice batch, after which the history is refreshed to show the final states.
import { create } from 'zustand';
import type { ContractError, PracticeClockView, Result } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';
import { useHistory } from './history.ts';

/** The speeds the practice clock offers. */
export const PRACTICE_CLOCK_SPEEDS = [1, 60, 600] as const;

interface PracticeClockState {
  readonly view: PracticeClockView | null;
  readonly busy: boolean;
  readonly error: ContractError | null;
  load(): Promise<void>;
  /** practice devices download this many times faster from now on */
  setSpeed(speed: PracticeClockView['speed']): Promise<Result<PracticeClockView>>;
  /** every device of a sent practice batch reaches its final state now; the history then refreshes it */
  finishNow(batchId: string): Promise<Result<PracticeClockView>>;
}

/** The practice clock slice. */
export const usePracticeClock = create<PracticeClockState>()((set) => {
  const change = async (speed: PracticeClockView['speed'] | null, finishNow: string | null): Promise<Result<PracticeClockView>> => {
    set({ busy: true });
    const result = await fota().invoke['practice:clock']({ speed, finishNow });
    set(result.ok ? { view: result.data, error: null, busy: false } : { error: result.error, busy: false });
    return result;
  };
  return {
    view: null,
    busy: false,
    error: null,
    load: async () => void (await change(null, null)),
    setSpeed: (speed) => change(speed, null),
    finishNow: async (batchId) => {
      const result = await change(null, batchId);
      if (result.ok) await useHistory.getState().refresh(batchId);
      return result;
    },
  };
});
