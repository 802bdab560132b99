// Who may call main over IPC: our window's webContents, from its main frame, showing our page. Any
// other sender (a stray webContents, a sub-frame, a page that navigated elsewhere) is refused before
// a handler runs. The check stays strict under Playwright too: the Electron E2E makes IPC calls, so a
// check that refused the real window would fail there instead of being relaxed here.
import { isTrustedUrl } from './guards.ts';

/** The part of Electron's `WebFrameMain` the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: FrameLike | null;
}

/** The part of Electron's `IpcMainInvokeEvent` the check reads. */
export interface SenderEvent {
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike };
  readonly senderFrame: FrameLike | null;
}

/** Why a sender was refused, or null when it is trusted. */
export function senderProblem(event: SenderEvent, windowContentsId: number | null, trusted: readonly string[]): string | null {
  if (windowContentsId === null) return 'no window is open';
  if (event.sender.id !== windowContentsId) return `webContents ${event.sender.id} is not the app window`;
  const frame = event.senderFrame;
  // Electron reports null when the frame navigated or was destroyed before the message arrived.
  if (frame === null) return 'the sending frame is gone';
  const main = event.sender.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) {
    return 'the message came from a sub-frame';
  }
  if (!isTrustedUrl(frame.url, trusted)) return 'the sending page is not the app';
  return null;
}

/** True when `event` came from our window's main frame showing our page. */
export function isTrustedSender(event: SenderEvent, windowContentsId: number | null, trusted: readonly string[]): boolean {
  return senderProblem(event, windowContentsId, trusted) === null;
}
