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
  /** An inbox opened ahead for the account a restore is renewing (see `prepare`). */
  private prepared: {
    /** The restore's own token keeper: the same activation, not merely the same account. */
    tokens: ActiveAccount['tokens'];
    inbox: Promise<InboxService>;
    adopt(current: () => boolean): void;
  } | null = null;

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
   * A restore opens the inbox's store while the service renews the sign-in. The inbox opened
   * ahead is out of reach (not `inbox()`, its listener muted, its sync not started) until
   * `switchTo` adopts it for the same account; `null`, or a switch to anyone else, closes it.
   */
  prepare(account: ActiveAccount | null): void {
    const previous = this.prepared;
    this.prepared = null;
    if (previous) this.discard(previous.inbox);
    if (!account) return;
    this.deps.log.debug('opening the inbox ahead of the renewal');
    let current: () => boolean = () => false;
    let adopted: () => void = () => undefined;
    const inbox = this.open(
      account,
      () => current(),
      new Promise<void>((resolve) => (adopted = resolve)),
    );
    // A failure is met by `switchTo`, which awaits it, or dropped with it.
    inbox.catch(() => undefined);
    // The page's first answers ask for the status, whose counts read the whole list (~0.1 s
    // at 100k faxes): made while the renewal is on the network (after its request has left),
    // kept until the rows change.
    detach(
      this.deps.log,
      'counting the inbox ahead',
      inbox.then(
        (open) =>
          new Promise<void>((resolve) =>
            setImmediate(() => {
              try {
                open.status();
              } catch {
                // Closed meanwhile (a refused renewal): nobody will ask for its status.
              }
              resolve();
            }),
          ),
        () => undefined,
      ),
    );
    this.prepared = {
      tokens: account.tokens,
      inbox,
      adopt: (isCurrent) => {
        current = isCurrent;
        adopted();
      },
    };
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
    let prepared = this.prepared;
    this.prepared = null;
    if (prepared && prepared.tokens !== account?.tokens) {
      this.discard(prepared.inbox);
      prepared = null;
    }
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
    if (prepared) prepared.adopt(current);
    const inbox = await (prepared?.inbox ?? this.open(account, current));
    // Switched again meanwhile: this inbox is no one's.
    if (!current()) return this.discard(Promise.resolve(inbox));
    this.inboxService = inbox;
  }

  private discard(inbox: Promise<InboxService>): void {
    this.deps.log.debug('closing an inbox opened ahead, unseen');
    detach(
      this.deps.log,
      'closing an inbox opened ahead',
      inbox.then(
        (open) => open.close(),
        () => undefined,
      ),
    );
  }

  private async open(
    account: ActiveAccount,
    current: () => boolean,
    adopted?: Promise<void>,
  ): Promise<InboxService> {
    const { events, notifier, log } = this.deps;
    const startAfter = this.deps.startAfter?.();
    return InboxService.open({
      account,
      baseUrl: account.baseUrl,
      tokens: account.tokens,
      dataKey: await this.deps.session().dataKeyOf(account.scope),
      log: log.child('inbox'),
      pollMs: this.deps.pollMs,
      // An inbox opened ahead starts nothing before it is adopted (and start-up is over).
      startAfter: adopted ? Promise.all([startAfter, adopted]).then(() => undefined) : startAfter,
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
