// Sandboxed preload: exposes `window.fota`, built from common/contract.ts — one function per invoke
// channel and `on(channel, listener)` returning an unsubscribe. Nothing else crosses: no
// ipcRenderer, no Node. This file and main/app/ipc.ts are the only ones allowed raw IPC (lint).
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../common/contract/bridge.ts';
import { ipcTransport } from './ipc-transport.ts';

contextBridge.exposeInMainWorld('fota', buildBridge(ipcTransport(ipcRenderer)));
