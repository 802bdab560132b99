// The active profile's licence as main last knew it or just fetched it.
import { create } from 'zustand';
import type { ContractError, LicenceView } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';

interface LicenceState {
  readonly view: LicenceView | null;
  readonly loading: boolean;
  readonly error: ContractError | null;
  load(refresh: boolean): Promise<void>;
  receive(view: LicenceView): void;
}

/** The licence slice. */
export const useLicence = create<LicenceState>()((set) => ({
  view: null,
  loading: false,
  error: null,
  load: async (refresh) => {
    set({ loading: true });
    const result = await fota().invoke['licence:get']({ refresh });
    set(result.ok ? { view: result.data, error: null, loading: false } : { error: result.error, loading: false });
  },
  receive: (view) => set({ view }),
}));
