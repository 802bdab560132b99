// The practice clock control: how fast practice devices download, and — for a sent practice batch —
// "finish now". Shown only for the practice tenant; the words say plainly that it is practice.
import { useEffect } from 'react';
import { ErrorNote } from './ErrorNote.tsx';
import { useApp } from '../state/app.ts';
import { PRACTICE_CLOCK_SPEEDS, usePracticeClock } from '../state/practice-clock.ts';
import { count } from '../util/format.ts';

/** The speed control, plus "Finish now" when a practice batch is given. */
export function PracticeClock({ batchId }: { readonly batchId?: string }) {
  const { view, busy, error, load, setSpeed, finishNow } = usePracticeClock();
  const announce = useApp((s) => s.announce);
  useEffect(() => {
    if (view === null) void load();
  }, []);

  const finish = async (id: string): Promise<void> => {
    const result = await finishNow(id);
    if (result.ok && result.data.finished) announce(`Practice: ${count(result.data.finished.devices, 'device')} finished now.`);
  };

  return (
    <fieldset className="practice-clock" aria-busy={busy}>
      <legend>Practice clock</legend>
      <p className="hint">Practice devices take 5 to 120 minutes each at ×1. Speed them up to practise tracking and retries in minutes.</p>
      <div className="toolbar" role="radiogroup" aria-label="Practice download speed">
        {PRACTICE_CLOCK_SPEEDS.map((speed) => (
          <label key={speed}>
            <input type="radio" name="practice-speed" checked={view?.speed === speed} disabled={busy} onChange={() => void setSpeed(speed)} /> ×{speed}
          </label>
        ))}
        {batchId !== undefined && (
          <button type="button" disabled={busy} onClick={() => void finish(batchId)}>
            Finish now (practice)
          </button>
        )}
      </div>
      <ErrorNote error={error} title="The practice clock could not be changed." />
    </fieldset>
  );
}
