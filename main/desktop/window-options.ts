// The one window factory's options. Kept out of main/app so a test can pin every security switch
// without Electron; main/app/window.ts passes them to `new BrowserWindow` unchanged. The same options
// apply in development, tests and production: no switch is relaxed for a test run.

/** The subset of Electron's `WebPreferences` this app sets (all of them, explicitly). */
export interface SecureWebPreferences {
  readonly preload: string;
  readonly sandbox: true;
  readonly contextIsolation: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webviewTag: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  /** Chromium's spellchecker downloads dictionaries from Google on Windows and Linux: no network from the page */
  readonly spellcheck: false;
  readonly devTools: boolean;
}

/** The subset of Electron's `BrowserWindowConstructorOptions` this app sets. */
export interface SecureWindowOptions {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  /** shown on `ready-to-show`, so the user never sees a blank frame */
  readonly show: false;
  readonly backgroundColor: string;
  readonly webPreferences: SecureWebPreferences;
}

/** What the options depend on. */
export interface WindowOptionsInput {
  /** absolute path of the bundled preload (out/preload/index.cjs) */
  readonly preloadPath: string;
  /** true only for an unpackaged app (`npm start`, tests): DevTools are available */
  readonly development: boolean;
  /** whether the OS uses a dark theme (the frame's colour before the page paints) */
  readonly dark: boolean;
}

/** The options of the main window. */
export function secureWindowOptions(input: WindowOptionsInput): SecureWindowOptions {
  if (!input.preloadPath) throw new Error('secureWindowOptions: the preload path is required');
  return {
    title: 'FOTA Desk',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: input.dark ? '#1e1f22' : '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.development,
    },
  };
}

/** The part of a BrowserWindow that `showWhenReady` needs. */
export interface ShowableWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

/** Shows the window once its first paint is ready (never before, never twice). */
export function showWhenReady(window: ShowableWindow): void {
  window.once('ready-to-show', () => window.show());
}
