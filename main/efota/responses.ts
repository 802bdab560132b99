// Turns parsed response bodies into typed results (docs/efota-api.md §2 and the liberal-reading rules of §5).
// Each reader receives the root already checked by name; a reader throws only for an answer that
// cannot stand for success (a forceUpdate without an ID).
import { DETAIL_NOT_UNDERSTOOD, readDetailRoot } from './detail-shape.ts';
import { childrenNamed, isLeaf, textOf, type XmlElement } from './xml.ts';
import type {
  AbnormalDeviceList,
  DetailDevice,
  FirmwareItem,
  FirmwareList,
  ForceUpdateDetail,
  ForceUpdateSummary,
  LicenseInfo,
} from './types.ts';

/** A non-negative decimal count, or null for `N/A`, `None`, empty or anything else. */
export function parseCount(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/** Reads a licenseInfo body. */
export function readLicenseInfo(root: XmlElement): LicenseInfo {
  const activePeriod = textOf(root, 'activePeriod');
  const period = activePeriod ? /^\s*(\d{4}-\d{2}-\d{2})\s*~\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(activePeriod) : null;
  const purchasedQuantity = textOf(root, 'purchasedQuantity');
  const remainingQuantity = textOf(root, 'remainingQuantity');
  const blockedDeviceCount = textOf(root, 'blockedDeviceCount');
  return {
    activePeriod,
    activeFrom: period?.[1] ?? null,
    activeTo: period?.[2] ?? null,
    licenseStatus: textOf(root, 'licenseStatus'),
    licenseType: textOf(root, 'licenseType'),
    purchasedQuantity,
    remainingQuantity,
    blockedDeviceCount,
    purchased: parseCount(purchasedQuantity),
    remaining: parseCount(remainingQuantity),
    blocked: parseCount(blockedDeviceCount),
  };
}

const FIRMWARE_FIELDS = [
  'firmwareId',
  'currentFirmwareVersion',
  'targetFirmwareVersion',
  'description',
  'osOldVersion',
  'osVersion',
  'firmwareType',
  'openedDate',
  'samsungSecurityPatchDate',
] as const satisfies readonly (keyof FirmwareItem)[];

/**
 * The `item` elements of a documented `<wrapper><item/>…</wrapper>` list, read whole: items of every
 * wrapper (a server may split a list over several) and items standing directly in `parent` without
 * one, in document order. Reading only the first wrapper would silently drop the rest.
 */
export function listItems(parent: XmlElement, wrapper: string, item: string): XmlElement[] {
  return parent.children.flatMap((c) => (c.name === wrapper ? childrenNamed(c, item) : c.name === item ? [c] : []));
}

/** Reads a firmwareList body; an absent or empty list is an empty result. */
export function readFirmwareList(root: XmlElement): FirmwareList {
  const items = listItems(root, 'firmwareVersionList', 'firmwareVersionItem').map((item) => {
    const entry: Record<string, string | null> = {};
    for (const field of FIRMWARE_FIELDS) entry[field] = textOf(item, field);
    return entry as unknown as FirmwareItem;
  });
  return { items };
}

/** Reads an abnormalDeviceList body; titles and serials are kept verbatim. */
export function readAbnormalDeviceList(root: XmlElement): AbnormalDeviceList {
  const categories = listItems(root, 'abnormalCategoryList', 'abnormalCategoryItem').map((item) => ({
    title: textOf(item, 'abnormalCategoryTitle') ?? '',
    serials: listItems(item, 'abnormalDeviceList', 'serialNumber').map((s) => s.text).filter((s) => s !== ''),
  }));
  return { categories };
}

/** Finds `forceUpdateId`, falling back to any case spelling (`forceUpdateID` appears in REF). */
export function readForceUpdateId(root: XmlElement): string | null {
  const exact = textOf(root, 'forceUpdateId');
  if (exact) return exact;
  const loose = root.children.find((c) => c.name.toLowerCase() === 'forceupdateid' && c.text !== '');
  return loose ? loose.text : null;
}

/** Reads a forceUpdateSummary body. */
export function readForceUpdateSummary(root: XmlElement): ForceUpdateSummary {
  const processing = textOf(root, 'processingCount');
  const success = textOf(root, 'successCount');
  const failed = textOf(root, 'failedCount');
  return {
    targetFirmwareVersion: textOf(root, 'targetFirmwareVersion'),
    processingCount: parseCount(processing),
    successCount: parseCount(success),
    failedCount: parseCount(failed),
    text: { processingCount: processing, successCount: success, failedCount: failed },
  };
}

/** Reads a forceUpdateDetail body of any root: its devices by shape, plus the generic reading. */
export function readForceUpdateDetail(root: XmlElement, raw: string): ForceUpdateDetail {
  const reading = readDetailRoot(root);
  const devices: DetailDevice[] = [...reading.devices.values()].map((d) => ({
    serial: d.serial,
    state: d.state ?? 'unknown',
    reason: d.state === null ? (d.reason ?? DETAIL_NOT_UNDERSTOOD) : d.reason,
    where: d.where,
  }));
  return { ...readGeneric(root, raw), understood: reading.understood, note: reading.note, devices };
}

/** Reads any body generically into scalars and lists of flat records. */
export function readGeneric(root: XmlElement, raw: string): Pick<ForceUpdateDetail, 'root' | 'lists' | 'scalars' | 'raw'> {
  const scalars: Record<string, string> = {};
  const lists: Record<string, Array<Record<string, string>>> = {};
  const leafCounts = new Map<string, number>();
  for (const c of root.children) if (isLeaf(c)) leafCounts.set(c.name, (leafCounts.get(c.name) ?? 0) + 1);
  const nonLeafCounts = new Map<string, number>();
  for (const c of root.children) if (!isLeaf(c)) nonLeafCounts.set(c.name, (nonLeafCounts.get(c.name) ?? 0) + 1);

  for (const c of root.children) {
    if (isLeaf(c)) {
      // Samsung names every list wrapper …List; an empty one is an empty list, not an empty value
      if (c.text === '' && /List$/.test(c.name)) lists[c.name] ??= [];
      // a leaf repeated directly under the root is a list of values, not a scalar
      else if ((leafCounts.get(c.name) ?? 0) > 1) (lists[c.name] ??= []).push({ [c.name]: c.text });
      else scalars[c.name] = c.text;
    } else if ((nonLeafCounts.get(c.name) ?? 0) > 1) {
      // repeated records directly under the root, without a wrapper
      (lists[c.name] ??= []).push(flatten(c));
    } else {
      (lists[c.name] ??= []).push(...wrapperRecords(c));
    }
  }
  return { root: root.name, lists, scalars, raw };
}

// A wrapper's entries: each element child is a record; a wrapper of distinct leaves (a record
// itself) is one record; a wrapper of same-named leaves (a serial list) gives one record per value.
function wrapperRecords(wrapper: XmlElement): Array<Record<string, string>> {
  const allLeaves = wrapper.children.every(isLeaf);
  if (allLeaves) {
    const names = new Set(wrapper.children.map((c) => c.name));
    if (names.size === 1 || wrapper.children.length === 1) return wrapper.children.map((c) => ({ [c.name]: c.text }));
    return [flatten(wrapper)];
  }
  return wrapper.children.map((c) => (isLeaf(c) ? { [c.name]: c.text } : flatten(c)));
}

function flatten(element: XmlElement, prefix = '', into: Record<string, string> = {}): Record<string, string> {
  for (const c of element.children) {
    const key = prefix ? `${prefix}.${c.name}` : c.name;
    if (isLeaf(c)) into[key] = key in into ? `${into[key]}, ${c.text}` : c.text;
    else flatten(c, key, into);
  }
  return into;
}

/** The parts of an `<error>` body. */
export interface FudBody {
  readonly code: string;
  readonly message: string | null;
  readonly resource: string | null;
}

const FUD_CODE = /^FUD_\d{4}$/i;

/** Reads `<error><code>FUD_nnnn</code>…</error>` from a parsed body (any root holding a FUD `code`). */
export function readFudBody(root: XmlElement): FudBody | null {
  const code = textOf(root, 'code');
  if (!code || !FUD_CODE.test(code)) return null;
  const message = textOf(root, 'message');
  return { code: code.toUpperCase(), message: message ? message : null, resource: textOf(root, 'resource') };
}

/** Finds a FUD code in a body that is not well-formed XML (liberal reading of error bodies). */
export function scanFudCode(text: string): string | null {
  const match = /<code>\s*(FUD_\d{4})\s*<\/code>/i.exec(text);
  return match?.[1] ? match[1].toUpperCase() : null;
}
