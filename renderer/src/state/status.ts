// The offline indicator's two causes: the last E-FOTA call of the active profile ended in a
// transport error (main says so), or the browser itself says it is offline.
import { create } from 'zustand';
import type { ConnectionStatus } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';

interface StatusState {
  readonly server: ConnectionStatus | null;
  readonly browserOnline: boolean;
  /** ISO time the browser went offline */
  readonly browserOfflineSince: string | null;
  load(): Promise<void>;
  receive(status: ConnectionStatus): void;
  browser(online: boolean): void;
}

/** The status slice. */
export const useStatus = create<StatusState>()((set) => ({
  server: null,
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  browserOfflineSince: null,
  load: async () => {
    const result = await fota().invoke['status:get']();
    if (result.ok) set({ server: result.data });
  },
  receive: (server) => set({ server }),
  browser: (online) => set((s) => ({ browserOnline: online, browserOfflineSince: online ? null : (s.browserOfflineSince ?? new Date().toISOString()) })),
}));
