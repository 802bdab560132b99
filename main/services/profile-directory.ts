// Which profiles exist and which is active, read from the settings file on every call: the `fota`
// command line may change them while the window is open.
import { PRACTICE_PROFILE_ID, type ProfileRecord } from '../store/profile-schema.ts';
import { activeProfile, findProfile, ProfileNotFoundError } from '../store/profiles.ts';
import type { SettingsFile } from '../store/settings-file.ts';
import type { Settings } from '../store/settings-schema.ts';
import type { ProfileTarget } from './connections.ts';
import { ServiceError } from './service-error.ts';

/** The practice tenant's identities (the simulator's demo tenant). */
export interface PracticeIdentity {
  readonly name: string;
  readonly baseUrl: string;
  readonly mdmId: string;
  readonly customerId: string;
  readonly license: string;
  readonly clientId: string;
}

/** Profiles as connection targets. */
export class ProfileDirectory {
  constructor(
    readonly settings: SettingsFile,
    private readonly practice: () => PracticeIdentity,
  ) {}

  /** The settings as they are on disk now. */
  load(): Promise<Settings> {
    return this.settings.load();
  }

  /** The active profile. */
  async active(): Promise<ProfileTarget> {
    const settings = await this.load();
    const found = activeProfile(settings);
    return found === PRACTICE_PROFILE_ID ? this.practiceTarget() : targetOf(found);
  }

  /** A profile by id (or name). */
  async byId(id: string): Promise<ProfileTarget> {
    const settings = await this.load();
    let found: ProfileRecord | typeof PRACTICE_PROFILE_ID;
    try {
      found = findProfile(settings, id);
    } catch (error) {
      if (error instanceof ProfileNotFoundError) throw new ServiceError('NOT_FOUND', error.message);
      throw error;
    }
    return found === PRACTICE_PROFILE_ID ? this.practiceTarget() : targetOf(found);
  }

  /** The practice profile as a target. */
  practiceTarget(): ProfileTarget {
    const p = this.practice();
    return { id: PRACTICE_PROFILE_ID, name: p.name, practice: true, baseUrl: p.baseUrl, mdmId: p.mdmId, customerId: p.customerId, license: p.license, clientId: p.clientId, caPem: null };
  }
}

/** A stored profile as a connection target. */
export function targetOf(p: ProfileRecord): ProfileTarget {
  return {
    id: p.id,
    name: p.name,
    practice: false,
    baseUrl: p.baseUrl,
    mdmId: p.mdmId,
    customerId: p.customerId,
    license: p.license,
    clientId: p.clientId ?? null,
    caPem: p.caPem ?? null,
  };
}
