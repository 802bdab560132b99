// The one list of channels between the renderer and main, each defined once: `invoke` channels are a
// request schema (main checks every payload with it) and the type of the answer, a Result; `events`
// flow main → renderer. The bridges (web mode's browser bridge, Electron's preload) generate one
// function per channel from these records, and main's handler table is generated from them too.
import { appChannels } from './app.ts';
import { batchChannels } from './batches.ts';
import { EVENTS } from './events.ts';
import { groupChannels } from './groups.ts';
import { historyChannels } from './history.ts';
import { profileChannels } from './profiles.ts';
import type { Result } from './result.ts';
import type { Channel, Checked, Reply } from './schema.ts';
import { sendChannels } from './sending.ts';
import { settingsChannels } from './settings.ts';

export * from './result.ts';
export * from './views.ts';
export * from './batch-views.ts';
export * from './send-views.ts';
export * from './history-views.ts';
export * from './shell-views.ts';
export type { BatchCreateRequest, BatchDetailsChange, DeviceInput, GroupSetting, NetworkType, ScheduleSetting, SourceInput } from './batch-requests.ts';
export type { ProfileInput } from './profiles.ts';
export type { IncludeOpenRequest, SendStartRequest } from './sending.ts';
export type { TestControlsChange } from './app.ts';
export { MAX_TEST_LATENCY_MS } from './app.ts';
export { MAX_ENROLMENT_SERIALS } from './groups.ts';
export type { Channel, Frozen } from './schema.ts';

/** Every invoke channel: its request schema and the type it answers. */
export const CONTRACT = {
  ...appChannels,
  ...profileChannels,
  ...groupChannels,
  ...settingsChannels,
  ...batchChannels,
  ...sendChannels,
  ...historyChannels,
} as const satisfies Readonly<Record<string, Channel>>;

export { EVENTS };

/** A request → response channel. */
export type InvokeChannel = keyof typeof CONTRACT;
/** A main → renderer channel. */
export type EventChannel = keyof typeof EVENTS;
/** What `channel` takes, as its schema hands it to the service (`undefined` = no payload). */
export type InvokeRequest<K extends InvokeChannel> = Checked<(typeof CONTRACT)[K]['request']>;
/** What `channel` answers on success. */
export type InvokeResponse<K extends InvokeChannel> = (typeof CONTRACT)[K]['response'] extends Reply<infer R> ? R : never;
/** What `channel` carries. */
export type EventPayload<K extends EventChannel> = (typeof EVENTS)[K] extends Reply<infer P> ? P : never;

/** Every invoke channel name, at run time. */
export const INVOKE_CHANNELS: readonly InvokeChannel[] = Object.freeze(Object.keys(CONTRACT) as InvokeChannel[]);
/** Every event channel name, at run time. */
export const EVENT_CHANNELS: readonly EventChannel[] = Object.freeze(Object.keys(EVENTS) as EventChannel[]);

/** True when `name` is an invoke channel (transports check names from outside with it). */
export function isInvokeChannel(name: string): name is InvokeChannel {
  return Object.hasOwn(CONTRACT, name);
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
