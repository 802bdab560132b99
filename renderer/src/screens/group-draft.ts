// What the admin is editing for one group before it is saved: target choice, network, immediate or
// scheduled with its window (dates as a date picker gives them, hours GMT). The live findings and the
// window in GMT and local time come from common/ (the same rules main applies), so a broken window
// is explained before anything is saved or sent. No DOM here.
import { systemClock, type Clock } from '../../../common/clock.ts';
import { checkGroup, type BatchFinding } from '../../../common/batch/check.ts';
import type { BatchGroup, DeliveryWindow } from '../../../common/batch/model.ts';
import { describeScope } from '../../../common/batch/plan.ts';
import { describeWindow, type WindowPreview } from '../../../common/batch/preview.ts';
import { hostUtcOffset, type UtcOffset } from '../../../common/batch/time-text.ts';
import type { BatchGroupView, FirmwareChoice, GroupSetting, NetworkType } from '../../../common/contract.ts';
import { normaliseFirmware, normaliseGroupId } from '../../../common/efota/normalise.ts';

/** How the target is chosen. */
export type TargetChoice = 'latest' | 'list' | 'typed';

/** One group's unsaved settings. */
export interface GroupDraft {
  readonly key: string;
  readonly choice: TargetChoice;
  /** the firmware picked from the list */
  readonly listed: string;
  /** the firmware typed */
  readonly typed: string;
  readonly network: NetworkType;
  readonly scheduled: boolean;
  readonly groupId: string;
  /** `yyyy-MM-dd`, as an `<input type="date">` holds it (GMT) */
  readonly startDate: string;
  readonly endDate: string;
  /** `HH` (GMT) */
  readonly startHour: string;
  readonly endHour: string;
}

const DAY = 86_400_000;

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** `yyyyMMdd` → `yyyy-MM-dd` (and back with `compactDate`). */
export function dashedDate(yyyymmdd: string): string {
  return /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : '';
}

/** `yyyy-MM-dd` → `yyyyMMdd`. */
export function compactDate(dashed: string): string {
  return dashed.replace(/-/g, '');
}

/** The draft of a group as it is stored; a new schedule starts tomorrow for 3 days, 01–05 GMT. */
export function draftOf(group: BatchGroupView, listed: readonly FirmwareChoice[], now: number = Date.now()): GroupDraft {
  const fromList = group.targetSource === 'firmwareList' || (group.targetSource !== 'latest' && listed.some((f) => f.version === group.target));
  const w = group.schedule?.window;
  return {
    key: group.key,
    choice: group.targetSource === 'latest' ? 'latest' : fromList ? 'list' : 'typed',
    listed: fromList ? group.target : '',
    typed: group.targetSource === 'typed' ? group.target : '',
    network: group.network,
    scheduled: group.schedule !== null,
    groupId: group.schedule?.groupId ?? '',
    startDate: w ? dashedDate(w.startDate) : isoDay(now + DAY),
    endDate: w ? dashedDate(w.endDate) : isoDay(now + 4 * DAY),
    startHour: w?.startHour ?? '01',
    endHour: w?.endHour ?? '05',
  };
}

/** The target the draft names. */
export function draftTarget(d: GroupDraft): string {
  if (d.choice === 'latest') return 'Latest';
  return normaliseFirmware(d.choice === 'list' ? d.listed : d.typed);
}

/** The window the draft names, as serverInit takes it. */
export function draftWindow(d: GroupDraft): DeliveryWindow {
  return { startDate: compactDate(d.startDate), endDate: compactDate(d.endDate), startHour: d.startHour, endHour: d.endHour };
}

/** What main is asked to save. */
export function settingOf(d: GroupDraft): GroupSetting {
  return {
    key: d.key,
    target: draftTarget(d),
    network: d.network,
    schedule: d.scheduled ? { groupId: normaliseGroupId(d.groupId), window: draftWindow(d) } : null,
  };
}

/** True when the draft differs from what is stored. */
export function isDirty(d: GroupDraft, saved: BatchGroupView): boolean {
  const s = settingOf(d);
  const schedule = saved.schedule;
  if (s.target !== saved.target || s.network !== saved.network || (s.schedule === null) !== (schedule === null)) return true;
  if (s.schedule && schedule) return s.schedule.groupId !== schedule.groupId || JSON.stringify(s.schedule.window) !== JSON.stringify(schedule.window);
  return false;
}

/** The draft as a batch group, for the rules. */
export function draftGroup(d: GroupDraft, saved: BatchGroupView): BatchGroup {
  const target = draftTarget(d);
  return {
    model: saved.model,
    salesCode: saved.salesCode,
    target,
    targetSource: d.choice === 'latest' ? 'latest' : d.choice === 'list' ? 'firmwareList' : 'typed',
    mode: d.scheduled ? { kind: 'scheduled', groupId: normaliseGroupId(d.groupId), window: draftWindow(d) } : { kind: 'immediate', network: d.network },
  };
}

/** The rules on the draft now: target format and model prefix, group, and the window (FUD_3001–3005). */
export function draftFindings(d: GroupDraft, saved: BatchGroupView, clock: Clock = systemClock): BatchFinding[] {
  if (d.choice !== 'latest' && draftTarget(d) === '') {
    return [{ where: d.key, element: 'targetFirmwareVersion', value: '', severity: 'error', fud: null, message: d.choice === 'list' ? 'Pick a firmware from the list, or choose another kind of target.' : 'Type the target firmware (AP/CSC/CP), or choose another kind of target.' }];
  }
  if (d.scheduled && d.groupId.trim() === '') {
    return [{ where: d.key, element: 'groupId', value: '', severity: 'error', fud: null, message: 'A scheduled push needs the registered group whose devices Samsung should update.' }];
  }
  return checkGroup(draftGroup(d, saved), clock);
}

/** The real scope of the draft in words. */
export function draftScope(d: GroupDraft, saved: BatchGroupView): string {
  return describeScope(draftGroup(d, saved), saved.devices - saved.excluded);
}

/** The draft's window in GMT and the admin's local time; null when a date or hour does not parse. */
export function draftWindowText(d: GroupDraft, utcOffset: UtcOffset = hostUtcOffset): WindowPreview | null {
  return describeWindow(draftWindow(d), utcOffset);
}

/** The hours a window may use, as serverInit takes them (24 is accepted by Samsung; it is midnight). */
export const HOURS: readonly string[] = Array.from({ length: 25 }, (_, h) => String(h).padStart(2, '0'));
