// `window.fota`: provided by Electron's preload, or built here from the contract for web mode, so
// every other renderer file uses one object whichever shell hosts it.
import type { FotaBridge } from '../../../common/contract.ts';
import { buildBridge } from '../../../common/contract/bridge.ts';
import { webTransport } from './web-transport.ts';

declare global {
  interface Window {
    fota?: FotaBridge;
  }
}

/** The bridge to main. */
export function fota(): FotaBridge {
  window.fota ??= buildBridge(webTransport());
  return window.fota;
}
