// The simulator's own element rule table, written from docs/efota-api.md §2.0 and the FUD table (§4).
// Each element is checked existence → length → characters → format, and the first failure wins.
import { parseCompactDay } from './dates.ts';
import { FudError, type FudCode } from './errors.ts';
import type { SimOperation } from './operations.ts';
import type { ParsedRequest } from './xml.ts';
import type { SimulatorSwitches } from './switches.ts';

/** How one request element is checked. */
export interface ElementRule {
  readonly element: string;
  /** the names it is read from, first found wins (default: `element`); v1's sales code has two */
  readonly names?: (s: SimulatorSwitches) => readonly string[];
  /** true (or a switch) when absence is allowed */
  readonly optional?: boolean | ((s: SimulatorSwitches) => boolean);
  /** code for absent, empty, or over the byte limit */
  readonly missing: FudCode | ((s: SimulatorSwitches) => FudCode);
  readonly maxBytes: number | ((s: SimulatorSwitches) => number);
  /** allowed characters and the code when another appears */
  readonly charset?: { readonly pattern: RegExp; readonly code: FudCode };
  /** a format beyond characters (dates, hours) */
  readonly format?: { readonly test: (value: string, s: SimulatorSwitches) => boolean; readonly code: FudCode };
  /** `deviceList` holding `serialNumber` children */
  readonly serials?: boolean;
}

const text = (element: string, missing: FudCode, maxBytes: number, extra: Partial<ElementRule> = {}): ElementRule => ({ element, missing, maxBytes, ...extra });

const MDM_ID = text('mdmId', 'FUD_1001', 50);
const CUSTOMER_ID = text('customerId', 'FUD_1002', 50);
const GROUP_ID = text('groupId', 'FUD_1003', 50);
const LICENSE = text('license', 'FUD_1004', 100);
const MODEL = text('deviceModelName', 'FUD_1005', 20, { charset: { pattern: /^[A-Za-z0-9_-]+$/, code: 'FUD_1006' } });
const SALES_CODE = text('salesCode', 'FUD_1007', 20, { charset: { pattern: /^[A-Za-z0-9]+$/, code: 'FUD_1008' } });
const CARRIER_CODE = text('carrierCode', 'FUD_1007', 20, {
  charset: { pattern: /^[A-Za-z0-9]+$/, code: 'FUD_1008' },
  names: (s) => (s.serverInitSalesCodeElement === 'either' ? ['carrierCode', 'customerCode'] : [s.serverInitSalesCodeElement]),
});
const FIRMWARE_CHARS = /^[A-Za-z0-9\-/._]+$/;
const CURRENT_FIRMWARE = text('currentFirmwareVersion', 'FUD_1009', 100, {
  charset: { pattern: FIRMWARE_CHARS, code: 'FUD_1010' },
  optional: (s) => !s.firmwareListRequiresCurrent,
});
const LANGUAGE = text('languageCode', 'FUD_1011', 20, { charset: { pattern: /^[A-Za-z-]+$/, code: 'FUD_1012' }, optional: true });
// The target's characters are not a parameter rule: an odd target is "not found" (docs/efota-api.md §5 #10).
const TARGET = text('targetFirmwareVersion', 'FUD_1013', 100);
const NETWORK_TYPE = text('networkType', 'FUD_1022', 0, { maxBytes: (s) => s.networkTypeMaxBytes, optional: true });
const DEVICE_LIST: ElementRule = { element: 'deviceList', missing: 'FUD_1018', maxBytes: 100, charset: { pattern: /^[A-Za-z0-9]+$/, code: 'FUD_1019' }, serials: true };
const NEW_LICENSE = text('newLicense', 'FUD_1023', 100);
const FORCE_UPDATE_ID = text('forceUpdateId', 'FUD_1024', 30, {
  missing: (s) => s.forceUpdateIdMissing,
  charset: { pattern: /^[A-Za-z0-9-]+$/, code: 'FUD_3038' },
});
const isHour = (v: string, s: SimulatorSwitches): boolean => /^\d{2}$/.test(v) && Number(v) <= (s.allowHour24 ? 24 : 23);
const DATE = (element: string, code: FudCode): ElementRule => text(element, code, 20, { format: { test: (v) => parseCompactDay(v) !== null, code } });
const HOUR = (element: string, code: FudCode): ElementRule => text(element, code, 20, { format: { test: isHour, code } });
const v1Optional = (rule: ElementRule): ElementRule => ({ ...rule, optional: true });

/** The elements of each operation, in documented order. */
export const RULES: Readonly<Record<SimOperation, readonly ElementRule[]>> = {
  groupRegister: [MDM_ID, CUSTOMER_ID, GROUP_ID, LICENSE],
  serviceregister: [MDM_ID, CUSTOMER_ID, GROUP_ID, LICENSE],
  groupLicenseChange: [MDM_ID, CUSTOMER_ID, GROUP_ID, LICENSE, NEW_LICENSE],
  licenseInfo: [MDM_ID, CUSTOMER_ID, LICENSE],
  // ABT lists an optional groupId that PS/PM never send: accepted and ignored (docs/efota-api.md §2.4).
  abnormalDeviceList: [MDM_ID, CUSTOMER_ID, LICENSE, DEVICE_LIST],
  firmwareList: [MDM_ID, CUSTOMER_ID, LICENSE, MODEL, SALES_CODE, CURRENT_FIRMWARE, LANGUAGE],
  forceUpdate: [MDM_ID, CUSTOMER_ID, LICENSE, MODEL, SALES_CODE, TARGET, NETWORK_TYPE, DEVICE_LIST],
  forceUpdateSummary: [MDM_ID, CUSTOMER_ID, LICENSE, FORCE_UPDATE_ID],
  forceUpdateDetail: [MDM_ID, CUSTOMER_ID, LICENSE, FORCE_UPDATE_ID],
  serverInit: [
    MDM_ID, CUSTOMER_ID, GROUP_ID, LICENSE, MODEL, CARRIER_CODE, TARGET,
    DATE('deliveryStartDate', 'FUD_1014'), DATE('deliveryEndDate', 'FUD_1015'),
    HOUR('dailyStartHour', 'FUD_1016'), HOUR('dailyEndHour', 'FUD_1017'),
    // SI's error list names serial and network codes (FUD_1018/1019/1022/3031); behind a switch.
    v1Optional(NETWORK_TYPE), v1Optional(DEVICE_LIST),
  ],
};

/** The checked values of a request: text elements by name, and the serials. */
export interface CheckedRequest {
  values: Record<string, string>;
  /** serials upper-cased, in request order (duplicates removed unless refused) */
  serials: string[];
  /** true when the request carried a deviceList */
  hasDeviceList: boolean;
}

const bytes = (v: string): number => Buffer.byteLength(v, 'utf8');
const pick = <T>(v: T | ((s: SimulatorSwitches) => T), s: SimulatorSwitches): T => (typeof v === 'function' ? (v as (s: SimulatorSwitches) => T)(s) : v);

/** The raw value of an element: exact name (or any case, by switch); of a repeated element, the copy the switch names. */
function find(parsed: ParsedRequest, names: readonly string[], s: SimulatorSwitches): unknown {
  const copy = (v: unknown): unknown => (Array.isArray(v) ? (s.repeatedElement === 'first' ? v[0] : v.at(-1)) : v);
  for (const name of names) {
    if (Object.hasOwn(parsed.fields, name)) return copy(parsed.fields[name]);
    if (s.caseInsensitiveElementNames) {
      const key = parsed.order.find((k) => k.toLowerCase() === name.toLowerCase());
      if (key !== undefined) return copy(parsed.fields[key]);
    }
  }
  return undefined;
}

const namesOf = (rule: ElementRule, s: SimulatorSwitches): readonly string[] => rule.names?.(s) ?? [rule.element];

function position(parsed: ParsedRequest, rule: ElementRule, s: SimulatorSwitches): number {
  const names = namesOf(rule, s).map((n) => (s.caseInsensitiveElementNames ? n.toLowerCase() : n));
  const at = parsed.order.findIndex((k) => names.includes(s.caseInsensitiveElementNames ? k.toLowerCase() : k));
  return at === -1 ? Number.MAX_SAFE_INTEGER : at;
}

/** Checks one operation's elements; throws the first FudError, else returns the values. */
export function checkElements(operation: SimOperation, parsed: ParsedRequest, s: SimulatorSwitches): CheckedRequest {
  let rules = RULES[operation].filter((r) => operation !== 'serverInit' || s.serverInitDeviceList || (r.element !== 'deviceList' && r.element !== 'networkType'));
  if (s.parameterOrder === 'request') {
    rules = rules.map((r, i) => ({ r, i, at: position(parsed, r, s) })).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.r);
  }
  const out: CheckedRequest = { values: {}, serials: [], hasDeviceList: false };
  for (const rule of rules) {
    const raw = find(parsed, namesOf(rule, s), s);
    if (rule.serials) {
      checkSerials(rule, raw, s, out);
      continue;
    }
    const value = typeof raw === 'string' ? raw : '';
    const missing = pick(rule.missing, s);
    if (value === '') {
      if (pick(rule.optional ?? false, s)) continue;
      throw new FudError(missing, `${namesOf(rule, s).join(' or ')} is missing`);
    }
    if (bytes(value) > pick(rule.maxBytes, s)) throw new FudError(missing, `${rule.element} is longer than ${pick(rule.maxBytes, s)} bytes`);
    if (rule.charset && !rule.charset.pattern.test(value)) throw new FudError(rule.charset.code, `${rule.element} has a character outside ${rule.charset.pattern.source}`);
    if (rule.format && !rule.format.test(value, s)) throw new FudError(rule.format.code, `${rule.element} '${value}' is not in the expected format`);
    out.values[rule.element] = value;
  }
  return out;
}

function checkSerials(rule: ElementRule, raw: unknown, s: SimulatorSwitches, out: CheckedRequest): void {
  if (raw === undefined) {
    if (pick(rule.optional ?? false, s)) return;
    throw new FudError('FUD_1018', 'deviceList is missing');
  }
  out.hasDeviceList = true;
  const list = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)['serialNumber'] : undefined;
  const items = list === undefined ? [] : Array.isArray(list) ? list : [list];
  if (items.length < 1 || items.length > 100) throw new FudError('FUD_1018', `deviceList holds ${items.length} serial numbers; 1 to 100 are allowed`);
  const seen = new Set<string>();
  for (const item of items) {
    const serial = typeof item === 'string' ? item : '';
    if (serial === '' || bytes(serial) > pick(rule.maxBytes, s)) throw new FudError('FUD_1018', 'a serialNumber is empty or longer than 100 bytes');
    if (rule.charset && !rule.charset.pattern.test(serial)) throw new FudError('FUD_1019', `serialNumber '${serial}' has a character other than letters and digits`);
    const upper = serial.toUpperCase();
    if (seen.has(upper)) {
      if (s.duplicateSerials === 'FUD_1018') throw new FudError('FUD_1018', `serialNumber ${upper} appears twice`);
      continue;
    }
    seen.add(upper);
    out.serials.push(upper);
  }
}
