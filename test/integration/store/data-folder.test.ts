import { describe, expect, it } from 'vitest';
import { appDataFolder, dataFolder, profileFolder } from '../../../main/store/data-folder.ts';
import { isPackagedModule } from '../../../main/store/packaged.ts';

// The window (Electron's app.getPath('userData')) and the CLI must agree on one folder; Electron
// cannot run here, so these are the paths Electron documents for productName "FOTA Desk".
describe('data folder', () => {
  it('is %APPDATA%\\FOTA Desk on Windows', () => {
    expect(dataFolder({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana', isPackaged: true })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\FOTA Desk',
    );
    // without APPDATA (a stripped service environment) the roaming folder under the profile
    expect(dataFolder({ platform: 'win32', env: {}, home: 'C:\\Users\\ana', isPackaged: true })).toBe('C:\\Users\\ana\\AppData\\Roaming\\FOTA Desk');
  });

  it('is ~/Library/Application Support/FOTA Desk on macOS, whatever XDG says', () => {
    expect(dataFolder({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/x' }, home: '/Users/ana', isPackaged: true })).toBe(
      '/Users/ana/Library/Application Support/FOTA Desk',
    );
  });

  it('is $XDG_CONFIG_HOME/FOTA Desk or ~/.config/FOTA Desk on Linux', () => {
    expect(dataFolder({ platform: 'linux', env: { XDG_CONFIG_HOME: '/srv/cfg' }, home: '/home/ana', isPackaged: true })).toBe('/srv/cfg/FOTA Desk');
    expect(dataFolder({ platform: 'linux', env: {}, home: '/home/ana', isPackaged: true })).toBe('/home/ana/.config/FOTA Desk');
    // a relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored, as Chromium does
    expect(appDataFolder('linux', { XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ana')).toBe('/home/ana/.config');
  });

  it('honours FOTA_DESK_DATA_DIR only when not packaged', () => {
    const env = { FOTA_DESK_DATA_DIR: '/tmp/fota-test-data', XDG_CONFIG_HOME: '/srv/cfg' };
    expect(dataFolder({ platform: 'linux', env, home: '/home/ana', isPackaged: false })).toBe('/tmp/fota-test-data');
    expect(dataFolder({ platform: 'linux', env, home: '/home/ana', isPackaged: true })).toBe('/srv/cfg/FOTA Desk');
  });

  it('keeps per-profile data under profiles/<id>', () => {
    expect(profileFolder('/d', 'p-0a1b2c3d4e5f')).toBe('/d/profiles/p-0a1b2c3d4e5f');
  });

  it('recognises a packaged bundle by its asar path', () => {
    expect(isPackagedModule('file:///C:/Program%20Files/FOTA%20Desk/resources/app.asar/out/node/fota.mjs')).toBe(true);
    expect(isPackagedModule('file:///Applications/FOTA%20Desk.app/Contents/Resources/app.asar/out/node/fota.mjs')).toBe(true);
    expect(isPackagedModule('file:///work/main/out/node/fota.mjs')).toBe(false);
  });
});
