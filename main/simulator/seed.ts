// The seed file format (docs/simulator.md, "Seed file format"): a tenant written as JSON. Dates may be
// relative to the simulator's clock (`today`, `-90d`, `+275d`) so a seed never goes stale.
import { parseIsoDateTime, resolveSeedDay } from './dates.ts';

/** The licence states of docs/efota-api.md §2.3 (expiry by date is computed from `activeTo`). */
export type LicenseStatus = 'Normal' | 'Not Active' | 'Cancelled' | 'Terminated';
/** Enrolment state of a device (docs/efota-api.md Appendix B). */
export type DeviceState = 'enrolled' | 'Not Enrolled' | 'Blocked, Insufficient License';

/** One E-FOTA licence as SLM issues it. */
export interface SeedLicense {
  license: string;
  mdmId: string;
  customerId: string;
  type: 'SA' | 'EE';
  status: LicenseStatus;
  /** first active day: `yyyy-MM-dd`, `today`, `-90d`, `+10d` */
  activeFrom: string;
  /** last active day (inclusive), same forms */
  activeTo: string;
  /** purchased seats (SA); EE licences answer `N/A` */
  seats?: number;
  /** force the `remainingQuantity` text (e.g. the documentation's 770 of 700) */
  remainingQuantity?: string;
  /** force `blockedDeviceCount` (default: counted from blocked devices) */
  blockedDeviceCount?: number;
}

/** A registered group: (mdmId, customerId, groupId) → licence. */
export interface SeedGroup {
  mdmId: string;
  customerId: string;
  groupId: string;
  license: string;
}

/** A device the tenant knows. */
export interface SeedDevice {
  serialNumber: string;
  model: string;
  salesCode: string;
  /** current firmware, AP/CSC/CP */
  firmware: string;
  /** default `enrolled` when corpId is set, else `Not Enrolled` */
  state?: DeviceState;
  /** `mdmId/customerId/groupId`, as the device got it from setAllowedFOTAVersion */
  corpId?: string;
}

/** One firmware version of a (model, sales code), oldest first in `versions`. */
export interface SeedFirmwareVersion {
  version: string;
  firmwareId: string;
  description: string;
  osVersion: string;
  firmwareType: string;
  /** `yyyy-MM-dd HH:mm:ss`, or relative like `-30d` */
  openedDate: string;
  /** `yyyy-MM-dd`, or relative */
  securityPatchDate: string;
}

/** The firmware catalogue of one (model, sales code). */
export interface SeedFirmware {
  model: string;
  salesCode: string;
  versions: SeedFirmwareVersion[];
}

/** The whole seed file. */
export interface SeedData {
  version: 1;
  description?: string;
  /** what `fota simulator` prints as "the tenant"; default: the first licence with a group */
  tenant?: { mdmId: string; customerId: string; license: string; groupId: string };
  /** OAuth clients (default: the demo client) */
  clients?: Array<{ clientId: string; clientSecret: string }>;
  licenses: SeedLicense[];
  groups: SeedGroup[];
  devices: SeedDevice[];
  firmware: SeedFirmware[];
}

/** A seed that does not follow the format; the message names the bad field. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Obj, key: string, where: string, opts: { optional?: boolean; pattern?: RegExp; hint?: string } = {}): string | undefined {
  const v = o[key];
  if (v === undefined && opts.optional) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new SeedError(`${where}.${key} must be a non-empty string`);
  if (opts.pattern && !opts.pattern.test(v)) throw new SeedError(`${where}.${key} '${v}' is not valid${opts.hint ? `: ${opts.hint}` : ''}`);
  return v;
}

function req(o: Obj, key: string, where: string, opts: { pattern?: RegExp; hint?: string } = {}): string {
  return str(o, key, where, opts) as string;
}

function oneOf<T extends string>(o: Obj, key: string, where: string, allowed: readonly T[], fallback?: T): T {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new SeedError(`${where}.${key} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return v as T;
}

function list(o: Obj, key: string, where: string): Obj[] {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new SeedError(`${where}.${key} must be an array`);
  return v.map((item, i) => {
    if (!isObj(item)) throw new SeedError(`${where}.${key}[${i}] must be an object`);
    return item;
  });
}

const DAY_HINT = "use yyyy-MM-dd, 'today', or a relative day such as '-90d' or '+30d'";
const checkDay = (text: string, where: string): string => {
  if (resolveSeedDay(text, 0) === null) throw new SeedError(`${where} '${text}' is not a date: ${DAY_HINT}`);
  return text;
};
const checkDateTime = (text: string, where: string): string => {
  if (parseIsoDateTime(text) === null && resolveSeedDay(text, 0) === null) {
    throw new SeedError(`${where} '${text}' is not a date: use yyyy-MM-dd HH:mm:ss or ${DAY_HINT}`);
  }
  return text;
};

const SERIAL = /^[A-Za-z0-9]{1,100}$/;
const MODEL = /^[A-Za-z0-9_-]{1,20}$/;
const SALES = /^[A-Za-z0-9]{1,20}$/;
const FIRMWARE = /^[A-Za-z0-9\-/._]{1,100}$/;

/** Checks an untrusted value (a parsed seed file) and returns it typed; throws SeedError. */
export function parseSeed(value: unknown): SeedData {
  if (!isObj(value)) throw new SeedError('the seed must be a JSON object');
  if (value['version'] !== 1) throw new SeedError("seed.version must be 1");
  const licenses: SeedLicense[] = list(value, 'licenses', 'seed').map((o, i) => {
    const w = `seed.licenses[${i}]`;
    const type = oneOf(o, 'type', w, ['SA', 'EE'] as const);
    const seats = o['seats'];
    if (seats !== undefined && (typeof seats !== 'number' || !Number.isInteger(seats) || seats < 0)) throw new SeedError(`${w}.seats must be a whole number ≥ 0`);
    if (type === 'SA' && seats === undefined) throw new SeedError(`${w}.seats is required for an SA licence`);
    const blocked = o['blockedDeviceCount'];
    if (blocked !== undefined && (typeof blocked !== 'number' || !Number.isInteger(blocked) || blocked < 0)) throw new SeedError(`${w}.blockedDeviceCount must be a whole number ≥ 0`);
    const lic: SeedLicense = {
      license: req(o, 'license', w),
      mdmId: req(o, 'mdmId', w),
      customerId: req(o, 'customerId', w),
      type,
      status: oneOf(o, 'status', w, ['Normal', 'Not Active', 'Cancelled', 'Terminated'] as const),
      activeFrom: checkDay(req(o, 'activeFrom', w), `${w}.activeFrom`),
      activeTo: checkDay(req(o, 'activeTo', w), `${w}.activeTo`),
    };
    if (typeof seats === 'number') lic.seats = seats;
    const remaining = str(o, 'remainingQuantity', w, { optional: true });
    if (remaining !== undefined) lic.remainingQuantity = remaining;
    if (typeof blocked === 'number') lic.blockedDeviceCount = blocked;
    return lic;
  });
  const groups: SeedGroup[] = list(value, 'groups', 'seed').map((o, i) => {
    const w = `seed.groups[${i}]`;
    return { mdmId: req(o, 'mdmId', w), customerId: req(o, 'customerId', w), groupId: req(o, 'groupId', w), license: req(o, 'license', w) };
  });
  const devices: SeedDevice[] = list(value, 'devices', 'seed').map((o, i) => {
    const w = `seed.devices[${i}]`;
    const d: SeedDevice = {
      serialNumber: req(o, 'serialNumber', w, { pattern: SERIAL, hint: 'letters and digits only, at most 100' }),
      model: req(o, 'model', w, { pattern: MODEL, hint: 'letters, digits, - and _, at most 20' }),
      salesCode: req(o, 'salesCode', w, { pattern: SALES, hint: 'letters and digits, at most 20' }),
      firmware: req(o, 'firmware', w, { pattern: FIRMWARE, hint: 'letters, digits and - / . _, at most 100' }),
    };
    const corpId = str(o, 'corpId', w, { optional: true, pattern: /^[^/]+\/[^/]+\/.+$/, hint: 'write it as mdmId/customerId/groupId' });
    if (corpId !== undefined) d.corpId = corpId;
    if (o['state'] !== undefined) d.state = oneOf(o, 'state', w, ['enrolled', 'Not Enrolled', 'Blocked, Insufficient License'] as const);
    if (d.state !== undefined && d.state !== 'Not Enrolled' && corpId === undefined) throw new SeedError(`${w}.corpId is required for a device in state '${d.state}'`);
    return d;
  });
  const firmware: SeedFirmware[] = list(value, 'firmware', 'seed').map((o, i) => {
    const w = `seed.firmware[${i}]`;
    const versions = list(o, 'versions', w).map((v, j) => {
      const wv = `${w}.versions[${j}]`;
      return {
        version: req(v, 'version', wv, { pattern: FIRMWARE, hint: 'letters, digits and - / . _, at most 100' }),
        firmwareId: req(v, 'firmwareId', wv),
        description: req(v, 'description', wv),
        osVersion: req(v, 'osVersion', wv),
        firmwareType: req(v, 'firmwareType', wv),
        openedDate: checkDateTime(req(v, 'openedDate', wv), `${wv}.openedDate`),
        securityPatchDate: checkDay(req(v, 'securityPatchDate', wv), `${wv}.securityPatchDate`),
      };
    });
    if (versions.length === 0) throw new SeedError(`${w}.versions must list at least one version (oldest first)`);
    return {
      model: req(o, 'model', w, { pattern: MODEL, hint: 'letters, digits, - and _, at most 20' }),
      salesCode: req(o, 'salesCode', w, { pattern: SALES, hint: 'letters and digits, at most 20' }),
      versions,
    };
  });
  const seed: SeedData = { version: 1, licenses, groups, devices, firmware };
  const description = str(value, 'description', 'seed', { optional: true });
  if (description !== undefined) seed.description = description;
  if (value['clients'] !== undefined) {
    seed.clients = list(value, 'clients', 'seed').map((o, i) => ({ clientId: req(o, 'clientId', `seed.clients[${i}]`), clientSecret: req(o, 'clientSecret', `seed.clients[${i}]`) }));
  }
  if (value['tenant'] !== undefined) {
    const t = value['tenant'];
    if (!isObj(t)) throw new SeedError('seed.tenant must be an object');
    seed.tenant = { mdmId: req(t, 'mdmId', 'seed.tenant'), customerId: req(t, 'customerId', 'seed.tenant'), license: req(t, 'license', 'seed.tenant'), groupId: req(t, 'groupId', 'seed.tenant') };
  }
  checkReferences(seed);
  return seed;
}

/** Cross-checks: every group names a licence of the same MDM/customer, no duplicates. */
function checkReferences(seed: SeedData): void {
  const licenses = new Map<string, SeedLicense>();
  seed.licenses.forEach((l, i) => {
    if (licenses.has(l.license)) throw new SeedError(`seed.licenses[${i}].license '${l.license}' appears twice`);
    licenses.set(l.license, l);
  });
  const groupKeys = new Set<string>();
  seed.groups.forEach((g, i) => {
    const lic = licenses.get(g.license);
    if (!lic) throw new SeedError(`seed.groups[${i}].license '${g.license}' is not in seed.licenses`);
    if (lic.mdmId.toUpperCase() !== g.mdmId.toUpperCase() || lic.customerId !== g.customerId) {
      throw new SeedError(`seed.groups[${i}] belongs to ${g.mdmId}/${g.customerId} but its licence was issued to ${lic.mdmId}/${lic.customerId}`);
    }
    const key = `${g.mdmId.toUpperCase()}/${g.customerId}/${g.groupId.toUpperCase()}`;
    if (groupKeys.has(key)) throw new SeedError(`seed.groups[${i}] registers ${key} twice`);
    groupKeys.add(key);
  });
  const serials = new Set<string>();
  seed.devices.forEach((d, i) => {
    const s = d.serialNumber.toUpperCase();
    if (serials.has(s)) throw new SeedError(`seed.devices[${i}].serialNumber '${d.serialNumber}' appears twice`);
    serials.add(s);
  });
  const pairs = new Set<string>();
  seed.firmware.forEach((f, i) => {
    const key = `${f.model}/${f.salesCode}`;
    if (pairs.has(key)) throw new SeedError(`seed.firmware[${i}] repeats ${key}: list all its versions in one entry`);
    pairs.add(key);
  });
  if (seed.tenant && !licenses.has(seed.tenant.license)) throw new SeedError(`seed.tenant.license '${seed.tenant.license}' is not in seed.licenses`);
}
