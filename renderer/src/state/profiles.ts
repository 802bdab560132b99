// Profiles as main reports them; every change goes through main and comes back as a new view.
import { create } from 'zustand';
import type { ContractError, InvokeRequest, InvokeResponse, ProfileInput, ProfilesView, ProfileView, Result } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';

interface ProfilesState {
  readonly view: ProfilesView | null;
  readonly error: ContractError | null;
  load(): Promise<void>;
  save(id: string | null, profile: ProfileInput, secret: string | null, activate: boolean): Promise<Result<ProfilesView>>;
  remove(id: string): Promise<Result<ProfilesView>>;
  activate(id: string): Promise<Result<ProfilesView>>;
  setSecret(id: string, secret: string): Promise<Result<ProfilesView>>;
  dismissNotices(): Promise<Result<ProfilesView>>;
  /** replaces the view (events from main) */
  receive(view: ProfilesView): void;
  /** tests a profile being edited (not saved yet) against its server */
  testDraft(request: InvokeRequest<'profiles:testDraft'>): Promise<Result<InvokeResponse<'profiles:testDraft'>>>;
  /** tests the network path (proxy, certificates) of a saved profile */
  selfTest(id: string): Promise<Result<InvokeResponse<'network:selfTest'>>>;
}

/** The profiles slice. */
export const useProfiles = create<ProfilesState>()((set) => {
  const apply = (result: Result<ProfilesView>): Result<ProfilesView> => {
    if (result.ok) set({ view: result.data, error: null });
    return result;
  };
  return {
    view: null,
    error: null,
    load: async () => {
      const result = await fota().invoke['profiles:list']();
      set(result.ok ? { view: result.data, error: null } : { error: result.error });
    },
    save: async (id, profile, secret, activate) => apply(await fota().invoke['profiles:save']({ id, profile, secret, activate })),
    remove: async (id) => apply(await fota().invoke['profiles:delete']({ id })),
    activate: async (id) => apply(await fota().invoke['profiles:activate']({ id })),
    setSecret: async (id, secret) => apply(await fota().invoke['profiles:setSecret']({ id, secret })),
    dismissNotices: async () => apply(await fota().invoke['profiles:dismissNotices']()),
    receive: (view) => set({ view, error: null }),
    testDraft: (request) => fota().invoke['profiles:testDraft'](request),
    selfTest: (id) => fota().invoke['network:selfTest']({ id }),
  };
});

/** The active profile, or null before the first load. */
export function activeProfile(view: ProfilesView | null): ProfileView | null {
  return view?.profiles.find((p) => p.id === view.activeId) ?? null;
}
