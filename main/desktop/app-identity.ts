// The app's identity as the OS sees it; electron-builder.yml uses the same values (a packaging test
// checks), and Windows shows notifications only for the AppUserModelID the installer registered.

/** electron-builder `appId`, the Windows AppUserModelID and the macOS bundle id. */
export const APP_ID = 'com.fotadesk.app';
