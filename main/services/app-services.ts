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
  BatchCreatedView,
  BatchCreateRequest,
  BatchDetailsChange,
  BatchListView,
  BatchView,
  CsvFileView,
  DiagnosticsView,
  FirmwareChoicesView,
  GroupSetting,
  HandoffFileView,
  HandoffImportedView,
  HistoryDetailView,
  HistoryListView,
  IncludeOpen,
  IncludeOpenRequest,
  PreviewView,
  ProxySelfTestResult,
  RefreshResultView,
  RepairView,
  RetryFromView,
  SendStartRequest,
  SendView,
  SerialLookupView,
  ShellRequest,
  TestControlsChange,
  TestControlsView,
} from '../../common/contract.ts';
import type { EventBus } from './events.ts';

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
  readonly batches: {
    list(): Promise<BatchListView>;
    get(id: string): Promise<BatchView>;
    create(request: BatchCreateRequest): Promise<BatchCreatedView>;
    setGroup(id: string, group: GroupSetting): Promise<BatchView>;
    setDetails(id: string, details: BatchDetailsChange): Promise<BatchView>;
    exclude(id: string, serials: readonly string[], reason: string): Promise<BatchView>;
    takeBack(id: string, serials: readonly string[]): Promise<BatchView>;
    remove(id: string): Promise<BatchListView>;
    firmware(model: string, salesCode: string, refresh: boolean): Promise<FirmwareChoicesView>;
    preview(id: string, online: boolean, include: IncludeOpen | null): Promise<PreviewView>;
    exportHandoff(id: string): Promise<HandoffFileView>;
    importHandoff(fileName: string, text: string): Promise<HandoffImportedView>;
  };
  readonly send: {
    open(batchId: string, include: IncludeOpenRequest | null): Promise<SendView>;
    get(batchId: string): Promise<SendView | null>;
    start(request: SendStartRequest): Promise<SendView>;
    pause(batchId: string): Promise<SendView>;
    resume(batchId: string): Promise<SendView>;
    cancel(batchId: string): Promise<SendView>;
    continuePilot(batchId: string): Promise<SendView>;
    resend(batchId: string, callIds: readonly string[]): Promise<SendView>;
    leave(batchId: string, callIds: readonly string[]): Promise<SendView>;
    replan(batchId: string, callId: string): Promise<SendView>;
    close(batchId: string): Promise<{ readonly closed: boolean }>;
    repair(batchId: string): Promise<RepairView>;
  };
  readonly history: {
    list(): Promise<HistoryListView>;
    get(batchId: string): Promise<HistoryDetailView>;
    refresh(batchId: string | null): Promise<RefreshResultView>;
    search(serial: string): Promise<SerialLookupView>;
    exportCsv(batchId: string): Promise<CsvFileView>;
    retry(batchId: string, from: RetryFromView, days: number, name: string): Promise<BatchView>;
    diagnostics(): Promise<DiagnosticsView>;
  };
  readonly network: { selfTest(profileId: string): Promise<ProxySelfTestResult> };
  readonly testControls: { change(change: TestControlsChange): Promise<TestControlsView> };
  /** the desktop shell's requests held for the page until it asks (none in web mode) */
  readonly shell: { pendingRequests(): readonly ShellRequest[] };
  /** stops the practice simulator and closes connection pools */
  close(): Promise<void>;
}
