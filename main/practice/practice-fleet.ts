// Practice with your own fleet: the devices of an imported list that the practice tenant does not
// know are enrolled in it, and model/sales-code pairs its catalogue does not know get made-up
// firmware marked PRACTICE, so a trial with a real spreadsheet reaches a practice send. Only the
// in-process practice tenant ever does this; a real tenant's devices enrol through the MDM.
import type { Clock } from '../../common/clock.ts';
import type { TenantState } from '../simulator/index.ts';
import type { SeedFirmwareVersion } from '../simulator/seed.ts';
import { PRACTICE_MARK } from './practice-profile.ts';

/** One device of an imported list. */
export interface FleetDevice {
  readonly serial: string;
  readonly model: string;
  readonly salesCode: string;
}

/** A device the practice tenant took in (saved with the tenant). */
export interface AdoptedDevice {
  serialNumber: string;
  model: string;
  salesCode: string;
  firmware: string;
}

/** A practice firmware catalogue entry (saved with the tenant). */
export interface PracticeFirmware {
  model: string;
  salesCode: string;
  versions: SeedFirmwareVersion[];
}

/** What the practice tenant took in from imported lists. */
export interface AdoptedFleet {
  devices: AdoptedDevice[];
  firmware: PracticeFirmware[];
}

/** What one adoption did. */
export interface FleetAdoption {
  /** devices newly enrolled in the practice tenant */
  readonly enrolled: number;
  /** the group they were enrolled in */
  readonly groupId: string;
  /** model/sales-code pairs that got practice firmware */
  readonly firmware: ReadonlyArray<{ readonly model: string; readonly salesCode: string; readonly target: string }>;
  /** the practice licence's seats, when they were raised to fit the fleet */
  readonly seatsRaisedTo: number | null;
}

/** What takes in a fleet: the practice tenant, and nothing else. */
export interface FleetAdopter {
  adopt(devices: readonly FleetDevice[]): Promise<FleetAdoption>;
}

/** An empty fleet. */
export function emptyFleet(): AdoptedFleet {
  return { devices: [], firmware: [] };
}

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);
const dayTime = (at: number): string => new Date(at).toISOString().slice(0, 19).replace('T', ' ');
const DAY = 86_400_000;

/** Two made-up versions for a pair the catalogue lacks: the devices sit on the first, the second is the target. */
export function practiceFirmwareFor(model: string, salesCode: string, now: number): PracticeFirmware {
  const core = model.replace(/^SM-/i, '').replace(/[^A-Z0-9]/gi, '').toUpperCase().slice(0, 12);
  const version = (n: number): string => {
    const part = `${core}${PRACTICE_MARK}${n}`;
    return `${part}/${part}/${part}`;
  };
  const entry = (n: number, ageDays: number, description: string): SeedFirmwareVersion => ({
    version: version(n),
    firmwareId: `${PRACTICE_MARK}-${core}-${salesCode.toUpperCase()}-${n}`,
    description,
    osVersion: 'U(Android 14)',
    firmwareType: 'Bug Fix',
    openedDate: dayTime(now - ageDays * DAY),
    securityPatchDate: day(now - ageDays * DAY),
  });
  return {
    model,
    salesCode,
    versions: [
      entry(1, 120, `${PRACTICE_MARK} firmware made up by FOTA Desk: the practice catalogue did not know ${model}/${salesCode}`),
      entry(2, 10, `${PRACTICE_MARK} firmware made up by FOTA Desk: the practice target for ${model}/${salesCode}`),
    ],
  };
}

/**
 * Puts a fleet into a tenant: practice firmware for unknown pairs, then the devices enrolled in
 * `groupId`. The group's licence is raised to fit when it lacks seats: a practice tenant should not
 * block the admin's own fleet for want of made-up seats.
 */
export function applyFleet(state: TenantState, fleet: AdoptedFleet, corp: { mdmId: string; customerId: string; groupId: string }): number | null {
  for (const f of fleet.firmware) if (!state.catalogue(f.model, f.salesCode)) for (const v of f.versions) state.addFirmware(f.model, f.salesCode, v);
  const corpId = `${corp.mdmId.toUpperCase()}/${corp.customerId}/${corp.groupId}`;
  const fresh = fleet.devices.filter((d) => state.device(d.serialNumber)?.state !== 'enrolled');
  const license = state.group(corp.mdmId, corp.customerId, corp.groupId)?.license;
  let raised: number | null = null;
  if (license && fresh.length > 0) {
    const free = state.freeSeats(license);
    if (free !== null && free < fresh.length) {
      raised = Math.ceil((state.usedSeats(license) + fresh.length) / 100) * 100;
      state.setLicenseSeats(license, raised);
    }
  }
  for (const d of fresh) state.enrol({ ...d, corpId });
  return raised;
}

/** Adopts the devices of an imported list the tenant does not know; records them in `fleet`. */
export function adoptFleet(state: TenantState, fleet: AdoptedFleet, devices: readonly FleetDevice[], corp: { mdmId: string; customerId: string; groupId: string }, clock: Clock): FleetAdoption {
  const now = clock.now();
  const firmware: PracticeFirmware[] = [];
  const pairs = new Set<string>();
  const adopted: AdoptedDevice[] = [];
  const seen = new Set<string>();
  for (const d of devices) {
    const serial = d.serial.toUpperCase();
    if (seen.has(serial) || state.device(serial)) continue;
    seen.add(serial);
    const pair = JSON.stringify([d.model, d.salesCode]);
    if (!state.catalogue(d.model, d.salesCode) && !pairs.has(pair)) {
      pairs.add(pair);
      firmware.push(practiceFirmwareFor(d.model, d.salesCode, now));
    }
    adopted.push({ serialNumber: serial, model: d.model, salesCode: d.salesCode, firmware: '' });
  }
  const batch: AdoptedFleet = { devices: adopted, firmware };
  // Firmware first, so every device can sit on its pair's oldest version (something newer to push).
  for (const f of firmware) for (const v of f.versions) state.addFirmware(f.model, f.salesCode, v);
  for (const d of adopted) d.firmware = state.catalogue(d.model, d.salesCode)?.[0]?.version ?? '';
  const seatsRaisedTo = applyFleet(state, batch, corp);
  fleet.devices.push(...adopted);
  fleet.firmware.push(...firmware);
  return { enrolled: adopted.length, groupId: corp.groupId, firmware: firmware.map((f) => ({ model: f.model, salesCode: f.salesCode, target: f.versions.at(-1)?.version ?? '' })), seatsRaisedTo };
}

/** Merges two saved fleets (by serial, and by model/sales code). */
export function mergeFleets(a: AdoptedFleet, b: AdoptedFleet): AdoptedFleet {
  const devices = new Map<string, AdoptedDevice>();
  for (const d of [...a.devices, ...b.devices]) devices.set(d.serialNumber, d);
  const firmware = new Map<string, PracticeFirmware>();
  for (const f of [...a.firmware, ...b.firmware]) if (!firmware.has(JSON.stringify([f.model, f.salesCode]))) firmware.set(JSON.stringify([f.model, f.salesCode]), f);
  return { devices: [...devices.values()], firmware: [...firmware.values()] };
}

/** The plain sentence both the CLI and the window show after an adoption. */
export function adoptionNotice(a: FleetAdoption): string | null {
  if (a.enrolled === 0 && a.firmware.length === 0) return null;
  const parts = [`${a.enrolled} device${a.enrolled === 1 ? '' : 's'} of this list ${a.enrolled === 1 ? 'was' : 'were'} not known to the practice tenant and ${a.enrolled === 1 ? 'was' : 'were'} enrolled in its group ${a.groupId}`];
  if (a.firmware.length > 0) parts.push(`${a.firmware.map((f) => `${f.model}/${f.salesCode}`).join(', ')} got made-up ${PRACTICE_MARK} firmware (target ${a.firmware.map((f) => f.target).join(', ')})`);
  if (a.seatsRaisedTo !== null) parts.push(`the practice licence was raised to ${a.seatsRaisedTo} seats`);
  return `Practice only: ${parts.join('; ')}. A real tenant never does this: there, devices enrol through your MDM's E-FOTA policy and Samsung's catalogue decides the firmware.`;
}
