// The settings file (settings.json in the data folder): profiles, the active one, last known facts
// per profile and notices for the admin. Read from disk by two processes, so it is checked whole on
// every read; a file that fails the check is moved aside, never half-used.
import * as v from 'valibot';
import { checkJson, problemLine } from '../../common/schema/check-json.ts';
import { dateText, exactly, keyed, objectIgnoringOthers, openObject, rawText, at } from '../../common/schema/json-fields.ts';
import { SALES_CODE_ELEMENTS, type SalesCodeElement } from '../../common/efota/sales-code-names.ts';
import { PRACTICE_PROFILE_ID, storedProfileSchema, type ProfileRecord } from './profile-schema.ts';

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

const isoish = dateText();

const fact = openObject({ at: isoish, value: v.custom<JsonValue>(() => true) });

const firmwareFact = openObject({
  at: isoish,
  value: v.custom<JsonValue>(() => true),
  model: rawText(Number.MAX_SAFE_INTEGER),
  salesCode: rawText(Number.MAX_SAFE_INTEGER),
  currentFirmware: v.exactOptional(rawText(Number.MAX_SAFE_INTEGER)),
});

const salesCodeFact = openObject({ at: isoish, element: v.picklist(SALES_CODE_ELEMENTS) });

const profileFacts = openObject({
  license: v.exactOptional(fact),
  firmware: keyed(firmwareFact),
  // One message for the whole fact: the admin needs to know which profile's fact, not which field of it.
  serverInitSalesCode: v.exactOptional(v.custom<SalesCodeElementFact>((value) => v.is(salesCodeFact, value), 'is not carrierCode or customerCode with a time')),
});

const notice = openObject({ kind: exactly('settings-moved-aside'), at: isoish, movedTo: rawText(Number.MAX_SAFE_INTEGER), problem: rawText(Number.MAX_SAFE_INTEGER) });

/** The settings file of the current schema version (older ones are migrated first; settings-migrations.ts). */
export const settingsSchema: v.GenericSchema<unknown, Settings> = v.pipe(
  objectIgnoringOthers({
    schemaVersion: v.literal(SETTINGS_SCHEMA_VERSION, (issue) => `is ${JSON.stringify(issue.input)}, expected ${SETTINGS_SCHEMA_VERSION}`),
    activeProfileId: rawText(Number.MAX_SAFE_INTEGER),
    profiles: v.array(storedProfileSchema, 'expected a list'),
    facts: v.optional(keyed(profileFacts), {}),
    notices: v.optional(v.array(notice, 'expected a list'), []),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const ids = new Set<string>();
    const names = new Set<string>();
    dataset.value.profiles.forEach((p, i) => {
      if (ids.has(p.id)) addIssue({ message: `profile id '${p.id}' appears twice`, path: at(dataset.value, 'profiles', i, 'id') });
      if (names.has(p.name.toLowerCase())) addIssue({ message: `profile name '${p.name}' appears twice`, path: at(dataset.value, 'profiles', i, 'name') });
      ids.add(p.id);
      names.add(p.name.toLowerCase());
    });
  }),
);

// The place a problem is in, in the admin's words where a path would not say it.
function place(keys: readonly (string | number)[]): string | null {
  if (keys[0] === 'facts' && keys[2] === 'serverInitSalesCode') return `the serverInit sales-code element of '${String(keys[1])}'`;
  return null;
}

/** Checks current-version settings read from disk; returns them typed, or what is wrong (each problem with its path). */
export function checkSettings(raw: unknown): { ok: true; settings: Settings } | { ok: false; problem: string } {
  const checked = checkJson(settingsSchema, raw, { place });
  return checked.ok ? { ok: true, settings: checked.value } : { ok: false, problem: problemLine(checked.problems) };
}
