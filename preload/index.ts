// Sandboxed preload. It will expose `window.fota`, built from common/contract.ts, and nothing else.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('fotaShell', { kind: 'electron' });
