// The data that crosses the contract: plain JSON (times as ISO strings) so the same values travel
// over Electron IPC and over HTTP in web mode. Secrets are absent by construction: a profile says
// whether its client secret is stored, never what it is.
import type { ContractError } from './result.ts';

/** Which transport carries the contract. */
export type TransportKind = 'electron' | 'web';

/** About the running app. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly transport: TransportKind;
  /** the data folder shared by the window and the `fota` command line */
  readonly dataDir: string;
  readonly platform: string;
}

/** A connection profile as the window sees it (no secret, ever). */
export interface ProfileView {
  readonly id: string;
  readonly name: string;
  /** the built-in practice profile (in-process simulator, demo tenant) */
  readonly practice: boolean;
  readonly baseUrl: string;
  readonly mdmId: string;
  readonly customerId: string;
  readonly license: string;
  readonly clientId: string;
  /** PEM of an extra CA trusted for this profile only (added to the system roots), or null */
  readonly extraCaPem: string | null;
  /** whether a client secret is stored in the keychain; null when the keychain could not be asked */
  readonly secretStored: boolean | null;
}

/** All profiles and which one is active. */
export interface ProfilesView {
  readonly activeId: string;
  readonly profiles: readonly ProfileView[];
  /** things the admin should know about the settings (a corrupt file moved aside, a migration) */
  readonly notices: readonly string[];
  /** why the keychain could not be asked, when it could not (the profile list still works) */
  readonly keychainProblem: string | null;
}

/** Whether E-FOTA calls for the active profile currently work. */
export interface ConnectionStatus {
  readonly profileId: string | null;
  /** `unknown` until the first call of this profile ends */
  readonly state: 'online' | 'offline' | 'unknown';
  /** for offline: what the last call ran into, in words (no secret, no token) */
  readonly cause: string | null;
  /** since when the state holds (ISO time of the first call that ended this way) */
  readonly since: string | null;
  /** ISO time of the last call that reached E-FOTA and got an answer */
  readonly lastSuccessAt: string | null;
}

/** The licence as Samsung last described it. */
export interface LicenseInfoView {
  /** `yyyy-MM-dd~yyyy-MM-dd` as sent */
  readonly activePeriod: string | null;
  readonly activeFrom: string | null;
  readonly activeTo: string | null;
  /** `Normal`, `Not Active`, `Cancelled`, `Terminated`, or what Samsung sent */
  readonly status: string | null;
  /** `SA` or `EE` */
  readonly type: string | null;
  /** as sent: digits, or `N/A` on an EE licence */
  readonly purchased: string | null;
  readonly remaining: string | null;
  readonly blocked: string | null;
}

/** Something about the licence the admin must notice. */
export interface LicenseWarning {
  readonly kind: 'not-active' | 'cancelled' | 'terminated' | 'expired' | 'expiring' | 'no-seats' | 'few-seats' | 'blocked' | 'unknown-status';
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** The practice clock: its speed, and what a "finish now" just did. */
export interface PracticeClockView {
  /** practice devices download this many times faster than real time */
  readonly speed: 1 | 60 | 600;
  /** the practice batch finished now by this request, or null */
  readonly finished: { readonly batchId: string; readonly batchName: string; readonly forceUpdates: number; readonly devices: number } | null;
}

/** The licence screen's data: the last known answer, its age, and why a refresh failed. */
export interface LicenseView {
  readonly profileId: string;
  readonly license: string;
  readonly info: LicenseInfoView | null;
  /** ISO time the info was fetched from E-FOTA; null when never */
  readonly fetchedAt: string | null;
  /** days until the end of the active period (0 = last day), null when unknown */
  readonly daysLeft: number | null;
  readonly warnings: readonly LicenseWarning[];
  /** the failure of the refresh just attempted (the info shown is then the last known one) */
  readonly refreshError: ContractError | null;
}

/** A device group this profile knows (the API cannot list groups, so they are kept locally). */
export interface GroupView {
  readonly groupId: string;
  /** the licence the group is registered under, as far as this app knows */
  readonly license: string;
  /** `mdmId/customerId/groupId`, set in the MDM's E-FOTA policy */
  readonly corpId: string;
  /** registered from this app, or entered by the admin (registered elsewhere) */
  readonly source: 'registered' | 'entered';
  readonly addedAt: string;
  readonly registeredAt: string | null;
  readonly licenceChangedAt: string | null;
  readonly note: string;
}

/** The groups screen's data. */
export interface GroupsView {
  readonly profileId: string;
  readonly groups: readonly GroupView[];
  /** one line on where the Corp ID goes in the MDM policy */
  readonly corpIdHint: string;
}

/** One category of the abnormalDeviceList answer, explained. */
export interface EnrolmentCategoryView {
  /** Samsung's title, verbatim (`Not Enrolled`, `Blocked, Insufficient License`, …) */
  readonly title: string;
  readonly serials: readonly string[];
  /** what it means */
  readonly explanation: string;
  /** what to do */
  readonly remedy: string;
}

/** The answer of an enrolment check. */
export interface EnrolmentCheckView {
  readonly checkedAt: string;
  /** serials sent to Samsung (normalised, duplicates removed) */
  readonly checked: number;
  /** serials Samsung did not list: enrolled and healthy */
  readonly healthy: readonly string[];
  readonly categories: readonly EnrolmentCategoryView[];
  /** pasted values refused before asking Samsung, with the reason */
  readonly invalid: readonly { readonly value: string; readonly message: string }[];
}

/** Field delimiter of exported CSV files. */
export type ExportDelimiter = ',' | ';' | '\t';

/** App-wide preferences. */
export interface PreferencesView {
  /** E-FOTA calls in flight at once while sending */
  readonly concurrency: number;
  readonly exportDelimiter: ExportDelimiter;
  /** the first-run choice (practice or a tenant) has been made */
  readonly welcomeDone: boolean;
}

/** Limits the window shows next to the preference controls. */
export const CONCURRENCY_RANGE = { min: 1, max: 8 } as const;

/** A column mapping remembered for files with the same header (role → header text). */
export interface SavedMapping {
  /** the header row it was made for, normalised, joined by a tab */
  readonly headerKey: string;
  /** column index per role, or null when the role has no column */
  readonly columns: Readonly<Record<string, number | null>>;
  readonly savedAt: string;
}
