// The settings of a data folder, opened the same way by the CLI, web mode and tests (main/app
// opens it over electron-store instead, with the same SettingsFile).
import { ConfKeyValueStore, confEngine, type StoreEngineFactory } from './key-value-store.ts';
import { SettingsFile, type SettingsFileOptions } from './settings-file.ts';

/** The settings file of `dataDir` (settings.json) over conf, or the engine given (electron-store in the app). */
export function openSettings(dataDir: string, options: SettingsFileOptions = {}, engine: StoreEngineFactory = confEngine): SettingsFile {
  return new SettingsFile(new ConfKeyValueStore(dataDir, 'settings', engine), options);
}
