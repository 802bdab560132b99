// Builds `window.fota` from the channel list over any transport: web mode's HTTP + SSE in the
// browser, ipcRenderer in Electron's preload. One function per channel and nothing else, so the
// renderer's code is identical under both.
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  isEventChannel,
  type EventChannel,
  type EventPayload,
  type FotaBridge,
  type FotaInvoke,
  type InvokeChannel,
} from '../contract.ts';
import { asResult, fail, type Result } from './result.ts';

/** How a bridge reaches main; the transport only moves values, it never interprets them. */
export interface BridgeTransport {
  readonly kind: 'electron' | 'web';
  /** sends one call; resolves with main's answer (a Result), rejects when main cannot be reached */
  call(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  /** delivers every event of `channel` to `listener`; returns the unsubscribe */
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** Message of the APP_UNREACHABLE result, per transport. */
const UNREACHABLE: Record<BridgeTransport['kind'], string> = {
  web: 'The FOTA Desk server is not answering. If you stopped `npm run start:web`, start it again and open the new address it prints.',
  electron: 'The app’s main process did not answer. Restart FOTA Desk.',
};

/** Builds the `window.fota` object for `transport`. */
export function buildBridge(transport: BridgeTransport): FotaBridge {
  const invoke: Record<string, (payload?: unknown) => Promise<Result<unknown>>> = {};
  for (const channel of INVOKE_CHANNELS) {
    invoke[channel] = async (payload?: unknown): Promise<Result<unknown>> => {
      let answer: unknown;
      try {
        answer = await transport.call(channel, payload ?? null);
      } catch {
        return fail('APP_UNREACHABLE', UNREACHABLE[transport.kind]);
      }
      return asResult(answer) ?? fail('INTERNAL', `The answer to ${channel} was not a result; this is a bug in FOTA Desk.`);
    };
  }
  return Object.freeze({
    transport: transport.kind,
    invoke: Object.freeze(invoke) as unknown as FotaInvoke,
    on<K extends EventChannel>(channel: K, listener: (payload: EventPayload<K>) => void): () => void {
      if (!isEventChannel(channel)) throw new TypeError(`Unknown event channel ${String(channel)}; known: ${EVENT_CHANNELS.join(', ')}`);
      return transport.subscribe(channel, (payload) => listener(payload as EventPayload<K>));
    },
  });
}
