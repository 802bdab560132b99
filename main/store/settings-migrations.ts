// Older settings files are brought up to SETTINGS_SCHEMA_VERSION one step at a time. Each step takes
// the raw object of version N and returns version N+1; steps never touch the keychain.
import { DEFAULT_BASE_URL } from '../../common/efota/operations.ts';
import { normaliseMdmId } from '../../common/efota/normalise.ts';
import { checkBaseUrl } from '../../common/efota/base-url.ts';
import { newProfileId, PRACTICE_PROFILE_ID } from './profile-schema.ts';
import { SETTINGS_SCHEMA_VERSION } from './settings-schema.ts';

type Raw = Record<string, unknown>;

/** A settings file written by a newer FOTA Desk: it is neither read nor overwritten. */
export class SettingsTooNewError extends Error {
  override readonly name = 'SettingsTooNewError';
  constructor(
    readonly file: string,
    readonly version: number,
  ) {
    super(
      `${file} was written by a newer FOTA Desk (settings schema ${version}; this one reads up to ${SETTINGS_SCHEMA_VERSION}). ` +
        'Update FOTA Desk (the app and the fota command line together); nothing was changed.',
    );
  }
}

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Version 1 was the prototype's format: profiles keyed by name with a `url`, the active one by
 * name, no client id (the prototype took a token from FOTA_TOKEN) and no facts. Version 2 gives each
 * profile a stable id (keychain accounts and the per-profile folder are named after it).
 */
function v1ToV2(old: Raw, now: number): Raw {
  const byName = isObject(old['profiles']) ? old['profiles'] : {};
  const profiles: Raw[] = [];
  let activeProfileId = PRACTICE_PROFILE_ID;
  for (const [name, value] of Object.entries(byName)) {
    if (!isObject(value)) throw new Error(`profile '${name}' is not an object`);
    const id = newProfileId();
    profiles.push({
      id,
      name,
      baseUrl: baseUrlOf(value['url']),
      mdmId: typeof value['mdmId'] === 'string' ? normaliseMdmId(value['mdmId']) : value['mdmId'],
      customerId: value['customerId'],
      license: value['license'],
      createdAt: new Date(now).toISOString(),
    });
    if (old['active'] === name) activeProfileId = id;
  }
  return { schemaVersion: 2, activeProfileId, profiles, facts: {}, notices: [] };
}

// The prototype kept URLs as typed; bring them to the form the client joins paths to.
function baseUrlOf(url: unknown): unknown {
  if (typeof url !== 'string' || url.trim() === '') return DEFAULT_BASE_URL;
  const checked = checkBaseUrl(url);
  return checked.ok ? checked.url : url; // a bad one fails the check after migration, loudly
}

/**
 * Version 3 lets each profile's facts remember which name its server's v1 serverInit reads the
 * sales code from (`serverInitSalesCode`: carrierCode or customerCode). Nothing is known yet when
 * migrating, so only the version changes; an older FOTA Desk then refuses the file instead of
 * rewriting it without that fact.
 */
function v2ToV3(old: Raw): Raw {
  return { ...old, schemaVersion: 3 };
}

const STEPS: Readonly<Record<number, (old: Raw, now: number) => Raw>> = { 1: v1ToV2, 2: v2ToV3 };

/** The version a raw settings object declares; an empty object (a new file) counts as current. */
export function schemaVersionOf(raw: Raw): number | null {
  if (Object.keys(raw).length === 0) return SETTINGS_SCHEMA_VERSION;
  const v = raw['schemaVersion'];
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : null;
}

/** Migrates raw settings of an older version to the current one; throws when a step cannot read it. */
export function migrateSettings(raw: Raw, from: number, now: number, file: string): Raw {
  if (from > SETTINGS_SCHEMA_VERSION) throw new SettingsTooNewError(file, from);
  let data = raw;
  for (let version = from; version < SETTINGS_SCHEMA_VERSION; version++) {
    const step = STEPS[version];
    if (!step) throw new Error(`no migration from settings schema ${version}`);
    data = step(data, now);
  }
  return data;
}
