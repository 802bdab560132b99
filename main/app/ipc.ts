// The IPC adapter: the handler table on ipcMain (one `handle` per contract channel, each call's sender
// checked first) and the event bus forwarded to the window. With preload/index.ts, the only file
// allowed raw IPC (lint: eslint.config.js).
import { ipcMain, type BrowserWindow } from 'electron';
import type { HandlerTable } from '../ipc/handlers.ts';
import type { EventBus } from '../services/events.ts';
import { forwardEvents, registerInvokeHandlers } from '../desktop/ipc-registration.ts';
import { senderProblem } from '../desktop/ipc-sender-check.ts';

/** Connects the handlers and events to the window returned by `window()`; returns the disconnect. */
export function connectIpc(options: {
  handlers: HandlerTable;
  events: EventBus;
  window: () => BrowserWindow | null;
  trusted: readonly string[];
  log: (line: string) => void;
}): () => void {
  const contents = (): BrowserWindow['webContents'] | null => {
    const window = options.window();
    return window && !window.isDestroyed() ? window.webContents : null;
  };
  const unregister = registerInvokeHandlers({
    ipc: ipcMain,
    handlers: options.handlers,
    senderProblem: (event) => senderProblem(event, contents()?.id ?? null, options.trusted),
    report: options.log,
  });
  const unforward = forwardEvents((listener) => options.events.subscribe(listener), contents);
  return () => {
    unforward();
    unregister();
  };
}
