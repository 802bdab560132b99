// The batch: what a field admin prepares offline and a helpdesk workstation sends. Plain JSON data
// (no classes) so it can be stored, exported as a .fotabatch and carried over IPC unchanged.

/** Who did something, and where (OS user name and host name). */
export interface Actor {
  readonly user: string;
  readonly host: string;
}

/** A moment and who caused it. */
export interface Stamp {
  /** ISO 8601 time */
  readonly at: string;
  readonly by: Actor;
}

/** One imported file that contributed devices. */
export interface BatchSource {
  readonly fileName: string;
  /** hex SHA-256 of the file's bytes, so the same file is recognised later */
  readonly sha256: string;
  readonly importedAt: string;
  /** devices this source contributed after validation */
  readonly devices: number;
}

/** One device of a batch, normalised and validated by the importer. */
export interface BatchDevice {
  readonly serial: string;
  readonly model: string;
  readonly salesCode: string;
  /** kept for display only; E-FOTA never takes an IMEI */
  readonly imei?: string;
  /** where the device came from, for messages ("row 12 of fleet.xlsx") */
  readonly source?: { readonly fileName: string; readonly row: number };
}

/** Who left a device out: the abnormal-device check, or the admin by hand. */
export type ExclusionSource = 'abnormalDeviceList' | 'admin';

/** A device left out of sending, with the reason shown to the admin. */
export interface ExcludedDevice extends BatchDevice {
  /** e.g. the abnormalDeviceList category `Not Enrolled` (verbatim), or `excluded by the admin` */
  readonly reason: string;
  readonly excludedAt: string;
  readonly by: ExclusionSource;
}

/** One serial that abnormalDeviceList reported, with its category exactly as Samsung wrote it. */
export interface AbnormalSerial {
  readonly serial: string;
  readonly category: string;
}

/** The last abnormalDeviceList check of a batch's serials. */
export interface AbnormalCheck {
  /** ISO 8601 time the check finished */
  readonly at: string;
  /** serials asked about */
  readonly checked: number;
  /** every serial reported, whether or not it is still excluded */
  readonly reported: readonly AbnormalSerial[];
}

/** Where a group's target firmware came from. */
export type TargetSource = 'latest' | 'firmwareList' | 'typed';

/** The v1 delivery window (all GMT), as serverInit takes it. */
export interface DeliveryWindow {
  /** yyyyMMdd */
  readonly startDate: string;
  /** yyyyMMdd */
  readonly endDate: string;
  /** HH */
  readonly startHour: string;
  /** HH */
  readonly endHour: string;
}

/** How a group is sent. */
export type GroupMode =
  | { readonly kind: 'immediate'; readonly network: 'WIFIONLY' | 'ANY' }
  | {
      readonly kind: 'scheduled';
      /** the registered group Samsung pushes to: serverInit has no device list */
      readonly groupId: string;
      readonly window: DeliveryWindow;
    };

/** Devices of one (model, sales code) with what to send them. */
export interface BatchGroup {
  readonly model: string;
  readonly salesCode: string;
  /** `Latest` or an AP/CSC/CP firmware string */
  readonly target: string;
  readonly targetSource: TargetSource;
  /** a concrete firmware `Latest` was resolved to and pinned at send time, if the admin chose to pin */
  readonly pinnedTarget?: string;
  readonly mode: GroupMode;
}

/** Send the first K devices, or the first call of each group, then pause for review. */
export type Pilot = { readonly kind: 'devices'; readonly count: number } | { readonly kind: 'firstCallPerGroup' };

/** Where a batch imported from a `.fotabatch` hand-off file came from. */
export interface HandoffOrigin {
  readonly fileName: string;
  /** the file's content checksum (its `sha256` field) */
  readonly sha256: string;
  /** who exported it, where and when */
  readonly prepared: Stamp;
  /** who imported it here, and when */
  readonly imported: Stamp;
}

/** The current batch schema version (stored files and .fotabatch hand-off files). */
export const BATCH_SCHEMA_VERSION = 1;

/** A prepared update batch. */
export interface Batch {
  readonly schemaVersion: typeof BATCH_SCHEMA_VERSION;
  readonly id: string;
  readonly name: string;
  readonly notes: string;
  /** the tenant it was prepared for; a batch is never sent to another customerId */
  readonly customerId: string;
  readonly created: Stamp;
  readonly edited: Stamp;
  readonly sources: readonly BatchSource[];
  readonly devices: readonly BatchDevice[];
  readonly excluded: readonly ExcludedDevice[];
  readonly groups: readonly BatchGroup[];
  readonly pilot: Pilot | null;
  /** null until abnormalDeviceList has been asked about this batch's serials */
  readonly abnormalCheck: AbnormalCheck | null;
  /** serials the admin took back from Excluded: a later check reports them but leaves them in */
  readonly takenBack: readonly string[];
  /** set when the batch arrived in a hand-off file; null when prepared here */
  readonly handoff: HandoffOrigin | null;
}

/** The key of a (model, sales code) group. */
export function groupKey(model: string, salesCode: string): string {
  return `${model}/${salesCode}`;
}
