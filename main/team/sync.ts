// Sends the outbox to the team store: the entries after the acknowledged offset, in batches, each
// batch in one transaction, the offset moved on only after the commit. Killed anywhere, the next sync
// sends the unacknowledged batch again and the server keeps its first copy. One sync at a time per
// data folder (a lock file), so two processes never move the offset over each other.
import { existsSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { withFileLock } from '../store/file-lock.ts';
import { backfillOutbox, type BackfillReport } from './backfill.ts';
import { outboxBacklog, readAck, readPending, writeAck } from '../store/team/outbox.ts';
import { rescanMarker } from '../store/team/replica-sink.ts';
import { teamDir, type Workstation } from '../store/team/team-config.ts';
import type { TeamStore } from './team-store.ts';

/** What a sync did. */
export interface SyncResult {
  /** entries sent to the server (some may have been there already) */
  readonly sent: number;
  /** outbox lines that were not entries (a fragment left by a crash): skipped */
  readonly skipped: number;
  /** the local files were re-read first (after a failed outbox append, or when asked) */
  readonly rescan: BackfillReport | null;
  readonly lastSync: string | null;
}

/** Options of a sync. */
export interface SyncOptions {
  readonly now: () => string;
  /** entries per transaction (default 2,000) */
  readonly batch?: number;
  /** re-read the whole local record into the outbox first */
  readonly rescan?: boolean;
  /** called after each committed batch (tests stop a sync midway through it) */
  readonly afterBatch?: (sent: number) => void | Promise<void>;
}

/** Sends everything waiting in the outbox; throws when the server cannot be reached (the outbox keeps it all). */
export async function syncOutbox(dataDir: string, store: TeamStore, ws: Workstation, options: SyncOptions): Promise<SyncResult> {
  return withFileLock(path.join(teamDir(dataDir), '.sync.lock'), async () => {
    const marker = rescanMarker(dataDir);
    const needRescan = options.rescan === true || existsSync(marker);
    let rescan: BackfillReport | null = null;
    if (needRescan) {
      rescan = await backfillOutbox(dataDir);
      if (existsSync(marker)) unlinkSync(marker);
    }
    let sent = 0;
    let skipped = 0;
    let ack = readAck(dataDir);
    for (;;) {
      const pending = readPending(dataDir, ack.offset, options.batch ?? 2_000);
      if (pending.end === ack.offset) break;
      if (pending.entries.length > 0) await store.apply(ws, pending.entries);
      ack = { offset: pending.end, lastSync: options.now() };
      writeAck(dataDir, ack);
      sent += pending.entries.length;
      skipped += pending.skipped;
      await options.afterBatch?.(sent);
    }
    if (sent === 0 && skipped === 0) {
      // Nothing waited: still a successful contact with the server.
      await store.apply(ws, []);
      ack = { offset: ack.offset, lastSync: options.now() };
      writeAck(dataDir, ack);
    }
    return { sent, skipped, rescan, lastSync: ack.lastSync };
  }, { timeoutMs: 60_000, staleMs: Infinity });
}

/** How far behind this workstation is. */
export function syncState(dataDir: string): { waiting: number; lastSync: string | null; rescanNeeded: boolean } {
  return { waiting: outboxBacklog(dataDir).entries, lastSync: readAck(dataDir).lastSync, rescanNeeded: existsSync(rescanMarker(dataDir)) };
}
