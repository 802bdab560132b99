// What every `fota batch …` command shares: the batch store of the data folder, the actor (OS user
// and host) and flag parsing (failures are worded in main/cli/failure.ts). Not a command itself.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { systemClock, type Clock } from '../../../common/clock.ts';
import type { Actor, Stamp } from '../../../common/batch/model.ts';
import { flagError, UsageError } from '../command.ts';
import type { CliIo } from '../io.ts';
import { BatchStore } from '../../store/batches/batch-store.ts';
import { currentDataFolder } from '../../store/data-folder.ts';
import { lastFirmwareList, lastLicenseInfo } from '../../store/facts.ts';
import { openSettings } from '../../store/open-settings.ts';
import { isPackagedRuntime } from '../../store/packaged.ts';
import { currentActor } from '../../services/actor.ts';
import { PRACTICE_PROFILE_ID } from '../../store/profile-schema.ts';
import { activeProfile, findProfile } from '../../store/profiles.ts';
import type { Settings } from '../../store/settings-schema.ts';
import { PRACTICE_PROFILE_NAME, practiceIdentity } from '../../practice/practice-profile.ts';
import type { CachedFirmware } from '../../../common/batch/target.ts';
import type { LicenseFacts } from '../../../common/batch/preview.ts';
import { licenseFactsFrom } from '../../batches/preview-inputs.ts';
import { openPushLedger, type OpenPushLookup } from '../../batches/open-pushes.ts';
import { TrackingService } from '../../batches/track-service.ts';

/** The data folder, batch store, clock and actor of one batch command. */
export interface BatchContext {
  readonly dataDir: string;
  readonly store: BatchStore;
  readonly clock: Clock;
  readonly actor: Actor;
}

/** Opens the context of a batch command. */
export function batchContext(io: CliIo): BatchContext {
  const isPackaged = isPackagedRuntime();
  const dataDir = currentDataFolder(io.env, isPackaged);
  const clock: Clock = systemClock;
  const store = new BatchStore(dataDir, { clock });
  return { dataDir, store, clock, actor: currentActor() };
}

/** A stamp for now, by this actor. */
export function stampNow(ctx: BatchContext): Stamp {
  return { at: new Date(ctx.clock.now()).toISOString(), by: ctx.actor };
}

/** Tells the admin about batch files that were unreadable and moved aside (once per command). */
export function reportStoreProblems(ctx: BatchContext, io: CliIo, command: string): void {
  for (const p of ctx.store.problems) {
    io.stderr(
      p.movedTo
        ? `fota ${command}: warning: ${p.file} could not be read (${p.problem}); it was moved to ${p.movedTo}. The rest of the batches are unaffected.\n`
        : `fota ${command}: warning: ${p.file} was skipped: ${p.problem}\n`,
    );
  }
}

/** parseArgs with strict flags; its errors become usage errors (exit 2). */
export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw flagError(error);
  }
}

/** Exactly one positional, named `what` in the message. */
export function onePositional(positionals: readonly string[], what: string): string {
  if (positionals.length === 0) throw new UsageError(`give the ${what}`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1] ?? ''}'`);
  return positionals[0] ?? '';
}

/** Prints a JSON document (one object, newline-terminated). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** The tenant a batch command works for: the active profile, or the one named with --profile. */
export interface Tenant {
  readonly profileId: string;
  readonly profileName: string;
  readonly customerId: string;
  readonly practice: boolean;
}

/** The practice profile's tenant: the simulator's demo tenant. */
export const PRACTICE_CUSTOMER_ID: string = practiceIdentity().customerId;

/** The tenant and what the profile store knows about it (licence, cached firmware lists). */
export interface TenantFacts {
  readonly tenant: Tenant;
  readonly settings: Settings;
  /** the last licenseInfo, or null */
  readonly license: LicenseFacts | null;
  /** the cached firmware list of a model and sales code, or null when never fetched */
  firmwareFor(model: string, salesCode: string): readonly CachedFirmware[] | null;
}

/** Reads the settings and resolves the tenant (`--profile NAME`, else the active profile). */
export async function tenantFacts(ctx: BatchContext, io: CliIo, command: string, profileRef: string | undefined): Promise<TenantFacts> {
  const file = openSettings(ctx.dataDir, {
    onNotice: (n) => io.stderr(`fota ${command}: warning: the settings file could not be read (${n.problem}); it was moved to ${n.movedTo} and defaults were loaded.\n`),
  });
  const settings = await file.load();
  const profile = profileRef !== undefined ? findProfile(settings, profileRef) : activeProfile(settings);
  const tenant: Tenant =
    profile === PRACTICE_PROFILE_ID
      ? { profileId: PRACTICE_PROFILE_ID, profileName: PRACTICE_PROFILE_NAME, customerId: PRACTICE_CUSTOMER_ID, practice: true }
      : { profileId: profile.id, profileName: profile.name, customerId: profile.customerId, practice: false };
  const now = ctx.clock.now();
  const license = licenseFactsFrom(lastLicenseInfo(settings, tenant.profileId, now)?.fact ?? null);
  return {
    tenant,
    settings,
    license,
    firmwareFor(model, salesCode) {
      const fact = lastFirmwareList(settings, tenant.profileId, model, salesCode, now)?.fact;
      const items = (fact?.value as { items?: unknown } | null | undefined)?.items;
      if (!Array.isArray(items)) return null;
      return items
        .map((i: unknown) => (i as { targetFirmwareVersion?: unknown } | null)?.targetFirmwareVersion)
        .filter((t): t is string => typeof t === 'string' && t !== 'None')
        .map((t) => ({ targetFirmwareVersion: t }));
    },
  };
}

/** A tracking service over the batch store of a batch command. */
export function trackingOf(ctx: BatchContext): TrackingService {
  return new TrackingService({ dataDir: ctx.dataDir, clock: ctx.clock, batches: ctx.store });
}

/**
 * What the data folder knows of open pushes (the history caught up with the send journals first).
 * A history that cannot be read stops the command: nothing could be held back without it.
 */
export async function openPushesOf(ctx: BatchContext, io: CliIo, command: string, tracking: TrackingService = trackingOf(ctx)): Promise<OpenPushLookup> {
  const ledger = await openPushLedger(tracking);
  for (const p of ledger.problems) io.stderr(`fota ${command}: warning: a send journal is damaged; what can still be read of it counts for holding devices back: ${p}\n`);
  return ledger.lookup;
}
