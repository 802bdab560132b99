// The browser transport of web mode: calls are same-origin POSTs (the session cookie rides along;
// the server checks Host, cookie and Origin), events one EventSource. Under Electron the preload
// provides `window.fota` instead and this file is never used.
import type { EventChannel, InvokeChannel } from '../../../common/contract.ts';
import type { BridgeTransport } from '../../../common/contract/bridge.ts';

/** Message shown when the server no longer knows this browser (restarted, or cookie lost). */
const LOCKED_OUT =
  'This browser is no longer let in (the FOTA Desk server was restarted). Open the new address that `npm run start:web` printed.';

/** A transport over web mode's HTTP API. */
export function webTransport(): BridgeTransport {
  let source: EventSource | null = null;
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  const ensureSource = (): EventSource => {
    if (source) return source;
    source = new EventSource('/api/events');
    return source;
  };

  return {
    kind: 'web',
    async call(channel: InvokeChannel, payload: unknown): Promise<unknown> {
      const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (response.status === 401) return { ok: false, error: { code: 'NOT_ALLOWED', message: LOCKED_OUT, remedy: null } };
      if (!response.ok && response.status !== 400) {
        const text = (await response.text()).trim();
        return { ok: false, error: { code: 'INTERNAL', message: `The FOTA Desk server refused the call (HTTP ${response.status}): ${text}`, remedy: null } };
      }
      return response.json();
    },
    subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(channel);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        listeners.set(channel, created);
        set = created;
        ensureSource().addEventListener(channel, (event) => {
          let payload: unknown;
          try {
            payload = JSON.parse((event as MessageEvent<string>).data);
          } catch {
            return;
          }
          for (const l of [...created]) l(payload);
        });
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
