// `fota batch repair` and the window's "Repair the journal": a damaged send journal is rewritten
// from every record that can still be read, under the batch's send lock. The damaged lines and a torn
// tail are dropped (the original file is kept beside it for support); because a dropped line may have
// been the record of a call going out, every call not yet final becomes `unknown` for the admin to
// decide; and what the history knows of this send (accepted calls and their forceUpdateIds,
// rejections) is written back. Nothing is ever guessed in the direction of "not sent".
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import type { Clock } from '../../common/clock.ts';
import type { Actor } from '../../common/batch/model.ts';
import { fileStamp, writeFileAtomic } from '../store/safe-file.ts';
import type { HistoryStore } from '../store/history/history-store.ts';
import { AuditLog } from './audit-log.ts';
import { JournalDamagedError, journalDir, journalFiles, loadJournalState, readJournal } from './journal.ts';
import type { JournalRecord } from './journal-records.ts';
import { salvageJournal, type DroppedLine } from './journal-salvage.ts';
import { applyRecord, isFinal, type CallStatus, type SendJournalState } from './journal-state.ts';
import { acquireSendLock } from './lock.ts';
import { readBatchJournals } from './send-plan.ts';

/** What the repair of one journal file did. */
export interface JournalRepair {
  readonly file: string;
  /** the original file, kept for support */
  readonly keptAt: string;
  readonly sendId: string | null;
  /** records kept (the start record included) */
  readonly keptRecords: number;
  readonly dropped: readonly DroppedLine[];
  /** bytes of a torn last line dropped */
  readonly tornBytes: number;
  /** calls now `unknown`: their outcome may have been in a dropped line, or they were in flight */
  readonly markedUnknown: readonly string[];
  /** calls the history knew better, written back */
  readonly fromHistory: readonly { readonly callId: string; readonly state: 'accepted' | 'rejected'; readonly forceUpdateId: string | null }[];
  /** the start record could not be read: the send cannot be rebuilt and the file was only set aside */
  readonly setAside: boolean;
}

/** What a repair of a batch's journals did. */
export interface RepairReport {
  readonly batchId: string;
  readonly repairs: readonly JournalRepair[];
  /** when no file was damaged: what the journals say (nothing changed, or a problem a repair cannot fix) */
  readonly note: string | null;
  /** the journals have a problem that is not damage to a file (two unfinished sends, another tenant): a repair cannot fix it */
  readonly unfixable: boolean;
}

/** What the repair needs. */
export interface RepairOptions {
  readonly dataDir: string;
  readonly batchId: string;
  /** the batch's tenant, to check the journals that are not damaged */
  readonly customerId: string;
  /** the history, caught up with every readable journal by the caller */
  readonly history: HistoryStore;
  readonly actor: Actor;
  readonly clock: Clock;
  /** write the audit log (default true) */
  readonly audit?: boolean;
}

/** True when a journal file cannot be replayed (a torn last line alone is not damage). */
function isDamaged(file: string): boolean {
  try {
    const { records, torn } = readJournal(file);
    if (records.length === 0 && torn) return false;
    loadJournalState(file);
    return false;
  } catch (error) {
    if (error instanceof JournalDamagedError) return true;
    throw error;
  }
}

function reconcile(state: SendJournalState, history: HistoryStore, batchId: string, at: string): { records: JournalRecord[]; fromHistory: JournalRepair['fromHistory'] } {
  const h = history.get(batchId);
  const sendId = state.start.sendId;
  const records: JournalRecord[] = [];
  const fromHistory: Array<JournalRepair['fromHistory'][number]> = [];
  const add = (record: JournalRecord & { t: 'call' }): void => {
    applyRecord(state, record);
    records.push(record);
  };
  for (const u of h?.updates ?? []) {
    const s = state.calls.get(u.callId);
    if (u.sendId !== sendId || !s || s.state === 'accepted') continue;
    add({ t: 'call', id: u.callId, state: 'accepted', forceUpdateId: u.forceUpdateId, at });
    fromHistory.push({ callId: u.callId, state: 'accepted', forceUpdateId: u.forceUpdateId });
  }
  for (const c of h?.untracked ?? []) {
    const s = state.calls.get(c.callId);
    if (c.sendId !== sendId || c.state !== 'rejected' || !s || isFinal(s)) continue;
    add({ t: 'call', id: c.callId, state: 'rejected', code: c.code ?? 'unknown', local: false, message: c.message ?? 'rejected (from the history)', at });
    fromHistory.push({ callId: c.callId, state: 'rejected', forceUpdateId: null });
  }
  return { records, fromHistory };
}

async function repairFile(file: string, o: RepairOptions): Promise<JournalRepair> {
  const now = o.clock.now();
  const at = new Date(now).toISOString();
  const keptAt = `${file}.damaged-${fileStamp(now)}`;
  const salvage = salvageJournal(file);
  if (salvage.unreadable !== null) throw new JournalDamagedError(file, `it cannot be read (${salvage.unreadable}), so it cannot be repaired either; check the file's permissions`);
  const base = { file, keptAt, dropped: salvage.dropped, tornBytes: salvage.torn?.bytes ?? 0 };
  const state = salvage.state;
  if (!state) {
    renameSync(file, keptAt);
    return { ...base, sendId: null, keptRecords: 0, markedUnknown: [], fromHistory: [], setAside: true };
  }
  copyFileSync(file, keptAt);
  const repair: JournalRecord = { t: 'repair', lines: salvage.dropped.length, bytes: base.tornBytes, keptAt, at, by: o.actor };
  const { records: known, fromHistory } = reconcile(state, o.history, o.batchId, at);
  const lost = salvage.dropped.length > 0;
  const markedUnknown: string[] = [];
  const unknown: JournalRecord[] = [];
  for (const id of state.order) {
    const s = state.calls.get(id) as CallStatus;
    if (s.replacedBy.length > 0 || !(s.state === 'sending' || (lost && s.state === 'pending'))) continue;
    const reason = s.state === 'sending'
      ? 'in flight when the journal was damaged: it may have reached Samsung'
      : `a damaged line of the journal (dropped by the repair) may have recorded this call going out: it may have reached Samsung`;
    const record: JournalRecord = { t: 'call', id, state: 'unknown', reason, at };
    applyRecord(state, record);
    unknown.push(record);
    markedUnknown.push(id);
  }
  const records = [...salvage.records, repair, ...known, ...unknown];
  writeFileAtomic(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  // The rewritten file must replay: a repair never leaves a journal the Sender would refuse.
  loadJournalState(file);
  if (o.audit !== false) {
    const audit = await AuditLog.open(o.dataDir);
    try {
      const start = state.start;
      await audit.write({ actor: o.actor, profile: start.profile, customerId: start.customerId, batchId: start.batchId, batchName: start.batchName, sendId: start.sendId }, 'journal-repaired', at, {
        detail: `${salvage.dropped.length} damaged line(s) and ${base.tornBytes} torn byte(s) dropped; ${markedUnknown.length} call(s) now unknown; ${fromHistory.length} call(s) from the history; original kept in ${keptAt}`,
      });
    } finally {
      await audit.close();
    }
  }
  return { ...base, sendId: state.start.sendId, keptRecords: salvage.records.length, markedUnknown, fromHistory, setAside: false };
}

/** Repairs every damaged journal of a batch under its send lock (BatchLockedError while it is being sent). */
export async function repairBatchJournals(o: RepairOptions): Promise<RepairReport> {
  const dir = journalDir(o.dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = await acquireSendLock(dir, o.batchId);
  try {
    const repairs: JournalRepair[] = [];
    for (const file of journalFiles(dir, o.batchId)) if (isDamaged(file)) repairs.push(await repairFile(file, o));
    let note: string | null = null;
    let unfixable = false;
    if (repairs.length === 0) {
      try {
        readBatchJournals(dir, o.batchId, o.customerId);
        note = 'No journal of this batch is damaged; nothing was changed.';
      } catch (error) {
        if (!(error instanceof JournalDamagedError)) throw error;
        note = `No journal file is damaged, but ${error.problem} (${error.file}); a repair cannot settle that.`;
        unfixable = true;
      }
    }
    return { batchId: o.batchId, repairs, note, unfixable };
  } finally {
    await lock.release();
  }
}

/** The report in words, one line per fact. */
export function repairText(report: RepairReport): string[] {
  if (report.repairs.length === 0) return [report.note ?? 'Nothing was repaired.'];
  return report.repairs.flatMap((r) => {
    if (r.setAside) {
      return [`${r.file}: its first record (the send and its calls) could not be read, so the send cannot be rebuilt; the file was moved to ${r.keptAt}. The history keeps what it knew of it.`];
    }
    const lines = [`${r.file} (send ${r.sendId ?? '?'}): kept ${r.keptRecords} record(s); dropped ${r.dropped.length} damaged line(s)${r.dropped.length > 0 ? ` (${r.dropped.slice(0, 5).map((d) => `line ${d.line}: ${d.problem}`).join('; ')}${r.dropped.length > 5 ? '; …' : ''})` : ''}${r.tornBytes > 0 ? ` and a torn last line of ${r.tornBytes} bytes` : ''}.`];
    if (r.fromHistory.length > 0) lines.push(`  From the history: ${r.fromHistory.map((c) => `${c.callId} ${c.state}${c.forceUpdateId ? ` (forceUpdateId ${c.forceUpdateId})` : ''}`).join(', ')}.`);
    if (r.markedUnknown.length > 0) lines.push(`  Now 'unknown' (they may have reached Samsung; decide with --resend-unknown or --leave-unknown): ${r.markedUnknown.join(', ')}.`);
    lines.push(`  The original file is kept in ${r.keptAt}.`);
    return lines;
  });
}
