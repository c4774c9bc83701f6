import type { FaxSummary } from '../../../preload/contract';
import { detach } from '../async/detach';
import type { Logger } from '../log/logger';
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

/** Faxes arriving this soon after a notice wait and are announced together. */
export const burstWindowMs = 2000;

/**
 * Announces arrivals at the user's chosen level; a click opens the fax (or the inbox). The
 * first fax after a quiet spell is announced at once; faxes that follow within the burst
 * window are held and announced together at its end, so fifty faxes make two notices.
 */
export class Notifier {
  private held: FaxSummary[] = [];
  private window: NodeJS.Timeout | null = null;

  constructor(
    private readonly host: NotificationHost,
    private readonly settings: SettingsStore,
    private readonly osLocale: string,
    private readonly events: EventBus,
    private readonly log: Logger,
    private readonly windowMs = burstWindowMs,
  ) {}

  /** Announces faxes that just arrived. */
  async announce(faxes: readonly FaxSummary[]): Promise<void> {
    if (faxes.length === 0) return;
    if (this.window) {
      this.held.push(...faxes);
      return;
    }
    this.openWindow();
    await this.show(faxes, false);
  }

  /** Updates the badge. */
  badge(unread: number): void {
    this.host.setBadge(unread);
  }

  /** Drops held notices (sign-out). */
  reset(): void {
    if (this.window) clearTimeout(this.window);
    this.window = null;
    this.held = [];
  }

  private openWindow(): void {
    this.window = setTimeout(() => {
      const held = this.held;
      this.held = [];
      this.window = null;
      if (held.length > 0) {
        this.openWindow();
        detach(this.log, 'announcing held faxes', this.show(held, held.length > 1));
      }
    }, this.windowMs);
    this.window.unref?.();
  }

  private async show(faxes: readonly FaxSummary[], summarise: boolean): Promise<void> {
    const settings = await this.settings.get();
    const language = notificationLanguage(settings.language, this.osLocale);
    for (const notice of planNotices(faxes, settings.notificationLevel, language, summarise)) {
      this.host.show(notice, () => this.events.emit('inbox:openFax', { id: notice.faxId ?? '' }));
      this.events.emit('notification:shown', notice);
    }
  }
}
