// The practice clock: how fast the practice tenant's devices download (×1, ×60, ×600) and which
// force updates were told to finish now, so sending, tracking, failures and "new batch from failed"
// can be practised in ten minutes. Kept in the data folder (profiles/practice/clock.json) so the
// window and the CLI share it; only device progress follows it — tokens, licences and schedules keep
// real time, so nothing else about practice changes under a fast clock.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import type { Clock } from '../../common/clock.ts';
import { checkJson, parseJsonText, problemLine } from '../../common/schema/check-json.ts';
import { exactly, finiteNumber, list, openObject, rawText } from '../../common/schema/json-fields.ts';
import type { ProgressPace } from '../simulator/index.ts';
import { withFileLock } from '../store/file-lock.ts';
import { ensurePrivateFolder } from '../store/private-files.ts';
import { moveAside, writeFileAtomic } from '../store/safe-file.ts';
import { profileFolder } from '../store/data-folder.ts';
import { PRACTICE_PROFILE_ID } from './practice-profile.ts';

/** The speeds the practice clock offers. */
export const PRACTICE_SPEEDS = [1, 60, 600] as const;

/** One of the practice clock's speeds. */
export type PracticeSpeed = (typeof PRACTICE_SPEEDS)[number];

const MAX_SEGMENTS = 10_000;
const MAX_FINISHED = 1_000_000;

// From `from` (real time) on, progress runs at `speed`; `progressAt` is the progress time at `from`.
const segment = openObject({ from: finiteNumber(), speed: v.picklist(PRACTICE_SPEEDS), progressAt: finiteNumber() });
const clockSchema = openObject({ version: exactly(1), segments: list(segment, MAX_SEGMENTS), finished: list(rawText(200), MAX_FINISHED) });

/** What clock.json holds. */
export type PracticeClockFile = v.InferOutput<typeof clockSchema>;

/** Where the practice clock is kept. */
export function practiceClockPath(dataDir: string): string {
  return path.join(profileFolder(dataDir, PRACTICE_PROFILE_ID), 'clock.json');
}

const EMPTY: PracticeClockFile = { version: 1, segments: [], finished: [] };

/** Reads the practice clock; a damaged file is moved aside (said through `onNotice`) and the clock runs at ×1. */
export function readPracticeClock(dataDir: string, now: number, onNotice?: (message: string) => void): PracticeClockFile {
  const file = practiceClockPath(dataDir);
  if (!existsSync(file)) return EMPTY;
  const parsed = parseJsonText(readFileSync(file, 'utf8'));
  const checked = parsed.ok ? checkJson(clockSchema, parsed.value) : null;
  if (checked?.ok) return checked.value;
  const aside = moveAside(file, now);
  const details = parsed.ok ? problemLine(checked && !checked.ok ? checked.problems : []) : parsed.problem;
  if (aside !== null) onNotice?.(`the practice clock could not be read; it was moved to ${aside} and the clock runs at ×1. What was wrong: ${details}`);
  return EMPTY;
}

/** Progress time at real time `t`: real time until the first speed change, then each segment's pace. */
export function progressTime(clock: PracticeClockFile, t: number): number {
  let current: PracticeClockFile['segments'][number] | undefined;
  for (const s of clock.segments) if (s.from <= t) current = s;
  return current ? current.progressAt + (t - current.from) * current.speed : t;
}

/** The speed now. */
export function currentSpeed(clock: PracticeClockFile): PracticeSpeed {
  return clock.segments.at(-1)?.speed ?? 1;
}

/** The pace of the practice tenant's force updates, re-read whenever another process changed the file. */
export function practicePace(dataDir: string, clock: Clock, onNotice?: (message: string) => void): ProgressPace {
  const file = practiceClockPath(dataDir);
  let stamp = '';
  let held: PracticeClockFile = EMPTY;
  let finished = new Set<string>();
  const current = (): PracticeClockFile => {
    const seen = existsSync(file) ? statSync(file) : null;
    const next = seen ? `${seen.mtimeMs}/${seen.size}/${seen.ino}` : '';
    if (next !== stamp) {
      stamp = next;
      held = readPracticeClock(dataDir, clock.now(), onNotice);
      finished = new Set(held.finished);
    }
    return held;
  };
  return {
    elapsed(fu, now) {
      const c = current();
      if (finished.has(fu.forceUpdateId)) return Number.POSITIVE_INFINITY;
      return progressTime(c, now) - progressTime(c, fu.createdAt);
    },
  };
}

async function change(dataDir: string, now: number, edit: (c: PracticeClockFile) => PracticeClockFile): Promise<PracticeClockFile> {
  const file = practiceClockPath(dataDir);
  return withFileLock(`${file}.lock`, () => {
    const next = edit(readPracticeClock(dataDir, now));
    ensurePrivateFolder(path.dirname(file));
    writeFileAtomic(file, `${JSON.stringify(next)}\n`);
    return next;
  });
}

/** Sets the speed from now on (force updates already under way speed up or slow down too). */
export function setPracticeSpeed(dataDir: string, speed: PracticeSpeed, now: number): Promise<PracticeClockFile> {
  return change(dataDir, now, (c) => {
    if (currentSpeed(c) === speed) return c;
    const segments = [...c.segments, { from: now, speed, progressAt: progressTime(c, now) }];
    return { ...c, segments: segments.slice(-MAX_SEGMENTS) };
  });
}

/** Every device of these force updates reaches its final state at once (success, or failed with its reason). */
export function finishPracticeNow(dataDir: string, forceUpdateIds: readonly string[], now: number): Promise<PracticeClockFile> {
  return change(dataDir, now, (c) => ({ ...c, finished: [...new Set([...c.finished, ...forceUpdateIds])].slice(-MAX_FINISHED) }));
}
