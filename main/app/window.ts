// The one window factory: options from main/desktop/window-options.ts, unchanged in every mode.
import { BrowserWindow, nativeTheme } from 'electron';
import { watchPageGone } from '../desktop/page-requests.ts';
import { secureWindowOptions, showWhenReady } from '../desktop/window-options.ts';

// Windows whose first paint is ready; before it, focusing would show an empty (white) frame, and the
// window comes up by itself anyway.
const painted = new WeakSet<BrowserWindow>();

/** Creates the main window and loads `url` (app://fota/index.html, or the dev server). */
export function createMainWindow(options: {
  preloadPath: string;
  development: boolean;
  url: string;
  log: (line: string) => void;
  /** the page stopped listening (reload, crash, window closing): shell requests must wait again */
  onPageGone: () => void;
}): BrowserWindow {
  const window = new BrowserWindow(
    secureWindowOptions({ preloadPath: options.preloadPath, development: options.development, dark: nativeTheme.shouldUseDarkColors }),
  );
  window.once('ready-to-show', () => painted.add(window));
  showWhenReady(window);
  watchPageGone(window.webContents, options.onPageGone);
  window.webContents.on('render-process-gone', (_event, details) => {
    options.log(`the window's page stopped (${details.reason}); reloading it`);
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) void window.loadURL(options.url);
  });
  void window.loadURL(options.url).catch((error: unknown) => options.log(`the window could not load ${options.url}: ${String(error)}`));
  return window;
}

/** Brings the window to the front (second instance, notification click, a file to show). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed() || !painted.has(window)) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
