// Builds a new batch from imported device lists and the admin's choices: merges the files, groups
// devices by (model, sales code), and gives every group its target and mode. Pure, so the window
// (issue 11) builds batches with the same code as `fota batch create`.
import type { Clock } from '../clock.ts';
import { normaliseGroupId, normaliseModel, normaliseSalesCode } from '../efota/normalise.ts';
import { at, checkGroup, type BatchFinding } from './check.ts';
import { BATCH_SCHEMA_VERSION, groupKey, type Batch, type BatchDevice, type BatchGroup, type BatchSource, type DeliveryWindow, type Pilot, type Stamp } from './model.ts';
import { resolveTarget, type CachedFirmware } from './target.ts';

/** The valid devices of one imported file (rows with errors already left out by the importer). */
export interface ImportedFile {
  readonly fileName: string;
  readonly sha256: string;
  readonly importedAt: string;
  readonly devices: readonly BatchDevice[];
}

/** A schedule applied to some or all groups. */
export interface ScheduleChoice {
  readonly groupId: string;
  readonly window: DeliveryWindow;
  /** group keys (`MODEL/CSC`) to schedule; null schedules every group */
  readonly only: readonly string[] | null;
}

/** What the admin chose for a new batch. */
export interface BuildChoices {
  readonly id: string;
  readonly name: string;
  readonly notes: string;
  readonly customerId: string;
  readonly stamp: Stamp;
  /** target for every group without its own */
  readonly target: string | null;
  /** per group key (`MODEL/CSC`), overriding `target` */
  readonly targetFor: ReadonlyMap<string, string>;
  readonly network: 'WIFIONLY' | 'ANY';
  readonly schedule: ScheduleChoice | null;
  readonly pilot: Pilot | null;
  /** the cached firmwareList of a model and sales code, or null when none is known */
  readonly firmwareFor: (model: string, salesCode: string) => readonly CachedFirmware[] | null;
}

/** A serial found with two different models or sales codes across the files: left out. */
export interface SerialConflict {
  readonly serial: string;
  readonly seenAs: readonly { readonly model: string; readonly salesCode: string; readonly fileName: string }[];
}

/** The new batch, or why it cannot be built. */
export type BuildResult =
  | {
      readonly ok: true;
      readonly batch: Batch;
      /** warnings about the admin's choices (targets, window) */
      readonly findings: readonly BatchFinding[];
      /** the same serial, model and sales code in more than one file: kept once */
      readonly repeated: number;
      readonly conflicts: readonly SerialConflict[];
    }
  | { readonly ok: false; readonly problems: readonly string[]; readonly findings: readonly BatchFinding[] };

/** Normalises a `MODEL:CSC` or `MODEL/CSC` group reference to a group key. */
export function parseGroupRef(ref: string): string | null {
  const m = /^\s*([^:/\s]+)\s*[:/]\s*([^:/\s]+)\s*$/.exec(ref);
  return m ? groupKey(normaliseModel(m[1] ?? ''), normaliseSalesCode(m[2] ?? '')) : null;
}

/** Merges devices of several files: a repeat is kept once; a serial seen with two models or sales codes is left out entirely. */
export function mergeDevices(files: readonly ImportedFile[]): { devices: BatchDevice[]; repeated: number; conflicts: SerialConflict[]; contributed: number[] } {
  const first = new Map<string, { device: BatchDevice; file: number }>();
  const seen = new Map<string, { model: string; salesCode: string; fileName: string }[]>();
  let repeated = 0;
  files.forEach((file, fileIndex) => {
    for (const d of file.devices) {
      const list = seen.get(d.serial) ?? [];
      if (!list.some((s) => s.model === d.model && s.salesCode === d.salesCode)) list.push({ model: d.model, salesCode: d.salesCode, fileName: file.fileName });
      else repeated++;
      seen.set(d.serial, list);
      if (!first.has(d.serial)) first.set(d.serial, { device: d, file: fileIndex });
    }
  });
  const conflicts: SerialConflict[] = [];
  const devices: BatchDevice[] = [];
  const contributed = files.map(() => 0);
  for (const [serial, { device, file }] of first) {
    const as = seen.get(serial) ?? [];
    if (as.length > 1) conflicts.push({ serial, seenAs: as });
    else {
      devices.push(device);
      contributed[file] = (contributed[file] ?? 0) + 1;
    }
  }
  return { devices, repeated, conflicts, contributed };
}

/** Builds a batch; refuses it when a choice is wrong (a target for a group not imported, a group without target, a window Samsung would refuse). */
export function buildBatch(files: readonly ImportedFile[], choices: BuildChoices, clock: Clock): BuildResult {
  const problems: string[] = [];
  const { devices, repeated, conflicts, contributed } = mergeDevices(files);
  const keys: { key: string; model: string; salesCode: string }[] = [];
  for (const d of devices) {
    const key = groupKey(d.model, d.salesCode);
    if (!keys.some((k) => k.key === key)) keys.push({ key, model: d.model, salesCode: d.salesCode });
  }
  if (devices.length === 0) problems.push('No valid device in the files: nothing to put in a batch.');
  for (const key of choices.targetFor.keys()) {
    if (!keys.some((k) => k.key === key)) problems.push(`--target-for names ${key}, but no imported device has that model and sales code (found: ${keys.map((k) => k.key).join(', ') || 'none'}).`);
  }
  const scheduleOnly = choices.schedule?.only ?? null;
  for (const key of scheduleOnly ?? []) {
    if (!keys.some((k) => k.key === key)) problems.push(`The schedule names group ${key}, but no imported device has that model and sales code.`);
  }

  const findings: BatchFinding[] = [];
  const groups: BatchGroup[] = [];
  for (const k of keys) {
    const given = choices.targetFor.get(k.key) ?? choices.target;
    if (given === null) {
      problems.push(`No target for ${k.key}: give --target (e.g. Latest) or --target-for ${k.model}:${k.salesCode}=FIRMWARE.`);
      continue;
    }
    const resolved = resolveTarget(k.model, given, choices.firmwareFor(k.model, k.salesCode));
    const scheduled = choices.schedule !== null && (scheduleOnly === null || scheduleOnly.includes(k.key));
    const group: BatchGroup = {
      model: k.model,
      salesCode: k.salesCode,
      target: resolved.target,
      targetSource: resolved.source,
      mode: scheduled && choices.schedule
        ? { kind: 'scheduled', groupId: normaliseGroupId(choices.schedule.groupId), window: choices.schedule.window }
        : { kind: 'immediate', network: choices.network },
    };
    groups.push(group);
    // checkGroup includes the target format and AP-prefix checks, so resolveTarget's findings are not added twice.
    findings.push(...checkGroup(group, clock));
    if (resolved.source === 'typed' && choices.firmwareFor(k.model, k.salesCode) !== null) {
      findings.push(...at(k.key, [{ element: 'targetFirmwareVersion', value: resolved.target, severity: 'warning', fud: 'FUD_3015',
        message: `Target '${resolved.target}' is not in the firmware list last fetched for ${k.key}; Samsung may not know it (FUD_3015). Check it, or fetch the list again and pick from it.` }]));
    }
  }
  const errors = findings.filter((f) => f.severity === 'error');
  for (const e of dedupe(errors)) problems.push(`${e.where}: ${e.message}${e.fud ? ` (${e.fud})` : ''}`);
  if (problems.length > 0) return { ok: false, problems, findings };

  const sources: BatchSource[] = files.map((f, i) => ({ fileName: f.fileName, sha256: f.sha256, importedAt: f.importedAt, devices: contributed[i] ?? 0 }));
  const batch: Batch = {
    schemaVersion: BATCH_SCHEMA_VERSION,
    id: choices.id,
    name: choices.name.trim(),
    notes: choices.notes,
    customerId: choices.customerId,
    created: choices.stamp,
    edited: choices.stamp,
    sources,
    devices,
    excluded: [],
    groups,
    pilot: choices.pilot,
    abnormalCheck: null,
    takenBack: [],
    handoff: null,
  };
  return { ok: true, batch, findings, repeated, conflicts };
}

function dedupe(findings: readonly BatchFinding[]): BatchFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.where}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
