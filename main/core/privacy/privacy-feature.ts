import type { Settings } from '../../../preload/contract';
import { detach } from '../async/detach';
import type { Logger } from '../log/logger';
import type { NotificationHost } from '../notifications/notifier';
import type { EventBus } from '../rpc/event-bus';
import type { ActiveAccount } from '../session/session-service';
import { policyNotice } from './policy-notice';
import { PrivacyService } from './privacy-service';

/** What the feature needs from the app. */
export interface PrivacyFeatureDeps {
  events: EventBus;
  notifications: NotificationHost;
  settings: () => Promise<Settings>;
  osLocale: string;
  log: Logger;
  /** The sign-in was refused for good. */
  revoked: () => Promise<void>;
  retryMs?: number;
  pollMs?: number;
}

/**
 * The privacy feature of whichever account is signed in: opened at sign-in, closed at
 * sign-out (its file goes with the account's folder), so nothing of one account outlives it.
 */
export class PrivacyFeature {
  private service: PrivacyService | null = null;

  constructor(private readonly deps: PrivacyFeatureDeps) {}

  /** The open privacy service, if signed in. */
  current(): PrivacyService | null {
    return this.service;
  }

  /** Follows the session: close what was open, open for the new account. */
  async switchTo(account: ActiveAccount | null): Promise<void> {
    const previous = this.service;
    this.service = null;
    await previous?.close();
    if (!account) return;
    const { events, log } = this.deps;
    this.service = await PrivacyService.open({
      account,
      tokens: account.tokens,
      log: log.child('privacy'),
      retryMs: this.deps.retryMs,
      pollMs: this.deps.pollMs,
      listener: {
        changed: (view) => events.emit('privacy:changed', view),
        policyPublished: (policy) =>
          detach(log, 'announcing a new privacy policy', this.announce(policy)),
        signedOut: () => detach(log, 'ending a revoked sign-in', this.deps.revoked()),
      },
    });
  }

  /** A desktop notification at the user's notification level; a click opens the Privacy screen. */
  private async announce(policy: { version: number; effectiveDate: string }): Promise<void> {
    const settings = await this.deps.settings();
    const notice = policyNotice(policy, settings, this.deps.osLocale);
    if (notice)
      this.deps.notifications.show(notice, () => this.deps.events.emit('privacy:open', {}));
  }
}
