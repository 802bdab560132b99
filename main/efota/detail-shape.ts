// Reads a forceUpdateDetail answer into per-device states. Samsung never published its element
// names (docs/efota-api.md §2.8), so this recognises shapes rather than names, under any root: any element
// carrying a serial-like child is a device, and its state comes from a status-like child, else from
// the name of the list it sits in (`processing…`, `failed…`), else from a failure reason. Anything
// else is "not understood" — which the client and the reconciliation turn into `unknown`, never
// into success. (The client reads it; main/batches reconciles with it.)
import { isLeaf, readXml, type XmlElement } from './xml.ts';

/** A state the detail can state for a device (detail lists processing and failed devices; some shapes may list successes). */
export type ListedState = 'processing' | 'failed' | 'downloaded';

/** One device found in a detail answer. */
export interface ListedDevice {
  readonly serial: string;
  /** null: listed, but in a way the parser cannot classify */
  readonly state: ListedState | null;
  readonly reason: string | null;
  /** where it was found, e.g. `failedDeviceList/deviceItem` */
  readonly where: string;
}

/** What a detail answer says. */
export interface DetailReading {
  /** true when at least one device list was recognised (an empty `processing…List` counts) */
  readonly understood: boolean;
  /** by serial (upper case) */
  readonly devices: ReadonlyMap<string, ListedDevice>;
  /** what was recognised, for people and the history */
  readonly note: string;
}

/** The words for a device a detail answer lists in a way FOTA Desk cannot read. */
export const DETAIL_NOT_UNDERSTOOD = 'detail not understood';

const SERIAL_NAMES = new Set(['serial', 'serials', 'serialnumber', 'serialnumbers', 'serialno', 'serialnum', 'deviceserial', 'deviceserialnumber', 'deviceserialno', 'sn', 'devicesn', 'devicesnumber']);

/** Text from Samsung as the history stores it: no control characters besides line breaks and tabs, at most `max` characters. */
export function safeText(text: string, max = 1000): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

function norm(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True for an element name that holds a device serial (`serialNumber`, `serial_no`, `SN` …). */
export function isSerialName(name: string): boolean {
  return SERIAL_NAMES.has(norm(name));
}

function isStatusName(name: string): boolean {
  return /(status|state|result)$/.test(norm(name));
}

function isReasonName(name: string): boolean {
  const n = norm(name);
  return !isStatusName(name) && /(reason|cause|message|msg|description|desc|error)/.test(n);
}

/** Classifies a status text (`Processing`, `FAILED`, `Download failed`, `Success` …); null when it says nothing we know. */
export function classifyStatus(text: string): ListedState | null {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (/fail|error|reject|cancel|abort|denied|timed?\s*out|unable|not\s+downloaded/.test(t)) return 'failed';
  if (/^(success|successful|succeeded|succeed|completed?|downloaded|download(ed)?\s+complete(d)?|done|finished|ok)$/.test(t)) return 'downloaded';
  if (/process|progress|pending|queue|wait|ongoing|downloading|started|running/.test(t)) return 'processing';
  return null;
}

/** Classifies a list or item name (`processingDeviceList`, `failedDevices`, `successList` …); null when neutral. */
export function classifyName(name: string): ListedState | null {
  const n = norm(name);
  if (/fail|error/.test(n)) return 'failed';
  if (/process|progress|pending|ongoing/.test(n)) return 'processing';
  if (/success|succeed|complete|downloaded/.test(n)) return 'downloaded';
  return null;
}

function descendantLeaves(element: XmlElement, out: XmlElement[] = []): XmlElement[] {
  for (const c of element.children) {
    if (isLeaf(c)) out.push(c);
    else descendantLeaves(c, out);
  }
  return out;
}

function stateFromNames(chain: readonly string[]): ListedState | null {
  // nearest first: the item's own name, then its list's, then outer wrappers
  for (let i = chain.length - 1; i >= 0; i--) {
    const state = classifyName(chain[i] ?? '');
    if (state) return state;
  }
  return null;
}

interface Found {
  serial: string;
  state: ListedState | null;
  reason: string | null;
  where: string;
}

function visit(element: XmlElement, chain: readonly string[], found: Found[], lists: Set<string>): void {
  const here = [...chain, element.name];
  const serialLeaves = element.children.filter((c) => isLeaf(c) && isSerialName(c.name) && c.text.trim() !== '');
  if (serialLeaves.length === 1 && chain.length > 0) {
    // A device record: its own fields say its state, else the list it is in does.
    const fields = descendantLeaves(element).filter((c) => !isSerialName(c.name));
    const status = fields.find((f) => isStatusName(f.name) && f.text.trim() !== '');
    const reasonField = fields.find((f) => isReasonName(f.name) && f.text.trim() !== '');
    const reason = reasonField ? safeText(reasonField.text) : null;
    let state: ListedState | null = status ? classifyStatus(status.text) : stateFromNames(here);
    if (state === null && !status && reason !== null) state = 'failed';
    found.push({ serial: serialLeaves[0]?.text ?? '', state, reason, where: here.slice(1).join('/') });
    if (state !== null && chain.length > 1) lists.add(here.slice(1, -1).join('/') || element.name);
    return;
  }
  if (serialLeaves.length > 1 || (serialLeaves.length === 1 && chain.length === 0)) {
    // A bare list of serials: the list's name is all there is to go by.
    const state = stateFromNames(here);
    for (const leaf of serialLeaves) found.push({ serial: leaf.text, state, reason: null, where: here.slice(1).join('/') });
    if (state !== null) lists.add(here.slice(1).join('/'));
  }
  for (const c of element.children) {
    if (isLeaf(c)) {
      // An empty list (`<processingDeviceList/>`) is a recognised list with nobody in it.
      if (c.text === '' && /(list|devices|items|serials)$/i.test(c.name) && classifyName(c.name) !== null) lists.add([...here.slice(1), c.name].join('/'));
      continue;
    }
    visit(c, here, found, lists);
  }
}

/** Reads a raw forceUpdateDetail answer. */
export function readDetail(raw: string): DetailReading {
  const xml = readXml(raw);
  if (!xml.ok) return { understood: false, devices: new Map(), note: `the answer could not be read as XML (${xml.detail})` };
  return readDetailRoot(xml.root);
}

/** Reads a parsed forceUpdateDetail answer, whatever its root is called. */
export function readDetailRoot(root: XmlElement): DetailReading {
  const found: Found[] = [];
  const lists = new Set<string>();
  visit(root, [], found, lists);
  const devices = new Map<string, ListedDevice>();
  for (const f of found) {
    const serial = f.serial.trim().toUpperCase();
    const before = devices.get(serial);
    if (before && before.state !== f.state) {
      devices.set(serial, { serial, state: null, reason: `listed twice, as ${before.state ?? 'unclear'} (${before.where}) and as ${f.state ?? 'unclear'} (${f.where})`, where: f.where });
    } else if (!before) {
      devices.set(serial, { serial, state: f.state, reason: f.reason, where: f.where });
    }
  }
  const classified = [...devices.values()].filter((d) => d.state !== null).length;
  const understood = classified > 0 || lists.size > 0;
  const unclear = devices.size - classified;
  const note = understood
    ? `recognised ${[...lists].sort().join(', ') || 'device entries'}: ${devices.size} device(s) listed${unclear > 0 ? `, ${unclear} of them in a way FOTA Desk does not understand` : ''}`
    : `no device list FOTA Desk recognises in <${root.name}> (${found.length > 0 ? `${found.length} serial(s) without a readable state` : 'no serial-like element'}); the raw answer is kept`;
  return { understood, devices, note };
}
