// FUD errors as the simulator raises and renders them (docs/efota-api.md §1.5.12, §4).
import { RESOURCE } from './operations.ts';
import { xmlDocument, type XmlContent } from './xml.ts';

/** A FUD code such as `FUD_1001`. */
export type FudCode = `FUD_${number}`;

/** Short texts for `<message>` when the errorMessageText switch is on (the samples leave it empty). */
const MESSAGES: Partial<Record<FudCode, string>> = {
  FUD_1001: 'mdmId is missing or too long',
  FUD_1002: 'customerId is missing or too long',
  FUD_1003: 'groupId is missing or too long',
  FUD_1004: 'license is missing or too long',
  FUD_1005: 'deviceModelName is missing or too long',
  FUD_1006: 'deviceModelName has an invalid character',
  FUD_1007: 'salesCode is missing or too long',
  FUD_1008: 'salesCode has an invalid character',
  FUD_1009: 'currentFirmwareVersion is missing or too long',
  FUD_1010: 'currentFirmwareVersion has an invalid character',
  FUD_1011: 'languageCode is too long',
  FUD_1012: 'languageCode has an invalid character',
  FUD_1013: 'targetFirmwareVersion is missing or too long',
  FUD_1014: 'deliveryStartDate is missing or not yyyyMMdd',
  FUD_1015: 'deliveryEndDate is missing or not yyyyMMdd',
  FUD_1016: 'dailyStartHour is missing or not HH',
  FUD_1017: 'dailyEndHour is missing or not HH',
  FUD_1018: 'serialNumber is missing or too long, or the device count is not 1-100',
  FUD_1019: 'serialNumber has an invalid character',
  FUD_1022: 'networkType is too long',
  FUD_1023: 'newLicense is missing or too long',
  FUD_1024: 'forceUpdateId is missing or too long',
  FUD_3001: 'deliveryEndDate is before deliveryStartDate',
  FUD_3002: 'the delivery window is too short or too long',
  FUD_3003: 'dailyEndHour equals dailyStartHour',
  FUD_3004: 'the daily window is longer than allowed',
  FUD_3005: 'the delivery start is in the past',
  FUD_3011: 'mdmId, customerId and groupId are not registered',
  FUD_3012: 'mdmId and customerId are not registered',
  FUD_3013: 'anonymous request or invalid groupId',
  FUD_3014: 'model and sales code are not registered',
  FUD_3015: 'targetFirmwareVersion is not valid for this model and sales code',
  FUD_3016: 'license does not match the registered one',
  FUD_3017: 'license has expired',
  FUD_3018: 'mdmId and customerId do not match the issued ones',
  FUD_3019: 'group is already registered with another license',
  FUD_3020: 'license was cancelled',
  FUD_3021: 'license was terminated',
  FUD_3022: 'license is invalid',
  FUD_3027: 'model is not in the allowed model group',
  FUD_3028: 'firmware does not exist',
  FUD_3029: 'currentFirmwareVersion is not valid for this model and sales code',
  FUD_3030: 'model and sales code combination is invalid',
  FUD_3031: 'serial number does not belong to the license',
  FUD_3032: 'new license has expired',
  FUD_3033: 'this mdmId, customerId and groupId combination was not issued with this license',
  FUD_3034: 'new license was cancelled',
  FUD_3035: 'new license was terminated',
  FUD_3036: 'new license is invalid',
  FUD_3037: 'new license does not have enough seats',
  FUD_3038: 'forceUpdateId is missing, invalid or expired',
  FUD_3039: 'new license type differs from the current one',
  FUD_9001: 'database connection error',
  FUD_9003: 'internal server error',
};

/** A FUD error the handlers throw; the server renders it. */
export class FudError extends Error {
  override readonly name = 'FudError';
  readonly code: FudCode;

  constructor(code: FudCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
  }

  /** 500 for the 9xxx service codes, 400 for every other (docs/efota-api.md §1.4). */
  get status(): number {
    return this.code.startsWith('FUD_9') ? 500 : 400;
  }
}

/** The XML error body: v2 with `<message>`, v1 without (docs/efota-api.md §1.5.12, §5 #23). */
export function errorBody(code: FudCode | null, version: 'v1' | 'v2', withText: boolean): string {
  const parameter = code === null || code.startsWith('FUD_1');
  const parts: Array<readonly [string, XmlContent]> = [];
  if (code !== null) parts.push(['code', code]);
  const text = code === null ? 'Malformed request' : withText ? (MESSAGES[code] ?? '') : '';
  if (version === 'v2') parts.push(['message', text]);
  parts.push(['resource', version === 'v1' ? RESOURCE.v1 : parameter ? RESOURCE.v2Parameter : RESOURCE.v2Business]);
  return xmlDocument('error', parts);
}
