// The Excluded list. One serial abnormalDeviceList reports makes Samsung refuse the whole forceUpdate
// call (FUD_3031), so reported serials are left out by default; the admin can take one back (and
// then a later check leaves it in), or leave any device out by hand.
import { normaliseSerial } from '../efota/normalise.ts';
import type { AbnormalSerial, Batch, BatchDevice, ExcludedDevice, Stamp } from './model.ts';

/** What applying a check changed, for the admin to read. */
export interface AbnormalCheckOutcome {
  readonly batch: Batch;
  /** devices that moved to Excluded with this check */
  readonly newlyExcluded: readonly ExcludedDevice[];
  /** serials an earlier check excluded that this check no longer reports: they are back in */
  readonly restored: readonly string[];
  /** reported serials the admin had taken back: left in, at the admin's risk */
  readonly keptByAdmin: readonly AbnormalSerial[];
}

/** The reported serials of one abnormalDeviceList answer, flattened (one serial, several titles → joined). */
export function flattenAbnormal(categories: readonly { readonly title: string; readonly serials: readonly string[] }[]): AbnormalSerial[] {
  const bySerial = new Map<string, string[]>();
  for (const c of categories) {
    for (const raw of c.serials) {
      const serial = normaliseSerial(raw);
      const titles = bySerial.get(serial) ?? [];
      if (!titles.includes(c.title)) titles.push(c.title);
      bySerial.set(serial, titles);
    }
  }
  return [...bySerial].map(([serial, titles]) => ({ serial, category: titles.join('; ') }));
}

/** The distinct serials of a batch, in import order: what abnormalDeviceList is asked about. */
export function serialsToCheck(batch: Batch): string[] {
  return [...new Set(batch.devices.map((d) => d.serial))];
}

/**
 * Records an abnormalDeviceList result: reported serials move to Excluded (unless taken back),
 * serials a previous check excluded and this one does not report come back; exclusions made by the
 * admin are never touched.
 */
export function applyAbnormalCheck(batch: Batch, reported: readonly AbnormalSerial[], checked: number, at: string): AbnormalCheckOutcome {
  const reportedBy = new Map(reported.map((r) => [r.serial, r.category]));
  const takenBack = new Set(batch.takenBack);
  const restored: string[] = [];
  const excluded: ExcludedDevice[] = [];
  const already = new Set<string>();
  for (const x of batch.excluded) {
    const category = reportedBy.get(x.serial);
    if (x.by === 'admin') excluded.push(x);
    else if (category === undefined) restored.push(x.serial);
    else excluded.push(category === x.reason ? x : { ...x, reason: category, excludedAt: at });
    if (x.by === 'admin' || category !== undefined) already.add(x.serial);
  }
  const newlyExcluded: ExcludedDevice[] = [];
  const keptByAdmin: AbnormalSerial[] = [];
  const seen = new Set<string>();
  for (const d of batch.devices) {
    const category = reportedBy.get(d.serial);
    if (category === undefined || already.has(d.serial) || seen.has(d.serial)) continue;
    seen.add(d.serial);
    if (takenBack.has(d.serial)) {
      keptByAdmin.push({ serial: d.serial, category });
      continue;
    }
    const x: ExcludedDevice = { ...deviceOnly(d), reason: category, excludedAt: at, by: 'abnormalDeviceList' };
    newlyExcluded.push(x);
    excluded.push(x);
  }
  return {
    batch: { ...batch, excluded, abnormalCheck: { at, checked, reported: [...reported] } },
    newlyExcluded,
    restored,
    keptByAdmin,
  };
}

function deviceOnly(d: BatchDevice): BatchDevice {
  const out: { -readonly [K in keyof BatchDevice]: BatchDevice[K] } = { serial: d.serial, model: d.model, salesCode: d.salesCode };
  if (d.imei !== undefined) out.imei = d.imei;
  if (d.source !== undefined) out.source = d.source;
  return out;
}

/** The result of an admin's include/exclude: the new batch, and serials that were not in the batch. */
export interface EditOutcome {
  readonly batch: Batch;
  readonly changed: readonly string[];
  readonly unknown: readonly string[];
  /** serials already in the asked state */
  readonly unchanged: readonly string[];
}

/** Takes devices back from Excluded: they will be sent, and a later check leaves them in. */
export function takeBack(batch: Batch, serials: readonly string[], edited: Stamp): EditOutcome {
  const wanted = new Set(serials.map(normaliseSerial));
  const known = new Set(batch.devices.map((d) => d.serial));
  const changed = batch.excluded.filter((x) => wanted.has(x.serial)).map((x) => x.serial);
  const unknown = [...wanted].filter((s) => !known.has(s));
  const unchanged = [...wanted].filter((s) => known.has(s) && !changed.includes(s));
  // Only a device a check reported needs remembering; one the admin excluded by hand simply returns.
  const fromCheck = batch.excluded.filter((x) => wanted.has(x.serial) && x.by === 'abnormalDeviceList').map((x) => x.serial);
  const takenBack = [...batch.takenBack, ...fromCheck.filter((s) => !batch.takenBack.includes(s))];
  return {
    batch: { ...batch, excluded: batch.excluded.filter((x) => !wanted.has(x.serial)), takenBack, edited },
    changed,
    unknown,
    unchanged,
  };
}

/** Leaves devices out by hand, with the admin's reason. */
export function excludeByAdmin(batch: Batch, serials: readonly string[], reason: string, edited: Stamp): EditOutcome {
  const wanted = new Set(serials.map(normaliseSerial));
  const isExcluded = new Set(batch.excluded.map((x) => x.serial));
  const changed: string[] = [];
  const excluded = [...batch.excluded];
  const seen = new Set<string>();
  for (const d of batch.devices) {
    if (!wanted.has(d.serial) || isExcluded.has(d.serial) || seen.has(d.serial)) continue;
    seen.add(d.serial);
    changed.push(d.serial);
    excluded.push({ ...deviceOnly(d), reason, excludedAt: edited.at, by: 'admin' });
  }
  const known = new Set(batch.devices.map((d) => d.serial));
  return {
    batch: { ...batch, excluded, takenBack: batch.takenBack.filter((s) => !wanted.has(s)), edited },
    changed,
    unknown: [...wanted].filter((s) => !known.has(s)),
    unchanged: [...wanted].filter((s) => known.has(s) && !changed.includes(s)),
  };
}
