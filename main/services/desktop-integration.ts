// What services may ask of the desktop shell without importing Electron: today a notification when
// a send finishes. The app passes an Electron-backed implementation (main/app/notify.ts); web mode
// and the CLI pass `noDesktop`.
import type { SendOutcome } from './send-notification.ts';

/** Desktop integration offered to the services. */
export interface DesktopIntegration {
  /** shows a desktop notification for a finished (or stopped) send; never throws */
  notifySendFinished(outcome: SendOutcome): void;
}

/** No desktop (web mode, CLI, tests): nothing to show. */
export const noDesktop: DesktopIntegration = { notifySendFinished: () => undefined };

