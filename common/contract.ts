// The one list of channels between the renderer and main. `invoke` channels are request → promise
// of a Result; `events` flow main → renderer. The const records below are the runtime list the
// bridges (web mode's browser bridge, Electron's preload) generate one function per channel from,
// and the handler table in main/ipc is checked against (a test keeps them the same set).
import type { Result } from './contract/result.ts';
import type {
  AppInfo,
  ConnectionStatus,
  EnrolmentCheckView,
  GroupsView,
  LicenceView,
  PreferencesView,
  ProfileInput,
  ProfilesView,
  SavedMapping,
} from './contract/views.ts';

export * from './contract/result.ts';
export * from './contract/views.ts';

/** Request and response of every invoke channel; `undefined` request = no payload. */
export interface InvokeContract {
  /** version, transport and data folder */
  'app:info': { request: undefined; response: AppInfo };

  /** all profiles and the active one */
  'profiles:list': { request: undefined; response: ProfilesView };
  /** creates (`id: null`) or edits a profile; `secret` (when given) replaces the stored client secret */
  'profiles:save': { request: { id: string | null; profile: ProfileInput; secret: string | null; activate: boolean }; response: ProfilesView };
  /** deletes a profile and its keychain entries (its history is kept) */
  'profiles:delete': { request: { id: string }; response: ProfilesView };
  /** makes a profile the active one */
  'profiles:activate': { request: { id: string }; response: ProfilesView };
  /** replaces the client secret of a saved profile; it can never be read back */
  'profiles:setSecret': { request: { id: string; secret: string }; response: ProfilesView };
  /** clears the notices about files that were moved aside (the admin has read them) */
  'profiles:dismissNotices': { request: undefined; response: ProfilesView };
  /** fetches a token and the licence for a saved profile */
  'profiles:test': { request: { id: string }; response: LicenceView };
  /** the same for a profile being edited; `secret: null` uses the stored secret of `id` */
  'profiles:testDraft': { request: { id: string | null; profile: ProfileInput; secret: string | null }; response: LicenceView };

  /** restores the practice tenant to the demo seed */
  'practice:reset': { request: undefined; response: LicenceView };

  /** whether E-FOTA calls of the active profile work */
  'status:get': { request: undefined; response: ConnectionStatus };

  /** the active profile's licence: last known (`refresh: false`) or fetched now */
  'licence:get': { request: { refresh: boolean }; response: LicenceView };

  /** the groups this profile registered or the admin entered */
  'groups:list': { request: undefined; response: GroupsView };
  /** registers a group on the active licence (groupRegister) and keeps it */
  'groups:register': { request: { groupId: string; note: string }; response: GroupsView };
  /** keeps a group registered elsewhere (no call to Samsung) */
  'groups:add': { request: { groupId: string; license: string | null; note: string }; response: GroupsView };
  /** forgets a group locally (Samsung has no call to unregister one) */
  'groups:forget': { request: { groupId: string }; response: GroupsView };
  /** moves a group to another licence (groupLicenseChange) */
  'groups:changeLicence': { request: { groupId: string; newLicense: string }; response: GroupsView };

  /** asks Samsung which of these serials cannot be updated (abnormalDeviceList), explained */
  'devices:checkEnrolment': { request: { serials: readonly string[] }; response: EnrolmentCheckView };

  /** app-wide preferences */
  'preferences:get': { request: undefined; response: PreferencesView };
  /** changes some preferences */
  'preferences:update': { request: Partial<PreferencesView>; response: PreferencesView };

  /** the column mapping remembered for a header, or null */
  'import:getMapping': { request: { headerKey: string }; response: SavedMapping | null };
  /** remembers a column mapping for files with this header */
  'import:saveMapping': { request: { headerKey: string; columns: Readonly<Record<string, number | null>> }; response: SavedMapping };
}

/** Payload of every event channel. */
export interface EventContract {
  /** the active profile's connection state changed */
  'status:changed': ConnectionStatus;
  /** profiles were added, edited, deleted or switched */
  'profiles:changed': ProfilesView;
  /** the licence of the active profile was fetched (or a fetch failed) */
  'licence:changed': LicenceView;
  /** the active profile's group list changed */
  'groups:changed': GroupsView;
  /** preferences changed */
  'preferences:changed': PreferencesView;
}

/** A request → response channel. */
export type InvokeChannel = keyof InvokeContract;
/** A main → renderer channel. */
export type EventChannel = keyof EventContract;
/** What `channel` takes. */
export type InvokeRequest<K extends InvokeChannel> = InvokeContract[K]['request'];
/** What `channel` answers on success. */
export type InvokeResponse<K extends InvokeChannel> = InvokeContract[K]['response'];
/** What `channel` carries. */
export type EventPayload<K extends EventChannel> = EventContract[K];

// Records rather than arrays so the compiler proves the runtime list names every channel exactly once.
const INVOKE: Readonly<Record<InvokeChannel, true>> = {
  'app:info': true,
  'profiles:list': true,
  'profiles:save': true,
  'profiles:delete': true,
  'profiles:activate': true,
  'profiles:setSecret': true,
  'profiles:dismissNotices': true,
  'profiles:test': true,
  'profiles:testDraft': true,
  'practice:reset': true,
  'status:get': true,
  'licence:get': true,
  'groups:list': true,
  'groups:register': true,
  'groups:add': true,
  'groups:forget': true,
  'groups:changeLicence': true,
  'devices:checkEnrolment': true,
  'preferences:get': true,
  'preferences:update': true,
  'import:getMapping': true,
  'import:saveMapping': true,
};

const EVENTS: Readonly<Record<EventChannel, true>> = {
  'status:changed': true,
  'profiles:changed': true,
  'licence:changed': true,
  'groups:changed': true,
  'preferences:changed': true,
};

/** Every invoke channel name, at run time. */
export const INVOKE_CHANNELS: readonly InvokeChannel[] = Object.freeze(Object.keys(INVOKE) as InvokeChannel[]);
/** Every event channel name, at run time. */
export const EVENT_CHANNELS: readonly EventChannel[] = Object.freeze(Object.keys(EVENTS) as EventChannel[]);

/** True when `name` is an invoke channel (transports check names from outside with it). */
export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(INVOKE, name);
}

/** True when `name` is an event channel. */
export function isEventChannel(name: string): name is EventChannel {
  return Object.hasOwn(EVENTS, name);
}

/** The arguments of `window.fota.invoke[channel]`: none for a channel without payload. */
export type InvokeArgs<K extends InvokeChannel> = InvokeRequest<K> extends undefined ? [] : [payload: InvokeRequest<K>];

/** One function per invoke channel. */
export type FotaInvoke = { readonly [K in InvokeChannel]: (...args: InvokeArgs<K>) => Promise<Result<InvokeResponse<K>>> };

/** `window.fota`: the only way the renderer reaches main. */
export interface FotaBridge {
  readonly transport: 'electron' | 'web';
  readonly invoke: FotaInvoke;
  /** subscribes to an event channel; returns the unsubscribe */
  on<K extends EventChannel>(channel: K, listener: (payload: EventPayload<K>) => void): () => void;
}
