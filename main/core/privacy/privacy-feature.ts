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
  /** What the feed waits for (start-up over: core/async/after-startup.ts). */
  startAfter?: () => Promise<void>;
}

/**
 * The privacy feature of whichever account is signed in: opened at sign-in, closed at
 * sign-out (its file goes with the account's folder), so nothing of one account outlives it.
 */
export class PrivacyFeature {
  private service: PrivacyService | null = null;
  /** Moves at every switch: a listener of a service opened before it is muted. */
  private generation = 0;

  constructor(private readonly deps: PrivacyFeatureDeps) {}

  /** The open privacy service, if signed in. */
  current(): PrivacyService | null {
    return this.service;
  }

  /**
   * Follows the session: close what was open, open for the new account. A close that fails
   * is logged and the switch goes on: the old service is out of reach and its listener muted
   * (nothing of it reaches the window), and the next account opens.
   */
  async switchTo(account: ActiveAccount | null): Promise<void> {
    const previous = this.service;
    this.service = null;
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    await previous?.close().catch((error: unknown) => {
      this.deps.log.error('could not close the previous privacy feature; going on', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
    if (!account) return;
    const { events, log } = this.deps;
    this.service = await PrivacyService.open({
      account,
      tokens: account.tokens,
      log: log.child('privacy'),
      retryMs: this.deps.retryMs,
      pollMs: this.deps.pollMs,
      startAfter: this.deps.startAfter?.(),
      listener: {
        changed: (view) => {
          if (current()) events.emit('privacy:changed', view);
        },
        policyPublished: (policy) => {
          if (current())
            detach(log, 'announcing a new privacy policy', this.announce(policy, current));
        },
        signedOut: () => {
          if (current()) detach(log, 'ending a revoked sign-in', this.deps.revoked());
        },
      },
    });
  }

  /** A desktop notification at the user's notification level; a click opens the Privacy screen. */
  private async announce(
    policy: { version: number; effectiveDate: string },
    current: () => boolean,
  ): Promise<void> {
    const settings = await this.deps.settings();
    const notice = policyNotice(policy, settings, this.deps.osLocale);
    if (notice && current())
      this.deps.notifications.show(notice, () => this.deps.events.emit('privacy:open', {}));
  }
}
