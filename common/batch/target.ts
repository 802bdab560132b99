// Checks of a group's target firmware that only make sense with the group's model and the cached
// firmware list at hand (the element rules in common/efota check the string on its own).
import type { Finding } from '../efota/finding.ts';
import { normaliseFirmware } from '../efota/normalise.ts';
import { checkElement } from '../efota/rules.ts';
import type { TargetSource } from './model.ts';

/** The model without its `SM-` or `GT-` prefix: Samsung AP versions start with it (SM-G991B → G991B). */
export function modelStem(model: string): string {
  return model.replace(/^(SM|GT)-/i, '');
}

/** The AP part of an AP/CSC/CP firmware string (the text before the first `/`). */
export function apPart(target: string): string {
  return target.split('/')[0] ?? '';
}

/**
 * A warning when a typed target's AP part does not start with the model stem: a target copied for
 * another model is the commonest typing slip. Never an error — odd but valid firmware names exist
 * (docs/efota-api.md §5 #3), and Samsung decides.
 */
export function checkTargetForModel(model: string, target: string): Finding[] {
  if (target === 'Latest') return [];
  const stem = modelStem(model).toUpperCase();
  const ap = apPart(target).toUpperCase();
  if (stem === '' || ap.startsWith(stem)) return [];
  return [
    {
      element: 'targetFirmwareVersion',
      value: target,
      severity: 'warning',
      fud: null,
      message: `Target '${target}' has AP part '${apPart(target)}', which does not start with ${stem} (model ${model} without its prefix). Check that the firmware is for ${model}; pick it from the firmware list if you can.`,
    },
  ];
}

/** A firmware a cached firmwareList offered for one model and sales code. */
export interface CachedFirmware {
  readonly targetFirmwareVersion: string;
}

/** A group's target after normalisation, with where it came from and what is wrong with it. */
export interface ResolvedTarget {
  readonly target: string;
  readonly source: TargetSource;
  readonly findings: readonly Finding[];
}

/**
 * Normalises a target the admin gave for one group: `Latest`, a firmware from the cached list (it
 * then counts as picked from the list), or typed (checked for format and against the model).
 */
export function resolveTarget(model: string, given: string, cached: readonly CachedFirmware[] | null): ResolvedTarget {
  const target = normaliseFirmware(given);
  if (target === 'Latest') return { target, source: 'latest', findings: checkElement('targetFirmwareVersion', target) };
  const findings = [...checkElement('targetFirmwareVersion', target)];
  const listed = cached?.some((f) => normaliseFirmware(f.targetFirmwareVersion) === target) ?? false;
  if (listed) return { target, source: 'firmwareList', findings };
  findings.push(...checkTargetForModel(model, target));
  return { target, source: 'typed', findings };
}
