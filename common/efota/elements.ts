// The request-element table of docs/efota-api.md §2.0, as data. Where Samsung's pages disagree, `maxBytes`
// and `charset` hold the MOST PERMISSIVE documented reading (breaking it is an error: Samsung would
// refuse the request), and `stricter*` hold the stricter readings (breaking one is only a warning:
// we must never refuse what Samsung would accept). docs/rules.md explains each choice.
import {
  ALPHANUMERIC,
  ALPHANUMERIC_HYPHEN,
  ALPHANUMERIC_HYPHEN_UNDERSCORE,
  FIRMWARE_VERSION,
  LETTERS_HYPHEN,
  type Charset,
} from './characters.ts';

/** Every request element the rules know, by its XML element name. */
export type ElementName =
  | 'mdmId'
  | 'customerId'
  | 'groupId'
  | 'license'
  | 'newLicense'
  | 'deviceModelName'
  | 'salesCode'
  | 'carrierCode'
  | 'currentFirmwareVersion'
  | 'languageCode'
  | 'targetFirmwareVersion'
  | 'networkType'
  | 'serialNumber'
  | 'forceUpdateId'
  | 'firmwareId'
  | 'deliveryStartDate'
  | 'deliveryEndDate'
  | 'dailyStartHour'
  | 'dailyEndHour';

/**
 * How letter case is treated:
 * - `server-folds`: Samsung documents lower → upper (mdmId, groupId, serials); we send upper case.
 * - `upper-by-convention`: written in upper case everywhere (models, sales codes, network types,
 *   firmware); the field script warns Samsung compares them exactly, so we send upper case.
 * - `exact`: sent as given (customer ID, licence keys, IDs Samsung issued, dates, language codes).
 */
export type CaseRule = 'server-folds' | 'upper-by-convention' | 'exact';

/** What an absent or empty value means: refused, doubtful, or fine (the element is optional). */
export type Absence = 'error' | 'warning' | 'allowed';

/** A stricter documented byte limit: exceeding it gives a warning. */
export interface StricterLimit {
  readonly bytes: number;
  /** where the stricter reading is written, in words */
  readonly source: string;
}

/** A stricter documented character set: a character outside it gives a warning. */
export interface StricterCharset {
  readonly charset: Charset;
  /** the permissive reading it is stricter than, in words */
  readonly permissive: string;
  readonly source: string;
  /** the code Samsung might answer if it applied this reading */
  readonly fud: string;
}

/** Everything the rules know about one request element. */
export interface ElementSpec {
  readonly name: ElementName;
  /** what an IT admin calls it, e.g. "Serial" */
  readonly label: string;
  /** plural for charset messages, e.g. "serial numbers" */
  readonly plural: string;
  /** what to enter and where to find it */
  readonly enter: string;
  /** most permissive documented limit in UTF-8 bytes; above it Samsung refuses */
  readonly maxBytes: number;
  /** stricter documented limits, largest first */
  readonly stricterLimits: readonly StricterLimit[];
  /** most permissive documented charset, or null when Samsung says "all characters permitted" */
  readonly charset: Charset | null;
  readonly stricterCharset: StricterCharset | null;
  /** dates and hours are checked by their pattern rather than by charset */
  readonly format: 'date' | 'hour' | null;
  readonly caseRule: CaseRule;
  /** code for missing, too long (and, for dates and hours, malformed) */
  readonly missingFud: string;
  /** code for a character outside `charset` */
  readonly charsetFud: string | null;
  readonly absent: Absence;
  /** source keys (docs/efota-api.md §0), for the curious */
  readonly sources: string;
}

type Row = Omit<ElementSpec, 'name' | 'stricterLimits' | 'stricterCharset' | 'format' | 'charsetFud'> &
  Partial<Pick<ElementSpec, 'stricterLimits' | 'stricterCharset' | 'format' | 'charsetFud'>>;

const row = (name: ElementName, r: Row): ElementSpec => ({
  name,
  stricterLimits: [],
  stricterCharset: null,
  format: null,
  charsetFud: null,
  ...r,
});

/** The element table (docs/efota-api.md §2.0). */
export const ELEMENTS: Readonly<Record<ElementName, ElementSpec>> = {
  mdmId: row('mdmId', {
    label: 'MDM ID', plural: 'MDM IDs', enter: 'the MDM ID from your Samsung SLM licence e-mail',
    maxBytes: 50, charset: null, caseRule: 'server-folds', missingFud: 'FUD_1001', absent: 'error', sources: 'FU, ERR 1001',
  }),
  customerId: row('customerId', {
    label: 'Customer ID', plural: 'customer IDs', enter: 'the customer ID from your Samsung SLM licence e-mail',
    maxBytes: 50, charset: null, caseRule: 'exact', missingFud: 'FUD_1002', absent: 'error', sources: 'FU, ERR 1002',
  }),
  groupId: row('groupId', {
    label: 'Group ID', plural: 'group IDs', enter: 'the device group ID registered for this licence (one group per licence)',
    maxBytes: 50, charset: null, caseRule: 'server-folds', missingFud: 'FUD_1003', absent: 'error', sources: 'GR, ERR 1003',
  }),
  license: row('license', {
    label: 'Licence key', plural: 'licence keys', enter: 'the E-FOTA licence key from Samsung SLM',
    maxBytes: 100, charset: null, caseRule: 'exact', missingFud: 'FUD_1004', absent: 'error', sources: 'FU, ERR 1004',
  }),
  newLicense: row('newLicense', {
    label: 'New licence key', plural: 'licence keys', enter: 'the E-FOTA licence key the group should move to',
    maxBytes: 100, charset: null, caseRule: 'exact', missingFud: 'FUD_1023', absent: 'error', sources: 'PM, ERR 1023',
  }),
  deviceModelName: row('deviceModelName', {
    label: 'Model', plural: 'model names', enter: 'the device model number, e.g. SM-G991B (Settings › About phone)',
    maxBytes: 20, charset: ALPHANUMERIC_HYPHEN_UNDERSCORE, charsetFud: 'FUD_1006',
    stricterCharset: { charset: ALPHANUMERIC_HYPHEN, permissive: "Samsung's error table permits letters, digits, hyphens and underscores", source: "the forceUpdate page's character list (letters, digits and hyphens only)", fud: 'FUD_1006' },
    caseRule: 'upper-by-convention', missingFud: 'FUD_1005', absent: 'error', sources: 'FU, ERR 1005/1006',
  }),
  salesCode: row('salesCode', {
    label: 'Sales code', plural: 'sales codes', enter: "the device's sales code (CSC), three characters such as BTU or XAR",
    maxBytes: 20, charset: ALPHANUMERIC, charsetFud: 'FUD_1008',
    caseRule: 'upper-by-convention', missingFud: 'FUD_1007', absent: 'error', sources: 'FU, ERR 1007/1008',
  }),
  carrierCode: row('carrierCode', {
    label: 'Carrier code', plural: 'carrier codes', enter: "the device's sales code (CSC), e.g. BTU; version-1 calls name it carrierCode",
    maxBytes: 20, charset: ALPHANUMERIC, charsetFud: 'FUD_1008',
    caseRule: 'upper-by-convention', missingFud: 'FUD_1007', absent: 'error', sources: 'SI, ERR 1007/1008',
  }),
  currentFirmwareVersion: row('currentFirmwareVersion', {
    label: 'Current firmware version', plural: 'firmware versions',
    enter: 'the AP/CSC/CP version the device runs now, e.g. G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1',
    maxBytes: 100, charset: FIRMWARE_VERSION, charsetFud: 'FUD_1010',
    caseRule: 'upper-by-convention', missingFud: 'FUD_1009', absent: 'warning', sources: 'FWT, ERR 1009/1010',
  }),
  languageCode: row('languageCode', {
    label: 'Language code', plural: 'language codes', enter: 'a code from the E-FOTA language list, e.g. ENG or fra-CA',
    maxBytes: 20, charset: LETTERS_HYPHEN, charsetFud: 'FUD_1012',
    caseRule: 'exact', missingFud: 'FUD_1011', absent: 'allowed', sources: 'FWT, LANG, ERR 1011/1012',
  }),
  targetFirmwareVersion: row('targetFirmwareVersion', {
    label: 'Target firmware', plural: 'firmware versions', enter: 'a target version copied from the firmware list, or Latest',
    maxBytes: 100, charset: null,
    stricterCharset: { charset: FIRMWARE_VERSION, permissive: "Samsung's forceUpdate and serverInit pages permit any character here", source: 'the error table (FUD_3028: firmware names use letters, digits, hyphens, slashes, dots and underscores)', fud: 'FUD_3028' },
    caseRule: 'upper-by-convention', missingFud: 'FUD_1013', absent: 'error', sources: 'FU, SI, ERR 1013/3028',
  }),
  networkType: row('networkType', {
    label: 'Network type', plural: 'network types', enter: 'WIFIONLY or ANY',
    maxBytes: 20, stricterLimits: [{ bytes: 10, source: 'the forceUpdate page' }], charset: null,
    stricterCharset: { charset: ALPHANUMERIC, permissive: "Samsung's error table only limits its length", source: "the forceUpdate page's character list (letters and digits only)", fud: 'FUD_1022' },
    caseRule: 'upper-by-convention', missingFud: 'FUD_1022', absent: 'allowed', sources: 'FU, ERR 1022',
  }),
  serialNumber: row('serialNumber', {
    label: 'Serial', plural: 'serial numbers', enter: 'the device serial number, e.g. R58N31ABCDE (Settings › About phone)',
    maxBytes: 100,
    stricterLimits: [
      { bytes: 40, source: 'the forceUpdate page' },
      { bytes: 20, source: "Samsung's device-information page" },
    ],
    charset: ALPHANUMERIC, charsetFud: 'FUD_1019',
    caseRule: 'server-folds', missingFud: 'FUD_1018', absent: 'error', sources: 'FU, DEV, ERR 1018/1019',
  }),
  forceUpdateId: row('forceUpdateId', {
    label: 'Force update ID', plural: 'force update IDs', enter: 'the ID Samsung returned for the force update, e.g. 10720230614-JEA00042117',
    maxBytes: 30, charset: ALPHANUMERIC_HYPHEN, charsetFud: 'FUD_3038',
    caseRule: 'exact', missingFud: 'FUD_3038', absent: 'error', sources: 'FU, SUM, ERR 3038 (and the undefined FUD_1024)',
  }),
  firmwareId: row('firmwareId', {
    label: 'Firmware ID', plural: 'firmware IDs', enter: 'a firmware ID from the firmware list, e.g. FW-20230601-10422',
    maxBytes: 20, charset: ALPHANUMERIC_HYPHEN_UNDERSCORE, charsetFud: 'FUD_1021',
    caseRule: 'exact', missingFud: 'FUD_1020', absent: 'error', sources: 'ERR 1020/1021',
  }),
  deliveryStartDate: row('deliveryStartDate', {
    label: 'Delivery start date', plural: 'dates', enter: 'a GMT date written yyyyMMdd, e.g. 20300601',
    maxBytes: 20, charset: null, format: 'date', caseRule: 'exact', missingFud: 'FUD_1014', absent: 'error', sources: 'SI, ERR 1014',
  }),
  deliveryEndDate: row('deliveryEndDate', {
    label: 'Delivery end date', plural: 'dates', enter: 'a GMT date written yyyyMMdd, e.g. 20300605',
    maxBytes: 20, charset: null, format: 'date', caseRule: 'exact', missingFud: 'FUD_1015', absent: 'error', sources: 'SI, ERR 1015',
  }),
  dailyStartHour: row('dailyStartHour', {
    label: 'Daily start hour', plural: 'hours', enter: 'a GMT hour written as two digits, e.g. 01',
    maxBytes: 4, charset: null, format: 'hour', caseRule: 'exact', missingFud: 'FUD_1016', absent: 'error', sources: 'SI, ERR 1016',
  }),
  dailyEndHour: row('dailyEndHour', {
    label: 'Daily end hour', plural: 'hours', enter: 'a GMT hour written as two digits, e.g. 04',
    maxBytes: 20, charset: null, format: 'hour', caseRule: 'exact', missingFud: 'FUD_1017', absent: 'error', sources: 'SI, ERR 1017',
  }),
};

/** All element names, in the table's order. */
export const ELEMENT_NAMES = Object.keys(ELEMENTS) as ElementName[];

/** True when `name` is an element the rules know. */
export function isElementName(name: string): name is ElementName {
  return Object.hasOwn(ELEMENTS, name);
}
