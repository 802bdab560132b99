// What the desktop shell asks of the page, the network-path test of Settings, and the practice
// simulator's test-only controls (never available in a packaged app).

/**
 * What the shell asks of the page: open a file main read (native dialog, a double-clicked
 * `.fotabatch`), or show Settings (menu, Cmd+,). Electron carries the bytes as they are.
 */
export type ShellRequest =
  | { readonly kind: 'open-file'; readonly purpose: 'devices' | 'batch'; readonly name: string; readonly bytes: Uint8Array }
  | { readonly kind: 'show-settings' };

/** One route Chromium (or Node's proxy variables) picks for the E-FOTA address. */
export interface ProxyRouteView {
  readonly kind: 'direct' | 'proxy';
  /** e.g. "PROXY proxy.corp.example:8080"; "DIRECT" for none */
  readonly text: string;
}

/** Settings › "Test the network path". */
export interface ProxySelfTestResult {
  /** the E-FOTA server answered (any HTTP status from it counts) */
  readonly ok: boolean;
  readonly routes: readonly ProxyRouteView[];
  readonly status: number | null;
  /** one or two sentences an IT admin can act on */
  readonly message: string;
}

/** The practice simulator's test-only settings now. */
export interface TestControlsView {
  readonly latencyMs: number;
  /** how far the simulator's clock is ahead of the real one */
  readonly offsetMinutes: number;
  readonly pendingFaults: number;
}
