// The requests and typed results of every E-FOTA operation. Values Samsung sends as strings stay
// strings (`N/A`, `None` included); numbers are parsed alongside, null when not a plain count.

/** Who is calling: the three SLM identifiers sent in every request. */
export interface EfotaIdentity {
  readonly mdmId: string;
  readonly customerId: string;
  readonly license: string;
}

/** licenseInfo: licence status and seat counts (docs/efota-api.md §2.3). */
export interface LicenseInfo {
  /** `yyyy-MM-dd~yyyy-MM-dd` as sent, or null when absent */
  readonly activePeriod: string | null;
  /** first and last day of `activePeriod`, when it has that shape */
  readonly activeFrom: string | null;
  readonly activeTo: string | null;
  /** `Normal`, `Not Active`, `Cancelled`, `Terminated`, or anything else Samsung sends, verbatim */
  readonly licenseStatus: string | null;
  /** `SA` or `EE` */
  readonly licenseType: string | null;
  /** as sent: digits, or `N/A` for an EE licence */
  readonly purchasedQuantity: string | null;
  readonly remainingQuantity: string | null;
  readonly blockedDeviceCount: string | null;
  /** the same counts as numbers; null for `N/A`, absent or anything that is not a plain count */
  readonly purchased: number | null;
  readonly remaining: number | null;
  readonly blocked: number | null;
}

/** One entry of firmwareList; `None` is kept as the literal value Samsung sends. */
export interface FirmwareItem {
  readonly firmwareId: string | null;
  readonly currentFirmwareVersion: string | null;
  readonly targetFirmwareVersion: string | null;
  readonly description: string | null;
  readonly osOldVersion: string | null;
  readonly osVersion: string | null;
  readonly firmwareType: string | null;
  readonly openedDate: string | null;
  readonly samsungSecurityPatchDate: string | null;
}

/** firmwareList request beyond the identity. */
export interface FirmwareListRequest {
  readonly model: string;
  readonly salesCode: string;
  /** the device's current version; omitted when unknown */
  readonly currentFirmwareVersion?: string;
  /** defaults to Samsung's own default (ENG) when omitted */
  readonly languageCode?: string;
}

/** firmwareList result. */
export interface FirmwareList {
  readonly items: readonly FirmwareItem[];
}

/** One category of abnormalDeviceList; unknown titles are kept verbatim. */
export interface AbnormalCategory {
  readonly title: string;
  readonly serials: readonly string[];
}

/** abnormalDeviceList result: serials that are enrolled and healthy are not listed. */
export interface AbnormalDeviceList {
  readonly categories: readonly AbnormalCategory[];
}

/** Network a pushed update may be downloaded on. */
export type NetworkType = 'ANY' | 'WIFIONLY';

/** forceUpdate request beyond the identity. */
export interface ForceUpdateRequest {
  readonly model: string;
  readonly salesCode: string;
  /** copied from firmwareList, or `Latest` */
  readonly targetFirmwareVersion: string;
  readonly networkType?: NetworkType;
  /** 1–100 serial numbers */
  readonly serials: readonly string[];
}

/** forceUpdate result. */
export interface ForceUpdateResult {
  /** opaque, valid 3 months; the key for summary and detail */
  readonly forceUpdateId: string;
}

/** forceUpdateSummary result: the counts are about *download*, not installation. */
export interface ForceUpdateSummary {
  readonly targetFirmwareVersion: string | null;
  readonly processingCount: number | null;
  /** devices that downloaded the firmware */
  readonly successCount: number | null;
  readonly failedCount: number | null;
  /** the counts as sent */
  readonly text: { readonly processingCount: string | null; readonly successCount: string | null; readonly failedCount: string | null };
}

/** A device state forceUpdateDetail can state; `unknown` when the answer does not say it readably. */
export type DetailDeviceState = 'processing' | 'failed' | 'downloaded' | 'unknown';

/** One device found in a forceUpdateDetail answer (by its serial-number-like child). */
export interface DetailDevice {
  /** upper case */
  readonly serial: string;
  readonly state: DetailDeviceState;
  /** Samsung's reason, verbatim (cleaned of control characters); for `unknown`, why */
  readonly reason: string | null;
  /** where in the answer it was found, e.g. `failedDeviceList/deviceItem` */
  readonly where: string;
}

/**
 * forceUpdateDetail, read by shape because its schema was never published (docs/efota-api.md §2.8): any
 * root; `devices` are the per-device items found by their serial-like child, with state and reason
 * where present. Also, generically: leaf children of the root are `scalars`, every other child a list
 * of flat records (nested leaves keyed by their dotted path). The raw XML is kept for the history.
 */
export interface ForceUpdateDetail {
  readonly root: string;
  readonly lists: Record<string, Array<Record<string, string>>>;
  readonly scalars: Record<string, string>;
  readonly raw: string;
  /** true when at least one device list or device state was recognised */
  readonly understood: boolean;
  /** what was recognised, for people */
  readonly note: string;
  readonly devices: readonly DetailDevice[];
}

/** v1 serverInit: a scheduled update for a whole group (dates `yyyyMMdd`, hours `HH`, GMT). */
export interface ServerInitRequest {
  readonly groupId: string;
  readonly model: string;
  readonly salesCode: string;
  readonly targetFirmwareVersion: string;
  readonly deliveryStartDate: string;
  readonly deliveryEndDate: string;
  readonly dailyStartHour: string;
  readonly dailyEndHour: string;
}

/** The OAuth client-credentials answer. */
export interface TokenResponse {
  readonly accessToken: string;
  readonly tokenType: string;
  /** lifetime in seconds, as announced */
  readonly expiresIn: number;
  readonly scope?: string;
}
