// Reading a damaged send journal for what it still says: every line that parses and fits is kept,
// damaged lines and records that do not fit are dropped and counted, and a torn last line is set
// apart. Used to keep holding back devices a damaged journal knows were pushed, and by the repair.
import { readFileSync } from 'node:fs';
import { parseJsonText, problemLine } from '../../common/schema/check-json.ts';
import { parseRecord, type JournalRecord } from './journal-records.ts';
import { applyRecord, initialState, JournalInconsistency, type SendJournalState } from './journal-state.ts';

/** A line left out of a salvage. */
export interface DroppedLine {
  /** 1-based line number */
  readonly line: number;
  readonly problem: string;
}

/** What a damaged journal still says. */
export interface Salvage {
  readonly file: string;
  /** the records kept, in file order (the start record first); empty without a readable start record */
  readonly records: readonly JournalRecord[];
  /** the send as the kept records tell it; null without a readable start record */
  readonly state: SendJournalState | null;
  /** complete lines that were dropped */
  readonly dropped: readonly DroppedLine[];
  /** a last line without its line break (a write cut short), dropped */
  readonly torn: { readonly offset: number; readonly bytes: number } | null;
  /** why the file could not be read at all (then everything else is empty) */
  readonly unreadable: string | null;
}

/** Reads every record of a journal that can still be read; never throws. */
export function salvageJournal(file: string): Salvage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { file, records: [], state: null, dropped: [], torn: null, unreadable: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  const records: JournalRecord[] = [];
  const dropped: DroppedLine[] = [];
  let state: SendJournalState | null = null;
  let torn: Salvage['torn'] = null;
  let start = 0;
  for (let line = 1; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    if (end === -1) {
      torn = { offset: start, bytes: bytes.length - start };
      break;
    }
    const text = bytes.subarray(start, end).toString('utf8');
    start = end + 1;
    const json = parseJsonText(text);
    if (!json.ok) {
      dropped.push({ line, problem: 'not valid JSON' });
      continue;
    }
    const parsed = parseRecord(json.value);
    if (!parsed.ok) {
      dropped.push({ line, problem: problemLine(parsed.problems) });
      continue;
    }
    const record = parsed.record;
    if (state === null) {
      if (record.t === 'start') {
        state = initialState(record);
        records.push(record);
      } else {
        dropped.push({ line, problem: 'a record before the start record' });
      }
      continue;
    }
    try {
      applyRecord(state, record);
      records.push(record);
    } catch (error) {
      if (!(error instanceof JournalInconsistency)) throw error;
      dropped.push({ line, problem: error.message });
    }
  }
  return { file, records, state, dropped, torn, unreadable: null };
}
