// App-wide preferences, kept by main (not in localStorage: the CLI and the Electron app share them).
import { create } from 'zustand';
import type { ContractError, PreferencesView, Result } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';

interface PreferencesState {
  readonly view: PreferencesView | null;
  readonly error: ContractError | null;
  load(): Promise<void>;
  update(change: Partial<PreferencesView>): Promise<Result<PreferencesView>>;
  receive(view: PreferencesView): void;
}

/** The preferences slice. */
export const usePreferences = create<PreferencesState>()((set) => ({
  view: null,
  error: null,
  load: async () => {
    const result = await fota().invoke['preferences:get']();
    set(result.ok ? { view: result.data, error: null } : { error: result.error });
  },
  update: async (change) => {
    const result = await fota().invoke['preferences:update'](change);
    if (result.ok) set({ view: result.data, error: null });
    return result;
  },
  receive: (view) => set({ view }),
}));
