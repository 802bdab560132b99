// What the practice tenant remembers between runs (the CLI is a new process each time): the changes
// made through the API — groups registered or moved, force updates, v1 schedules — on top of the
// demo seed. Licences, devices and the catalogue always come fresh from the demo seed, whose dates
// are relative to today, so the practice licence never expires under a long-time user. Device
// progress is computed from each force update's creation time, so restoring them restores progress.
import type * as v from 'valibot';
import { checkJson, problemLine } from '../../common/schema/check-json.ts';
import type { ForceUpdate, Group, ScheduledUpdate, TenantState } from '../simulator/index.ts';
import { tenantSnapshotSchema } from './tenant-snapshot-schema.ts';
import { applyFleet, emptyFleet, mergeFleets, type AdoptedFleet } from './practice-fleet.ts';

/** The practice tenant's saved changes. */
export type TenantSnapshot = Readonly<v.InferOutput<typeof tenantSnapshotSchema>>;

/** The changes held by a running tenant (and the fleet it took in from imported lists). */
export function captureSnapshot(state: TenantState, generation: string, fleet: AdoptedFleet = emptyFleet()): TenantSnapshot {
  const copy = <T>(value: T): T => structuredClone(value);
  return { version: 1, generation, groups: copy(state.groups()), forceUpdates: copy(state.forceUpdates()), schedules: copy([...state.schedules()]), fleet: copy(fleet) };
}

/** The fleet a snapshot holds (none in files written before fleets). */
export function fleetOf(snapshot: TenantSnapshot): AdoptedFleet {
  return structuredClone(snapshot.fleet ?? emptyFleet()) as AdoptedFleet;
}

/** Where the practice tenant enrols an adopted fleet: the demo tenant's own group. */
export function fleetCorp(state: TenantState): { mdmId: string; customerId: string; groupId: string } {
  const { mdmId, customerId, groupId } = state.summary({ clientId: '', clientSecret: '' });
  return { mdmId, customerId, groupId };
}

/** Replays saved changes into a tenant freshly loaded from the demo seed. */
export function applySnapshot(state: TenantState, snapshot: TenantSnapshot): void {
  for (const g of snapshot.groups) {
    const existing = state.group(g.mdmId, g.customerId, g.groupId);
    if (!existing || existing.license !== g.license) state.registerGroup(g.mdmId, g.customerId, g.groupId, g.license);
  }
  for (const fu of snapshot.forceUpdates) if (!state.forceUpdate(fu.forceUpdateId)) state.addForceUpdate(structuredClone(fu) as ForceUpdate);
  const known = new Set(state.schedules().map(scheduleKey));
  for (const s of snapshot.schedules) if (!known.has(scheduleKey(s))) state.addSchedule(structuredClone(s) as ScheduledUpdate);
  if (snapshot.fleet) applyFleet(state, fleetOf(snapshot), fleetCorp(state));
}

function scheduleKey(s: ScheduledUpdate): string {
  return JSON.stringify([s.createdAt, s.mdmId, s.customerId, s.groupId, s.model, s.carrierCode, s.target]);
}

const groupKey = (g: Group): string => JSON.stringify([g.mdmId.toUpperCase(), g.customerId, g.groupId.toUpperCase()]);

/** The licence of each group, by group: what a process started from, to tell its own changes. */
export function groupLicenses(snapshot: Pick<TenantSnapshot, 'groups'>): Map<string, string> {
  return new Map(snapshot.groups.map((g) => [groupKey(g), g.license]));
}

/**
 * Merges what is on disk with what this process holds (both of the same generation), so two processes
 * practising at once both keep their changes: force updates and schedules are unions; a group takes
 * this process's licence only where this process changed it since `baseline` (what it started from).
 */
export function mergeSnapshots(onDisk: TenantSnapshot, mine: TenantSnapshot, baseline: ReadonlyMap<string, string>): TenantSnapshot {
  const groups = new Map<string, Group>();
  for (const g of onDisk.groups) groups.set(groupKey(g), g);
  for (const g of mine.groups) {
    const key = groupKey(g);
    if (!groups.has(key) || baseline.get(key) !== g.license) groups.set(key, g);
  }
  const forceUpdates = new Map<string, ForceUpdate>();
  for (const fu of [...onDisk.forceUpdates, ...mine.forceUpdates]) forceUpdates.set(fu.forceUpdateId, fu);
  const schedules = new Map<string, ScheduledUpdate>();
  for (const s of [...onDisk.schedules, ...mine.schedules]) schedules.set(scheduleKey(s), s);
  return {
    version: 1,
    generation: mine.generation,
    groups: [...groups.values()],
    forceUpdates: [...forceUpdates.values()].sort((a, b) => a.createdAt - b.createdAt),
    schedules: [...schedules.values()].sort((a, b) => a.createdAt - b.createdAt),
    fleet: mergeFleets(fleetOf(onDisk), fleetOf(mine)),
  };
}

// What part of the file a problem is in, in the words the notice has always used.
const PARTS: Readonly<Record<string, string>> = { groups: 'its groups are damaged', forceUpdates: 'its force updates are damaged', schedules: 'its schedules are damaged' };

/** Checks a snapshot read from disk; returns it typed, or what is wrong (`problem` in a few words, `details` with paths). */
export function checkSnapshot(raw: unknown): { ok: true; snapshot: TenantSnapshot } | { ok: false; problem: string; details: string } {
  const checked = checkJson(tenantSnapshotSchema, raw);
  if (checked.ok) return { ok: true, snapshot: checked.value };
  const part = /^(\w+)/.exec(checked.problems[0] ?? '')?.[1] ?? '';
  return { ok: false, problem: PARTS[part] ?? 'it is not a version-1 practice tenant snapshot', details: problemLine(checked.problems) };
}
