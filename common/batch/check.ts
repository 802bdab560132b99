// Re-validates a whole batch with the E-FOTA rules: what a batch built here, read from disk or
// brought in by a hand-off file would meet at Samsung. Findings are shown; errors block sending.
import type { Clock } from '../clock.ts';
import type { Finding } from '../efota/finding.ts';
import { checkElement } from '../efota/rules.ts';
import { checkWindow } from '../efota/schedule-window.ts';
import { groupKey, type Batch, type BatchGroup } from './model.ts';
import { MAX_SERIALS_PER_CALL, serialsByGroup } from './plan.ts';
import { checkTargetForModel } from './target.ts';

/** A finding with the part of the batch it is about: a group key (`SM-G991B/BTU`), `batch`, `licence` or `abnormal`. */
export interface BatchFinding extends Finding {
  readonly where: string;
}

/** Attaches `where` to rule findings. */
export function at(where: string, findings: readonly Finding[]): BatchFinding[] {
  return findings.map((f) => ({ ...f, where }));
}

/** Rules for one group's settings: model, sales code, target, and the group and window of a scheduled push. */
export function checkGroup(group: BatchGroup, clock: Clock): BatchFinding[] {
  const key = groupKey(group.model, group.salesCode);
  const scheduled = group.mode.kind === 'scheduled';
  const out = at(key, [
    ...checkElement('deviceModelName', group.model),
    ...checkElement(scheduled ? 'carrierCode' : 'salesCode', group.salesCode),
    ...checkElement('targetFirmwareVersion', group.target),
    ...(group.targetSource === 'typed' ? checkTargetForModel(group.model, group.target) : []),
  ]);
  if (group.pinnedTarget !== undefined) {
    out.push(...at(key, [...checkElement('targetFirmwareVersion', group.pinnedTarget), ...checkTargetForModel(group.model, group.pinnedTarget)]));
  }
  if (group.mode.kind === 'scheduled') {
    const w = group.mode.window;
    out.push(...at(key, checkElement('groupId', group.mode.groupId)));
    out.push(...at(key, checkWindow({ deliveryStartDate: w.startDate, deliveryEndDate: w.endDate, dailyStartHour: w.startHour, dailyEndHour: w.endHour }, clock).findings));
  }
  return out;
}

/** Every rule finding for a batch: group settings, each serial, empty groups and the pilot. */
export function checkBatch(batch: Batch, clock: Clock): BatchFinding[] {
  const out: BatchFinding[] = [];
  out.push(...at('batch', checkElement('customerId', batch.customerId)));
  const byGroup = serialsByGroup(batch);
  let immediateDevices = 0;
  let immediateCalls = 0;
  for (const group of batch.groups) {
    const key = groupKey(group.model, group.salesCode);
    out.push(...checkGroup(group, clock));
    const serials = byGroup.get(key) ?? [];
    if (group.mode.kind === 'immediate') {
      immediateDevices += serials.length;
      immediateCalls += serials.length > 0 ? 1 : 0;
      if (serials.length === 0) {
        out.push({ where: key, element: 'serialNumber', value: '', severity: 'warning', fud: null,
          message: `Group ${key} has no device left to send (all excluded or none imported); it will make no call.` });
      }
    }
  }
  // Serials are checked once each, including excluded ones: a damaged serial is worth knowing about.
  for (const device of batch.devices) {
    out.push(...at(groupKey(device.model, device.salesCode), checkElement('serialNumber', device.serial)));
  }
  if (batch.pilot !== null && immediateDevices === 0) {
    out.push({ where: 'batch', element: 'pilot', value: batch.pilot.kind === 'devices' ? String(batch.pilot.count) : 'first call of each group', severity: 'warning', fud: null,
      message: 'The pilot has no effect: no device is sent with forceUpdate, and a scheduled push (serverInit) reaches its whole group at once, never as a pilot.' });
  }
  if (batch.pilot?.kind === 'devices' && batch.pilot.count >= immediateDevices && immediateDevices > 0) {
    out.push({ where: 'batch', element: 'pilot', value: String(batch.pilot.count), severity: 'warning', fud: null,
      message: `The pilot of ${batch.pilot.count} devices covers all ${immediateDevices} devices to send, so there will be no pause for review. Choose a smaller pilot.` });
  }
  if (batch.pilot?.kind === 'firstCallPerGroup' && immediateCalls > 0 && batch.groups.every((g) => g.mode.kind === 'scheduled' || (byGroup.get(groupKey(g.model, g.salesCode))?.length ?? 0) <= MAX_SERIALS_PER_CALL)) {
    out.push({ where: 'batch', element: 'pilot', value: 'first call of each group', severity: 'warning', fud: null,
      message: 'Every group fits in one call, so "first call of each group" sends everything before the pause. Use a pilot of K devices instead.' });
  }
  return out;
}
