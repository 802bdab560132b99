// The settings file engine, injected: `conf` in Node (CLI, web mode, tests); `electron-store` (conf
// with Electron's paths) in main/app. Only whole-store reads and writes are used, so both fit.
import Conf from 'conf';
import path from 'node:path';
import { parseJsonText } from '../../common/schema/check-json.ts';
import { isPlainObject } from '../../common/schema/json-fields.ts';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from './private-files.ts';

/** A JSON object persisted in one file. */
export interface KeyValueStore {
  /** the file holding the store */
  readonly path: string;
  /** the whole store as it is on disk now; throws (SyntaxError for broken JSON) when unreadable */
  read(): Record<string, unknown>;
  /** replaces the whole store (atomically: a crash leaves the old or the new file, never half) */
  write(data: Record<string, unknown>): void;
}

// conf reads `[]`, `42` or `null` as an empty store, which the next write would silently replace;
// such a file is damaged, so it is refused like broken JSON.
function deserializeObject(text: string): Record<string, unknown> {
  const parsed = parseJsonText(text.replace(/^\uFEFF/, ''));
  // The parser quotes the text around the fault; the file must not be echoed into messages.
  if (!parsed.ok) throw new SyntaxError('the file is not valid JSON');
  if (!isPlainObject(parsed.value)) throw new SyntaxError('the file does not hold a JSON object');
  return parsed.value;
}

/** What conf and electron-store both are, as far as a KeyValueStore needs: the whole store, read and written. */
export interface StoreEngine {
  store: Record<string, unknown>;
}

/** The options every engine is built with (conf's names; electron-store takes `name` for `configName`). */
export interface StoreEngineOptions {
  readonly cwd: string;
  readonly configName: string;
  readonly clearInvalidConfig: false;
  readonly deserialize: (text: string) => Record<string, unknown>;
  /** the settings file is readable by this user only (private-files.ts) */
  readonly configFileMode: number;
}

/** Builds the engine of one store file. */
export type StoreEngineFactory = (options: StoreEngineOptions) => StoreEngine;

/** conf, the engine in Node. */
export const confEngine: StoreEngineFactory = (options) => new Conf(options);

/** A KeyValueStore over an engine (conf by default), in `dir/<configName>.json`. */
export class ConfKeyValueStore implements KeyValueStore {
  readonly path: string;
  #engine: StoreEngine | undefined;

  constructor(
    private readonly dir: string,
    private readonly configName: string,
    private readonly create: StoreEngineFactory = confEngine,
  ) {
    this.path = path.join(dir, `${configName}.json`);
  }

  // The engine reads the file in its constructor and throws on a broken one, so it is built on first
  // use and built again after a failure (the file may have been repaired meanwhile).
  #store(): StoreEngine {
    if (!this.#engine) {
      // The engine creates a missing folder with the umask's mode; the data folder is private.
      ensurePrivateFolder(this.dir);
      this.#engine = this.create({ cwd: this.dir, configName: this.configName, clearInvalidConfig: false, deserialize: deserializeObject, configFileMode: PRIVATE_FILE_MODE });
    }
    return this.#engine;
  }

  /** Reads the whole store from disk. */
  read(): Record<string, unknown> {
    try {
      return { ...this.#store().store };
    } catch (error) {
      this.#engine = undefined;
      throw error;
    }
  }

  /** Writes the whole store. */
  write(data: Record<string, unknown>): void {
    this.#store().store = data;
  }
}
