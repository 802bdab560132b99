// The Electron transport of `window.fota` (common/contract/bridge.ts builds the object itself from
// the channel list). Kept free of the `electron` import so a test can hand in a fake ipcRenderer.
import type { BridgeTransport } from '../common/contract/bridge.ts';

/** The part of Electron's `ipcRenderer` the transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** `ipcRenderer` as a BridgeTransport: one invoke per call; events without Electron's event object. */
export function ipcTransport(ipc: IpcRendererLike): BridgeTransport {
  return {
    kind: 'electron',
    call: (channel, payload) => ipc.invoke(channel, payload),
    subscribe(channel, listener) {
      // The page must never see the IpcRendererEvent: it carries `sender` (ipcRenderer itself).
      const handler = (_event: unknown, payload: unknown): void => listener(payload);
      ipc.on(channel, handler);
      return () => {
        ipc.removeListener(channel, handler);
      };
    },
  };
}
