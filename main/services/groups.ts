// Groups of the active profile. Samsung has no call that lists groups, so the ones registered from
// this app or entered by the admin are kept in the profile's folder (profiles/<id>/groups.json),
// with the licence each is on and when that last changed.
import path from 'node:path';
import type { Clock } from '../../common/clock.ts';
import type { GroupsView, GroupView } from '../../common/contract.ts';
import { normaliseGroupId, normaliseMdmId } from '../../common/efota/normalise.ts';
import type { EventSink } from './events.ts';
import { profileFolder } from '../store/data-folder.ts';
import type { Connections, ProfileTarget } from './connections.ts';
import { groupsFileSchema, groupsWords, type GroupRecord, type GroupsFile } from './groups-schema.ts';
import { JsonDocument } from './json-document.ts';
import type { ProfileDirectory } from './profile-directory.ts';
import { ServiceError } from './service-error.ts';

export type { GroupRecord } from './groups-schema.ts';

/** Where the Corp ID goes, in one line. */
export const CORP_ID_HINT =
  'The Corp ID (mdmId/customerId/groupId) goes into your MDM’s Samsung E-FOTA policy (the “Corp ID” field); the MDM hands it to each device with the Knox SDK, which enrols the device in that group.';

/** Groups of the active profile. */
export class GroupsService {
  constructor(
    private readonly dataDir: string,
    private readonly profiles: ProfileDirectory,
    private readonly connections: Connections,
    private readonly events: EventSink,
    private readonly clock: Clock,
    private readonly onMovedAside: (movedTo: string, problem: string) => void,
    /** groups a profile starts with (the practice tenant's demo groups) */
    private readonly initial: (profileId: string) => readonly GroupRecord[] = () => [],
  ) {}

  /** The groups of the active profile. */
  async list(): Promise<GroupsView> {
    const target = await this.profiles.active();
    return this.view(target, this.document(target.id).read().groups);
  }

  /** Registers a group on the active licence with Samsung, then keeps it. */
  async register(groupId: string, note: string): Promise<GroupsView> {
    const target = await this.profiles.active();
    const id = normaliseGroupId(groupId);
    const client = await this.connections.client(target);
    await client.groupRegister(id);
    await this.connections.persist(target.id);
    const now = this.now();
    return this.change(target, (groups) => {
      const old = groups.find((g) => g.groupId === id);
      const next: GroupRecord = { groupId: id, license: target.license, source: 'registered', addedAt: old?.addedAt ?? now, registeredAt: now, licenceChangedAt: old?.licenceChangedAt ?? null, note: note.trim() || (old?.note ?? '') };
      return upsert(groups, next);
    });
  }

  /** Keeps a group registered elsewhere (nothing is sent to Samsung). */
  async add(groupId: string, license: string | null, note: string): Promise<GroupsView> {
    const target = await this.profiles.active();
    const id = normaliseGroupId(groupId);
    const now = this.now();
    return this.change(target, (groups) => {
      if (groups.some((g) => g.groupId === id)) throw new ServiceError('INVALID_INPUT', `Group ${id} is already in the list.`);
      return upsert(groups, { groupId: id, license: license?.trim() || target.license, source: 'entered', addedAt: now, registeredAt: null, licenceChangedAt: null, note: note.trim() });
    });
  }

  /** Forgets a group here; it stays registered at Samsung. */
  async forget(groupId: string): Promise<GroupsView> {
    const target = await this.profiles.active();
    const id = normaliseGroupId(groupId);
    return this.change(target, (groups) => {
      if (!groups.some((g) => g.groupId === id)) throw new ServiceError('NOT_FOUND', `Group ${id} is not in the list of ${target.name}.`);
      return groups.filter((g) => g.groupId !== id);
    });
  }

  /** Moves a group to another licence with Samsung (groupLicenseChange), then records it. */
  async changeLicense(groupId: string, newLicense: string): Promise<GroupsView> {
    const target = await this.profiles.active();
    const id = normaliseGroupId(groupId);
    const known = this.document(target.id).read().groups.find((g) => g.groupId === id);
    if (known && known.license !== target.license) {
      throw new ServiceError(
        'NOT_ALLOWED',
        `Group ${id} is on licence ${known.license}, but profile ${target.name} uses licence ${target.license}; Samsung needs the group's current licence in the call.`,
        `Use (or add) a profile for licence ${known.license} to move this group.`,
      );
    }
    const next = newLicense.trim();
    if (next === target.license) throw new ServiceError('INVALID_INPUT', `Group ${id} is already on licence ${next}.`);
    const client = await this.connections.client(target);
    await client.groupLicenseChange(id, next);
    await this.connections.persist(target.id);
    const now = this.now();
    return this.change(target, (groups) => {
      const old = groups.find((g) => g.groupId === id);
      return upsert(groups, {
        groupId: id,
        license: next,
        source: old?.source ?? 'entered',
        addedAt: old?.addedAt ?? now,
        registeredAt: old?.registeredAt ?? null,
        licenceChangedAt: now,
        note: old?.note ?? '',
      });
    });
  }

  /** Restores a profile's list to what it starts with (practice reset). */
  async reset(profileId: string): Promise<void> {
    const target = await this.profiles.byId(profileId);
    const file = await this.document(profileId).update(() => ({ version: 1, groups: this.initial(profileId) }));
    this.events.emit('groups:changed', this.view(target, file.groups));
  }

  private async change(target: ProfileTarget, edit: (groups: readonly GroupRecord[]) => readonly GroupRecord[]): Promise<GroupsView> {
    const file = await this.document(target.id).update((current) => ({ version: 1, groups: edit(current.groups) }));
    const view = this.view(target, file.groups);
    this.events.emit('groups:changed', view);
    return view;
  }

  private document(profileId: string): JsonDocument<GroupsFile> {
    const doc = new JsonDocument<GroupsFile>(
      path.join(profileFolder(this.dataDir, profileId), 'groups.json'),
      groupsFileSchema,
      groupsWords,
      () => ({ version: 1, groups: this.initial(profileId) }),
      () => this.clock.now(),
    );
    doc.onMovedAside = this.onMovedAside;
    return doc;
  }

  private view(target: ProfileTarget, groups: readonly GroupRecord[]): GroupsView {
    const corp = `${normaliseMdmId(target.mdmId)}/${target.customerId}/`;
    const views: GroupView[] = [...groups]
      .sort((a, b) => a.groupId.localeCompare(b.groupId))
      .map((g) => ({ ...g, corpId: `${corp}${g.groupId}` }));
    return { profileId: target.id, groups: views, corpIdHint: CORP_ID_HINT };
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function upsert(groups: readonly GroupRecord[], next: GroupRecord): GroupRecord[] {
  return [...groups.filter((g) => g.groupId !== next.groupId), next];
}
