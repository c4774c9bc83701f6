import type { Notice } from '../core/notifications/notification-policy';
import type { NotificationHost } from '../core/notifications/notifier';

/**
 * The headless host has no desktop to notify on: it records each notice (the page shows it
 * as an in-app toast through the `notification:shown` event) and keeps the click action so a
 * test, or the page, can "click" it.
 */
export class RecordedNotifications implements NotificationHost {
  readonly shown: { notice: Notice; click: () => void }[] = [];
  badge = 0;

  show(notice: Notice, onClick: () => void): void {
    this.shown.push({ notice, click: onClick });
  }

  setBadge(unread: number): void {
    this.badge = unread;
  }
}
