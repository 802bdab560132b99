// The FUD error codes of the b2bfota API, transcribed from Samsung's troubleshooting table (ERR) and
// docs/efota-api.md §4 into the project, with cause and remedy rewritten for an IT admin. `inferred` marks an
// operation we believe can return the code although no reachable Samsung page lists it there.
import type { ElementName } from './elements.ts';
import type { OperationName } from './operations.ts';

/** parameter = a request element is wrong (1xxx); processing = Samsung refused it (3xxx); service = Samsung failed (9xxx). */
export type FudCategory = 'parameter' | 'processing' | 'service';

/** One operation that can return a code. */
export interface FudOperation {
  readonly operation: OperationName;
  /** true when our inference, not a Samsung page, ties the code to this operation */
  readonly inferred: boolean;
}

/** One catalogue entry. */
export interface FudEntry {
  readonly code: string;
  readonly httpStatus: number;
  readonly category: FudCategory;
  /** the element to point the user at, or null when the code is about a combination or the server */
  readonly element: ElementName | null;
  /** empty when no documented call takes the offending element */
  readonly operations: readonly FudOperation[];
  readonly cause: string;
  readonly remedy: string;
}

/** What describeFud returns: a catalogue entry, or a generic one for a code we do not know. */
export interface FudDescription extends Omit<FudEntry, 'category' | 'httpStatus'> {
  readonly category: FudCategory | 'unknown';
  /** the status Samsung documents for the code, or null when unknown */
  readonly httpStatus: number | null;
  /** false for a code that is not in Samsung's table */
  readonly known: boolean;
}

const ops = (documented: readonly OperationName[], inferred: readonly OperationName[]): FudOperation[] => [
  ...documented.map((operation) => ({ operation, inferred: false })),
  ...inferred.map((operation) => ({ operation, inferred: true })),
];

/** All 59 codes: the 58 of Samsung's table plus FUD_1024, which Samsung references but never defines. */
export const FUD_CATALOGUE: readonly FudEntry[] = [
  {
    code: 'FUD_1001', httpStatus: 400, category: 'parameter', element: 'mdmId',
    operations: ops(['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'The MDM ID was missing from the request, or longer than 50 bytes.',
    remedy: 'Enter the MDM ID exactly as given in your Samsung SLM licence e-mail (at most 50 characters). Lower-case letters are fine: Samsung reads them as upper case.',
  },
  {
    code: 'FUD_1002', httpStatus: 400, category: 'parameter', element: 'customerId',
    operations: ops(['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'The customer ID was missing, or longer than 50 bytes.',
    remedy: 'Enter the customer ID from your SLM licence e-mail (usually 36 characters, like EEEE4444-FF55-AA66-BB77-CCCCCC888888; at most 50).',
  },
  {
    code: 'FUD_1003', httpStatus: 400, category: 'parameter', element: 'groupId',
    operations: ops(['groupRegister', 'serviceregister'], ['groupLicenseChange', 'serverInit']),
    cause: 'The group ID was missing, or longer than 50 bytes.',
    remedy: 'Enter the device group ID registered for this licence (at most 50 characters). Each licence needs its own group ID.',
  },
  {
    code: 'FUD_1004', httpStatus: 400, category: 'parameter', element: 'license',
    operations: ops(['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'The licence key was missing, or longer than 100 bytes.',
    remedy: 'Enter the E-FOTA licence key from Samsung SLM (at most 100 characters), copied without extra spaces.',
  },
  {
    code: 'FUD_1005', httpStatus: 400, category: 'parameter', element: 'deviceModelName',
    operations: ops(['forceUpdate', 'serverInit'], ['firmwareList']),
    cause: 'The model name was missing, or longer than 20 bytes.',
    remedy: 'Enter the model number of the devices, such as SM-G991B (Settings › About phone › Model number), at most 20 characters.',
  },
  {
    code: 'FUD_1006', httpStatus: 400, category: 'parameter', element: 'deviceModelName',
    operations: ops(['forceUpdate', 'serverInit'], ['firmwareList']),
    cause: 'The model name contains a character Samsung does not allow. The error table allows letters, digits, hyphens and underscores; the forceUpdate page allows only letters, digits and hyphens.',
    remedy: 'Remove spaces and other punctuation from the model name and write it like SM-G991B.',
  },
  {
    code: 'FUD_1007', httpStatus: 400, category: 'parameter', element: 'salesCode',
    operations: ops(['forceUpdate', 'serverInit'], ['firmwareList']),
    cause: 'The sales code was missing, or longer than 20 bytes. The usual cause is the wrong element name: version-2 calls expect salesCode (and ignore carrierCode), the version-1 serverInit expects carrierCode.',
    remedy: 'Enter the device\'s sales code (CSC, e.g. BTU). If it was filled in, the request used the wrong element name for this API version: report it as a FOTA Desk bug.',
  },
  {
    code: 'FUD_1008', httpStatus: 400, category: 'parameter', element: 'salesCode',
    operations: ops(['forceUpdate', 'serverInit'], ['firmwareList']),
    cause: 'The sales code (carrierCode on version 1) contains something other than letters and digits.',
    remedy: 'Enter the plain sales code read from the device, such as BTU or XAR, without spaces or punctuation.',
  },
  {
    code: 'FUD_1009', httpStatus: 400, category: 'parameter', element: 'currentFirmwareVersion',
    operations: ops([], ['firmwareList']),
    cause: 'The current firmware version was missing where Samsung requires it, or longer than 100 bytes. Samsung\'s firmware-list tutorial allows leaving it out, but its error table calls it mandatory.',
    remedy: 'Enter the firmware version the device runs now (AP/CSC/CP, from Settings › About phone › Software information), or leave it out; if Samsung then answers FUD_1009, fill it in.',
  },
  {
    code: 'FUD_1010', httpStatus: 400, category: 'parameter', element: 'currentFirmwareVersion',
    operations: ops([], ['firmwareList']),
    cause: 'The current firmware version contains a character other than letters, digits, hyphen, slash, dot and underscore.',
    remedy: 'Copy the version string exactly, e.g. G991BXXU5CVD1/G991BOXM5CVD1/G991BXXU5CVD1, without spaces.',
  },
  {
    code: 'FUD_1011', httpStatus: 400, category: 'parameter', element: 'languageCode',
    operations: ops([], ['firmwareList']),
    cause: 'The language code is longer than 20 bytes.',
    remedy: 'Use a code from Samsung\'s E-FOTA language list, such as ENG (the default), deu or fra-CA, or leave it out.',
  },
  {
    code: 'FUD_1012', httpStatus: 400, category: 'parameter', element: 'languageCode',
    operations: ops([], ['firmwareList']),
    cause: 'The language code contains something other than letters and hyphens.',
    remedy: 'Use a code from Samsung\'s E-FOTA language list, such as ENG (the default), deu or fra-CA.',
  },
  {
    code: 'FUD_1013', httpStatus: 400, category: 'parameter', element: 'targetFirmwareVersion',
    operations: ops(['forceUpdate', 'serverInit'], []),
    cause: 'The target firmware was missing, or longer than 100 bytes.',
    remedy: 'Pick a target version from the firmware list for this model and sales code, or use Latest for the newest one.',
  },
  {
    code: 'FUD_1014', httpStatus: 400, category: 'parameter', element: 'deliveryStartDate',
    operations: ops([], ['serverInit']),
    cause: 'The delivery start date was missing, or not a GMT date written yyyyMMdd.',
    remedy: 'Enter the start date as eight digits in GMT, e.g. 20300601.',
  },
  {
    code: 'FUD_1015', httpStatus: 400, category: 'parameter', element: 'deliveryEndDate',
    operations: ops([], ['serverInit']),
    cause: 'The delivery end date was missing, or not a GMT date written yyyyMMdd.',
    remedy: 'Enter the end date as eight digits in GMT, e.g. 20300605.',
  },
  {
    code: 'FUD_1016', httpStatus: 400, category: 'parameter', element: 'dailyStartHour',
    operations: ops([], ['serverInit']),
    cause: 'The daily start hour was missing, or not a two-digit GMT hour.',
    remedy: 'Enter the hour as two digits in GMT, e.g. 01 for 01:00 GMT; convert from local time first.',
  },
  {
    code: 'FUD_1017', httpStatus: 400, category: 'parameter', element: 'dailyEndHour',
    operations: ops([], ['serverInit']),
    cause: 'The daily end hour was missing, or not a two-digit GMT hour.',
    remedy: 'Enter the hour as two digits in GMT, e.g. 04 for 04:00 GMT; convert from local time first.',
  },
  {
    code: 'FUD_1018', httpStatus: 400, category: 'parameter', element: 'serialNumber',
    operations: ops(['forceUpdate', 'serverInit'], ['abnormalDeviceList']),
    cause: 'A serial number was missing or longer than 100 bytes, or the call did not carry between 1 and 100 devices.',
    remedy: 'Send 1 to 100 serial numbers per call, and look for empty rows and for values that are not serial numbers.',
  },
  {
    code: 'FUD_1019', httpStatus: 400, category: 'parameter', element: 'serialNumber',
    operations: ops(['forceUpdate', 'serverInit'], ['abnormalDeviceList']),
    cause: 'A serial number contains something other than letters and digits, such as a space or a hyphen.',
    remedy: 'Remove spaces and punctuation from the serial numbers and write them as shown on the device, e.g. R58N31ABCDE.',
  },
  {
    code: 'FUD_1020', httpStatus: 400, category: 'parameter', element: 'firmwareId',
    operations: ops([], []),
    cause: 'The firmware ID was missing, or longer than 20 bytes. No documented call takes a firmware ID, so FOTA Desk should never cause this.',
    remedy: 'Use a firmware ID as returned by the firmware list (e.g. FW-20230601-10422), at most 20 characters. If FOTA Desk caused this, report it with the request details.',
  },
  {
    code: 'FUD_1021', httpStatus: 400, category: 'parameter', element: 'firmwareId',
    operations: ops([], []),
    cause: 'The firmware ID contains a character other than letters, digits, hyphen and underscore. No documented call takes a firmware ID.',
    remedy: 'Use a firmware ID exactly as returned by the firmware list. If FOTA Desk caused this, report it with the request details.',
  },
  {
    code: 'FUD_1022', httpStatus: 400, category: 'parameter', element: 'networkType',
    operations: ops(['forceUpdate', 'serverInit'], []),
    cause: 'The network type is too long: the error table allows up to 20 bytes, the forceUpdate page 10.',
    remedy: 'Choose WIFIONLY (devices wait for Wi-Fi before downloading) or ANY (Wi-Fi or mobile data).',
  },
  {
    code: 'FUD_1023', httpStatus: 400, category: 'parameter', element: 'newLicense',
    operations: ops([], ['groupLicenseChange']),
    cause: 'The new licence key was missing, or longer than 100 bytes.',
    remedy: 'Enter the licence key the group should move to, as issued by Samsung SLM (at most 100 characters).',
  },
  {
    code: 'FUD_1024', httpStatus: 400, category: 'parameter', element: 'forceUpdateId',
    operations: ops(['forceUpdateSummary'], ['forceUpdateDetail']),
    cause: 'Samsung lists this code on the forceUpdateSummary page but never defines it in its error table. It is most likely a problem with the force update ID (FOTA Desk\'s inference, not Samsung\'s statement).',
    remedy: 'Check the force update ID: copy it unchanged from the forceUpdate response (e.g. 10720230614-JEA00042117). If it is correct, contact Samsung support quoting FUD_1024.',
  },
  {
    code: 'FUD_3001', httpStatus: 400, category: 'processing', element: 'deliveryEndDate',
    operations: ops([], ['serverInit']),
    cause: 'The delivery end date is before the start date.',
    remedy: 'Choose an end date 3 to 7 days after the start date.',
  },
  {
    code: 'FUD_3002', httpStatus: 400, category: 'processing', element: 'deliveryEndDate',
    operations: ops([], ['serverInit']),
    cause: 'The delivery end date is fewer than 3 or more than 7 days after the start date. (Samsung\'s error table; the serverInit page itself states only the 7-day maximum.)',
    remedy: 'Choose an end date 3 to 7 days after the start: for a start of 20300601, an end from 20300604 to 20300608.',
  },
  {
    code: 'FUD_3003', httpStatus: 400, category: 'processing', element: 'dailyEndHour',
    operations: ops([], ['serverInit']),
    cause: 'The daily end hour equals the daily start hour, so the daily window is empty.',
    remedy: 'Choose an end hour 1 to 12 hours after the start hour.',
  },
  {
    code: 'FUD_3004', httpStatus: 400, category: 'processing', element: 'dailyEndHour',
    operations: ops([], ['serverInit']),
    cause: 'The daily end hour is more than 12 hours after the start hour (counted across midnight: 22 to 04 is 6 hours).',
    remedy: 'Keep the daily window to 12 hours or less, e.g. 22 to 06 GMT.',
  },
  {
    code: 'FUD_3005', httpStatus: 400, category: 'processing', element: 'deliveryStartDate',
    operations: ops([], ['serverInit']),
    cause: 'The start date and start hour are already in the past (in GMT).',
    remedy: 'Schedule the window in the future. Dates and hours are GMT: convert from local time, and leave time for the request to be sent.',
  },
  {
    code: 'FUD_3011', httpStatus: 400, category: 'processing', element: null,
    operations: ops([], ['serverInit', 'groupLicenseChange']),
    cause: 'This combination of MDM ID, customer ID and group ID has not been registered.',
    remedy: 'Register the group first (groupRegister, or the version-1 serviceregister), then check that the three IDs match exactly.',
  },
  {
    code: 'FUD_3012', httpStatus: 400, category: 'processing', element: null,
    operations: ops([], ['licenseInfo', 'abnormalDeviceList', 'firmwareList', 'forceUpdate', 'forceUpdateSummary', 'forceUpdateDetail']),
    cause: 'This combination of MDM ID and customer ID has not been registered.',
    remedy: 'Check the MDM ID and customer ID against your SLM licence e-mail, and register a group for the licence before using it.',
  },
  {
    code: 'FUD_3013', httpStatus: 400, category: 'processing', element: null,
    operations: ops(['forceUpdate', 'serverInit'], []),
    cause: 'The update request was not tied to a valid group (Samsung calls it an anonymous Server-Init request, or an invalid group ID).',
    remedy: 'Make sure the group is registered and the devices were enrolled into it: the MDM sets the corp ID (mdmId/customerId/groupId) on each device.',
  },
  {
    code: 'FUD_3014', httpStatus: 400, category: 'processing', element: null,
    operations: ops(['forceUpdate', 'serverInit'], ['firmwareList']),
    cause: 'No registered devices have this model and sales code, or the two do not belong together.',
    remedy: 'Check the model and sales code against the enrolled devices (both as shown on the device), and that the devices are enrolled in E-FOTA.',
  },
  {
    code: 'FUD_3015', httpStatus: 400, category: 'processing', element: 'targetFirmwareVersion',
    operations: ops(['forceUpdate', 'serverInit'], []),
    cause: 'The target firmware is not valid for this model and sales code.',
    remedy: 'Pick a target from the firmware list for exactly this model and sales code, or use Latest.',
  },
  {
    code: 'FUD_3016', httpStatus: 400, category: 'processing', element: 'license',
    operations: ops(['forceUpdate', 'serverInit', 'forceUpdateSummary'], ['groupRegister', 'groupLicenseChange', 'licenseInfo', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'The licence key does not match the licence registered for this MDM ID and customer ID.',
    remedy: 'Use the licence key SLM issued for this MDM ID and customer ID; check that two licences have not been mixed up.',
  },
  {
    code: 'FUD_3017', httpStatus: 400, category: 'processing', element: 'license',
    operations: ops(['groupRegister', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'licenseInfo', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'The licence has expired.',
    remedy: 'Check the licence\'s active period (Licence info) and renew it, or move the group to a valid licence.',
  },
  {
    code: 'FUD_3018', httpStatus: 400, category: 'processing', element: null,
    operations: ops(['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'The MDM ID and customer ID do not match the ones issued with this licence.',
    remedy: 'Enter exactly the MDM ID and customer ID from the SLM licence e-mail for this licence.',
  },
  {
    code: 'FUD_3019', httpStatus: 400, category: 'processing', element: 'groupId',
    operations: ops(['groupRegister', 'serviceregister'], []),
    cause: 'This MDM ID, customer ID and group ID are already registered under a different licence.',
    remedy: 'Use a different group ID for each licence, or move the existing group to this licence with a licence change (groupLicenseChange).',
  },
  {
    code: 'FUD_3020', httpStatus: 400, category: 'processing', element: 'license',
    operations: ops(['groupRegister', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'licenseInfo', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'The licence has been cancelled.',
    remedy: 'Check the licence status (Licence info, or your Samsung reseller) and use an active licence.',
  },
  {
    code: 'FUD_3021', httpStatus: 400, category: 'processing', element: 'license',
    operations: ops(['groupRegister', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'licenseInfo', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'The licence has been terminated.',
    remedy: 'Check the licence status (Licence info, or your Samsung reseller) and use an active licence.',
  },
  {
    code: 'FUD_3022', httpStatus: 400, category: 'processing', element: 'license',
    operations: ops(['groupRegister', 'forceUpdate', 'forceUpdateSummary', 'serviceregister'], ['groupLicenseChange', 'licenseInfo', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail', 'serverInit']),
    cause: 'The licence key is not valid.',
    remedy: 'Check the licence key for typos (copy it from SLM) and that it is an E-FOTA licence.',
  },
  {
    code: 'FUD_3023', httpStatus: 400, category: 'processing', element: null,
    operations: ops([], []),
    cause: 'This model name and carrier code are already registered. No documented call registers models, so FOTA Desk should never cause this.',
    remedy: 'Nothing to change in FOTA Desk. If you see it, contact Samsung support quoting FUD_3023.',
  },
  {
    code: 'FUD_3024', httpStatus: 400, category: 'processing', element: 'firmwareId',
    operations: ops([], []),
    cause: 'The firmware ID does not exist. No documented call takes a firmware ID.',
    remedy: 'Use a firmware ID from the firmware list. If FOTA Desk caused this, report it with the request details.',
  },
  {
    code: 'FUD_3026', httpStatus: 400, category: 'processing', element: 'firmwareId',
    operations: ops([], []),
    cause: 'The firmware ID has already been processed. No documented call takes a firmware ID.',
    remedy: 'Check whether this firmware request was already handled. If FOTA Desk caused this, report it with the request details.',
  },
  {
    code: 'FUD_3027', httpStatus: 400, category: 'processing', element: 'deviceModelName',
    operations: ops([], ['firmwareList']),
    cause: 'The model is not in the group of models Samsung allows (model names use letters, digits, hyphens and underscores).',
    remedy: 'Check the model number, and that E-FOTA supports this model.',
  },
  {
    code: 'FUD_3028', httpStatus: 400, category: 'processing', element: 'targetFirmwareVersion',
    operations: ops([], ['forceUpdate', 'serverInit']),
    cause: 'The requested firmware does not exist in E-FOTA (firmware names use only letters, digits, hyphens, slashes, dots and underscores).',
    remedy: 'Pick a target version from the firmware list for this model and sales code, copied unchanged, or use Latest.',
  },
  {
    code: 'FUD_3029', httpStatus: 400, category: 'processing', element: 'currentFirmwareVersion',
    operations: ops([], ['firmwareList']),
    cause: 'The current firmware version is not valid for this model and sales code.',
    remedy: 'Enter the version the device actually runs (Settings › About phone › Software information), or leave it out.',
  },
  {
    code: 'FUD_3030', httpStatus: 400, category: 'processing', element: null,
    operations: ops(['forceUpdate', 'serverInit'], ['firmwareList']),
    cause: 'The model and sales code (carrier code on version 1) combination is invalid or not registered.',
    remedy: 'Check the model and sales code against the enrolled devices; a model sold in several regions has a different sales code in each.',
  },
  {
    code: 'FUD_3031', httpStatus: 400, category: 'processing', element: 'serialNumber',
    operations: ops(['forceUpdate', 'serverInit'], []),
    cause: 'At least one serial number is not registered under this licence.',
    remedy: 'Send only devices enrolled under this licence: check the serials with the abnormal-device list first and leave out those reported as not enrolled or blocked.',
  },
  {
    code: 'FUD_3032', httpStatus: 400, category: 'processing', element: 'newLicense',
    operations: ops([], ['groupLicenseChange']),
    cause: 'The new licence has expired.',
    remedy: 'Move the group to a licence that is still within its active period.',
  },
  {
    code: 'FUD_3033', httpStatus: 400, category: 'processing', element: null,
    operations: ops([], ['groupLicenseChange']),
    cause: 'This MDM ID, customer ID and group ID combination was never issued. (Samsung\'s table prints the HTTP status as 30, a typo for 400.)',
    remedy: 'Check the three IDs; each licence needs its own group ID.',
  },
  {
    code: 'FUD_3034', httpStatus: 400, category: 'processing', element: 'newLicense',
    operations: ops([], ['groupLicenseChange']),
    cause: 'The new licence has been cancelled.',
    remedy: 'Move the group to a licence that is active.',
  },
  {
    code: 'FUD_3035', httpStatus: 400, category: 'processing', element: 'newLicense',
    operations: ops([], ['groupLicenseChange']),
    cause: 'The new licence has been terminated.',
    remedy: 'Move the group to a licence that is active.',
  },
  {
    code: 'FUD_3036', httpStatus: 400, category: 'processing', element: 'newLicense',
    operations: ops([], ['groupLicenseChange']),
    cause: 'The new licence key is not valid.',
    remedy: 'Check the new licence key for typos (copy it from SLM).',
  },
  {
    code: 'FUD_3037', httpStatus: 400, category: 'processing', element: 'newLicense',
    operations: ops([], ['groupLicenseChange']),
    cause: 'The new licence has fewer free seats than the devices already using the old licence.',
    remedy: 'Choose or buy a licence with at least as many free seats as the group\'s devices (Licence info shows the remaining quantity).',
  },
  {
    code: 'FUD_3038', httpStatus: 400, category: 'processing', element: 'forceUpdateId',
    operations: ops(['forceUpdateSummary'], ['forceUpdateDetail']),
    cause: 'The force update ID was missing or badly formed, or no longer known: Samsung keeps force updates for 3 months.',
    remedy: 'Use the ID returned by forceUpdate, copied unchanged. After 3 months Samsung forgets it; FOTA Desk\'s history keeps the results it saw.',
  },
  {
    code: 'FUD_3039', httpStatus: 400, category: 'processing', element: 'newLicense',
    operations: ops([], ['groupLicenseChange']),
    cause: 'The new licence is of a different type from the old one (SA, stand-alone, versus EE, Enterprise Edition).',
    remedy: 'Move the group only to a licence of the same type: SA to SA, or EE to EE.',
  },
  {
    code: 'FUD_9001', httpStatus: 500, category: 'service', element: null,
    operations: ops(['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'Samsung\'s server could not reach its database.',
    remedy: 'Try again later. If it keeps failing, open a Samsung support ticket with the device IMEI, model, sales (carrier) code and a description of what you did.',
  },
  {
    code: 'FUD_9003', httpStatus: 500, category: 'service', element: null,
    operations: ops(['groupRegister', 'licenseInfo', 'forceUpdate', 'forceUpdateSummary', 'serverInit', 'serviceregister'], ['groupLicenseChange', 'abnormalDeviceList', 'firmwareList', 'forceUpdateDetail']),
    cause: 'Samsung\'s server had an internal error.',
    remedy: 'Try again later. If it keeps failing, open a Samsung support ticket with the device IMEI, model, sales (carrier) code and a description of what you did.',
  },
];

const BY_CODE: ReadonlyMap<string, FudEntry> = new Map(FUD_CATALOGUE.map((entry) => [entry.code, entry]));

/** The catalogue entry for `code` (e.g. `FUD_3031`), or a generic description of an unknown code. */
export function describeFud(code: string): FudDescription {
  const normalised = code.trim().toUpperCase();
  const entry = BY_CODE.get(normalised);
  if (entry) return { ...entry, known: true };
  return unknownCode(normalised === '' ? code : normalised);
}

/** The codes `op` can return (documented and inferred), in catalogue order. */
export function fudCodesFor(op: OperationName): FudEntry[] {
  return FUD_CATALOGUE.filter((entry) => entry.operations.some((o) => o.operation === op));
}

// Samsung may send codes it never documented (FUD_1024 is one); the leading digit still tells the
// family, because the whole table follows it.
function unknownCode(code: string): FudDescription {
  const family = /^FUD_(\d)\d{3}$/.exec(code)?.[1];
  const base = { code, element: null, operations: [], known: false } as const;
  const unlisted = `Samsung answered ${code}, a code that is not in its published error table`;
  switch (family) {
    case '1':
      return { ...base, category: 'parameter', httpStatus: 400,
        cause: `${unlisted}. Codes starting with 1 mean a value in the request was missing, too long or badly formed.`,
        remedy: 'Check every value of this request (IDs, model, sales code, firmware, serials) against the rules FOTA Desk shows; if all look right, contact Samsung support quoting the code.' };
    case '3':
      return { ...base, category: 'processing', httpStatus: 400,
        cause: `${unlisted}. Codes starting with 3 mean Samsung understood the request but refused it, for example because of the licence, the registration or the devices.`,
        remedy: 'Check the licence status, that the group is registered and that the devices are enrolled; if all look right, contact Samsung support quoting the code.' };
    case '9':
      return { ...base, category: 'service', httpStatus: 500,
        cause: `${unlisted}. Codes starting with 9 mean Samsung's server failed.`,
        remedy: 'Try again later; if it keeps failing, open a Samsung support ticket quoting the code.' };
    default:
      return { ...base, category: 'unknown', httpStatus: null,
        cause: `Samsung answered with ${code === '' ? 'an empty error code' : `'${code}'`}, which is not an E-FOTA (FUD_nnnn) error code.`,
        remedy: 'Try again later; if it keeps happening, contact Samsung support with the code and the time it happened.' };
  }
}
