// The events main sends the renderer, each with the type of what it carries. Nothing checks them at
// run time: main is their only author, and the types bind both ends.
import type { SendFinishedView, SendView } from './send-views.ts';
import type { ShellRequest } from './shell-views.ts';
import type { ConnectionStatus, GroupsView, LicenseView, PreferencesView, ProfilesView } from './views.ts';
import { reply } from './schema.ts';

/** Every event channel and its payload. */
export const EVENTS = {
  /** the active profile's connection state changed */
  'status:changed': reply<ConnectionStatus>(),
  /** profiles were added, edited, deleted or switched */
  'profiles:changed': reply<ProfilesView>(),
  /** the licence of the active profile was fetched (or a fetch failed) */
  'license:changed': reply<LicenseView>(),
  /** the active profile's group list changed */
  'groups:changed': reply<GroupsView>(),
  /** preferences changed */
  'preferences:changed': reply<PreferencesView>(),
  /** a batch was created, edited or deleted */
  'batches:changed': reply<{ readonly batchId: string }>(),
  /** a send's progress (at most a few times a second) */
  'send:progress': reply<SendView>(),
  /** a run of a send ended */
  'send:finished': reply<SendFinishedView>(),
  /** tracking stored new results */
  'history:changed': reply<{ readonly batchIds: readonly string[] }>(),
  /** the desktop shell asks the page to open a file or show Settings */
  'shell:request': reply<ShellRequest>(),
} as const;
