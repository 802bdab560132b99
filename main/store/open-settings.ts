// The settings of a data folder, opened the same way by the CLI, web mode and tests (main/app
// opens it over electron-store instead, with the same SettingsFile).
import { ConfKeyValueStore } from './key-value-store.ts';
import { SettingsFile, type SettingsFileOptions } from './settings-file.ts';

/** The settings file of `dataDir` (settings.json) over conf. */
export function openSettings(dataDir: string, options: SettingsFileOptions = {}): SettingsFile {
  return new SettingsFile(new ConfKeyValueStore(dataDir, 'settings'), options);
}
