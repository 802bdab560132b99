// The active profile's groups (kept locally by main) and the last enrolment check.
import { create } from 'zustand';
import type { ContractError, EnrolmentCheckView, GroupsView, Result } from '../../../common/contract.ts';
import { fota } from '../bridge/fota.ts';

interface GroupsState {
  readonly view: GroupsView | null;
  readonly error: ContractError | null;
  readonly enrolment: EnrolmentCheckView | null;
  load(): Promise<void>;
  register(groupId: string, note: string): Promise<Result<GroupsView>>;
  add(groupId: string, license: string | null, note: string): Promise<Result<GroupsView>>;
  forget(groupId: string): Promise<Result<GroupsView>>;
  changeLicense(groupId: string, newLicense: string): Promise<Result<GroupsView>>;
  checkEnrolment(serials: readonly string[]): Promise<Result<EnrolmentCheckView>>;
  receive(view: GroupsView): void;
}

/** The groups slice. */
export const useGroups = create<GroupsState>()((set) => {
  const apply = (result: Result<GroupsView>): Result<GroupsView> => {
    if (result.ok) set({ view: result.data, error: null });
    return result;
  };
  return {
    view: null,
    error: null,
    enrolment: null,
    load: async () => {
      const result = await fota().invoke['groups:list']();
      set(result.ok ? { view: result.data, error: null } : { error: result.error });
    },
    register: async (groupId, note) => apply(await fota().invoke['groups:register']({ groupId, note })),
    add: async (groupId, license, note) => apply(await fota().invoke['groups:add']({ groupId, license, note })),
    forget: async (groupId) => apply(await fota().invoke['groups:forget']({ groupId })),
    changeLicense: async (groupId, newLicense) => apply(await fota().invoke['groups:changeLicense']({ groupId, newLicense })),
    checkEnrolment: async (serials) => {
      const result = await fota().invoke['devices:checkEnrolment']({ serials });
      if (result.ok) set({ enrolment: result.data });
      return result;
    },
    receive: (view) => set((s) => (s.view !== null && s.view.profileId !== view.profileId ? { view, enrolment: null } : { view })),
  };
});
