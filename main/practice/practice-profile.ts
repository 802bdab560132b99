// The built-in practice profile: a demo tenant served by the simulator in this process, so anyone can
// try every step without Samsung credentials. Anything it produces must be unmistakable as practice
// data: exports carry PRACTICE in their file name and first row.
import { PRACTICE_PROFILE_ID } from '../store/profile-schema.ts';
import { DEFAULT_SWITCHES, DEMO_CLIENT, demoSeed } from '../simulator/index.ts';

export { PRACTICE_PROFILE_ID };

/** The name shown for the practice profile. */
export const PRACTICE_PROFILE_NAME = 'practice';

/**
 * The practice server's fewest days between a serverInit's start and end date: the simulator's
 * default, the error table's minimum (FUD_3002). The client only warns below it (the serverInit page
 * sets no minimum), so the practice dry run says plainly that practice will refuse it.
 */
export const PRACTICE_MIN_WINDOW_DAYS = DEFAULT_SWITCHES.serverInitMinDays;

/** The word every practice export carries. */
export const PRACTICE_MARK = 'PRACTICE';

/** One line saying what practice data is, for headers and the first row of exports. */
export function practiceLabel(): string {
  return `${PRACTICE_MARK} — practice data from the built-in simulator, not from Samsung Knox E-FOTA`;
}

/** True when a profile id is the practice profile. */
export function isPractice(profileId: string): boolean {
  return profileId === PRACTICE_PROFILE_ID;
}

/** The file name of an export: prefixed `PRACTICE-` for the practice profile (`devices.csv` → `PRACTICE-devices.csv`). */
export function exportFileName(baseName: string, profileId: string): string {
  if (!isPractice(profileId) || baseName.toUpperCase().startsWith(`${PRACTICE_MARK}-`)) return baseName;
  return `${PRACTICE_MARK}-${baseName}`;
}

/** The rows of an export: the practice label first for the practice profile, else the rows as given. */
export function exportRows<T extends readonly string[]>(rows: readonly T[], profileId: string): ReadonlyArray<readonly string[]> {
  return isPractice(profileId) ? [[practiceLabel()], ...rows] : rows;
}

/** What the practice profile connects as (the demo tenant's identities; no secret among them). */
export function practiceIdentity(): { mdmId: string; customerId: string; license: string; clientId: string } {
  const tenant = demoSeed().tenant;
  return { mdmId: tenant?.mdmId ?? '', customerId: tenant?.customerId ?? '', license: tenant?.license ?? '', clientId: DEMO_CLIENT.clientId };
}
