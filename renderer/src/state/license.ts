// The active profile's licence as main last knew it or just fetched it.
import { create } from 'zustand';
import type { ContractError, LicenseView, Result } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';
import { useGroups } from './groups.ts';

interface LicenseState {
  readonly view: LicenseView | null;
  readonly loading: boolean;
  readonly error: ContractError | null;
  load(refresh: boolean): Promise<void>;
  receive(view: LicenseView): void;
  /** puts the practice tenant back to the demo data (its licence and groups are shown anew) */
  resetPractice(): Promise<Result<LicenseView>>;
}

/** The licence slice. */
export const useLicense = create<LicenseState>()((set) => ({
  view: null,
  loading: false,
  error: null,
  load: async (refresh) => {
    set({ loading: true });
    const result = await fota().invoke['license:get']({ refresh });
    set(result.ok ? { view: result.data, error: null, loading: false } : { error: result.error, loading: false });
  },
  receive: (view) => set({ view }),
  resetPractice: async () => {
    const result = await fota().invoke['practice:reset']();
    if (result.ok) {
      set({ view: result.data });
      void useGroups.getState().load();
    }
    return result;
  },
}));
