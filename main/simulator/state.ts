// The tenant state the simulator keeps (docs/efota-api.md Appendix B), with the hooks tests use to change
// it the way the world outside the API would (a device enrols, a licence gets cancelled, ...).
import type { Clock } from '../../common/clock.ts';
import { addDays, addMonths, compactDay, resolveSeedDateTime, resolveSeedDay } from './dates.ts';
import { hash32, SeededRandom } from './random.ts';
import { deviceOutcome, type DeviceOutcome, type ProgressPace, type ProgressPlan } from './progress.ts';
import { SeedError, type DeviceState, type LicenseStatus, type SeedData, type SeedDevice, type SeedFirmwareVersion, type SeedLicense } from './seed.ts';
import type { SimulatorSwitches } from './switches.ts';
import { groupKey, parseCorpId, SEP, type Device, type FirmwareVersion, type ForceUpdate, type Group, type License, type LicenseCondition, type ScheduledUpdate } from './tenant-records.ts';
import { tenantSummary, type TenantSummary } from './tenant-summary.ts';

/** Tenant state: licences, groups, devices, catalogue, force updates, schedules. */
export class TenantState {
  readonly #clock: Clock;
  readonly #switches: SimulatorSwitches;
  #licenses = new Map<string, License>();
  #groups = new Map<string, Group>();
  #devices = new Map<string, Device>();
  #catalogue = new Map<string, { model: string; salesCode: string; versions: FirmwareVersion[] }>();
  #forceUpdates = new Map<string, ForceUpdate>();
  #bySerial = new Map<string, string[]>();
  #schedules: ScheduledUpdate[] = [];
  #ids = new SeededRandom(20181214);
  #tenant: SeedData['tenant'];
  #pace: ProgressPace | null = null;

  constructor(seed: SeedData, clock: Clock, switches: SimulatorSwitches) {
    this.#clock = clock;
    this.#switches = switches;
    this.load(seed);
  }

  /** Replaces everything with a seed (dates resolved against the clock now). */
  load(seed: SeedData): void {
    const now = this.#clock.now();
    this.#licenses = new Map();
    this.#groups = new Map();
    this.#devices = new Map();
    this.#catalogue = new Map();
    this.#forceUpdates = new Map();
    this.#bySerial = new Map();
    this.#schedules = [];
    // Seeded from the clock: a ManualClock run repeats its IDs, real runs do not collide.
    this.#ids = new SeededRandom(hash32(`efota-ids/${now}`));
    this.#tenant = seed.tenant;
    for (const l of seed.licenses) this.addLicense(l);
    for (const g of seed.groups) this.#groups.set(groupKey(g.mdmId, g.customerId, g.groupId), { mdmId: g.mdmId.toUpperCase(), customerId: g.customerId, groupId: g.groupId.toUpperCase(), license: g.license, registeredAt: now });
    for (const f of seed.firmware) for (const v of f.versions) this.addFirmware(f.model, f.salesCode, v);
    for (const d of seed.devices) this.#putDevice(d);
  }

  // ---- licences --------------------------------------------------------------------------------

  /** Test hook: adds or replaces a licence (dates may be relative to the clock). */
  addLicense(l: SeedLicense): License {
    const now = this.#clock.now();
    const from = resolveSeedDay(l.activeFrom, now);
    const to = resolveSeedDay(l.activeTo, now);
    if (from === null || to === null) throw new SeedError(`licence ${l.license}: activeFrom/activeTo must be yyyy-MM-dd, 'today' or '±Nd'`);
    const license: License = {
      license: l.license,
      mdmId: l.mdmId.toUpperCase(),
      customerId: l.customerId,
      type: l.type,
      status: l.status,
      activeFrom: from,
      activeTo: to,
      seats: l.type === 'EE' ? null : (l.seats ?? 0),
      remainingOverride: l.remainingQuantity ?? null,
      blockedOverride: l.blockedDeviceCount ?? null,
    };
    this.#licenses.set(l.license, license);
    return license;
  }

  /** The licence with this exact key, if issued. */
  license(key: string): License | undefined {
    return this.#licenses.get(key);
  }

  /** Every licence. */
  licenses(): License[] {
    return [...this.#licenses.values()];
  }

  #mustLicense(key: string): License {
    const l = this.#licenses.get(key);
    if (!l) throw new Error(`simulator: no licence '${key}'`);
    return l;
  }

  /** Test hook: sets a licence's status (Normal, Not Active, Cancelled, Terminated). */
  setLicenseStatus(key: string, status: LicenseStatus): void {
    this.#mustLicense(key).status = status;
  }

  /** Test hook: sets the active period (`yyyy-MM-dd`, `today`, `-10d`, ...). */
  setLicensePeriod(key: string, activeFrom: string, activeTo: string): void {
    const l = this.#mustLicense(key);
    const now = this.#clock.now();
    const from = resolveSeedDay(activeFrom, now);
    const to = resolveSeedDay(activeTo, now);
    if (from === null || to === null) throw new Error(`simulator: bad licence period ${activeFrom}..${activeTo}`);
    l.activeFrom = from;
    l.activeTo = to;
  }

  /** Test hook: sets the purchased seats of an SA licence. */
  setLicenseSeats(key: string, seats: number): void {
    this.#mustLicense(key).seats = seats;
  }

  /** What the licence is good for at the clock's time. */
  condition(l: License): LicenseCondition {
    const now = this.#clock.now();
    if (now >= addDays(l.activeTo, 1)) return 'expired';
    if (l.status === 'Cancelled') return 'cancelled';
    if (l.status === 'Terminated') return 'terminated';
    if (l.status === 'Not Active' || now < l.activeFrom) return 'not-active';
    return 'active';
  }

  /** True when some licence was issued to this MDM/customer pair. */
  isIssued(mdmId: string, customerId: string): boolean {
    const m = mdmId.toUpperCase();
    return this.licenses().some((l) => l.mdmId === m && l.customerId === customerId);
  }

  /** Enrolled devices counted against a licence. */
  usedSeats(key: string): number {
    return this.devices().filter((d) => d.state === 'enrolled' && this.deviceLicense(d) === key).length;
  }

  /** Devices blocked under a licence. */
  blockedCount(key: string): number {
    const l = this.#licenses.get(key);
    if (l?.blockedOverride !== null && l?.blockedOverride !== undefined) return l.blockedOverride;
    return this.devices().filter((d) => d.state === 'Blocked, Insufficient License' && this.deviceLicense(d) === key).length;
  }

  /** Free seats of an SA licence (null for EE, which has no seat count). */
  freeSeats(key: string): number | null {
    const l = this.#mustLicense(key);
    if (l.seats === null) return null;
    return Math.max(0, l.seats - this.usedSeats(key));
  }

  // ---- groups ----------------------------------------------------------------------------------

  /** The registered group, if any. */
  group(mdmId: string, customerId: string, groupId: string): Group | undefined {
    return this.#groups.get(groupKey(mdmId, customerId, groupId));
  }

  /** Every registered group. */
  groups(): Group[] {
    return [...this.#groups.values()];
  }

  /** Registers a group (or moves it to another licence). */
  registerGroup(mdmId: string, customerId: string, groupId: string, license: string): Group {
    const g: Group = { mdmId: mdmId.toUpperCase(), customerId, groupId: groupId.toUpperCase(), license, registeredAt: this.#clock.now() };
    this.#groups.set(groupKey(mdmId, customerId, groupId), g);
    return g;
  }

  /** True when the MDM/customer pair has at least one registered group. */
  hasRegistration(mdmId: string, customerId: string): boolean {
    const m = mdmId.toUpperCase();
    return this.groups().some((g) => g.mdmId === m && g.customerId === customerId);
  }

  // ---- devices ---------------------------------------------------------------------------------

  #putDevice(d: SeedDevice): Device {
    const device: Device = {
      serialNumber: d.serialNumber.toUpperCase(),
      model: d.model,
      salesCode: d.salesCode,
      firmware: d.firmware,
      state: d.state ?? (d.corpId ? 'enrolled' : 'Not Enrolled'),
      corp: d.corpId ? parseCorpId(d.corpId) : null,
    };
    this.#devices.set(device.serialNumber, device);
    return device;
  }

  /** The device with this serial (any case), if known. */
  device(serial: string): Device | undefined {
    return this.#devices.get(serial.toUpperCase());
  }

  /** Every known device. */
  devices(): Device[] {
    return [...this.#devices.values()];
  }

  /** The licence a device counts against (through its group), or null. */
  deviceLicense(d: Device): string | null {
    if (!d.corp) return null;
    return this.group(d.corp.mdmId, d.corp.customerId, d.corp.groupId)?.license ?? null;
  }

  /**
   * Test hook standing in for setAllowedFOTAVersion: the device takes the corp ID and enrols, or
   * is blocked when its group's licence has no free seat.
   */
  enrol(d: { serialNumber: string; model: string; salesCode: string; firmware: string; corpId: string }): Device {
    const corp = parseCorpId(d.corpId);
    const key = this.group(corp.mdmId, corp.customerId, corp.groupId)?.license;
    const existing = this.device(d.serialNumber);
    if (existing) existing.state = 'Not Enrolled';
    const free = key ? this.freeSeats(key) : null;
    const state: DeviceState = key && free !== null && free <= 0 ? 'Blocked, Insufficient License' : 'enrolled';
    return this.#putDevice({ ...d, state });
  }

  /** Test hook: the device leaves E-FOTA (`setAllowedFOTAVersion(null, null)`). */
  unenrol(serial: string): void {
    const d = this.#mustDevice(serial);
    d.state = 'Not Enrolled';
    d.corp = null;
  }

  /** Test hook: the device is blocked for lack of seats. */
  block(serial: string): void {
    this.#mustDevice(serial).state = 'Blocked, Insufficient License';
  }

  #mustDevice(serial: string): Device {
    const d = this.device(serial);
    if (!d) throw new Error(`simulator: no device '${serial}'`);
    return d;
  }

  /** The device's firmware now: the newest forced update it finished downloading, else its own. */
  currentFirmware(serial: string): string | undefined {
    const d = this.device(serial);
    if (!d) return undefined;
    let best = d.firmware;
    let bestAt = -Infinity;
    const now = this.#clock.now();
    for (const id of this.#bySerial.get(d.serialNumber) ?? []) {
      const fu = this.#forceUpdates.get(id);
      if (!fu) continue;
      const o = this.outcome(fu, d.serialNumber);
      if (o.state === 'success' && o.finishesAt <= this.#progressAt(fu, now) && o.finishesAt > bestAt) {
        best = fu.target;
        bestAt = o.finishesAt;
      }
    }
    return best;
  }

  // ---- firmware catalogue ----------------------------------------------------------------------

  /** Test hook: appends a version (newest last) to the catalogue of a model/sales code. */
  addFirmware(model: string, salesCode: string, v: SeedFirmwareVersion): FirmwareVersion {
    const now = this.#clock.now();
    const opened = resolveSeedDateTime(v.openedDate, now);
    const patch = resolveSeedDay(v.securityPatchDate, now);
    if (opened === null || patch === null) throw new SeedError(`firmware ${v.version}: bad openedDate or securityPatchDate`);
    const key = `${model}${SEP}${salesCode}`;
    const entry = this.#catalogue.get(key) ?? { model, salesCode, versions: [] };
    const version: FirmwareVersion = { version: v.version, firmwareId: v.firmwareId, description: v.description, osVersion: v.osVersion, firmwareType: v.firmwareType, openedDate: opened, securityPatchDate: patch };
    entry.versions.push(version);
    this.#catalogue.set(key, entry);
    return version;
  }

  #same(a: string, b: string): boolean {
    return this.#switches.foldModelAndSalesCode ? a.toUpperCase() === b.toUpperCase() : a === b;
  }

  /** Compares firmware strings the way the switches say (upper-cased by default). */
  sameFirmware(a: string, b: string): boolean {
    return this.#switches.firmwareCaseInsensitive ? a.toUpperCase() === b.toUpperCase() : a === b;
  }

  /** True when the model appears anywhere in the catalogue. */
  knowsModel(model: string): boolean {
    return [...this.#catalogue.values()].some((c) => this.#same(c.model, model));
  }

  /** The versions of a model/sales code, oldest first (undefined when the pair is unknown). */
  catalogue(model: string, salesCode: string): FirmwareVersion[] | undefined {
    for (const c of this.#catalogue.values()) if (this.#same(c.model, model) && this.#same(c.salesCode, salesCode)) return c.versions;
    return undefined;
  }

  /** Every catalogue entry. */
  catalogueEntries(): Array<{ model: string; salesCode: string; versions: FirmwareVersion[] }> {
    return [...this.#catalogue.values()];
  }

  /** True when the version exists for any model. */
  firmwareExists(version: string): boolean {
    return [...this.#catalogue.values()].some((c) => c.versions.some((v) => this.sameFirmware(v.version, version)));
  }

  /** Index of a version in its catalogue (−1 when absent); higher is newer. */
  firmwareRank(versions: readonly FirmwareVersion[], version: string): number {
    return versions.findIndex((v) => this.sameFirmware(v.version, version));
  }

  /** The newest version by openedDate (`Latest`). */
  latest(versions: readonly FirmwareVersion[]): FirmwareVersion | undefined {
    return [...versions].sort((a, b) => a.openedDate - b.openedDate).at(-1);
  }

  // ---- force updates and schedules -------------------------------------------------------------

  /** A new ID: `NNN` + yyyyMMdd (GMT) + `-JEA` + 8 digits (docs/efota-api.md §2.6, inferred shape). */
  newForceUpdateId(): string {
    for (;;) {
      const id = `${this.#ids.int(100, 999)}${compactDay(this.#clock.now())}-JEA${this.#ids.digits(8)}`;
      if (!this.#forceUpdates.has(id)) return id;
    }
  }

  /** The progress switches now, to be kept with a new force update. */
  progressPlan(): ProgressPlan {
    const { progressMinMinutes, progressMaxMinutes, progressFailureRate } = this.#switches;
    return { progressMinMinutes, progressMaxMinutes, progressFailureRate };
  }

  /** Records a committed force update. */
  addForceUpdate(fu: ForceUpdate): void {
    this.#forceUpdates.set(fu.forceUpdateId, fu);
    for (const s of fu.serials) this.#bySerial.set(s, [...(this.#bySerial.get(s) ?? []), fu.forceUpdateId]);
  }

  /** The force update with this ID (exact), if any. */
  forceUpdate(id: string): ForceUpdate | undefined {
    return this.#forceUpdates.get(id);
  }

  /** Every force update. */
  forceUpdates(): ForceUpdate[] {
    return [...this.#forceUpdates.values()];
  }

  /** When an ID stops being answered (docs/efota-api.md §2.7: valid 3 months). */
  validUntil(fu: ForceUpdate): number {
    return addMonths(fu.createdAt, this.#switches.forceUpdateValidityMonths);
  }

  /** Where one device of a force update stands (finishing time included). */
  outcome(fu: ForceUpdate, serial: string): DeviceOutcome {
    return deviceOutcome(fu, serial);
  }

  /** Per-device state at the clock's time: processing, success, or failed with a reason. */
  progress(id: string): Array<{ serialNumber: string; state: 'processing' | 'success' | 'failed'; reason?: string }> {
    const fu = this.#forceUpdates.get(id);
    if (!fu) throw new Error(`simulator: no force update '${id}'`);
    const at = this.#progressAt(fu, this.#clock.now());
    return fu.serials.map((serialNumber) => {
      const o = this.outcome(fu, serialNumber);
      if (at < o.finishesAt) return { serialNumber, state: 'processing' as const };
      return o.state === 'failed' ? { serialNumber, state: 'failed' as const, reason: o.reason } : { serialNumber, state: 'success' as const };
    });
  }

  /** Sets how fast force updates progress (the practice clock); null: at the clock's pace. Survives `load`. */
  setPace(pace: ProgressPace | null): void {
    this.#pace = pace;
  }

  #progressAt(fu: ForceUpdate, now: number): number {
    return this.#pace ? fu.createdAt + this.#pace.elapsed(fu, now) : now;
  }

  /** Records a committed v1 schedule. */
  addSchedule(s: ScheduledUpdate): void {
    this.#schedules.push(s);
  }

  /** Every v1 schedule. */
  schedules(): readonly ScheduledUpdate[] {
    return this.#schedules;
  }

  /** The identities to print: the seed's `tenant`, else the first licence with a registered group. */
  summary(client: { clientId: string; clientSecret: string }): TenantSummary {
    return tenantSummary(this, this.#tenant, client);
  }
}
