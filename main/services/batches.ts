// Batches for the window: the list, a new batch from the import Worker's devices, group settings
// (target, network, immediate or scheduled), the Excluded list, firmware lists, the dry run and the
// `.fotabatch` hand-off. Every rule lives in common/batch and main/batches; this is the glue.
import type { Clock } from '../../common/clock.ts';
import { buildBatch, type ImportedFile } from '../../common/batch/build.ts';
import { canonicalJson } from '../../common/batch/digest.ts';
import { excludeByAdmin, takeBack } from '../../common/batch/exclusions.ts';
import { adoptHandoff, exportHandoffFile, HANDOFF_EXTENSION, readHandoff } from '../../common/batch/handoff.ts';
import { groupKey, type Actor, type Batch, type BatchDevice, type BatchGroup, type GroupMode } from '../../common/batch/model.ts';
import { INCLUDE_NONE, type IncludeOpen } from '../../common/batch/send-summary.ts';
import { resolveTarget, type CachedFirmware } from '../../common/batch/target.ts';
import { normaliseGroupId } from '../../common/efota/normalise.ts';
import type {
  BatchCreatedView,
  BatchCreateRequest,
  BatchDetailsChange,
  BatchListView,
  BatchSendState,
  BatchView,
  FirmwareChoice,
  FirmwareChoicesView,
  GroupSetting,
  HandoffFileView,
  HandoffImportedView,
  PreviewView,
} from '../../common/contract.ts';
import { newBatchId } from '../batches/ids.ts';
import { openPushLedger } from '../batches/open-pushes.ts';
import { dryRun, licenseFactsFrom, type DryRunConnection } from '../batches/preview-inputs.ts';
import { isPracticeCustomer } from '../batches/track.ts';
import type { TrackingService } from '../batches/track-service.ts';
import type { FirmwareList } from '../efota/types.ts';
import type { EventSink } from './events.ts';
import { toContractError } from './contract-error.ts';
import { exportFileName, practiceLabel, PRACTICE_PROFILE_ID } from '../practice/practice-profile.ts';
import type { BatchStore } from '../store/batches/batch-store.ts';
import { lastFirmwareList, lastLicenseInfo, recordFirmwareList } from '../store/facts.ts';
import { batchSummary, batchView } from './batch-view.ts';
import type { Connections, ProfileTarget } from './connections.ts';
import type { ProfileDirectory } from './profile-directory.ts';
import { ServiceError } from './service-error.ts';

/** What the batches service is built from. */
export interface BatchesDeps {
  readonly store: BatchStore;
  readonly directory: ProfileDirectory;
  readonly connections: Connections;
  readonly tracking: TrackingService;
  readonly events: EventSink;
  readonly clock: Clock;
  readonly actor: () => Actor;
  /** ids of batches with a send open in this app, and whether it is running */
  readonly sends: () => ReadonlyMap<string, 'running' | 'open'>;
}

/** The newest firmware first, by publication. */
function byNewest(a: FirmwareChoice, b: FirmwareChoice): number {
  return (b.openedDate ?? '').localeCompare(a.openedDate ?? '');
}

/** Reads a cached (or just fetched) firmwareList value into choices; unknown shapes give none. */
export function firmwareChoices(value: unknown): FirmwareChoice[] {
  const items = (value as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return items
    .map((item: unknown) => item as Record<string, unknown> | null)
    .filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && typeof item['targetFirmwareVersion'] === 'string' && item['targetFirmwareVersion'] !== 'None')
    .map((item) => ({ version: item['targetFirmwareVersion'] as string, description: text(item['description']), osVersion: text(item['osVersion']), openedDate: text(item['openedDate']) }))
    .sort(byNewest);
}

/** A file name safe on every OS, from a batch name. */
function safeFileName(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]+/gu, '_').trim() || 'batch';
}

/** The batches of the data folder, as the window uses them. */
export class BatchesService {
  constructor(private readonly d: BatchesDeps) {}

  /** Every readable batch: the active tenant's first, newest edit first. */
  async list(): Promise<BatchListView> {
    const active = await this.d.directory.active();
    const index = this.#sentIndex();
    const batches = this.d.store
      .list()
      .map((b) => batchSummary(b, { activeCustomerId: active.customerId, sendState: this.#sendState(b.id, index), lastSentAt: index.get(b.id) ?? null }))
      .sort((a, b) => Number(b.activeTenant) - Number(a.activeTenant) || b.edited.at.localeCompare(a.edited.at));
    const problems = this.d.store.problems.map((p) => (p.movedTo ? `${p.file} could not be read (${p.problem}); it was moved to ${p.movedTo}.` : `${p.file} was skipped: ${p.problem}`));
    return { batches, problems };
  }

  /** One batch as the builder shows it. */
  async get(id: string): Promise<BatchView> {
    return this.view(this.#must(id));
  }

  /** The builder's view of a stored batch. */
  async view(batch: Batch): Promise<BatchView> {
    const active = await this.d.directory.active();
    return batchView(batch, { activeCustomerId: active.customerId, sendState: this.#sendState(batch.id, this.#sentIndex()), clock: this.d.clock });
  }

  /** A new draft from imported devices (already checked by the handler) for the active tenant. */
  async create(request: BatchCreateRequest): Promise<BatchCreatedView> {
    const target = await this.d.directory.active();
    const settings = await this.d.directory.load();
    const now = this.d.clock.now();
    const at = new Date(now).toISOString();
    const files: ImportedFile[] = request.sources.map((s) => ({
      fileName: s.fileName,
      sha256: s.sha256,
      importedAt: at,
      devices: s.devices.map((d): BatchDevice => ({
        serial: d.serial,
        model: d.model,
        salesCode: d.salesCode,
        ...(d.imei ? { imei: d.imei } : {}),
        ...(d.row !== null ? { source: { fileName: s.fileName, row: d.row } } : {}),
      })),
    }));
    const built = buildBatch(
      files,
      {
        id: newBatchId(),
        name: request.name,
        notes: request.notes,
        customerId: target.customerId,
        stamp: { at, by: this.d.actor() },
        target: request.target,
        targetFor: new Map(),
        network: request.network,
        schedule: null,
        pilot: null,
        firmwareFor: (model, salesCode) => cachedFirmware(settings, target.id, model, salesCode, now),
      },
      this.d.clock,
    );
    if (!built.ok) throw new ServiceError('INVALID_INPUT', built.problems.join(' '), 'Change the first target (or fix the devices in the file) and create the batch again.');
    const stored = await this.d.store.create(built.batch);
    this.d.events.emit('batches:changed', { batchId: stored.id });
    return {
      batch: await this.view(stored),
      repeated: built.repeated,
      conflicts: built.conflicts.map((c) => ({ serial: c.serial, seenAs: c.seenAs.map((s) => `${s.model}/${s.salesCode} in ${s.fileName}`) })),
    };
  }

  /** Sets one group's target, network and mode. */
  async setGroup(id: string, setting: GroupSetting): Promise<BatchView> {
    const target = await this.d.directory.active();
    const settings = await this.d.directory.load();
    const now = this.d.clock.now();
    return this.#edit(id, (batch) => {
      const group = batch.groups.find((g) => groupKey(g.model, g.salesCode) === setting.key);
      if (!group) throw new ServiceError('NOT_FOUND', `Batch '${batch.name}' has no group ${setting.key} (its groups: ${batch.groups.map((g) => groupKey(g.model, g.salesCode)).join(', ')}).`);
      const resolved = resolveTarget(group.model, setting.target, cachedFirmware(settings, target.id, group.model, group.salesCode, now));
      const mode: GroupMode = setting.schedule
        ? { kind: 'scheduled', groupId: normaliseGroupId(setting.schedule.groupId), window: setting.schedule.window }
        : { kind: 'immediate', network: setting.network };
      // A pin belongs to the target it pinned: a new target drops it.
      const { pinnedTarget, ...rest } = group;
      const next: BatchGroup = { ...rest, target: resolved.target, targetSource: resolved.source, mode, ...(pinnedTarget !== undefined && resolved.target === group.target ? { pinnedTarget } : {}) };
      return { ...batch, groups: batch.groups.map((g) => (g === group ? next : g)) };
    });
  }

  /** Sets the name, notes and pilot. */
  async setDetails(id: string, change: BatchDetailsChange): Promise<BatchView> {
    return this.#edit(id, (batch) => ({ ...batch, name: change.name.trim(), notes: change.notes, pilot: change.pilot }));
  }

  /** Leaves devices out by hand. */
  async exclude(id: string, serials: readonly string[], reason: string): Promise<BatchView> {
    return this.#edit(id, (batch) => {
      const outcome = excludeByAdmin(batch, serials, reason.trim() || 'excluded by the admin', this.#stamp());
      if (outcome.unknown.length > 0) throw new ServiceError('NOT_FOUND', `Not devices of this batch: ${outcome.unknown.slice(0, 10).join(', ')}.`);
      return outcome.batch;
    });
  }

  /** Takes devices back from Excluded. */
  async takeBack(id: string, serials: readonly string[]): Promise<BatchView> {
    return this.#edit(id, (batch) => {
      const outcome = takeBack(batch, serials, this.#stamp());
      if (outcome.unknown.length > 0) throw new ServiceError('NOT_FOUND', `Not devices of this batch: ${outcome.unknown.slice(0, 10).join(', ')}.`);
      return outcome.batch;
    });
  }

  /** Deletes a batch that is not being sent here; its history and journals stay. */
  async remove(id: string): Promise<BatchListView> {
    this.#must(id);
    if (this.d.sends().has(id)) throw new ServiceError('NOT_ALLOWED', 'This batch has a send open: close or finish it first.');
    await this.d.store.remove(id);
    this.d.events.emit('batches:changed', { batchId: id });
    return this.list();
  }

  /** The firmware list of a model and sales code: the cached one, or (with `refresh`) fetched now and cached. */
  async firmware(model: string, salesCode: string, refresh: boolean): Promise<FirmwareChoicesView> {
    const target = await this.d.directory.active();
    const now = this.d.clock.now();
    let error = null;
    if (refresh) {
      try {
        const client = await this.d.connections.client(target);
        const list: FirmwareList = await client.firmwareList({ model, salesCode });
        await recordFirmwareList(this.d.directory.settings, target.id, { model, salesCode }, list, this.d.clock.now());
      } catch (e) {
        error = toContractError(e);
      }
    }
    const fact = lastFirmwareList(await this.d.directory.load(), target.id, model, salesCode, now)?.fact ?? null;
    return { model, salesCode, items: fact ? firmwareChoices(fact.value) : [], fetchedAt: fact?.at ?? null, error };
  }

  /** The dry run; online, abnormalDeviceList is asked first and what it reports moves to Excluded. Devices whose latest push is open are held back unless included. */
  async preview(id: string, online: boolean, include: IncludeOpen | null = null): Promise<PreviewView> {
    const target = await this.d.directory.active();
    const batch = this.#mustForTenant(id, target);
    if (online && this.d.sends().has(batch.id)) throw new ServiceError('NOT_ALLOWED', 'This batch has a send open: the dry run would change its Excluded list under it. Close the send first.');
    const connection: DryRunConnection = online ? await this.#online(target) : { kind: 'offline', reason: 'the dry run was asked to stay offline' };
    const settings = await this.d.directory.load();
    const license = licenseFactsFrom(lastLicenseInfo(settings, target.id, this.d.clock.now())?.fact ?? null);
    // Without a readable history nothing could be held back: the dry run fails rather than mislead.
    const ledger = await openPushLedger(this.d.tracking);
    const run = await dryRun({
      store: this.d.store,
      batchId: batch.id,
      license,
      connection,
      dataDir: this.d.tracking.dataDir,
      openPushes: ledger.lookup,
      include: include ?? INCLUDE_NONE,
      clock: this.d.clock,
    });
    if (run.check) this.d.events.emit('batches:changed', { batchId: batch.id });
    return {
      preview: run.preview,
      batch: await this.view(run.batch),
      newlyExcluded: run.check?.newlyExcluded.length ?? 0,
      restored: run.check?.restored.length ?? 0,
    };
  }

  /** The batch as a `.fotabatch` file (PRACTICE- in its name and a practice line first for the practice tenant). */
  async exportHandoff(id: string): Promise<HandoffFileView> {
    const batch = this.#must(id);
    const practice = isPracticeCustomer(batch.customerId);
    const { text, sha256 } = await exportHandoffFile(batch, this.#stamp(), practice ? { practiceLabel: practiceLabel() } : {});
    const fileName = exportFileName(`${safeFileName(batch.name)}${HANDOFF_EXTENSION}`, practice ? PRACTICE_PROFILE_ID : batch.customerId);
    return { fileName, text, sha256 };
  }

  /** Checks a `.fotabatch` file against the active profile and stores its batch. */
  async importHandoff(fileName: string, text: string): Promise<HandoffImportedView> {
    const target = await this.d.directory.active();
    const read = await readHandoff(text, { customerId: target.customerId, profileName: target.name, clock: this.d.clock });
    if (!read.ok) throw new ServiceError('INVALID_INPUT', `${fileName} was refused: ${read.message}${read.details.length > 0 ? ` (${read.details.slice(0, 3).join('; ')})` : ''}`);
    let batch = adoptHandoff(read.file, fileName, this.#stamp());
    const existing = this.d.store.get(batch.id);
    if (existing && canonicalJson({ ...existing, handoff: null }) === canonicalJson({ ...batch, handoff: null })) {
      return { batch: await this.view(existing), prepared: read.file.prepared, practice: read.file.practice ?? null, alreadyPresent: true };
    }
    if (existing) batch = { ...batch, id: newBatchId() };
    const stored = await this.d.store.createWithFreeName(batch);
    this.d.events.emit('batches:changed', { batchId: stored.id });
    return { batch: await this.view(stored), prepared: read.file.prepared, practice: read.file.practice ?? null, alreadyPresent: false };
  }

  async #online(target: ProfileTarget): Promise<DryRunConnection> {
    try {
      const source = await this.d.connections.client(target);
      return { kind: 'online', source, practiceFleet: target.practice ? await this.d.connections.practiceFleet(target.id) : null };
    } catch (error) {
      return { kind: 'offline', reason: toContractError(error).message };
    }
  }

  async #edit(id: string, change: (batch: Batch) => Batch): Promise<BatchView> {
    if (this.d.sends().has(id)) throw new ServiceError('NOT_ALLOWED', 'This batch has a send open: its calls were planned from the batch as it was. Finish or close the send, then edit the batch.');
    this.#must(id);
    const stored = await this.d.store.update(id, (current) => ({ ...change(current), edited: this.#stamp() }));
    this.d.events.emit('batches:changed', { batchId: id });
    return this.view(stored);
  }

  #must(id: string): Batch {
    const batch = this.d.store.get(id);
    if (!batch) throw new ServiceError('NOT_FOUND', `There is no batch with id ${id} (it may have been deleted by another window or the fota command line).`);
    return batch;
  }

  #mustForTenant(id: string, target: ProfileTarget): Batch {
    const batch = this.#must(id);
    if (batch.customerId !== target.customerId) {
      throw new ServiceError('NOT_ALLOWED', `Batch '${batch.name}' was prepared for customer ID ${batch.customerId}, but the active profile '${target.name}' is for ${target.customerId}.`, 'Make a profile of that customer active in Settings, then open the batch again.');
    }
    return batch;
  }

  #sentIndex(): Map<string, string | null> {
    const out = new Map<string, string | null>();
    try {
      for (const entry of this.d.tracking.history.index().batches) out.set(entry.batchId, entry.lastSentAt);
    } catch {
      // An unreadable history only hides "sent" from the list.
    }
    return out;
  }

  #sendState(id: string, index: ReadonlyMap<string, string | null>): BatchSendState {
    const open = this.d.sends().get(id);
    if (open === 'running') return 'sending';
    if (open === 'open') return 'unfinished';
    return index.has(id) ? 'sent' : 'draft';
  }

  #stamp(): { at: string; by: Actor } {
    return { at: new Date(this.d.clock.now()).toISOString(), by: this.d.actor() };
  }
}

/** The cached firmware list of a profile for a model and sales code, as targets; null when never fetched. */
export function cachedFirmware(settings: Parameters<typeof lastFirmwareList>[0], profileId: string, model: string, salesCode: string, now: number): readonly CachedFirmware[] | null {
  const fact = lastFirmwareList(settings, profileId, model, salesCode, now)?.fact;
  return fact ? firmwareChoices(fact.value).map((c) => ({ targetFirmwareVersion: c.version })) : null;
}
