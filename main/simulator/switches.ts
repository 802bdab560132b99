// One switch per behaviour docs/efota-api.md marks [inferred]: nobody knows what Samsung really does there,
// so tests can meet either reading. The defaults are that document's reading; its §7 lists them all, and
// every § below is one of its sections.

/** Behaviours of the simulator that the documentation does not settle. */
export interface SimulatorSwitches {
  /** malformed XML, empty or non-XML body, wrong root: `FUD_1001` in the error body, or a 400 `<error>` with no code (§5 #2, #12) */
  malformedRequest: 'FUD_1001' | 'no-code';
  /** which parameter error wins when several elements are wrong: the documented element order, or the order in the request (§2.0) */
  parameterOrder: 'documented' | 'request';
  /** element names compared case-insensitively (default: case-sensitive, a mis-cased element counts as missing, §1.5.3) */
  caseInsensitiveElementNames: boolean;
  /** `Content-Type` required to be XML (default: anything else gets the malformed-request 400, as strict as the documented header) or ignored (§1.4, §6.10) */
  contentType: 'ignore' | 'require-xml';
  /** the token endpoint also takes the client in an HTTP Basic header (default: in the form body only, as documented, so a client sending Basic is caught) (§3) */
  tokenBasicAuth: boolean;
  /** an API call without an Authorization header: the gateway's 401 `Missing access token` (default, seen by PS) or the documented 401 `Validation error` (§3, §6.19) */
  missingAuthorization: 'missing-access-token' | 'validation-error';
  /** an element sent twice: the first copy counts (default: as the client reads answers) or the last (as JAXB would) (§1.5) */
  repeatedElement: 'first' | 'last';
  /** accept `B2bDeviceUpdateStatusVO` as the abnormalDeviceList root (§5 #26) */
  acceptDeviceUpdateStatusRoot: boolean;
  /** which name v1 serverInit reads the sales code from: either (default), only `carrierCode` (current pages) or only SI-SEAP's `customerCode`; the other is "missing", FUD_1007 (§5 #11) */
  serverInitSalesCodeElement: 'either' | 'carrierCode' | 'customerCode';
  /** serve the legacy `/b2bfota/v2/serverInit` as an alias (default: 404, §5 #17) */
  v2ServerInitAlias: boolean;
  /** accept the optional `deviceList` and `networkType` the v1 serverInit error list implies (FUD_1018/1019/1022/3031 on SI) */
  serverInitDeviceList: boolean;
  /** compare `deviceModelName` and `salesCode` case-insensitively (default: exactly, §5 #30) */
  foldModelAndSalesCode: boolean;
  /** compare firmware strings (and `Latest`) after upper-casing (§1.5.4) */
  firmwareCaseInsensitive: boolean;
  /** registering the same group with the same licence again: `ok` (idempotent 200) or `FUD_3019` (§2.1) */
  groupRegisterAgain: 'ok' | 'FUD_3019';
  /** groupLicenseChange success body: empty 200, or an XML echo (§2.2) */
  groupLicenseChangeBody: 'empty' | 'xml';
  /** licenseInfo on an expired/cancelled/terminated/not-active licence: 200 with the status text, or the FUD error (§2.3) */
  // This switch and unknownLicence keep their documented names (seed files and --switch use them).
  licenseInfoBadLicence: 'status' | 'error';
  /** licenseInfo refuses an MDM/customer with no registered group (FUD_3012) (§4 3012) */
  licenseInfoRequiresRegistration: boolean;
  /** an unknown licence key: FUD_3022 (invalid) or FUD_3016 (not the one registered) (§4) */
  unknownLicence: 'FUD_3022' | 'FUD_3016';
  /** firmwareList demands `currentFirmwareVersion` (FUD_1009 when absent) (§5 #25) */
  firmwareListRequiresCurrent: boolean;
  /** firmwareList for a model/sales code no enrolled device of the licence has: FUD_3014, or an empty list (§2.5) */
  firmwareListUnusedModel: 'FUD_3014' | 'empty';
  /** byte limit of `networkType` (page: 10, ERR: 20; §5 #9) */
  networkTypeMaxBytes: number;
  /** a `networkType` other than WIFIONLY/ANY: treated as ANY, or FUD_1022 (§5 #9) */
  networkTypeUnknown: 'any' | 'FUD_1022';
  /** forceUpdate with serials not enrolled under the licence: whole call refused (FUD_3031) or those serials skipped (§2.6) */
  unknownSerials: 'reject-call' | 'skip';
  /** the same serial twice in one call: counted once, or FUD_1018 (§6.6) */
  duplicateSerials: 'dedupe' | 'FUD_1018';
  /** forceUpdate refuses devices whose corp ID names no registered group (FUD_3013) (§5 #36) */
  forceUpdateRequiresGroup: boolean;
  /** `forceUpdateId` absent or over 30 bytes: FUD_1024 (listed on SUM) or FUD_3038 (§4 1024) */
  forceUpdateIdMissing: 'FUD_1024' | 'FUD_3038';
  /** how long summary/detail answer for an ID, in calendar months (then FUD_3038) (§6.7) */
  forceUpdateValidityMonths: number;
  /** forceUpdateDetail body: a plausible guess, or a shape no client can map (the real one is undocumented, §2.8) */
  detailShape: 'plausible' | 'unrecognisable';
  /** shortest delivery window of v1 serverInit in days (ERR: 3; the v1 tutorial's own sample uses 2; §5 #15) */
  serverInitMinDays: number;
  /** longest delivery window of v1 serverInit in days (§2.9) */
  serverInitMaxDays: number;
  /** longest daily window in hours: (end − start) mod 24 must lie in 1..this (§2.9 FUD_3004) */
  serverInitMaxHours: number;
  /** accept `24` as an hour (§2.9) */
  allowHour24: boolean;
  /** `Authorization` scheme compared case-insensitively (`bearer` = `Bearer`) (§6.19) */
  bearerCaseInsensitive: boolean;
  /** fill `<message>` of v2 errors with a short English text (the samples leave it empty) */
  errorMessageText: boolean;
  /** fastest a device finishes downloading a forced update, in minutes */
  progressMinMinutes: number;
  /** slowest a device finishes downloading a forced update, in minutes */
  progressMaxMinutes: number;
  /** share (0..1) of pushed devices that fail to download */
  progressFailureRate: number;
}

/** The reading of docs/efota-api.md (§7) for every switch. */
export const DEFAULT_SWITCHES: Readonly<SimulatorSwitches> = Object.freeze({
  malformedRequest: 'FUD_1001',
  parameterOrder: 'documented',
  caseInsensitiveElementNames: false,
  contentType: 'require-xml',
  tokenBasicAuth: false,
  missingAuthorization: 'missing-access-token',
  repeatedElement: 'first',
  acceptDeviceUpdateStatusRoot: true,
  serverInitSalesCodeElement: 'either',
  v2ServerInitAlias: false,
  serverInitDeviceList: true,
  foldModelAndSalesCode: false,
  firmwareCaseInsensitive: true,
  groupRegisterAgain: 'ok',
  groupLicenseChangeBody: 'empty',
  licenseInfoBadLicence: 'status',
  licenseInfoRequiresRegistration: false,
  unknownLicence: 'FUD_3022',
  firmwareListRequiresCurrent: false,
  firmwareListUnusedModel: 'FUD_3014',
  networkTypeMaxBytes: 20,
  networkTypeUnknown: 'any',
  unknownSerials: 'reject-call',
  duplicateSerials: 'dedupe',
  forceUpdateRequiresGroup: true,
  forceUpdateIdMissing: 'FUD_1024',
  forceUpdateValidityMonths: 3,
  detailShape: 'plausible',
  serverInitMinDays: 3,
  serverInitMaxDays: 7,
  serverInitMaxHours: 12,
  allowHour24: true,
  bearerCaseInsensitive: true,
  errorMessageText: false,
  progressMinMinutes: 5,
  progressMaxMinutes: 120,
  progressFailureRate: 0.1,
});

/** The allowed values of the switches that take one of a few words. */
const CHOICES: Partial<Record<keyof SimulatorSwitches, readonly string[]>> = {
  malformedRequest: ['FUD_1001', 'no-code'],
  parameterOrder: ['documented', 'request'],
  contentType: ['ignore', 'require-xml'],
  missingAuthorization: ['missing-access-token', 'validation-error'],
  repeatedElement: ['first', 'last'],
  serverInitSalesCodeElement: ['either', 'carrierCode', 'customerCode'],
  groupRegisterAgain: ['ok', 'FUD_3019'],
  groupLicenseChangeBody: ['empty', 'xml'],
  licenseInfoBadLicence: ['status', 'error'],
  unknownLicence: ['FUD_3022', 'FUD_3016'],
  firmwareListUnusedModel: ['FUD_3014', 'empty'],
  networkTypeUnknown: ['any', 'FUD_1022'],
  unknownSerials: ['reject-call', 'skip'],
  duplicateSerials: ['dedupe', 'FUD_1018'],
  forceUpdateIdMissing: ['FUD_1024', 'FUD_3038'],
  detailShape: ['plausible', 'unrecognisable'],
};

/** Defaults overlaid with the given switches; throws on a value of the wrong kind. */
export function resolveSwitches(given: Partial<SimulatorSwitches> = {}): SimulatorSwitches {
  const merged: SimulatorSwitches = { ...DEFAULT_SWITCHES, ...given };
  for (const [key, value] of Object.entries(merged)) {
    const expected = typeof DEFAULT_SWITCHES[key as keyof SimulatorSwitches];
    if (!(key in DEFAULT_SWITCHES)) throw new TypeError(`simulator: unknown switch '${key}'`);
    if (typeof value !== expected) throw new TypeError(`simulator: switch '${key}' must be a ${expected}`);
    const choices = CHOICES[key as keyof SimulatorSwitches];
    if (choices && !choices.includes(value as string)) throw new TypeError(`simulator: switch '${key}' must be one of ${choices.join(', ')}`);
    if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`simulator: switch '${key}' must be a number ≥ 0`);
  }
  if (merged.progressMinMinutes < 0 || merged.progressMaxMinutes < merged.progressMinMinutes) {
    throw new RangeError('simulator: progressMinMinutes must be ≥ 0 and ≤ progressMaxMinutes');
  }
  if (merged.progressFailureRate < 0 || merged.progressFailureRate > 1) {
    throw new RangeError('simulator: progressFailureRate must lie in 0..1');
  }
  return merged;
}
