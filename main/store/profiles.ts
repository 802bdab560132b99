// Profile bookkeeping on the settings file: add, edit, remove, choose the active one. Each change
// runs inside SettingsFile.update (locked, re-read first). Secrets are handled by the caller, which
// owns the keychain (main/auth); this file never sees them.
import { PRACTICE_PROFILE_ID, buildProfile, ProfileInputError, type ProfileInput, type ProfileRecord } from './profile-schema.ts';
import type { SettingsFile } from './settings-file.ts';
import type { Settings } from './settings-schema.ts';

/** No profile matches the name or id the admin gave (the CLI adds where to see the list). */
export class ProfileNotFoundError extends Error {
  override readonly name = 'ProfileNotFoundError';
  constructor(
    readonly ref: string,
    known: readonly string[],
  ) {
    super(`There is no profile '${ref}'. Known profiles: ${[PRACTICE_PROFILE_ID, ...known].join(', ')}.`);
  }
}

/** Which profile a name or id means: `practice`, or a stored profile (names match case-insensitively). */
export function findProfile(settings: Settings, ref: string): ProfileRecord | typeof PRACTICE_PROFILE_ID {
  const wanted = ref.trim();
  if (wanted.toLowerCase() === PRACTICE_PROFILE_ID) return PRACTICE_PROFILE_ID;
  const found =
    settings.profiles.find((p) => p.id === wanted) ?? settings.profiles.find((p) => p.name.toLowerCase() === wanted.toLowerCase());
  if (!found) throw new ProfileNotFoundError(ref, settings.profiles.map((p) => p.name));
  return found;
}

/** The active profile; practice when none is chosen or the chosen one no longer exists. */
export function activeProfile(settings: Settings): ProfileRecord | typeof PRACTICE_PROFILE_ID {
  return settings.profiles.find((p) => p.id === settings.activeProfileId) ?? PRACTICE_PROFILE_ID;
}

/** The result of adding a profile. */
export interface AddedProfile {
  readonly profile: ProfileRecord;
  /** true when it became the active profile */
  readonly active: boolean;
}

/**
 * Adds a profile. It becomes active when asked, or when it is the first real profile (practice was
 * only the default because nothing else existed).
 */
export async function addProfile(file: SettingsFile, input: ProfileInput, options: { readonly use?: boolean; readonly now: number }): Promise<AddedProfile> {
  let added: AddedProfile | undefined;
  await file.update((current) => {
    const profile = buildProfile(input, { otherNames: current.profiles.map((p) => p.name), now: options.now });
    const active = options.use === true || (current.profiles.length === 0 && current.activeProfileId === PRACTICE_PROFILE_ID);
    added = { profile, active };
    return { ...current, profiles: [...current.profiles, profile], activeProfileId: active ? profile.id : current.activeProfileId };
  });
  if (!added) throw new Error('profile was not added');
  return added;
}

/** Changes fields of a stored profile; returns the new record. */
export async function editProfile(file: SettingsFile, ref: string, input: ProfileInput, now: number): Promise<ProfileRecord> {
  let edited: ProfileRecord | undefined;
  await file.update((current) => {
    const existing = findProfile(current, ref);
    if (existing === PRACTICE_PROFILE_ID) throw new ProfileInputError(['the practice profile is built in and cannot be changed']);
    const profile = buildProfile(input, { otherNames: current.profiles.filter((p) => p.id !== existing.id).map((p) => p.name), now, existing });
    edited = profile;
    return { ...current, profiles: current.profiles.map((p) => (p.id === existing.id ? profile : p)) };
  });
  if (!edited) throw new Error('profile was not changed');
  return edited;
}

/** Makes a profile (or practice) the active one; returns what it resolved to. */
export async function useProfile(file: SettingsFile, ref: string): Promise<ProfileRecord | typeof PRACTICE_PROFILE_ID> {
  let chosen: ProfileRecord | typeof PRACTICE_PROFILE_ID = PRACTICE_PROFILE_ID;
  await file.update((current) => {
    chosen = findProfile(current, ref);
    const id = chosen === PRACTICE_PROFILE_ID ? PRACTICE_PROFILE_ID : chosen.id;
    return id === current.activeProfileId ? null : { ...current, activeProfileId: id };
  });
  return chosen;
}

/** The result of removing a profile. */
export interface RemovedProfile {
  readonly profile: ProfileRecord;
  /** true when it was the active profile (practice is active now) */
  readonly wasActive: boolean;
}

/**
 * Removes a stored profile and its last known facts. Its per-profile data folder (history) is kept.
 * When it was active, practice becomes active: silently switching an MSP to another customer's
 * tenant would be worse than asking them to choose.
 */
export async function removeProfile(file: SettingsFile, ref: string): Promise<RemovedProfile> {
  let removed: RemovedProfile | undefined;
  await file.update((current) => {
    const existing = findProfile(current, ref);
    if (existing === PRACTICE_PROFILE_ID) throw new ProfileInputError(['the practice profile is built in and cannot be removed']);
    const wasActive = current.activeProfileId === existing.id;
    removed = { profile: existing, wasActive };
    const facts = Object.fromEntries(Object.entries(current.facts).filter(([id]) => id !== existing.id));
    return {
      ...current,
      profiles: current.profiles.filter((p) => p.id !== existing.id),
      facts,
      activeProfileId: wasActive ? PRACTICE_PROFILE_ID : current.activeProfileId,
    };
  });
  if (!removed) throw new Error('profile was not removed');
  return removed;
}

/** Clears the notices (after the admin has seen them). */
export async function dismissNotices(file: SettingsFile): Promise<void> {
  await file.update((current) => (current.notices.length === 0 ? null : { ...current, notices: [] }));
}
