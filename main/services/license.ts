// The licence screen's service: the last known licenseInfo of the active profile (kept with its
// time in the settings file, so it shows offline), refreshed from Samsung on request.
import type { Clock } from '../../common/clock.ts';
import type { LicenseInfoView, LicenseView, ContractError } from '../../common/contract.ts';
import type { LicenseInfo } from '../efota/types.ts';
import type { EventSink } from './events.ts';
import { toContractError } from './contract-error.ts';
import { lastLicenseInfo, recordLicenseInfo } from '../store/facts.ts';
import type { Connections, ProfileTarget } from './connections.ts';
import { isPlainObject as isRecord } from '../../common/schema/json-fields.ts';
import { daysLeft, licenseWarnings } from './license-warnings.ts';
import type { ProfileDirectory } from './profile-directory.ts';

/** The contract's view of a client LicenseInfo. */
export function licenseInfoView(info: LicenseInfo): LicenseInfoView {
  return {
    activePeriod: info.activePeriod,
    activeFrom: info.activeFrom,
    activeTo: info.activeTo,
    status: info.licenseStatus,
    type: info.licenseType,
    purchased: info.purchasedQuantity,
    remaining: info.remainingQuantity,
    blocked: info.blockedDeviceCount,
  };
}

// The stored fact is the client's LicenseInfo as JSON; it is read back field by field because the
// settings file may have been written by another (older or newer) FOTA Desk.
function storedInfo(value: unknown): LicenseInfoView | null {
  if (!isRecord(value)) return null;
  const s = (key: string): string | null => (typeof value[key] === 'string' ? (value[key] as string) : null);
  return {
    activePeriod: s('activePeriod'),
    activeFrom: s('activeFrom'),
    activeTo: s('activeTo'),
    status: s('licenseStatus'),
    type: s('licenseType'),
    purchased: s('purchasedQuantity'),
    remaining: s('remainingQuantity'),
    blocked: s('blockedDeviceCount'),
  };
}

/** Builds the licence view of a profile. */
export function licenseView(target: ProfileTarget, info: LicenseInfoView | null, fetchedAt: string | null, refreshError: ContractError | null, now: number): LicenseView {
  return { profileId: target.id, license: target.license, info, fetchedAt, daysLeft: daysLeft(info, now), warnings: licenseWarnings(info, now), refreshError };
}

/** Licence facts of the active profile. */
export class LicenseService {
  constructor(
    private readonly profiles: ProfileDirectory,
    private readonly connections: Connections,
    private readonly events: EventSink,
    private readonly clock: Clock,
  ) {}

  /** The active profile's licence: last known, or (with `refresh`) fetched now. */
  async get(refresh: boolean): Promise<LicenseView> {
    const target = await this.profiles.active();
    if (!refresh) return this.lastKnown(target, null);
    let view: LicenseView;
    try {
      view = await this.fetch(target);
    } catch (error) {
      view = await this.lastKnown(target, toContractError(error));
    }
    this.events.emit('license:changed', view);
    return view;
  }

  /** Fetches the licence of `target` from Samsung and records it; throws the client's errors. */
  async fetch(target: ProfileTarget): Promise<LicenseView> {
    const client = await this.connections.client(target);
    const info = await client.licenseInfo();
    const now = this.clock.now();
    await recordLicenseInfo(this.profiles.settings, target.id, info, now);
    return licenseView(target, licenseInfoView(info), new Date(now).toISOString(), null, now);
  }

  private async lastKnown(target: ProfileTarget, refreshError: ContractError | null): Promise<LicenseView> {
    const now = this.clock.now();
    const fact = lastLicenseInfo(await this.profiles.load(), target.id, now);
    return licenseView(target, fact ? storedInfo(fact.fact.value) : null, fact?.fact.at ?? null, refreshError, now);
  }
}
