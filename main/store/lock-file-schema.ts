// The schema of a lock file (file-lock.ts): who took the lock. A lock file that fails it was never a
// whole FOTA Desk lock (left over from a crash or a full disk) and is taken over.
import * as v from 'valibot';
import { finiteNumber, openObject, rawText } from '../../common/schema/json-fields.ts';

const anyText = rawText(Number.MAX_SAFE_INTEGER);

/** What a lock file holds. */
export const lockOwnerSchema = v.pipe(
  openObject({
    pid: finiteNumber(),
    host: anyText,
    /** ISO time the lock was taken */
    time: anyText,
    /** unique per acquisition, so a process never releases a lock it no longer holds */
    token: anyText,
    /** the holder's boot id and start time where the OS tells them (Linux), to see through pid reuse */
    started: v.optional(v.unknown()),
  }),
  // An older holder wrote no start time, and one that is not text is no start time: the lock still names its holder.
  v.transform(({ pid, host, time, token, started }) => ({ pid, host, time, token, ...(typeof started === 'string' ? { started } : {}) })),
);

/** What a lock file holds. */
export type LockOwner = Readonly<v.InferOutput<typeof lockOwnerSchema>>;
