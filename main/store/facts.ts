// Last known facts per profile: the latest licenseInfo and each firmwareList fetched, with the time
// they were fetched, so offline work (planning a batch on a train) can show them with their age.
import { normaliseModel, normaliseSalesCode } from '../../common/efota/normalise.ts';
import type { SalesCodeElement, SalesCodeElementMemory } from '../../common/efota/sales-code-names.ts';
import { PRACTICE_PROFILE_ID } from './profile-schema.ts';
import { activeProfile } from './profiles.ts';
import type { SettingsFile } from './settings-file.ts';
import type { FactRecord, FirmwareFactRecord, JsonValue, ProfileFacts, SalesCodeElementFact, Settings } from './settings-schema.ts';

/** A fact with how old it is. */
export interface AgedFact<T extends FactRecord = FactRecord> {
  readonly fact: T;
  /** milliseconds since it was fetched (never negative) */
  readonly ageMs: number;
}

/** The key firmware facts are filed under. */
export function firmwareKey(model: string, salesCode: string): string {
  return `${normaliseModel(model)}/${normaliseSalesCode(salesCode)}`;
}

// A typed result object, reduced to plain JSON (drops undefined, keeps null).
function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}

function factsOf(settings: Settings, profileId: string): ProfileFacts {
  return settings.facts[profileId] ?? { firmware: {} };
}

/** Records the licenseInfo just fetched for a profile. */
export async function recordLicenseInfo(file: SettingsFile, profileId: string, value: unknown, at: number): Promise<void> {
  const fact: FactRecord = { at: new Date(at).toISOString(), value: toJson(value) };
  await file.update((current) => ({
    ...current,
    facts: { ...current.facts, [profileId]: { ...factsOf(current, profileId), license: fact } },
  }));
}

/** Records a firmwareList just fetched for a profile, model and sales code. */
export async function recordFirmwareList(
  file: SettingsFile,
  profileId: string,
  request: { readonly model: string; readonly salesCode: string; readonly currentFirmware?: string | undefined },
  value: unknown,
  at: number,
): Promise<void> {
  const fact: FirmwareFactRecord = {
    at: new Date(at).toISOString(),
    model: normaliseModel(request.model),
    salesCode: normaliseSalesCode(request.salesCode),
    ...(request.currentFirmware ? { currentFirmware: request.currentFirmware } : {}),
    value: toJson(value),
  };
  await file.update((current) => {
    const facts = factsOf(current, profileId);
    return {
      ...current,
      facts: { ...current.facts, [profileId]: { ...facts, firmware: { ...facts.firmware, [firmwareKey(request.model, request.salesCode)]: fact } } },
    };
  });
}

function aged<T extends FactRecord>(fact: T | undefined, now: number): AgedFact<T> | null {
  return fact ? { fact, ageMs: Math.max(0, now - Date.parse(fact.at)) } : null;
}

/** The last known licenseInfo of a profile, with its age; null when never fetched. */
export function lastLicenseInfo(settings: Settings, profileId: string, now: number): AgedFact | null {
  return aged(factsOf(settings, profileId).license, now);
}

/** The last known firmware list of a profile for a model and sales code; null when never fetched. */
export function lastFirmwareList(settings: Settings, profileId: string, model: string, salesCode: string, now: number): AgedFact<FirmwareFactRecord> | null {
  return aged(factsOf(settings, profileId).firmware[firmwareKey(model, salesCode)], now);
}

/** Every firmware list known for a profile, newest first. */
export function knownFirmwareLists(settings: Settings, profileId: string, now: number): AgedFact<FirmwareFactRecord>[] {
  return Object.values(factsOf(settings, profileId).firmware)
    .map((fact) => ({ fact, ageMs: Math.max(0, now - Date.parse(fact.at)) }))
    .sort((a, b) => a.ageMs - b.ageMs);
}

/** Which name a profile's server reads v1 serverInit's sales code from; null until a serverInit got through. */
export function serverInitSalesCode(settings: Settings, profileId: string): SalesCodeElementFact | null {
  return factsOf(settings, profileId).serverInitSalesCode ?? null;
}

/** Records the name a profile's server was seen to read v1 serverInit's sales code from. */
export async function recordServerInitSalesCode(file: SettingsFile, profileId: string, element: SalesCodeElement, at: number): Promise<void> {
  const fact: SalesCodeElementFact = { at: new Date(at).toISOString(), element };
  await file.update((current) => ({
    ...current,
    facts: { ...current.facts, [profileId]: { ...factsOf(current, profileId), serverInitSalesCode: fact } },
  }));
}

/**
 * The client's memory of a profile's serverInit sales-code element, kept in the settings file so
 * the window and the CLI share it. A failure to write is told through `onProblem`, never thrown:
 * the call it follows has already succeeded.
 */
export function salesCodeMemory(file: SettingsFile, profileId: string, now: () => number, onProblem: (message: string) => void): SalesCodeElementMemory {
  return {
    async recall() {
      return serverInitSalesCode(await file.load(), profileId)?.element ?? null;
    },
    async remember(element) {
      try {
        await recordServerInitSalesCode(file, profileId, element, now());
      } catch (error) {
        onProblem(`could not keep '${element}' as the sales-code element this server reads: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}

/** The serverInit sales-code element of a profile, for people. */
export function describeServerInitSalesCode(fact: SalesCodeElementFact | null): string {
  return fact
    ? `serverInit reads the sales code as <${fact.element}> (seen ${fact.at})`
    : 'serverInit sales-code element not known yet (<carrierCode> is tried first, then <customerCode>)';
}

/** The active profile's name and what its server was seen to do, for a diagnostics report. */
export function activeProfileFacts(settings: Settings): { readonly name: string; readonly facts: Readonly<Record<string, string>> } {
  const active = activeProfile(settings);
  const id = active === PRACTICE_PROFILE_ID ? PRACTICE_PROFILE_ID : active.id;
  return { name: active === PRACTICE_PROFILE_ID ? PRACTICE_PROFILE_ID : active.name, facts: { 'serverInit sales code': describeServerInitSalesCode(serverInitSalesCode(settings, id)) } };
}
