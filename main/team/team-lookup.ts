// The look-ups' view of the shared record: pushes of a serial made by *other* workstations (this
// one's own are in its local files already). In solo mode there is nothing more to show; when the
// database cannot be reached, the look-up says so and shows the local record alone.
import type { SecretStore } from '../auth/secret-store.ts';
import { openTeamStore } from './open-team-store.ts';
import { isTeamMode } from '../store/team/team-config.ts';
import { describeTeamFailure } from './team-errors.ts';
import type { TeamPush } from './team-store.ts';

/** Pushes from other workstations, or why they could not be read (null problem: read, or solo). */
export interface TeamLookup {
  readonly pushes: readonly TeamPush[];
  readonly problem: string | null;
}

/** The pushes of `serial` that other workstations of the team made, newest first. */
export async function pushesElsewhere(dataDir: string, secrets: SecretStore, serial: string): Promise<TeamLookup> {
  if (!isTeamMode(dataDir)) return { pushes: [], problem: null };
  try {
    const opened = await openTeamStore(dataDir, secrets);
    try {
      const all = await opened.store.pushesOf(null, serial);
      return { pushes: all.filter((p) => p.workstationId !== opened.workstation.id), problem: null };
    } finally {
      await opened.store.close();
    }
  } catch (error) {
    const failure = describeTeamFailure(error);
    return { pushes: [], problem: failure?.message ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/** One push from another workstation, for people. */
export function teamPushText(p: TeamPush): string {
  const id = p.forceUpdateId ? `forceUpdateId ${p.forceUpdateId}` : `call ${p.callId}`;
  return `${p.deviceState ?? p.callState} — batch '${p.batchName}' (${p.batchId}), ${id}, sent ${p.startedAt} by ${p.user}@${p.host} (workstation ${p.workstationId}), customer ID ${p.customerId}`;
}
