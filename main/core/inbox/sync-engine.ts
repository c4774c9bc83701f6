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

/** A feed page or why it failed; settled, so a page asked for early never rejects unheard. */
type Fetched = { ok: true; page: ChangePage } | { ok: false; error: unknown };

function fetched(request: Promise<ChangePage>): Promise<Fetched> {
  return request.then(
    (page) => ({ ok: true, page }),
    (error: unknown) => ({ ok: false, error }),
  );
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
/** During a long pull, fetched pages are written together up to this many changes... */
const batchRows = 5_000;
/** ...or once the oldest of them has waited this long. */
const batchMs = 250;
const statusEveryMs = 300;
const offlineCodes = new Set(['offline', 'service_unreachable']);
/** Statuses that mean the service will never take this change: drop it. */
const goneStatuses = new Set([404, 409, 422]);
/** A change the service refused this many times is parked: kept aside, the user told. */
export const maxAttempts = 5;

/**
 * Keeps the local store in step with the service: first replays changes made offline, then
 * pulls the change feed page by page, asking for the next page while the store writes this one.
 * The first page is written at once (the list shows it); later pages are written several to a
 * transaction, each with the cursor of its last page, so a restart mid-sync resumes without
 * duplicates or gaps (pages fetched and not yet written are fetched again). Runs are
 * single-flight; a request during a run schedules exactly one more. A change the service keeps
 * refusing (400, 403, 5xx) is counted per attempt and parked after `maxAttempts`; it never
 * blocks the pull or later changes.
 * Status goes out only when it changed; `revision` moves only when rows did.
 */
export class SyncEngine {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private connection: InboxStatus['connection'] = 'offline';
  private revision = 0;
  private counts: { revision: number; unread: number; total: number } | null = null;
  private lastSent = '';

  constructor(
    private readonly store: InboxStore,
    private readonly api: SyncApi,
    private readonly listener: SyncListener,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current status. Counts are a scan: they are reused until the rows change. */
  status(): InboxStatus {
    const last = this.store.getState('lastSyncAt');
    if (this.counts?.revision !== this.revision)
      this.counts = { revision: this.revision, ...this.store.counts() };
    return {
      connection: this.connection,
      lastSyncAt: last ? Number(last) : null,
      pendingChanges: this.store.pending().length,
      parkedChanges: this.store.parkedCount(),
      revision: this.revision,
      unread: this.counts.unread,
      total: this.counts.total,
    };
  }

  /** Runs a sync now, or once more after the one in progress. Nothing after `stop()`. */
  sync(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runOnce();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Starts no more runs and waits for the one in progress (before the store closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  /** Called after a local change was queued: show it, then try to send it. */
  changedLocally(): void {
    this.rowsChanged();
    this.publish();
    detach(this.log, 'sync after a local change', this.sync());
  }

  private async runOnce(): Promise<void> {
    // "Syncing" is shown only for a run that takes a while: a quick idle poll says nothing.
    const slow = setTimeout(() => this.setConnection('syncing'), statusEveryMs);
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
    } finally {
      clearTimeout(slow);
    }
  }

  private async replay(): Promise<void> {
    for (const op of this.store.pending()) {
      if (this.stopped) return;
      try {
        await this.send(op);
        this.store.done(op.seq);
      } catch (error: unknown) {
        const { code, status } = error as { code?: string; status?: number };
        // Offline: the rest would fail the same way; the pull will say so.
        if (code && offlineCodes.has(code)) return;
        if (status !== undefined && goneStatuses.has(status)) {
          // Gone or refused for good: drop it, the pull shows the service's truth.
          this.log.warn('dropped a change', { op: op.op, status });
          this.store.done(op.seq);
          this.rowsChanged();
          continue;
        }
        const attempts = this.store.failedAttempt(op.seq);
        this.log.warn('the service refused a change', { op: op.op, status, code, attempts });
        if (attempts >= maxAttempts) {
          // Parked: no longer sent, no longer shown over the service's copy; the status
          // tells the user how many of their changes did not reach the service.
          this.store.park(op.seq);
          this.rowsChanged();
        }
      }
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
    const arrived = new Set<string>();
    let lastStatusAt = this.now();
    let statusGap = statusEveryMs;
    // Pages fetched and not yet written, and when the oldest of them came.
    let held: ChangePage[] = [];
    let heldRows = 0;
    let heldSince = 0;
    let shown = false;
    const write = () => {
      if (held.length === 0) return;
      this.store.applyPages(held, held.at(-1)!.next);
      const changed = held.some((page) => page.upserts.length > 0 || page.deletes.length > 0);
      held = [];
      heldRows = 0;
      if (!changed) return;
      this.rowsChanged();
      // Counting is a scan of the table: during a long first sync, tell the UI a few
      // times a second, not after every write, and never spend more than a tenth of the
      // time counting (at 300,000 faxes, with a count every 300 ms, the sync's CPU was ~7 s
      // above fetch plus store). The first rows are told at once.
      if (!shown || this.now() - lastStatusAt >= statusGap) {
        shown = true;
        const started = this.now();
        this.publish();
        lastStatusAt = this.now();
        statusGap = Math.max(statusEveryMs, 10 * (lastStatusAt - started));
      }
    };
    // The next page is asked for before this one is written, so the service prepares it
    // while the store works.
    let next: Promise<Fetched> | null = fetched(this.api.changes(this.store.cursor(), pageSize));
    while (next) {
      const result: Fetched = await next;
      if (!result.ok) {
        // What came before the failure is kept; the run stops as it did before.
        write();
        throw result.error;
      }
      const page: ChangePage = result.page;
      next = page.hasMore && !this.stopped ? fetched(this.api.changes(page.next, pageSize)) : null;
      // More than a page to come is a run that takes a while: say so before the first rows
      // are told (a status that is not "syncing" lets the subject index start filling).
      if (next && this.connection !== 'syncing') this.setConnection('syncing');
      if (!catchingUp) {
        for (const fax of page.upserts) {
          if (fax.direction === 'inbound' && !fax.read && !fax.junk && !this.store.get(fax.id))
            arrived.add(fax.id);
        }
      }
      if (held.length === 0) heldSince = this.now();
      held.push(page);
      heldRows += page.upserts.length + page.deletes.length;
      // The first page goes in at once (the list shows it); later ones gather into larger
      // transactions, written at least every `batchMs`.
      if (!shown || !next || heldRows >= batchRows || this.now() - heldSince >= batchMs) write();
      if (this.stopped) {
        write();
        // Nothing is left running behind the store's back (it closes after stop()).
        await next;
        return;
      }
    }
    this.store.setState('initialSyncDone', '1');
    this.publish();
    // One call per run, so a burst becomes one summary notification.
    if (arrived.size > 0) this.listener.arrived([...arrived]);
  }

  private rowsChanged(): void {
    this.revision += 1;
  }

  private setConnection(connection: InboxStatus['connection']): void {
    this.connection = connection;
    this.publish();
  }

  /** Sends the status when anything in it differs from what was sent last. */
  private publish(): void {
    const status = this.status();
    const { lastSyncAt: _time, ...shown } = status;
    const key = JSON.stringify(shown);
    if (key === this.lastSent) return;
    this.lastSent = key;
    this.listener.status(status);
  }
}
