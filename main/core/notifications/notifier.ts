import type { FaxSummary } from '../../../preload/contract';
import type { EventBus } from '../rpc/event-bus';
import type { SettingsStore } from '../settings/settings-store';
import { notificationLanguage, planNotices, type Notice } from './notification-policy';

/** The host's native notifications (Electron's `Notification`; the headless host records). */
export interface NotificationHost {
  /** Shows a notice; `onClick` runs when the user clicks it. */
  show(notice: Notice, onClick: () => void): void;
  /** Shows the unread count on the dock or taskbar where the OS has a badge. */
  setBadge(unread: number): void;
}

/** Announces arrivals at the user's chosen level; a click opens the fax (or the inbox). */
export class Notifier {
  constructor(
    private readonly host: NotificationHost,
    private readonly settings: SettingsStore,
    private readonly osLocale: string,
    private readonly events: EventBus,
  ) {}

  /** Announces faxes that just arrived. */
  async announce(faxes: readonly FaxSummary[]): Promise<void> {
    const settings = await this.settings.get();
    const language = notificationLanguage(settings.language, this.osLocale);
    for (const notice of planNotices(faxes, settings.notificationLevel, language)) {
      this.host.show(notice, () => this.events.emit('inbox:openFax', { id: notice.faxId ?? '' }));
      this.events.emit('notification:shown', notice);
    }
  }

  /** Updates the badge. */
  badge(unread: number): void {
    this.host.setBadge(unread);
  }
}
