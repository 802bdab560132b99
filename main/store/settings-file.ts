// Reading and writing settings.json safely while the window and the CLI both use it: every write
// takes the settings lock and re-reads the file first, so neither process overwrites the other's
// change; an unreadable file is moved aside and reported, an older one migrated (with a backup).
import { chmodSync, constants, copyFileSync } from 'node:fs';
import { systemClock, type Clock } from '../../common/clock.ts';
import { withFileLock, type LockOptions } from './file-lock.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { migrateSettings, schemaVersionOf, SettingsTooNewError } from './settings-migrations.ts';
import { checkSettings, defaultSettings, SETTINGS_SCHEMA_VERSION, type Settings, type SettingsNotice } from './settings-schema.ts';
import { fileStamp, moveAside } from './safe-file.ts';
import { PRIVATE_FILE_MODE } from './private-files.ts';

/** The settings file exists but the OS refused to read or write it (permissions, disk): nothing is moved. */
export class SettingsUnreadableError extends Error {
  override readonly name = 'SettingsUnreadableError';
  constructor(file: string, reason: string) {
    super(`Cannot read ${file}: ${reason}. Check that this user may read and write the FOTA Desk data folder.`);
  }
}

type Inspection =
  | { readonly kind: 'ok'; readonly settings: Settings }
  | { readonly kind: 'old'; readonly raw: Record<string, unknown>; readonly from: number }
  | { readonly kind: 'corrupt'; readonly problem: string };

/** Options of a SettingsFile. */
export interface SettingsFileOptions {
  readonly clock?: Clock;
  readonly lock?: LockOptions;
  /** told about each notice as it is raised (the CLI prints a warning at once) */
  readonly onNotice?: (notice: SettingsNotice) => void;
}


/** The settings of one data folder. */
export class SettingsFile {
  readonly #kv: KeyValueStore;
  readonly #clock: Clock;
  readonly #options: SettingsFileOptions;

  constructor(kv: KeyValueStore, options: SettingsFileOptions = {}) {
    this.#kv = kv;
    this.#clock = options.clock ?? systemClock;
    this.#options = options;
  }

  /** The settings file. */
  get path(): string {
    return this.#kv.path;
  }

  /** The lock file every write holds. */
  get lockPath(): string {
    return `${this.#kv.path}.lock`;
  }

  /** Reads the settings; repairs (moves aside) or migrates the file under the lock when needed. */
  async load(): Promise<Settings> {
    const first = this.#inspect();
    if (first.kind === 'ok') return first.settings;
    return withFileLock(this.lockPath, () => this.#loadLocked(), this.#options.lock);
  }

  /**
   * Changes the settings: under the lock, reads the file as it is now, applies `change` and writes
   * the result (unless `change` returns null). Returns the settings as written.
   */
  async update(change: (current: Settings) => Settings | null): Promise<Settings> {
    return withFileLock(
      this.lockPath,
      () => {
        const current = this.#loadLocked();
        const next = change(current);
        if (next === null) return current;
        const checked = checkSettings({ ...next });
        // A change that would write a file we could not read back is a bug: refuse it, keep the file.
        if (!checked.ok) throw new Error(`refusing to write invalid settings: ${checked.problem}`);
        this.#kv.write(toRaw(checked.settings));
        return checked.settings;
      },
      this.#options.lock,
    );
  }

  #inspect(): Inspection {
    let raw: Record<string, unknown>;
    try {
      raw = this.#kv.read();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === 'string' && !code.startsWith('ERR_')) throw new SettingsUnreadableError(this.path, code);
      return { kind: 'corrupt', problem: error instanceof Error ? error.message : String(error) };
    }
    const version = schemaVersionOf(raw);
    if (version === null) return { kind: 'corrupt', problem: 'it has no valid schemaVersion' };
    if (version > SETTINGS_SCHEMA_VERSION) throw new SettingsTooNewError(this.path, version);
    if (Object.keys(raw).length === 0) return { kind: 'ok', settings: defaultSettings() };
    if (version < SETTINGS_SCHEMA_VERSION) return { kind: 'old', raw, from: version };
    const checked = checkSettings(raw);
    return checked.ok ? { kind: 'ok', settings: checked.settings } : { kind: 'corrupt', problem: checked.problem };
  }

  // Called with the lock held.
  #loadLocked(): Settings {
    const found = this.#inspect();
    if (found.kind === 'ok') return found.settings;
    if (found.kind === 'old') {
      let problem: string;
      try {
        const migrated = checkSettings(migrateSettings(found.raw, found.from, this.#clock.now(), this.path));
        if (migrated.ok) {
          // The pre-migration file is kept once, so an older FOTA Desk can still be pointed at it.
          try {
            const backup = `${this.path}.v${found.from}-backup`;
            copyFileSync(this.path, backup, constants.COPYFILE_EXCL);
            if (process.platform !== 'win32') chmodSync(backup, PRIVATE_FILE_MODE);
          } catch {
            /* a backup of that version already exists */
          }
          this.#kv.write(toRaw(migrated.settings));
          return migrated.settings;
        }
        problem = `after migration from schema ${found.from}: ${migrated.problem}`;
      } catch (error) {
        if (error instanceof SettingsTooNewError) throw error;
        problem = `migration from schema ${found.from} failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      return this.#moveAside(problem);
    }
    return this.#moveAside(found.problem);
  }

  #moveAside(problem: string): Settings {
    const now = this.#clock.now();
    // Gone already means another process moved it first; the defaults below are what it wrote too.
    const movedTo = moveAside(this.path, now) ?? `${this.path}.corrupt-${fileStamp(now)}`;
    const notice: SettingsNotice = { kind: 'settings-moved-aside', at: new Date(now).toISOString(), movedTo, problem };
    const settings: Settings = { ...defaultSettings(), notices: [notice] };
    this.#kv.write(toRaw(settings));
    this.#options.onNotice?.(notice);
    return settings;
  }
}

function toRaw(settings: Settings): Record<string, unknown> {
  // A deep copy: the store engine must never hold on to (or freeze) our objects.
  return JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
}
