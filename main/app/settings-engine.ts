// The app keeps its settings with electron-store (the user's choice), in the same settings.json the
// `fota` command line reads with conf, electron-store's own engine: same folder, same format.
import ElectronStore from 'electron-store';
import type { StoreEngineFactory } from '../store/key-value-store.ts';

/** electron-store as the settings engine, with conf's options mapped to its names. */
export const electronStoreEngine: StoreEngineFactory = (options) =>
  new ElectronStore<Record<string, unknown>>({
    name: options.configName,
    cwd: options.cwd,
    clearInvalidConfig: options.clearInvalidConfig,
    deserialize: options.deserialize,
    configFileMode: options.configFileMode,
  });
