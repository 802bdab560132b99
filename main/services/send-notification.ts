// The desktop notification when a send finishes: the words only (main/app/notify.ts shows them with
// Electron's Notification). A send can run for minutes while the admin works elsewhere; the
// notification says whether anything needs them, without serials or ids (it may show on a lock screen).
import { plural } from '../../common/plural.ts';

/** How a send ended, as the sender reports it. */
export interface SendOutcome {
  readonly batchName: string;
  readonly profileName: string;
  readonly practice: boolean;
  /** calls Samsung accepted */
  readonly accepted: number;
  /** calls Samsung refused (FUD codes) */
  readonly rejected: number;
  /** calls whose outcome is unknown: they wait for the admin's decision */
  readonly unknown: number;
  /** devices in the accepted calls */
  readonly devices: number;
  /** the admin cancelled or paused before the end */
  readonly stopped: boolean;
}

/** Title and body of the notification. */
export interface NotificationText {
  readonly title: string;
  readonly body: string;
  /** true when the admin must act (rejected or unknown calls) */
  readonly needsAttention: boolean;
}

/** The notification for a finished send. */
export function sendFinishedNotification(outcome: SendOutcome): NotificationText {
  const where = outcome.practice ? `${outcome.profileName} (practice)` : outcome.profileName;
  const needsAttention = outcome.rejected > 0 || outcome.unknown > 0;
  const verb = outcome.stopped ? 'stopped' : needsAttention ? 'needs attention' : 'finished';
  const parts = [`${plural(outcome.accepted, 'call')} accepted (${plural(outcome.devices, 'device')})`];
  if (outcome.rejected > 0) parts.push(`${outcome.rejected} rejected`);
  if (outcome.unknown > 0) parts.push(`${outcome.unknown} unknown — decide before re-sending`);
  return {
    title: `Batch “${truncate(outcome.batchName, 60)}” ${verb}`,
    body: `${parts.join(', ')}. Profile: ${truncate(where, 60)}.`,
    needsAttention,
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
