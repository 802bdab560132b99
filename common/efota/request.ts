// validateRequest: what one call to Samsung must carry (docs/efota-api.md §2.1–2.10), checked before sending
// so that a request Samsung would refuse is refused locally with the same FUD code. Elements are
// checked in document order, as the server is believed to, so the first error is the server's answer.
import type { Clock } from '../clock.ts';
import { ELEMENTS, isElementName, type ElementName } from './elements.ts';
import type { Finding } from './finding.ts';
import type { OperationName } from './operations.ts';
import { checkElement, normaliseElement } from './rules.ts';
import { checkSerialList } from './serials.ts';
import { finding, quote } from './finding-words.ts';
import { checkWindowRules } from './schedule-window.ts';

/** One element of a request: required, or optional (absent is fine unless the element says otherwise). */
export interface RequestElement {
  readonly element: ElementName;
  readonly required: boolean;
}

const req = (...names: ElementName[]): RequestElement[] => names.map((element) => ({ element, required: true }));
const opt = (...names: ElementName[]): RequestElement[] => names.map((element) => ({ element, required: false }));

const ACCOUNT = req('mdmId', 'customerId', 'license');
const GROUP = req('mdmId', 'customerId', 'groupId', 'license');

/** The elements of each operation's request, in document order. `serialNumber` stands for the deviceList. */
export const REQUEST_ELEMENTS: Readonly<Record<OperationName, readonly RequestElement[]>> = {
  groupRegister: GROUP,
  serviceregister: GROUP,
  groupLicenseChange: [...GROUP, ...req('newLicense')],
  licenseInfo: ACCOUNT,
  // groupId appears in the tutorial's bullet list only; no sample or field script sends it.
  abnormalDeviceList: [...ACCOUNT, ...opt('groupId'), ...req('serialNumber')],
  firmwareList: [...ACCOUNT, ...req('deviceModelName', 'salesCode'), ...opt('currentFirmwareVersion', 'languageCode')],
  forceUpdate: [...ACCOUNT, ...req('deviceModelName', 'salesCode', 'targetFirmwareVersion'), ...opt('networkType'), ...req('serialNumber')],
  forceUpdateSummary: [...ACCOUNT, ...req('forceUpdateId')],
  forceUpdateDetail: [...ACCOUNT, ...req('forceUpdateId')],
  serverInit: [
    ...GROUP,
    ...req('deviceModelName', 'carrierCode', 'targetFirmwareVersion', 'deliveryStartDate', 'deliveryEndDate', 'dailyStartHour', 'dailyEndHour'),
  ],
};

/** Field values of a request by element name; `serialNumber` takes the list of serials. */
export type RequestFields = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Checks a whole request for `op`; findings in the server's check order, warnings interleaved. */
export function validateRequest(op: OperationName, fields: RequestFields, clock: Clock): Finding[] {
  const elements = REQUEST_ELEMENTS[op];
  const out: Finding[] = [];
  for (const { element, required } of elements) {
    const raw = Object.hasOwn(fields, element) ? fields[element] : undefined;
    if (element === 'serialNumber') {
      out.push(...checkSerialList(raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw));
      continue;
    }
    if (typeof raw !== 'string' && raw !== undefined) {
      const spec = ELEMENTS[element];
      out.push(finding(element, raw.join(', '), 'error', spec.missingFud, `${spec.label} takes one value, but ${raw.length} were given. Keep only one.`));
      continue;
    }
    const found = checkElement(element, raw);
    const isAbsent = raw === undefined || normaliseElement(element, raw) === '';
    // An optional element left out is fine unless the element itself says absence is doubtful.
    if (!required && isAbsent && hasErrors(found)) continue;
    out.push(...found.map((f) => (isAbsent ? withAliasHint(op, f, fields) : f)));
  }
  if (op === 'serverInit') {
    const scalar = (name: ElementName): string | undefined => {
      const value = fields[name];
      return typeof value === 'string' ? value : undefined;
    };
    const window = {
      deliveryStartDate: scalar('deliveryStartDate'),
      deliveryEndDate: scalar('deliveryEndDate'),
      dailyStartHour: scalar('dailyStartHour'),
      dailyEndHour: scalar('dailyEndHour'),
    };
    out.push(...checkWindowRules(window, clock).findings);
  }
  out.push(...unknownFields(op, fields));
  return out;
}

/** The first error of a list of findings (the one Samsung would answer with), if any. */
export function firstError(findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => f.severity === 'error');
}

/** True when any finding blocks sending. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

// v2 calls name the sales code `salesCode`, v1 serverInit `carrierCode`; the wrong one is ignored
// by Samsung and the right one reported missing (ERR 1007), which puzzles people, so say why.
function withAliasHint(op: OperationName, f: Finding, fields: RequestFields): Finding {
  const alias = f.element === 'salesCode' ? 'carrierCode' : f.element === 'carrierCode' ? 'salesCode' : null;
  if (alias === null || fields[alias] === undefined) return f;
  const version = op === 'serverInit' ? 'a version-1 call' : 'a version-2 call';
  return { ...f, message: `${op} is ${version}: send the sales code as ${f.element}, not ${alias}. Samsung ignores ${alias} here and answers ${f.fud ?? 'with an error'}.` };
}

function unknownFields(op: OperationName, fields: RequestFields): Finding[] {
  const known = new Set<string>(REQUEST_ELEMENTS[op].map((e) => e.element));
  return Object.keys(fields)
    .filter((name) => !known.has(name) && fields[name] !== undefined)
    .map((name) => {
      const what = isElementName(name) ? `${ELEMENTS[name].label} (${name})` : quote(name);
      return finding(name, String(fields[name]), 'warning', null, `${what} is not part of a ${op} request; Samsung does not read it there, so it has no effect. Leave it out.`);
    });
}
