// The settings file (settings.json in the data folder): profiles, the active one, last known facts
// per profile and notices for the admin. Read from disk by two processes, so it is checked whole on
// every read; a file that fails the check is moved aside, never half-used.
import { isSalesCodeElement, type SalesCodeElement } from '../../common/efota/sales-code-names.ts';
import { PRACTICE_PROFILE_ID, profileFromStored, storedProfileProblem, type ProfileRecord } from './profile-schema.ts';

/** The schema version this build writes. Older versions are migrated (settings-migrations.ts). */
export const SETTINGS_SCHEMA_VERSION = 3;

/** A JSON value, as kept in the settings file. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A fact fetched from E-FOTA with the time it was fetched. */
export interface FactRecord {
  /** ISO time of the fetch */
  readonly at: string;
  readonly value: JsonValue;
}

/** A firmware list fetched for one model and sales code. */
export interface FirmwareFactRecord extends FactRecord {
  readonly model: string;
  readonly salesCode: string;
  /** the `currentFirmwareVersion` the list was asked for, when one was given */
  readonly currentFirmware?: string;
}

/** Which name a tenant's v1 serverInit reads the sales code from, and when that was seen. */
export interface SalesCodeElementFact {
  /** ISO time the server last showed it reads this name */
  readonly at: string;
  readonly element: SalesCodeElement;
}

/** The last known facts of one profile, for offline work. */
export interface ProfileFacts {
  readonly license?: FactRecord;
  /** keyed by `MODEL/SALESCODE` */
  readonly firmware: Readonly<Record<string, FirmwareFactRecord>>;
  /** since schema 3: the serverInit sales-code element the server reads (absent until a serverInit got through) */
  readonly serverInitSalesCode?: SalesCodeElementFact;
}

/** Something the admin must be told about (shown by `fota profile list` and the window). */
export interface SettingsNotice {
  readonly kind: 'settings-moved-aside';
  /** ISO time it happened */
  readonly at: string;
  /** where the unreadable file now is */
  readonly movedTo: string;
  /** what was wrong with it */
  readonly problem: string;
}

/** The whole settings file. */
export interface Settings {
  readonly schemaVersion: typeof SETTINGS_SCHEMA_VERSION;
  /** the profile operation commands and the window use; `practice` is the built-in one */
  readonly activeProfileId: string;
  readonly profiles: readonly ProfileRecord[];
  readonly facts: Readonly<Record<string, ProfileFacts>>;
  readonly notices: readonly SettingsNotice[];
}

/** Settings of a fresh install: no profiles, practice mode active. */
export function defaultSettings(): Settings {
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, activeProfileId: PRACTICE_PROFILE_ID, profiles: [], facts: {}, notices: [] };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIso = (v: unknown): v is string => typeof v === 'string' && Number.isFinite(Date.parse(v));

function factProblem(value: unknown): string | null {
  if (!isObject(value)) return 'is not an object';
  if (!isIso(value['at'])) return 'has no valid time';
  if (!('value' in value)) return 'has no value';
  return null;
}

function factsProblem(facts: unknown): string | null {
  if (!isObject(facts)) return 'facts is not an object';
  for (const [profileId, entry] of Object.entries(facts)) {
    if (!isObject(entry)) return `facts of '${profileId}' is not an object`;
    if (entry['license'] !== undefined) {
      const problem = factProblem(entry['license']);
      if (problem) return `licence facts of '${profileId}' ${problem}`;
    }
    if (!isObject(entry['firmware'])) return `firmware facts of '${profileId}' is not an object`;
    const salesCode = entry['serverInitSalesCode'];
    if (salesCode !== undefined && !(isObject(salesCode) && isIso(salesCode['at']) && isSalesCodeElement(salesCode['element']))) {
      return `the serverInit sales-code element of '${profileId}' is not carrierCode or customerCode with a time`;
    }
    for (const [key, fact] of Object.entries(entry['firmware'])) {
      const problem = factProblem(fact) ?? (isObject(fact) && (typeof fact['model'] !== 'string' || typeof fact['salesCode'] !== 'string') ? 'has no model or sales code' : null);
      if (problem) return `firmware facts '${key}' of '${profileId}' ${problem}`;
    }
  }
  return null;
}

/** Checks current-version settings read from disk; returns them typed, or what is wrong. */
export function checkSettings(raw: Record<string, unknown>): { ok: true; settings: Settings } | { ok: false; problem: string } {
  const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });
  if (raw['schemaVersion'] !== SETTINGS_SCHEMA_VERSION) return fail(`schemaVersion is ${JSON.stringify(raw['schemaVersion'])}, expected ${SETTINGS_SCHEMA_VERSION}`);
  if (typeof raw['activeProfileId'] !== 'string') return fail('activeProfileId is missing');
  if (!Array.isArray(raw['profiles'])) return fail('profiles is not a list');
  const profiles: ProfileRecord[] = [];
  const names = new Set<string>();
  for (const [index, value] of raw['profiles'].entries()) {
    const problem = storedProfileProblem(value);
    if (problem) return fail(`profile ${index + 1} ${problem}`);
    const profile = profileFromStored(value as Record<string, unknown>);
    if (profiles.some((p) => p.id === profile.id)) return fail(`profile id '${profile.id}' appears twice`);
    if (names.has(profile.name.toLowerCase())) return fail(`profile name '${profile.name}' appears twice`);
    names.add(profile.name.toLowerCase());
    profiles.push(profile);
  }
  const facts = raw['facts'] ?? {};
  const problem = factsProblem(facts);
  if (problem) return fail(problem);
  const notices = raw['notices'] ?? [];
  if (!Array.isArray(notices) || !notices.every((n) => isObject(n) && n['kind'] === 'settings-moved-aside' && isIso(n['at']) && typeof n['movedTo'] === 'string' && typeof n['problem'] === 'string')) {
    return fail('notices is not a list of notices');
  }
  return {
    ok: true,
    settings: {
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      activeProfileId: raw['activeProfileId'],
      profiles,
      facts: facts as Settings['facts'],
      notices: notices as SettingsNotice[],
    },
  };
}
