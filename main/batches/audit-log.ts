// The audit log `<dataDir>/audit.log`: append-only JSON lines saying who sent what to which tenant
// and what Samsung answered — OS user, host, profile, customerId, batch, each call and its result.
// Never a token or a secret: entries are built from named fields only. Exportable as CSV with
// spreadsheet formulas neutralised.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { toCsv, type CsvDelimiter } from '../../common/export/csv.ts';
import type { Actor } from '../../common/batch/model.ts';
import { DurableAppender, readJsonLines } from '../store/json-lines-file.ts';
import { replicaSinkOf, type ReplicaSink } from '../store/team/replica-sink.ts';

/** What happened. */
export type AuditEvent =
  | 'send-started'
  | 'send-resumed'
  | 'call'
  | 'resend-confirmed'
  | 'unknown-left'
  | 'replanned'
  | 'culprits-found'
  | 'pilot-continued'
  | 'latest-pinned'
  | 'cancelled'
  | 'held-back'
  | 'journal-repaired'
  | 'send-stopped';

/** One audit entry. */
export interface AuditEntry {
  readonly at: string;
  readonly user: string;
  readonly host: string;
  readonly profile: string;
  readonly customerId: string;
  readonly batchId: string;
  readonly batchName: string;
  readonly sendId: string;
  readonly event: AuditEvent;
  readonly callId?: string;
  readonly operation?: string;
  readonly model?: string;
  readonly salesCode?: string;
  readonly target?: string;
  readonly groupId?: string;
  readonly serials?: readonly string[];
  /** accepted, rejected, unknown, cancelled, pending (not sent) */
  readonly result?: string;
  readonly forceUpdateId?: string;
  readonly code?: string;
  /** a short explanation (never a secret: texts come from the client's redacted errors) */
  readonly detail?: string;
}

/** Who and where, shared by every entry of one send. */
export interface AuditContext {
  readonly actor: Actor;
  readonly profile: string;
  readonly customerId: string;
  readonly batchId: string;
  readonly batchName: string;
  readonly sendId: string;
}

/** The audit log file of a data folder. */
export function auditLogPath(dataDir: string): string {
  return path.join(dataDir, 'audit.log');
}

/** Appends entries to the audit log, each fsynced. */
export class AuditLog {
  readonly #appender: DurableAppender;
  // Team mode: each entry, once on disk, is also handed to the data folder's outbox (main/team).
  readonly #sink: ReplicaSink | null;

  private constructor(appender: DurableAppender, sink: ReplicaSink | null) {
    this.#appender = appender;
    this.#sink = sink;
  }

  /** Opens the audit log of a data folder for appending. */
  static async open(dataDir: string): Promise<AuditLog> {
    return new AuditLog(await DurableAppender.open(auditLogPath(dataDir)), replicaSinkOf(dataDir));
  }

  /** Writes one entry for a send. */
  async write(context: AuditContext, event: AuditEvent, at: string, fields: Omit<AuditEntry, keyof AuditContext | 'at' | 'user' | 'host' | 'event'> = {}): Promise<void> {
    const entry: AuditEntry = {
      at,
      user: context.actor.user,
      host: context.actor.host,
      profile: context.profile,
      customerId: context.customerId,
      batchId: context.batchId,
      batchName: context.batchName,
      sendId: context.sendId,
      event,
      ...fields,
    };
    await this.#appender.append(entry);
    await this.#sink?.audit(entry as unknown as Readonly<Record<string, unknown>>);
  }

  /** Closes the file. */
  close(): Promise<void> {
    return this.#appender.close();
  }
}

/** Reads the audit log; a torn last line (a crash while writing) is skipped, a damaged line is reported. */
export function readAuditLog(dataDir: string): { entries: Record<string, unknown>[]; problems: string[] } {
  const file = auditLogPath(dataDir);
  if (!existsSync(file)) return { entries: [], problems: [] };
  const lines = readJsonLines(file);
  const problems: string[] = [];
  if (lines.torn) problems.push(`the last line of ${file} was cut short (a crash while writing) and is not shown`);
  if (lines.bad) problems.push(`${file}: ${lines.bad.problem}; the lines after it are not shown`);
  const entries = lines.values.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
  return { entries, problems };
}

/** The columns of the CSV export, in order. */
export const AUDIT_COLUMNS = [
  'at', 'user', 'host', 'profile', 'customerId', 'batchId', 'batchName', 'sendId', 'event', 'callId', 'operation',
  'model', 'salesCode', 'target', 'groupId', 'devices', 'serials', 'result', 'forceUpdateId', 'code', 'detail',
] as const;

/** The audit entries as CSV (CRLF, no BOM); cells starting with = + - @ tab or CR get a leading `'`. */
export function auditCsv(entries: readonly Record<string, unknown>[], delimiter: CsvDelimiter = ','): string {
  const cell = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (Array.isArray(value)) return value.map(String).join(' ');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  const rows = entries.map((e) =>
    AUDIT_COLUMNS.map((column) => (column === 'devices' ? (Array.isArray(e['serials']) ? String(e['serials'].length) : '') : cell(e[column]))),
  );
  return toCsv([[...AUDIT_COLUMNS], ...rows], { delimiter, bom: false });
}
