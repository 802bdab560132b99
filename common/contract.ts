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
import type {
  BatchCreatedView,
  BatchCreateRequest,
  BatchDetailsChange,
  BatchListView,
  BatchView,
  FirmwareChoicesView,
  GroupSetting,
  HandoffFileView,
  HandoffImportedView,
  PreviewView,
} from './contract/batch-views.ts';
import type { IncludeOpen, IncludeOpenRequest, RepairView, SendFinishedView, SendStartRequest, SendView } from './contract/send-views.ts';
import type {
  CsvFileView,
  DiagnosticsView,
  HistoryDetailView,
  HistoryListView,
  RefreshResultView,
  RetryFromView,
  SerialLookupView,
} from './contract/history-views.ts';
import type { ProxySelfTestResult, ShellRequest, TestControlsChange, TestControlsView } from './contract/shell-views.ts';

export * from './contract/result.ts';
export * from './contract/views.ts';
export * from './contract/batch-views.ts';
export * from './contract/send-views.ts';
export * from './contract/history-views.ts';
export * from './contract/shell-views.ts';

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

  /** every stored batch, the active tenant's first */
  'batches:list': { request: undefined; response: BatchListView };
  /** one batch as the builder shows it */
  'batches:get': { request: { id: string }; response: BatchView };
  /** a new draft batch from imported devices (main checks every device again) */
  'batches:create': { request: BatchCreateRequest; response: BatchCreatedView };
  /** the target, network and mode of one group */
  'batches:setGroup': { request: { id: string; group: GroupSetting }; response: BatchView };
  /** name, notes and pilot */
  'batches:setDetails': { request: { id: string; details: BatchDetailsChange }; response: BatchView };
  /** leaves devices out by hand, with the admin's reason */
  'batches:exclude': { request: { id: string; serials: readonly string[]; reason: string }; response: BatchView };
  /** takes devices back from Excluded */
  'batches:takeBack': { request: { id: string; serials: readonly string[] }; response: BatchView };
  /** deletes a batch that is not being sent (its history is kept) */
  'batches:delete': { request: { id: string }; response: BatchListView };
  /** the firmware list of a model and sales code: cached, or fetched now (`refresh`) */
  'batches:firmware': { request: { model: string; salesCode: string; refresh: boolean }; response: FirmwareChoicesView };
  /** the dry run; `online` asks abnormalDeviceList first and excludes what it reports; `include` sends devices with an open push anyway */
  'batches:preview': { request: { id: string; online: boolean; include?: IncludeOpen }; response: PreviewView };
  /** the batch as a `.fotabatch` hand-off file */
  'batches:export': { request: { id: string }; response: HandoffFileView };
  /** stores the batch of a `.fotabatch` file after checking it */
  'batches:import': { request: { fileName: string; text: string }; response: HandoffImportedView };

  /** opens a send (takes the batch's send lock) and runs the send-time re-checks; devices whose latest push is open are held back unless included */
  'send:open': { request: { batchId: string; include?: IncludeOpenRequest }; response: SendView };
  /** the open send of a batch in this app, or null */
  'send:get': { request: { batchId: string }; response: SendView | null };
  /** starts (or continues) the calls after the admin confirmed */
  'send:start': { request: SendStartRequest; response: SendView };
  /** no new call starts; calls in flight finish */
  'send:pause': { request: { batchId: string }; response: SendView };
  'send:resume': { request: { batchId: string }; response: SendView };
  /** calls not yet sent become cancelled; accepted calls stay accepted */
  'send:cancel': { request: { batchId: string }; response: SendView };
  /** lets the calls after the pilot go */
  'send:continuePilot': { request: { batchId: string }; response: SendView };
  /** re-sends `unknown` calls the admin checked (they may push twice) */
  'send:resend': { request: { batchId: string; callIds: readonly string[] }; response: SendView };
  /** never re-sends these `unknown` calls */
  'send:leave': { request: { batchId: string; callIds: readonly string[] }; response: SendView };
  /** re-plans a FUD_3031 call without the devices abnormalDeviceList named */
  'send:replan': { request: { batchId: string; callId: string }; response: SendView };
  /** closes a send that is not running (releases its lock) */
  'send:close': { request: { batchId: string }; response: { readonly closed: boolean } };
  /** repairs a batch's damaged send journals: readable records kept, damaged lines dropped, uncertain calls `unknown`, the history's ids written back */
  'send:repair': { request: { batchId: string }; response: RepairView };

  /** every sent batch with its forceUpdateIds, newest first */
  'history:list': { request: undefined; response: HistoryListView };
  /** one batch's per-device results */
  'history:get': { request: { batchId: string }; response: HistoryDetailView };
  /** asks Samsung about open forceUpdateIds (one batch, or all of the active tenant) */
  'history:refresh': { request: { batchId: string | null }; response: RefreshResultView };
  /** everything known about a serial, across all history */
  'history:search': { request: { serial: string }; response: SerialLookupView };
  /** a batch's results as CSV */
  'history:export': { request: { batchId: string }; response: CsvFileView };
  /** a draft batch of the failed / unknown / not downloaded devices */
  'history:retry': { request: { batchId: string; from: RetryFromView; days: number; name: string }; response: BatchView };
  /** the redacted report for a support ticket */
  'diagnostics:get': { request: undefined; response: DiagnosticsView };

  /** tests the network path of a profile (proxy, PAC, 407) */
  'network:selfTest': { request: { id: string }; response: ProxySelfTestResult };
  /** test-only controls of the practice simulator (NOT_AVAILABLE in a packaged app or without FOTA_DESK_TEST_CONTROLS) */
  'practice:testControls': { request: TestControlsChange; response: TestControlsView };
  /**
   * called once at the end of the page's start-up: what the desktop shell asked of the page before
   * it listened (a `.fotabatch` opened at cold start…), in order; later requests come as `shell:request`
   */
  'shell:pendingRequests': { request: undefined; response: readonly ShellRequest[] };
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
  /** a batch was created, edited or deleted */
  'batches:changed': { readonly batchId: string };
  /** a send's progress (at most a few times a second) */
  'send:progress': SendView;
  /** a run of a send ended */
  'send:finished': SendFinishedView;
  /** tracking stored new results */
  'history:changed': { readonly batchIds: readonly string[] };
  /** the desktop shell asks the page to open a file or show Settings */
  'shell:request': ShellRequest;
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
  'batches:list': true,
  'batches:get': true,
  'batches:create': true,
  'batches:setGroup': true,
  'batches:setDetails': true,
  'batches:exclude': true,
  'batches:takeBack': true,
  'batches:delete': true,
  'batches:firmware': true,
  'batches:preview': true,
  'batches:export': true,
  'batches:import': true,
  'send:open': true,
  'send:get': true,
  'send:start': true,
  'send:pause': true,
  'send:resume': true,
  'send:cancel': true,
  'send:continuePilot': true,
  'send:resend': true,
  'send:leave': true,
  'send:replan': true,
  'send:close': true,
  'send:repair': true,
  'history:list': true,
  'history:get': true,
  'history:refresh': true,
  'history:search': true,
  'history:export': true,
  'history:retry': true,
  'diagnostics:get': true,
  'network:selfTest': true,
  'practice:testControls': true,
  'shell:pendingRequests': true,
};

const EVENTS: Readonly<Record<EventChannel, true>> = {
  'status:changed': true,
  'profiles:changed': true,
  'licence:changed': true,
  'groups:changed': true,
  'preferences:changed': true,
  'batches:changed': true,
  'send:progress': true,
  'send:finished': true,
  'history:changed': true,
  'shell:request': true,
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
