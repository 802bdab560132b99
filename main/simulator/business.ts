// Business checks shared by the operations, in the order of docs/efota-api.md Appendix B: registration,
// then licence, then what the operation itself needs.
import type { Clock } from '../../common/clock.ts';
import { FudError, type FudCode } from './errors.ts';
import type { CheckedRequest } from './rules.ts';
import type { TenantState } from './state.ts';
import type { FirmwareVersion, License, LicenseCondition } from './tenant-records.ts';
import type { SimulatorSwitches } from './switches.ts';

/** What a handler may use. */
export interface SimContext {
  readonly state: TenantState;
  readonly switches: SimulatorSwitches;
  readonly clock: Clock;
}

/** Details of an accepted call, kept in the call record. */
export interface CallDetails {
  mdmId: string;
  customerId: string;
  license?: string;
  groupId?: string;
  newLicense?: string;
  model?: string;
  salesCode?: string;
  /** target as sent (may be `Latest`) */
  target?: string;
  /** the catalogue version it resolved to */
  resolvedTarget?: string;
  networkType?: string;
  serials: string[];
  /** serials left out because they were not enrolled (unknownSerials = skip) */
  skippedSerials?: string[];
  forceUpdateId?: string;
  schedule?: { deliveryStartDate: string; deliveryEndDate: string; dailyStartHour: string; dailyEndHour: string };
}

/** The answer of a successful call and what to record. */
export interface Committed {
  /** XML answer, or null for an empty 200 */
  body: string | null;
  details: CallDetails;
}

/** A call that passed every check: `commit()` applies it (state changes happen only there). */
export interface Prepared {
  commit(): Committed;
}

/** A handler: checks everything, throws FudError, or returns the prepared call. */
export type Handler = (request: CheckedRequest, ctx: SimContext) => Prepared;

/** The text value of a checked element (present: the rule table guaranteed it). */
export function value(request: CheckedRequest, element: string): string {
  return request.values[element] ?? '';
}

/** An optional element's value, or undefined. */
export function optional(request: CheckedRequest, element: string): string | undefined {
  return request.values[element];
}

/** FUD_3018 when the MDM/customer pair was never issued a licence. */
export function requireIssued(ctx: SimContext, mdmId: string, customerId: string): void {
  if (!ctx.state.isIssued(mdmId, customerId)) throw new FudError('FUD_3018', `${mdmId}/${customerId} was not issued by SLM`);
}

/** FUD_3012 when the MDM/customer pair has no registered group yet. */
export function requireRegistered(ctx: SimContext, mdmId: string, customerId: string): void {
  if (!ctx.state.hasRegistration(mdmId, customerId)) throw new FudError('FUD_3012', `${mdmId}/${customerId} has no registered group`);
}

const CONDITION_CODES: Record<Exclude<LicenseCondition, 'active'>, FudCode> = {
  expired: 'FUD_3017',
  cancelled: 'FUD_3020',
  terminated: 'FUD_3021',
  'not-active': 'FUD_3022',
};

/** The licence as issued to this MDM/customer: FUD_3022/3016 when unknown or someone else's. */
export function findLicense(ctx: SimContext, key: string, mdmId: string, customerId: string): License {
  const license = ctx.state.license(key);
  if (!license) throw new FudError(ctx.switches.unknownLicence, `licence ${key} does not exist`);
  if (license.mdmId !== mdmId.toUpperCase() || license.customerId !== customerId) throw new FudError('FUD_3016', `licence ${key} was issued to another MDM/customer`);
  return license;
}

/** FUD code for a licence that is not usable now, or null. */
export function conditionCode(ctx: SimContext, license: License): FudCode | null {
  const c = ctx.state.condition(license);
  return c === 'active' ? null : CONDITION_CODES[c];
}

/** A usable licence of this MDM/customer: 3022|3016 → 3017 → 3020 → 3021 → 3022. */
export function requireLicense(ctx: SimContext, key: string, mdmId: string, customerId: string): License {
  const license = findLicense(ctx, key, mdmId, customerId);
  const code = conditionCode(ctx, license);
  if (code) throw new FudError(code, `licence ${key} is ${ctx.state.condition(license)}`);
  return license;
}

/** The catalogue of a model/sales code: FUD_3030 when the combination does not exist. */
export function requireCatalogue(ctx: SimContext, model: string, salesCode: string): FirmwareVersion[] {
  const versions = ctx.state.catalogue(model, salesCode);
  if (!versions) throw new FudError('FUD_3030', `${model}/${salesCode} is not a valid model and sales code`);
  return versions;
}

/** The version a target names: `Latest` → newest; another model's version → 3015; unknown → 3028. */
export function resolveTarget(ctx: SimContext, versions: readonly FirmwareVersion[], target: string): FirmwareVersion {
  const latest = ctx.switches.firmwareCaseInsensitive ? target.toUpperCase() === 'LATEST' : target === 'Latest';
  if (latest) {
    const newest = ctx.state.latest(versions);
    if (!newest) throw new FudError('FUD_3015', 'no firmware for this model and sales code');
    return newest;
  }
  const found = versions.find((v) => ctx.state.sameFirmware(v.version, target));
  if (found) return found;
  if (ctx.state.firmwareExists(target)) throw new FudError('FUD_3015', `${target} is not a version of this model and sales code`);
  throw new FudError('FUD_3028', `${target} does not exist`);
}

/** True when a device's model and sales code are the requested ones. */
export function samePair(ctx: SimContext, device: { model: string; salesCode: string }, model: string, salesCode: string): boolean {
  const eq = (a: string, b: string): boolean => (ctx.switches.foldModelAndSalesCode ? a.toUpperCase() === b.toUpperCase() : a === b);
  return eq(device.model, model) && eq(device.salesCode, salesCode);
}

/** The push network: WIFIONLY or ANY; another value counts as ANY, or FUD_1022 by switch (docs/efota-api.md §5 #9). */
export function networkType(request: CheckedRequest, ctx: SimContext): 'ANY' | 'WIFIONLY' | undefined {
  const raw = request.values['networkType'];
  if (raw === undefined) return undefined;
  const upper = raw.toUpperCase();
  if (upper === 'WIFIONLY' || upper === 'ANY') return upper;
  if (ctx.switches.networkTypeUnknown === 'FUD_1022') throw new FudError('FUD_1022', `networkType '${raw}' is neither WIFIONLY nor ANY`);
  return 'ANY';
}

/** The tenant checks of a v2 call that works on devices, in Samsung's order: 3018 → 3012 → the licence's. */
export function requireTenant(ctx: SimContext, key: string, mdmId: string, customerId: string): License {
  requireIssued(ctx, mdmId, customerId);
  requireRegistered(ctx, mdmId, customerId);
  return requireLicense(ctx, key, mdmId, customerId);
}
