// What the handler table needs from the services, one method per channel. The composition root
// (compose.ts) builds it for web mode now and for Electron main later; the handlers only validate
// payloads and delegate here.
import type {
  AppInfo,
  ConnectionStatus,
  EnrolmentCheckView,
  GroupsView,
  LicenceView,
  PreferencesView,
  ProfileInput,
  ProfilesView,
  SavedMapping,
} from '../../common/contract.ts';
import type { EventBus } from '../ipc/events.ts';

/** The services behind the contract. */
export interface AppServices {
  readonly events: EventBus;
  info(): AppInfo;
  readonly profiles: {
    list(): Promise<ProfilesView>;
    save(id: string | null, profile: ProfileInput, secret: string | null, activate: boolean): Promise<ProfilesView>;
    remove(id: string): Promise<ProfilesView>;
    activate(id: string): Promise<ProfilesView>;
    setSecret(id: string, secret: string): Promise<ProfilesView>;
    dismissNotices(): Promise<ProfilesView>;
    test(id: string): Promise<LicenceView>;
    testDraft(id: string | null, profile: ProfileInput, secret: string | null): Promise<LicenceView>;
  };
  readonly practice: { reset(): Promise<LicenceView> };
  readonly status: { get(): Promise<ConnectionStatus> };
  readonly licence: { get(refresh: boolean): Promise<LicenceView> };
  readonly groups: {
    list(): Promise<GroupsView>;
    register(groupId: string, note: string): Promise<GroupsView>;
    add(groupId: string, license: string | null, note: string): Promise<GroupsView>;
    forget(groupId: string): Promise<GroupsView>;
    changeLicence(groupId: string, newLicense: string): Promise<GroupsView>;
  };
  readonly devices: { checkEnrolment(serials: readonly string[]): Promise<EnrolmentCheckView> };
  readonly preferences: {
    get(): Promise<PreferencesView>;
    update(change: Partial<PreferencesView>): Promise<PreferencesView>;
  };
  readonly importMappings: {
    get(headerKey: string): Promise<SavedMapping | null>;
    save(headerKey: string, columns: Readonly<Record<string, number | null>>): Promise<SavedMapping>;
  };
  /** stops the practice simulator and closes connection pools */
  close(): Promise<void>;
}
