// Desktop notifications: the words come from main/services/send-notification.ts.
import { Notification, type BrowserWindow } from 'electron';
import type { DesktopIntegration } from '../services/desktop-integration.ts';
import { sendFinishedNotification } from '../services/send-notification.ts';
import { focusWindow } from './window.ts';

// Shown notifications are kept referenced until they close: a collected one loses its click handler.
const live = new Set<Notification>();

/** The DesktopIntegration the services get in the app. */
export function electronDesktop(window: () => BrowserWindow | null, log: (line: string) => void): DesktopIntegration {
  return {
    notifySendFinished(outcome) {
      try {
        if (!Notification.isSupported()) return;
        const text = sendFinishedNotification(outcome);
        const notification = new Notification({ title: text.title, body: text.body, silent: !text.needsAttention, urgency: text.needsAttention ? 'critical' : 'normal' });
        live.add(notification);
        notification.on('click', () => {
          live.delete(notification);
          focusWindow(window());
        });
        notification.on('close', () => live.delete(notification));
        notification.show();
      } catch (error) {
        log(`notification not shown: ${String(error)}`);
      }
    },
  };
}
