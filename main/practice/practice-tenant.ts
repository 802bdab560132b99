// The practice tenant: the simulator, in this process, on loopback, seeded with the demo tenant plus
// the changes saved in the data folder (profiles/practice/tenant.json). Saving merges under a lock,
// so the window and the CLI can practise at the same time; a reset starts a new generation.
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../common/clock.ts';
import { parseJsonText } from '../../common/schema/check-json.ts';
import { startSimulator, type RunningSimulator } from '../simulator/index.ts';
import { profileFolder } from '../store/data-folder.ts';
import { withFileLock } from '../store/file-lock.ts';
import { moveAside, writeFileAtomic } from '../store/safe-file.ts';
import { PRACTICE_PROFILE_ID } from './practice-profile.ts';
import { applySnapshot, captureSnapshot, checkSnapshot, fleetCorp, fleetOf, groupLicenses, mergeSnapshots, type TenantSnapshot } from './tenant-snapshot.ts';
import { adoptFleet, emptyFleet, type AdoptedFleet, type FleetAdoption, type FleetDevice } from './practice-fleet.ts';
import { ensurePrivateFolder } from '../store/private-files.ts';
import { practicePace } from './practice-clock.ts';

/** The practice profile's own folder in the data folder. */
export function practiceFolder(dataDir: string): string {
  return profileFolder(dataDir, PRACTICE_PROFILE_ID);
}

/** Where the practice tenant's changes are saved. */
export function practiceStatePath(dataDir: string): string {
  return path.join(practiceFolder(dataDir), 'tenant.json');
}

/** A running practice tenant. */
export interface PracticeTenant {
  readonly simulator: RunningSimulator;
  /** saves this process's changes (merged with any other process's) */
  save(): Promise<void>;
  /** enrols the devices of an imported list the tenant does not know (practice firmware for unknown pairs), and saves */
  adopt(devices: readonly FleetDevice[]): Promise<FleetAdoption>;
  /** saves and stops the simulator */
  close(): Promise<void>;
}

/** Options of the practice tenant. */
export interface PracticeOptions {
  readonly dataDir: string;
  /** default: the system clock (force updates progress in real time) */
  readonly clock?: Clock;
  /** told when the saved state was unreadable and moved aside */
  readonly onNotice?: (message: string) => void;
}

type Loaded = { snapshot: TenantSnapshot | null };

function readSnapshot(file: string, now: number, onNotice?: (message: string) => void): Loaded {
  if (!existsSync(file)) return { snapshot: null };
  // A file that cannot be read (permissions) is not damaged: the error goes to the caller.
  const parsed = parseJsonText(readFileSync(file, 'utf8'));
  let problem = 'it is not valid JSON';
  let details = parsed.ok ? '' : parsed.problem;
  if (parsed.ok) {
    const checked = checkSnapshot(parsed.value);
    if (checked.ok) return { snapshot: checked.snapshot };
    ({ problem, details } = checked);
  }
  const aside = moveAside(file, now);
  if (aside !== null) onNotice?.(`the saved practice tenant could not be read (${problem}); it was moved to ${aside} and the demo tenant was loaded. What was wrong: ${details}`);
  return { snapshot: null };
}

function writeSnapshot(file: string, snapshot: TenantSnapshot): void {
  ensurePrivateFolder(path.dirname(file));
  writeFileAtomic(file, `${JSON.stringify(snapshot)}\n`);
}

/** Starts the practice tenant: the demo seed plus the saved changes. */
export async function startPracticeTenant(options: PracticeOptions): Promise<PracticeTenant> {
  const clock = options.clock ?? systemClock;
  const file = practiceStatePath(options.dataDir);
  const lock = `${file}.lock`;
  const loaded = await withFileLock(lock, () => readSnapshot(file, clock.now(), options.onNotice));
  const simulator = await startSimulator({ seed: 'demo', clock, dataDir: path.join(practiceFolder(options.dataDir), 'simulator') });
  // null: nothing was saved yet, so whatever another process saves first is our generation too.
  let generation: string | null = loaded.snapshot?.generation ?? null;
  // Device progress follows the practice clock (speed, finish now) shared through the data folder.
  simulator.state.setPace(practicePace(options.dataDir, clock, options.onNotice));
  if (loaded.snapshot) applySnapshot(simulator.state, loaded.snapshot);
  let fleet: AdoptedFleet = loaded.snapshot ? fleetOf(loaded.snapshot) : emptyFleet();
  let baseline = groupLicenses(captureSnapshot(simulator.state, generation ?? ''));
  // The simulator mints force-update ids from a seeded sequence (repeatable tests), so two processes
  // practising from the same saved state would mint the same id. Skipping a random stretch of the
  // sequence makes that a one-in-10,000 event.
  for (let skip = randomInt(10_000); skip > 0; skip--) simulator.state.newForceUpdateId();

  const save = (): Promise<void> =>
    withFileLock(lock, () => {
      const onDisk = readSnapshot(file, clock.now(), options.onNotice).snapshot;
      if (onDisk && generation !== null && onDisk.generation !== generation) {
        // Reset elsewhere since we loaded: adopt the new generation, drop our pre-reset changes.
        simulator.reset('demo');
        applySnapshot(simulator.state, onDisk);
        fleet = fleetOf(onDisk);
        generation = onDisk.generation;
        baseline = groupLicenses(onDisk);
        return;
      }
      generation ??= onDisk?.generation ?? randomUUID();
      const mine = captureSnapshot(simulator.state, generation, fleet);
      const merged = onDisk ? mergeSnapshots(onDisk, mine, baseline) : mine;
      writeSnapshot(file, merged);
      // Pick up the other process's changes too, so this tenant and the file agree from now on.
      applySnapshot(simulator.state, merged);
      fleet = fleetOf(merged);
      baseline = groupLicenses(merged);
    });

  let closed = false;
  return {
    simulator,
    save,
    async adopt(devices) {
      const adoption = adoptFleet(simulator.state, fleet, devices, fleetCorp(simulator.state), clock);
      if (adoption.enrolled > 0 || adoption.firmware.length > 0) await save();
      return adoption;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await save();
      } finally {
        await simulator.close();
      }
    },
  };
}

/** Restores the practice tenant to the demo seed: a new, empty generation on disk. */
export async function resetPracticeTenant(dataDir: string): Promise<void> {
  const file = practiceStatePath(dataDir);
  await withFileLock(`${file}.lock`, () => writeSnapshot(file, { version: 1, generation: randomUUID(), groups: [], forceUpdates: [], schedules: [] }));
}
