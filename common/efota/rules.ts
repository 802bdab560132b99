// checkElement: one value of one request element against docs/efota-api.md §2.0. Findings come in the order
// Samsung is believed to check (existence → length → characters), so the first error is the FUD code
// the server would answer with. Readings the docs disagree on are warnings (see elements.ts).
import { utf8ByteLength } from './bytes.ts';
import { describeCharacter, firstControl, firstOutside } from './characters.ts';
import { parseGmtDate, parseGmtHour } from './dates.ts';
import { ELEMENTS, type ElementName, type ElementSpec } from './elements.ts';
import type { Finding } from './finding.ts';
import { isKnownLanguageCode } from './languages.ts';
import { clean, cleanUpper, normaliseFirmware } from './normalise.ts';
import { finding, quote } from './finding-words.ts';
import { plural } from '../plural.ts';

/** The value the app sends for `element`: cleaned, and upper-cased where the element's case rule says so. */
export function normaliseElement(element: ElementName, value: string): string {
  if (element === 'targetFirmwareVersion' || element === 'currentFirmwareVersion') return normaliseFirmware(value);
  return ELEMENTS[element].caseRule === 'exact' ? clean(value) : cleanUpper(value);
}

/** Checks one value of one element (after normalisation); missing or empty gives the element's "missing" code. */
export function checkElement(element: ElementName, value: string | undefined): Finding[] {
  const spec = ELEMENTS[element];
  const v = value === undefined ? '' : normaliseElement(element, value);
  if (v === '') return absent(spec);
  // A date or hour is judged by its pattern alone: its odd byte limits ("4 byte integer") add nothing.
  const length = spec.format === null ? lengthFindings(spec, v) : [];
  const found = [...length, ...formatFindings(spec, v), ...charsetFindings(spec, v)];
  // Plausibility hints only when nothing more basic is wrong, so one value never gets a pile of messages.
  return found.length > 0 ? found : plausibility(spec, v);
}

function absent(spec: ElementSpec): Finding[] {
  if (spec.absent === 'allowed') return [];
  if (spec.absent === 'warning') {
    return [
      finding(spec.name, '', 'warning', spec.missingFud,
        `No ${spec.label.toLowerCase()} given. The firmware-list tutorial allows leaving it out, but Samsung's error table calls it mandatory, so Samsung may answer ${spec.missingFud}; if it does, enter ${spec.enter}.`),
    ];
  }
  return [finding(spec.name, '', 'error', spec.missingFud, `${spec.label} is missing. Enter ${spec.enter}.`)];
}

function lengthFindings(spec: ElementSpec, v: string): Finding[] {
  const bytes = utf8ByteLength(v);
  const multiByte = bytes !== v.length ? ' (letters outside A–Z take 2 to 4 bytes each)' : '';
  if (bytes > spec.maxBytes) {
    return [
      finding(spec.name, v, 'error', spec.missingFud,
        `${spec.label} ${quote(v)} is ${plural(bytes, 'byte')} long${multiByte}; Samsung accepts at most ${spec.maxBytes}. Enter ${spec.enter}.`),
    ];
  }
  const stricter = spec.stricterLimits.find((limit) => bytes > limit.bytes);
  if (!stricter) return [];
  return [
    finding(spec.name, v, 'warning', spec.missingFud,
      `${spec.label} ${quote(v)} is ${plural(bytes, 'byte')} long${multiByte}. Samsung's error table allows ${spec.maxBytes}, but ${stricter.source} gives a stricter limit of ${stricter.bytes}, so Samsung may refuse it with ${spec.missingFud}. Check that it really is ${spec.enter.replace(/,? e\.g\..*$/, '')}.`),
  ];
}

function formatFindings(spec: ElementSpec, v: string): Finding[] {
  if (spec.format === null) return [];
  const parsed = spec.format === 'date' ? parseGmtDate(v) : parseGmtHour(v);
  if (!parsed.ok) return [finding(spec.name, v, 'error', spec.missingFud, `${spec.label} ${quote(v)} ${parsed.problem}.`)];
  if (spec.format === 'hour' && parsed.value === 24) {
    const advice = spec.name === 'dailyEndHour'
      ? 'Write 00 instead: the daily window stays the same.'
      : "Write 00 and move the start date to the next day: it is the same moment.";
    return [
      finding(spec.name, v, 'warning', spec.missingFud,
        `${spec.label} 24 is at the very edge of the documented range (0 to 24); Samsung may refuse it with ${spec.missingFud}. ${advice}`),
    ];
  }
  return [];
}

function charsetFindings(spec: ElementSpec, v: string): Finding[] {
  if (spec.charset !== null) {
    const bad = firstOutside(v, spec.charset);
    if (bad !== null) {
      const problem = describeCharacter(bad);
      return [
        finding(spec.name, v, 'error', spec.charsetFud ?? spec.missingFud,
          `${spec.label} ${quote(v)} contains ${problem.description}; ${spec.plural} may only contain ${spec.charset.allowed}. ${problem.fix}`),
      ];
    }
  }
  if (spec.stricterCharset !== null) {
    const bad = firstOutside(v, spec.stricterCharset.charset);
    if (bad !== null) {
      const problem = describeCharacter(bad);
      return [
        finding(spec.name, v, 'warning', spec.stricterCharset.fud,
          `${spec.label} ${quote(v)} contains ${problem.description}. ${spec.stricterCharset.permissive}, but ${spec.stricterCharset.source} is stricter, so Samsung may refuse it with ${spec.stricterCharset.fud}. To be safe: ${problem.fix.charAt(0).toLowerCase()}${problem.fix.slice(1)}`),
      ];
    }
    return [];
  }
  if (spec.charset === null && spec.format === null) {
    const control = firstControl(v);
    if (control !== null) {
      const problem = describeCharacter(control);
      return [
        finding(spec.name, v, 'warning', null,
          `${spec.label} ${quote(v)} contains ${problem.description}, which is almost certainly a copy-and-paste accident. ${problem.fix}`),
      ];
    }
  }
  return [];
}

// Samsung answers FUD_3014 when model and sales code do not match registered devices.
const MISMATCH = 'FUD_3014';

function plausibility(spec: ElementSpec, v: string): Finding[] {
  const warn = (fud: string | null, message: string): Finding[] => [finding(spec.name, v, 'warning', fud, message)];
  switch (spec.name) {
    case 'deviceModelName':
      return v.includes('-')
        ? []
        : warn(MISMATCH, `Model ${quote(v)} has no hyphen; Samsung model numbers look like SM-G991B. Check it is the model number from Settings › About phone, not a marketing name, or Samsung will not match it (${MISMATCH}).`);
    case 'salesCode':
    case 'carrierCode':
      return v.length === 3
        ? []
        : warn(MISMATCH, `${spec.label} ${quote(v)} is ${plural(v.length, 'character')} long; Samsung sales codes (CSC) have three, such as BTU or XAR. Check it is the device's sales code and not the carrier's name, or Samsung will not match it (${MISMATCH}).`);
    case 'networkType':
      return v === 'WIFIONLY' || v === 'ANY'
        ? []
        : warn(null, `Network type ${quote(v)} is not one of the documented values WIFIONLY and ANY; Samsung may ignore it and push over mobile data as with ANY. Use WIFIONLY or ANY.`);
    case 'languageCode':
      return isKnownLanguageCode(v)
        ? []
        : warn(null, `Language code ${quote(v)} is not on Samsung's language list; Samsung probably falls back to English. Use a code from the list, such as ENG, deu or fra-CA.`);
    case 'targetFirmwareVersion':
    case 'currentFirmwareVersion':
      return v === 'Latest' || v.split('/').length === 3 ? [] : firmwareShape(spec, v);
    case 'serialNumber':
      return looksLikeImei(v)
        ? warn('FUD_3031', `Serial ${quote(v)} is 15 digits with a valid check digit: that is an IMEI, not a serial number. Samsung serials mix letters and digits (e.g. R58N31ABCDE); Samsung would not find this device (FUD_3031). Enter the serial number instead.`)
        : [];
    default:
      return [];
  }
}

function firmwareShape(spec: ElementSpec, v: string): Finding[] {
  const latest = spec.name === 'targetFirmwareVersion' ? ', or Latest' : '';
  const fud = spec.name === 'targetFirmwareVersion' ? 'FUD_3015' : 'FUD_3029';
  return [
    finding(spec.name, v, 'warning', fud,
      `${spec.label} ${quote(v)} does not have the usual three parts AP/CSC/CP separated by '/' (a part may be empty, e.g. T830XXU4BTB2.DM/T830OXM4BTB2/). Copy it unchanged from the firmware list${latest}; otherwise Samsung may not recognise it (${fud}).`),
  ];
}

/** True for 15 digits passing the Luhn check: an IMEI pasted where a serial belongs. */
function looksLikeImei(v: string): boolean {
  if (!/^\d{15}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let digit = Number(v[14 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
