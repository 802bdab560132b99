// The one seam the local writers call after their own record is on disk: the send journal, the
// history store and the audit log hand each record to the sink of their data folder. In solo mode
// (no team connection in the data folder) there is no sink and nothing else happens. In team mode the
// record goes to the outbox; a failure there never fails the local write (the local files stay the
// source of truth): it is remembered, and the next `fota team sync` re-reads the local files.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BatchHistory } from '../history/history-model.ts';
import { appendToOutbox } from './outbox.ts';
import { auditKey, type OutboxEntry } from './outbox-entry.ts';
import { isTeamMode, teamDir } from './team-config.ts';

/** Where the local writers hand their records. */
export interface ReplicaSink {
  /** a journal record, `seq` its line number in the journal file (from 0) */
  journal(customerId: string, batchId: string, sendId: string, seq: number, record: object): Promise<void>;
  /** a history state just stored */
  history(history: BatchHistory): Promise<void>;
  /** an audit entry just written */
  audit(entry: Readonly<Record<string, unknown>>): Promise<void>;
}

/** The marker left when an outbox append failed: the next sync re-reads the local files. */
export function rescanMarker(dataDir: string): string {
  return path.join(teamDir(dataDir), 'rescan-needed');
}

function outboxSink(dataDir: string): ReplicaSink {
  const put = async (entry: OutboxEntry): Promise<void> => {
    try {
      await appendToOutbox(dataDir, [entry]);
    } catch {
      try {
        writeFileSync(rescanMarker(dataDir), `${new Date().toISOString()}\n`);
      } catch {
        // the disk refuses even this; `fota team sync --rescan` still catches up
      }
    }
  };
  return {
    journal: (customerId, batchId, sendId, seq, record) => put({ k: 'journal', customerId, batchId, sendId, seq, record }),
    history: (history) => put({ k: 'history', customerId: history.customerId, batchId: history.batchId, revision: history.revision, history }),
    audit: (entry) => put({ k: 'audit', customerId: typeof entry['customerId'] === 'string' ? entry['customerId'] : '', key: auditKey(entry), entry }),
  };
}

/** The sink of a data folder: null in solo mode. */
export function replicaSinkOf(dataDir: string): ReplicaSink | null {
  return existsSync(dataDir) && isTeamMode(dataDir) ? outboxSink(dataDir) : null;
}
