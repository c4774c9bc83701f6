import type { InboxStatus } from '../../../preload/contract';
import { detach } from '../async/detach';
import type { Logger } from '../log/logger';
import type { FaxRecord, InboxStore, PendingOp } from './inbox-store';

/** One page of the service's change feed, in our shape. */
export interface ChangePage {
  upserts: FaxRecord[];
  deletes: string[];
  next: string;
  hasMore: boolean;
}

/** The service calls sync needs. */
export interface SyncApi {
  changes(since: string | null, limit: number): Promise<ChangePage>;
  markRead(id: string, read: boolean): Promise<void>;
  remove(id: string): Promise<void>;
  reportJunk(id: string, block: boolean): Promise<void>;
  restore(id: string): Promise<void>;
  notJunk(id: string): Promise<void>;
}

/** What the engine tells the rest of the app. */
export interface SyncListener {
  /** Status changed (connection, counts, pending). */
  status(status: InboxStatus): void;
  /** Inbound unread faxes that arrived after the first sync (for notifications). */
  arrived(ids: string[]): void;
}

const pageSize = 500;
const statusEveryMs = 300;
const offlineCodes = new Set(['offline', 'service_unreachable']);

/**
 * Keeps the local store in step with the service: first replays changes made offline, then
 * pulls the change feed page by page. Each page and its cursor commit together, so a restart
 * mid-sync resumes without duplicates or gaps. Runs are single-flight; a request during a run
 * schedules exactly one more.
 */
export class SyncEngine {
  private running: Promise<void> | null = null;
  private again = false;
  private connection: InboxStatus['connection'] = 'offline';

  constructor(
    private readonly store: InboxStore,
    private readonly api: SyncApi,
    private readonly listener: SyncListener,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current status. */
  status(): InboxStatus {
    const last = this.store.getState('lastSyncAt');
    return {
      connection: this.connection,
      lastSyncAt: last ? Number(last) : null,
      pendingChanges: this.store.pending().length,
      ...this.store.counts(),
    };
  }

  /** Runs a sync now, or once more after the one in progress. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runOnce();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Called after a local change was queued: show it, then try to send it. */
  changedLocally(): void {
    this.listener.status(this.status());
    detach(this.log, 'sync after a local change', this.sync());
  }

  private async runOnce(): Promise<void> {
    this.setConnection('syncing');
    try {
      await this.replay();
      await this.pull();
      this.store.setState('lastSyncAt', String(this.now()));
      this.setConnection('online');
    } catch (error: unknown) {
      const code = (error as { code?: string }).code ?? 'internal';
      this.log.warn('sync stopped', { code });
      this.setConnection(offlineCodes.has(code) ? 'offline' : 'online');
      if (!offlineCodes.has(code)) throw error;
    }
  }

  private async replay(): Promise<void> {
    for (const op of this.store.pending()) {
      try {
        await this.send(op);
      } catch (error: unknown) {
        const status = (error as { status?: number }).status;
        // Gone or refused for good: drop it, the next pull shows the service's truth.
        if (status === 404 || status === 409 || status === 422)
          this.log.warn('dropped a change', { op: op.op, status });
        else throw error;
      }
      this.store.done(op.seq);
    }
  }

  private send(op: PendingOp): Promise<void> {
    if (op.op === 'read') return this.api.markRead(op.faxId, op.arg === 1);
    if (op.op === 'delete') return this.api.remove(op.faxId);
    if (op.op === 'restore') return this.api.restore(op.faxId);
    if (op.op === 'notJunk') return this.api.notJunk(op.faxId);
    return this.api.reportJunk(op.faxId, op.arg === 1);
  }

  private async pull(): Promise<void> {
    // Until one sync has run to the end, everything is history: no notifications, even
    // when that first sync was cut off and is finishing now.
    const catchingUp = this.store.getState('initialSyncDone') !== '1';
    const arrived: string[] = [];
    let changed = false;
    let lastStatusAt = this.now();
    for (;;) {
      const page = await this.api.changes(this.store.cursor(), pageSize);
      if (!catchingUp) {
        for (const fax of page.upserts) {
          if (fax.direction === 'inbound' && !fax.read && !fax.junk && !this.store.get(fax.id))
            arrived.push(fax.id);
        }
      }
      this.store.applyChanges(page.upserts, page.deletes, page.next);
      if (page.upserts.length > 0 || page.deletes.length > 0) {
        changed = true;
        // Counting is a scan of the table: during a long first sync, tell the UI a few
        // times a second, not after every page.
        if (this.now() - lastStatusAt >= statusEveryMs) {
          lastStatusAt = this.now();
          changed = false;
          this.listener.status(this.status());
        }
      }
      if (!page.hasMore) break;
    }
    this.store.setState('initialSyncDone', '1');
    if (changed) this.listener.status(this.status());
    // One call per run, so a burst becomes one summary notification.
    if (arrived.length > 0) this.listener.arrived(arrived);
  }

  private setConnection(connection: InboxStatus['connection']): void {
    if (connection === this.connection) return;
    this.connection = connection;
    this.listener.status(this.status());
  }
}
