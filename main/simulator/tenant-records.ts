// The records of a simulated tenant (docs/efota-api.md Appendix B): licences, groups, devices, firmware
// versions, force updates and schedules as TenantState (state.ts) holds them, and how they are keyed.
import type { ProgressPlan } from './progress.ts';
import type { DeviceState, LicenseStatus } from './seed.ts';

/** A licence as the simulator holds it (days are midnight GMT, `activeTo` inclusive). */
export interface License {
  license: string;
  mdmId: string;
  customerId: string;
  type: 'SA' | 'EE';
  status: LicenseStatus;
  activeFrom: number;
  activeTo: number;
  seats: number | null;
  remainingOverride: string | null;
  blockedOverride: number | null;
}

/** What a licence is good for right now; the order of docs/efota-api.md Appendix B step 5. */
export type LicenseCondition = 'active' | 'expired' | 'cancelled' | 'terminated' | 'not-active';

/** A registered group. */
export interface Group {
  mdmId: string;
  customerId: string;
  groupId: string;
  license: string;
  registeredAt: number;
}

/** The corp ID a device got from setAllowedFOTAVersion. */
export interface CorpId {
  mdmId: string;
  customerId: string;
  groupId: string;
}

/** A device the tenant knows. */
export interface Device {
  serialNumber: string;
  model: string;
  salesCode: string;
  /** firmware before any forced update of this simulator run */
  firmware: string;
  state: DeviceState;
  corp: CorpId | null;
}

/** One firmware version in the catalogue. */
export interface FirmwareVersion {
  version: string;
  firmwareId: string;
  description: string;
  osVersion: string;
  firmwareType: string;
  openedDate: number;
  securityPatchDate: number;
}

/** A forced update as the server remembers it. */
export interface ForceUpdate {
  forceUpdateId: string;
  createdAt: number;
  mdmId: string;
  customerId: string;
  license: string;
  model: string;
  salesCode: string;
  /** as sent (may be `Latest`) */
  requestedTarget: string;
  /** resolved catalogue version */
  target: string;
  networkType: 'ANY' | 'WIFIONLY';
  serials: string[];
  /** serials that already had this or a newer version when pushed (E-FOTA never downgrades) */
  notNewer: string[];
  /** the progress switches as they were at the push (later changes do not rewrite history) */
  plan: ProgressPlan;
}

/** A v1 serverInit schedule. */
export interface ScheduledUpdate {
  createdAt: number;
  mdmId: string;
  customerId: string;
  groupId: string;
  license: string;
  model: string;
  carrierCode: string;
  requestedTarget: string;
  target: string;
  deliveryStartDate: string;
  deliveryEndDate: string;
  dailyStartHour: string;
  dailyEndHour: string;
  /** the optional networkType (null when not sent) */
  networkType: 'ANY' | 'WIFIONLY' | null;
  /** the devices of the group (and model/carrier code) when it was scheduled */
  serials: string[];
}

/** Separator of the parts of a map key (no name can hold it). */
export const SEP = '\u0000';
/** Key of a group: MDM and group folded to upper case, customer exact (docs/efota-api.md §1.5.4). */
export const groupKey = (mdmId: string, customerId: string, groupId: string): string =>
  [mdmId.toUpperCase(), customerId, groupId.toUpperCase()].join(SEP);

/** Parses `mdmId/customerId/groupId` (group may hold further slashes). */
export function parseCorpId(text: string): CorpId {
  const [mdmId = '', customerId = '', ...rest] = text.split('/');
  return { mdmId: mdmId.toUpperCase(), customerId, groupId: rest.join('/').toUpperCase() };
}
