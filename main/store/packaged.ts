// Whether this code runs from a packaged FOTA Desk (inside app.asar) rather than a source checkout.
// A packaged install ignores the test-only switches (data-folder override, in-memory secrets).

/** True when `moduleUrl` lies inside an Electron asar archive. */
export function isPackagedModule(moduleUrl: string): boolean {
  return /[\\/]app\.asar(\.unpacked)?[\\/]/.test(decodeURIComponent(moduleUrl));
}

/** True when this bundle runs from a packaged app. */
export function isPackagedRuntime(): boolean {
  return isPackagedModule(import.meta.url);
}
