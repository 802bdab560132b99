// The schema of the practice tenant's saved changes (profiles/practice/tenant.json). The file is read
// back by the window and the CLI; one that fails is moved aside and the demo tenant loaded instead.
import * as v from 'valibot';
import { exactly, finiteNumber, list, oneOf, openObject, orNull, rawText } from '../../common/schema/json-fields.ts';
import type { ForceUpdate, Group, ScheduledUpdate } from '../simulator/index.ts';
import type { SeedFirmwareVersion } from '../simulator/seed.ts';
import type { AdoptedFleet } from './practice-fleet.ts';

const MAX = 1_000_000;
const str = rawText(Number.MAX_SAFE_INTEGER);
const strings = list(str, MAX);
const time = finiteNumber();

const group: v.GenericSchema<unknown, Group> = openObject({ mdmId: str, customerId: str, groupId: str, license: str, registeredAt: time });

const forceUpdate: v.GenericSchema<unknown, ForceUpdate> = openObject({
  forceUpdateId: str,
  createdAt: time,
  mdmId: str,
  customerId: str,
  license: str,
  model: str,
  salesCode: str,
  requestedTarget: str,
  target: str,
  networkType: oneOf(['ANY', 'WIFIONLY']),
  serials: strings,
  notNewer: strings,
  // How the devices progress: without it the simulator could not say where any of them stands.
  plan: openObject({ progressMinMinutes: finiteNumber(), progressMaxMinutes: finiteNumber(), progressFailureRate: finiteNumber() }),
});

const schedule: v.GenericSchema<unknown, ScheduledUpdate> = openObject({
  createdAt: time,
  mdmId: str,
  customerId: str,
  groupId: str,
  license: str,
  model: str,
  carrierCode: str,
  requestedTarget: str,
  target: str,
  deliveryStartDate: str,
  deliveryEndDate: str,
  dailyStartHour: str,
  dailyEndHour: str,
  networkType: v.optional(orNull(oneOf(['ANY', 'WIFIONLY'])), null),
  serials: strings,
});

const firmwareVersion: v.GenericSchema<unknown, SeedFirmwareVersion> = openObject({ version: str, firmwareId: str, description: str, osVersion: str, firmwareType: str, openedDate: str, securityPatchDate: str });

// Devices and practice firmware taken in from the admin's own lists (practice-fleet.ts); absent in
// files written before there was such a thing.
const fleet: v.GenericSchema<unknown, AdoptedFleet> = openObject({
  devices: list(openObject({ serialNumber: str, model: str, salesCode: str, firmware: str }), MAX),
  firmware: list(openObject({ model: str, salesCode: str, versions: list(firmwareVersion, 1000) }), MAX),
});

/** The practice tenant's saved changes. */
export const tenantSnapshotSchema = openObject({
  version: exactly(1),
  /** changes with every reset, so a process still holding pre-reset changes never writes them back */
  generation: str,
  groups: list(group, MAX),
  forceUpdates: list(forceUpdate, MAX),
  schedules: list(schedule, MAX),
  fleet: v.optional(fleet),
});
