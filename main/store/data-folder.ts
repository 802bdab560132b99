// The one data folder shared by the window and the `fota` command line. Electron's
// `app.getPath('userData')` is `<appData>/<productName>`; the CLI cannot ask Electron, so it computes
// the same path from the same rules, and a test pins the computation for every platform.
import { homedir } from 'node:os';
import path from 'node:path';

/** The productName in package.json; Electron names the user-data folder after it. */
export const PRODUCT_NAME = 'FOTA Desk';

/** The environment variable that points the data folder elsewhere (tests, portable use); ignored when packaged. */
export const DATA_DIR_ENV = 'FOTA_DESK_DATA_DIR';

/** What the data-folder computation depends on; injected so a test can pose as any platform. */
export interface DataFolderInputs {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  /** true in a packaged app (and the CLI shipped inside it): the override variable is ignored */
  readonly isPackaged: boolean;
}

/** Electron's `appData` folder for a platform (Chromium's rules, as documented for `app.getPath`). */
export function appDataFolder(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (platform === 'win32') {
    // Windows paths are built with win32 rules even when the test runs on Linux.
    return env['APPDATA'] || path.win32.join(home, 'AppData', 'Roaming');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support');
  const xdg = env['XDG_CONFIG_HOME'];
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored; Chromium does the same.
  return xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
}

/** The data folder: the override when allowed, else Electron's `userData` for productName "FOTA Desk". */
export function dataFolder(inputs: DataFolderInputs): string {
  const override = inputs.env[DATA_DIR_ENV];
  if (!inputs.isPackaged && override) return path.resolve(override);
  const join = inputs.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataFolder(inputs.platform, inputs.env, inputs.home), PRODUCT_NAME);
}

/** The data folder of this process (real platform and home, the given environment). */
export function currentDataFolder(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string {
  const home = (process.platform === 'win32' ? env['USERPROFILE'] : env['HOME']) || homedir();
  return dataFolder({ platform: process.platform, env, home, isPackaged });
}

/** The per-profile folder (history, practice tenant state); kept when a profile is deleted. */
export function profileFolder(dataDir: string, profileId: string): string {
  return path.join(dataDir, 'profiles', profileId);
}
