// The handler table (main/ipc/handlers.ts) on Electron's ipcMain, and the event bus on the window:
// the logic of main/app/ipc.ts without Electron, so a test can drive it with a fake ipcMain. Every
// call is checked for its sender before the handler sees the payload; the set of registered channels
// must be exactly the contract's, or start-up fails.
import { INVOKE_CHANNELS, fail, isEventChannel, type Result } from '../../common/contract.ts';
import { dispatch, type HandlerTable } from '../ipc/handlers.ts';
import type { AppEvent } from '../services/events.ts';
import type { SenderEvent } from './ipc-sender-check.ts';

/** The part of Electron's `ipcMain` used here (`handle`/`removeHandler`). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Hooks of the registration. */
export interface IpcRegistrationOptions {
  readonly ipc: IpcMainLike;
  readonly handlers: HandlerTable;
  /** why `event` may not call main, or null when it may (ipc-sender-check.ts, bound to the window) */
  readonly senderProblem: (event: SenderEvent) => string | null;
  /** records a refused call (channel and reason only; never the payload) */
  readonly report: (message: string) => void;
}

/** Registers one `ipcMain.handle` per invoke channel; returns the function that removes them all. */
export function registerInvokeHandlers(options: IpcRegistrationOptions): () => void {
  const names = Object.keys(options.handlers).sort();
  const expected = [...INVOKE_CHANNELS].sort();
  if (names.join('\n') !== expected.join('\n')) {
    const missing = expected.filter((c) => !names.includes(c));
    const extra = names.filter((c) => !(expected as string[]).includes(c));
    throw new Error(`The handler table does not match the contract (missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'})`);
  }
  for (const channel of INVOKE_CHANNELS) {
    options.ipc.handle(channel, async (event, ...args): Promise<Result<unknown>> => {
      const problem = options.senderProblem(event);
      if (problem !== null) {
        options.report(`IPC call ${channel} refused: ${problem}`);
        return fail('NOT_ALLOWED', 'This call did not come from the FOTA Desk window, so it was refused.');
      }
      // The preload sends exactly one payload argument; anything else is not our preload talking.
      if (args.length !== 1) return fail('INVALID_INPUT', `${channel} takes one payload argument (got ${args.length}).`);
      return dispatch(options.handlers, channel, args[0]);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) options.ipc.removeHandler(channel);
  };
}

/** Where events go: the window's `webContents.send`, skipped once the window is gone. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Forwards every contract event from `subscribe` to the window; returns the unsubscribe. */
export function forwardEvents(subscribe: (listener: (event: AppEvent) => void) => () => void, target: () => EventTarget | null): () => void {
  return subscribe((event) => {
    if (!isEventChannel(event.channel)) return;
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(event.channel, event.payload);
  });
}

