// The history index: which batches exist, their totals and which batches hold each serial, so a
// helpdesk look-up does not read every file. It is a pure function of the batch files (and their
// size and modification time), so deleting it and rebuilding gives the same bytes.
import { HISTORY_SCHEMA_VERSION, serialsOf, type BatchHistory, type HistoryIndex, type IndexEntry } from './history-model.ts';

/** A batch file's history with the file facts the index keeps. */
export interface IndexedFile {
  readonly history: BatchHistory;
  readonly fileBytes: number;
  readonly fileMtimeMs: number;
}

/** The index entry of one batch file. */
export function indexEntry(file: IndexedFile): IndexEntry {
  const h = file.history;
  const times = [...h.updates.map((u) => u.sentAt), ...h.scheduled.map((s) => s.sentAt)].sort();
  return {
    batchId: h.batchId,
    batchName: h.batchName,
    customerId: h.customerId,
    practice: h.practice,
    revision: h.revision,
    fileBytes: file.fileBytes,
    fileMtimeMs: file.fileMtimeMs,
    updates: h.updates.length,
    open: h.updates.filter((u) => u.status === 'open').length,
    scheduled: h.scheduled.length,
    devices: h.updates.reduce((n, u) => n + u.serials.length, 0),
    firstSentAt: times[0] ?? null,
    lastSentAt: times[times.length - 1] ?? null,
  };
}

/** Builds the index of a set of batch files (deterministic: sorted by batch id and serial). */
export function buildIndex(files: readonly IndexedFile[]): HistoryIndex {
  const sorted = [...files].sort((a, b) => (a.history.batchId < b.history.batchId ? -1 : a.history.batchId > b.history.batchId ? 1 : 0));
  const bySerial = new Map<string, string[]>();
  for (const f of sorted) {
    for (const serial of serialsOf(f.history)) {
      const list = bySerial.get(serial);
      if (list) list.push(f.history.batchId);
      else bySerial.set(serial, [f.history.batchId]);
    }
  }
  const serials = Object.create(null) as Record<string, string[]>;
  for (const serial of [...bySerial.keys()].sort()) serials[serial] = bySerial.get(serial) ?? [];
  return { schemaVersion: HISTORY_SCHEMA_VERSION, batches: sorted.map(indexEntry), serials };
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The index with one batch file replaced (or added), without reading the other files. Gives exactly
 * what buildIndex would give for the same files: entries and lists sorted by batch id, serials sorted.
 */
export function replaceInIndex(index: HistoryIndex, file: IndexedFile): HistoryIndex {
  const id = file.history.batchId;
  const batches = [...index.batches.filter((b) => b.batchId !== id), indexEntry(file)].sort((a, b) => byId(a.batchId, b.batchId));
  const lists = new Map<string, string[]>();
  for (const [serial, ids] of Object.entries(index.serials)) {
    const rest = ids.filter((x) => x !== id);
    if (rest.length > 0) lists.set(serial, rest);
  }
  for (const serial of serialsOf(file.history)) {
    const list = lists.get(serial);
    if (list) list.push(id);
    else lists.set(serial, [id]);
  }
  const serials = Object.create(null) as Record<string, string[]>;
  for (const serial of [...lists.keys()].sort()) serials[serial] = (lists.get(serial) ?? []).sort(byId);
  return { schemaVersion: HISTORY_SCHEMA_VERSION, batches, serials };
}

/** The index as written to disk. */
export function indexText(index: HistoryIndex): string {
  return `${JSON.stringify(index)}\n`;
}
