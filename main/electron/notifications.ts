import { app, Notification, type BrowserWindow } from 'electron';
import type { NotificationHost } from '../core/notifications/notifier';

/** Native notifications; a click brings the window forward before the fax opens. */
export function electronNotifications(getWindow: () => BrowserWindow | null): NotificationHost {
  return {
    show(notice, onClick) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({
        title: notice.title,
        body: notice.body,
        silent: false,
      });
      notification.on('click', () => {
        const window = getWindow();
        if (window?.isMinimized()) window.restore();
        window?.show();
        window?.focus();
        onClick();
      });
      notification.show();
    },
    setBadge(unread) {
      // macOS dock and Linux launchers that support it; Windows ignores it.
      app.setBadgeCount(unread);
    },
  };
}
