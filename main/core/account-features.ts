import type { FaxSummary, InboxStatus } from '../../preload/contract';
import { detach } from './async/detach';
import { InboxService } from './inbox/inbox-service';
import type { Logger } from './log/logger';
import type { Notifier } from './notifications/notifier';
import type { EventBus } from './rpc/event-bus';
import type { ActiveAccount, SessionService } from './session/session-service';

/**
 * Starts the features that belong to one signed-in account (the inbox today; the outbox and
 * privacy sync later) and stops them at sign-out, so nothing of one account outlives it.
 */
export class AccountFeatures {
  private inboxService: InboxService | null = null;
  /** Moves at every switch: a listener of an inbox opened before it is muted. */
  private generation = 0;

  constructor(
    private readonly deps: {
      session: () => SessionService;
      events: EventBus;
      notifier: Notifier;
      log: Logger;
      pollMs?: number;
      /** What the inbox's sync waits for (start-up over: core/async/after-startup.ts). */
      startAfter?: () => Promise<void>;
    },
  ) {}

  /** The open inbox, if signed in. */
  inbox(): InboxService | null {
    return this.inboxService;
  }

  /**
   * Follows the session: close what was open, open for the new account. A close that fails
   * is logged and the switch goes on: the old inbox is out of reach and its listener muted
   * (no event, badge or announcement of it reaches the window), and the next account opens.
   */
  async switchTo(account: ActiveAccount | null): Promise<void> {
    const previous = this.inboxService;
    this.inboxService = null;
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    await previous?.close().catch((error: unknown) => {
      this.deps.log.error('could not close the previous inbox; going on', {
        error: error instanceof Error ? error.message : String(error),
      });
    });
    if (!account) {
      this.deps.notifier.reset();
      this.deps.notifier.badge(0);
      return;
    }
    const { events, notifier, log } = this.deps;
    this.inboxService = await InboxService.open({
      account,
      baseUrl: account.baseUrl,
      tokens: account.tokens,
      dataKey: await this.deps.session().dataKey(),
      log: log.child('inbox'),
      pollMs: this.deps.pollMs,
      startAfter: this.deps.startAfter?.(),
      listener: {
        status: (status: InboxStatus) => {
          if (!current()) return;
          events.emit('inbox:changed', status);
          notifier.badge(status.unread);
        },
        arrived: (faxes: FaxSummary[]) => {
          if (current()) detach(log, 'announcing new faxes', notifier.announce(faxes));
        },
        signedOut: () => {
          if (current()) detach(log, 'ending a revoked sign-in', this.deps.session().revoked());
        },
        downloading: (id, loaded, total) => {
          if (current()) events.emit('inbox:downloadProgress', { id, loaded, total });
        },
      },
    });
  }
}
