// What the outbox carries to the team record: one entry per journal record, stored history state or
// audit entry, each with the natural key that makes its insert idempotent on the server.
import { createHash } from 'node:crypto';
import type { BatchHistory } from '../history/history-model.ts';

/** A journal record: keyed by send id and record number (its line in the journal file, from 0). */
export interface JournalEntry {
  readonly k: 'journal';
  readonly customerId: string;
  readonly sendId: string;
  readonly batchId: string;
  readonly seq: number;
  /** the journal line as written (its shape is the journal's, main/batches/journal-records.ts; the outbox only carries it) */
  readonly record: object;
}

/** A stored history state of a batch: keyed by batch id and revision. */
export interface HistoryEntry {
  readonly k: 'history';
  readonly customerId: string;
  readonly batchId: string;
  readonly revision: number;
  readonly history: BatchHistory;
}

/** An audit entry: keyed by the SHA-256 of its line in audit.log. */
export interface AuditOutboxEntry {
  readonly k: 'audit';
  readonly customerId: string;
  readonly key: string;
  readonly entry: Readonly<Record<string, unknown>>;
}

/** Any outbox entry. */
export type OutboxEntry = JournalEntry | HistoryEntry | AuditOutboxEntry;

/** The idempotency key of an audit entry: the same whether it comes from the hook or a re-scan. */
export function auditKey(entry: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex');
}

/** A readable name of an entry's key, for messages. */
export function entryKeyText(entry: OutboxEntry): string {
  switch (entry.k) {
    case 'journal':
      return `journal ${entry.sendId}#${entry.seq}`;
    case 'history':
      return `history ${entry.batchId} r${entry.revision}`;
    case 'audit':
      return `audit ${entry.key.slice(0, 12)}`;
  }
}

/** Checks the shape of an entry read back from the outbox file (written by this or another FOTA Desk). */
export function isOutboxEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v['customerId'] !== 'string') return false;
  switch (v['k']) {
    case 'journal':
      return typeof v['sendId'] === 'string' && typeof v['batchId'] === 'string' && Number.isInteger(v['seq']) && typeof v['record'] === 'object' && v['record'] !== null;
    case 'history':
      return typeof v['batchId'] === 'string' && Number.isInteger(v['revision']) && typeof v['history'] === 'object' && v['history'] !== null;
    case 'audit':
      return typeof v['key'] === 'string' && typeof v['entry'] === 'object' && v['entry'] !== null;
    default:
      return false;
  }
}
