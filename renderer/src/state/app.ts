// Which screen is shown, the app's facts, and the polite announcements screen readers hear.
import { create } from 'zustand';
import type { AppInfo } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';

/** The screens of this window. */
export type ScreenId = 'first-run' | 'licence' | 'groups' | 'import' | 'batches' | 'batch' | 'send' | 'history' | 'settings';

interface AppState {
  readonly screen: ScreenId;
  readonly info: AppInfo | null;
  /** the latest message for the ARIA live region */
  readonly announcement: string;
  /** a counter so the same message twice is still announced */
  readonly announcementId: number;
  navigate(screen: ScreenId): void;
  announce(message: string): void;
  loadInfo(): Promise<void>;
}

/** The app slice. */
export const useApp = create<AppState>()((set) => ({
  screen: 'licence',
  info: null,
  announcement: '',
  announcementId: 0,
  navigate: (screen) => set({ screen }),
  announce: (message) => set((s) => ({ announcement: message, announcementId: s.announcementId + 1 })),
  loadInfo: async () => {
    const result = await fota().invoke['app:info']();
    if (result.ok) set({ info: result.data });
  },
}));
