// The schema of a send journal's lines (journal-records.ts holds their types). The journal is read
// back after a crash, possibly by a newer or older FOTA Desk, so every line is checked whole.
import * as v from 'valibot';
import { actorSchema, deliveryWindowSchema } from '../../common/batch/batch-schema.ts';
import { MAX_SERIALS_PER_CALL } from '../../common/batch/plan.ts';
import { at, exactly, fields, flag, isoTime, kinds, list, object, oneOf, orNull, pattern, text, wholeNumber } from '../../common/schema/json-fields.ts';
import type { JournalRecord } from './journal-records.ts';

/** Format version of the journal's start record. */
export const JOURNAL_VERSION = 1;

const MAX_CALLS = 10_000;
const COUNT = Number.MAX_SAFE_INTEGER;
const by = actorSchema;
const ids = list(text(200), MAX_CALLS);
const reason = text(4000, { allowEmpty: true, multiline: true });

/** One planned call, as the start and replan records carry it. */
const plannedCall = v.pipe(
  object({
    id: text(200),
    operation: oneOf(['forceUpdate', 'serverInit']),
    groupKey: text(200),
    model: text(100),
    salesCode: text(100),
    target: text(200),
    serials: list(text(100), MAX_SERIALS_PER_CALL),
    pilot: flag(),
    // Optional fields last, where the journal has always written them (a repaired journal keeps its layout).
    network: v.exactOptional(oneOf(['WIFIONLY', 'ANY'])),
    groupId: v.exactOptional(text(100)),
    window: v.exactOptional(deliveryWindowSchema('yyyymmdd', 'HH')),
  }),
  v.forward(v.check((c) => c.operation !== 'forceUpdate' || c.serials.length > 0, 'a forceUpdate call needs at least one serial'), ['serials']),
  v.check((c) => c.operation !== 'serverInit' || (c.groupId !== undefined && c.window !== undefined), 'a serverInit call needs a groupId and a window'),
);

/** Planned calls; their ids must be unique. */
const calls = v.pipe(
  list(plannedCall, MAX_CALLS),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Set<string>();
    dataset.value.forEach((c, i) => {
      if (seen.has(c.id)) addIssue({ message: `call id ${c.id} appears twice`, path: at(dataset.value, i, 'id') });
      seen.add(c.id);
    });
  }),
);

const start = v.pipe(
  fields({
    t: exactly('start'),
    v: v.literal(JOURNAL_VERSION, (issue) => `journal format ${JSON.stringify(issue.input)} is not ${JOURNAL_VERSION}; it was written by another FOTA Desk version`),
    sendId: pattern(/^[A-Za-z0-9][A-Za-z0-9.-]{0,120}$/, 'a send id'),
    batchId: text(64),
    batchName: text(200),
    customerId: text(100),
    batchEdited: isoTime(),
    profile: text(200),
    at: isoTime(),
    by,
    pilotCalls: wholeNumber(0, COUNT),
    calls,
  }),
  v.forward(v.check((s) => s.pilotCalls <= s.calls.length, (issue) => `must be between 0 and ${(issue.input as { calls: unknown[] }).calls.length}, the number of calls`), ['pilotCalls']),
);

const call = kinds('state', [
  fields({ t: exactly('call'), id: text(200), state: exactly('sending'), attempt: wholeNumber(1, 1_000_000), at: isoTime() }),
  fields({ t: exactly('call'), id: text(200), state: exactly('accepted'), forceUpdateId: orNull(text(100)), at: isoTime() }),
  fields({ t: exactly('call'), id: text(200), state: exactly('rejected'), code: text(40), local: flag(), message: reason, at: isoTime() }),
  fields({ t: exactly('call'), id: text(200), state: exactly('unknown'), reason, at: isoTime() }),
  fields({ t: exactly('call'), id: text(200), state: exactly('pending'), reason, at: isoTime() }),
  fields({ t: exactly('call'), id: text(200), state: exactly('cancelled'), at: isoTime() }),
]);

const culprit = object({ serial: text(100), category: text(200) });

/** Any journal line. */
export const journalRecordSchema: v.GenericSchema<unknown, JournalRecord> = kinds('t', [
  start,
  call,
  fields({ t: exactly('culprits'), id: text(200), culprits: list(culprit, MAX_SERIALS_PER_CALL), at: isoTime() }),
  fields({ t: exactly('resend'), ids, at: isoTime(), by }),
  fields({ t: exactly('leave'), ids, at: isoTime(), by }),
  fields({ t: exactly('replan'), of: text(200), mode: oneOf(['without', 'halves']), removed: ids, calls, at: isoTime(), by }),
  fields({ t: exactly('pilot'), at: isoTime(), by }),
  fields({ t: exactly('pin'), groupKey: text(200), target: text(200), at: isoTime(), by }),
  fields({ t: exactly('cancel'), at: isoTime(), by }),
  fields({ t: exactly('torn'), bytes: wholeNumber(0, COUNT), keptAt: orNull(text(4096)), at: isoTime() }),
  fields({ t: exactly('hold'), id: text(200), serials: list(text(100), MAX_SERIALS_PER_CALL), at: isoTime(), by }),
  fields({ t: exactly('repair'), lines: wholeNumber(0, COUNT), bytes: wholeNumber(0, COUNT), keptAt: text(4096), at: isoTime(), by }),
]);

