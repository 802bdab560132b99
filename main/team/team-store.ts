// The TeamStore seam, beside SecretStore: where a workstation's records are shared. The local store
// is today's behaviour (each data folder is its own record: nothing to share, nothing to look up);
// the PostgreSQL store (pg-team-store.ts) is the one record of every workstation of a tenant.
import type { OutboxEntry } from '../store/team/outbox-entry.ts';
import type { Workstation } from '../store/team/team-config.ts';

/** One push of a device as the shared record knows it. */
export interface TeamPush {
  readonly serial: string;
  readonly customerId: string;
  readonly sendId: string;
  readonly callId: string;
  readonly batchId: string;
  readonly batchName: string;
  readonly workstationId: string;
  readonly host: string;
  readonly user: string;
  /** ISO time the send started */
  readonly startedAt: string;
  /** the call's last journal state (accepted, rejected, unknown…) */
  readonly callState: string;
  readonly forceUpdateId: string | null;
  /** the device's latest tracked state (sent, processing, downloaded, failed, unknown), when tracked */
  readonly deviceState: string | null;
}

/** What the server says about itself. */
export interface TeamServerStatus {
  readonly server: string;
  readonly schemaVersion: number;
  readonly workstations: number;
}

/** Where records are shared. */
export interface TeamStore {
  /** `local`: solo mode; `postgres`: the shared record */
  readonly kind: 'local' | 'postgres';
  /** stores entries (idempotently: an entry already there is kept as it is) */
  apply(workstation: Workstation, entries: readonly OutboxEntry[]): Promise<void>;
  /** every push of a serial across the tenant's workstations (customerId null: every tenant), newest first */
  pushesOf(customerId: string | null, serial: string): Promise<TeamPush[]>;
  /** the server's description; null for the local store */
  status(): Promise<TeamServerStatus | null>;
  /** closes the connection */
  close(): Promise<void>;
}

/** Solo mode: the data folder is the whole record. */
export class LocalTeamStore implements TeamStore {
  readonly kind = 'local';

  /** Nothing to share: the local files are the record. */
  async apply(): Promise<void> {}

  /** Nothing beyond the local look-ups. */
  async pushesOf(): Promise<TeamPush[]> {
    return [];
  }

  /** No server. */
  async status(): Promise<TeamServerStatus | null> {
    return null;
  }

  /** Nothing to close. */
  async close(): Promise<void> {}
}
