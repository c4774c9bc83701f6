import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  pageAheadMetaSchema,
  type FaxSummary,
  type InboxQuery,
  type InboxStatus,
} from '../../../preload/contract';
import type { AccessTokens } from '../api/http-client';
import { detach } from '../async/detach';
import type { Logger } from '../log/logger';
import { AppError } from '../rpc/app-error';
import type { ActiveAccount } from '../session/session-service';
import { DocumentCache, type PageAhead } from './document-cache';
import { InboxApi } from './inbox-api';
import { InboxStore } from './inbox-store';
import { LiveUpdates } from './live-updates';
import type { RotationStore } from './rotation-store';
import { SyncEngine } from './sync-engine';

/** What the inbox tells the rest of the app. */
export interface InboxListener {
  status(status: InboxStatus): void;
  arrived(faxes: FaxSummary[]): void;
  signedOut(): void;
  /** A document download advanced (for a progress bar). */
  downloading(id: string, loaded: number, total: number | null): void;
}

/** Everything one account's inbox needs. */
export interface InboxServiceOptions {
  account: ActiveAccount;
  baseUrl: string;
  tokens: AccessTokens;
  dataKey: Buffer;
  listener: InboxListener;
  log: Logger;
  cacheLimitBytes?: number;
  /** How many of the newest unread faxes to download ahead of time. */
  prefetch?: number;
  pollMs?: number;
  /**
   * Sync with the service and the subject index begin once this resolves (start-up: after the
   * first inbox window is answered, core/async/after-startup.ts); at once without it.
   */
  startAfter?: Promise<void>;
}

/**
 * One account's inbox: the local store, sync with the service, live updates, the encrypted
 * document cache. Created at sign-in, closed at sign-out.
 */
export class InboxService {
  private readonly store: InboxStore;
  private readonly api: InboxApi;
  private readonly engine: SyncEngine;
  private readonly cache: DocumentCache;
  private readonly live: LiveUpdates;
  private readonly downloads = new Map<string, Promise<Buffer>>();
  /** Aborts the downloads still running at close: sign-out never waits on a document. */
  private readonly downloadsAbort = new AbortController();
  private closed = false;
  private prefetching: Promise<void> | null = null;
  private indexing: Promise<void> | null = null;

  private constructor(
    private readonly options: InboxServiceOptions,
    folder: string,
  ) {
    const { account, listener, log } = options;
    this.store = new InboxStore(join(folder, 'inbox.sqlite'));
    this.api = new InboxApi(account.http);
    this.engine = new SyncEngine(
      this.store,
      this.api,
      {
        status: (status) => {
          listener.status(status);
          if (status.connection !== 'syncing') this.indexSubjectsSoon();
        },
        arrived: (ids) => {
          listener.arrived(
            ids.map((id) => this.store.get(id)).filter((f): f is FaxSummary => f !== null),
          );
          if (!this.closed && !this.prefetching) {
            this.prefetching = this.prefetch().finally(() => {
              this.prefetching = null;
            });
            detach(log, 'prefetching new faxes', this.prefetching);
          }
        },
      },
      log.child('sync'),
    );
    this.cache = new DocumentCache({
      folder: join(folder, 'documents'),
      key: options.dataKey,
      store: this.store,
      limitBytes: options.cacheLimitBytes ?? 500 * 1024 * 1024,
    });
    this.live = new LiveUpdates({
      baseUrl: options.baseUrl,
      tokens: options.tokens,
      log: log.child('events'),
      onEvent: (event) => {
        if (event.event.startsWith('fax.')) detach(log, 'sync after an event', this.syncQuietly());
      },
      onConnected: () => detach(log, 'sync after connecting', this.syncQuietly()),
      onSignedOut: () => listener.signedOut(),
      lastEventId: () => this.store.getState('lastEventId'),
      saveLastEventId: (id) => this.store.setState('lastEventId', id),
      pollMs: options.pollMs,
      onPoll: () => detach(log, 'sync on the poll', this.syncQuietly()),
    });
  }

  /** Opens the account's inbox and starts syncing in the background. */
  static async open(options: InboxServiceOptions): Promise<InboxService> {
    const folder = options.account.dataDir;
    await mkdir(folder, { recursive: true });
    const service = new InboxService(options, folder);
    const begin = () => {
      if (service.closed) return;
      service.live.start();
      service.indexSubjectsSoon();
    };
    if (options.startAfter)
      detach(options.log, 'starting the inbox', options.startAfter.then(begin));
    else begin();
    return service;
  }

  /** Syncs now and reports the status (the "refresh" button and tests). */
  async syncNow(): Promise<InboxStatus> {
    await this.engine.sync();
    return this.engine.status();
  }

  /** The status for the indicator and the badge. */
  status(): InboxStatus {
    return this.engine.status();
  }

  /** Resolves once the subject search index covers every fax here (benchmarks, tests). */
  async searchIndexed(): Promise<void> {
    while (this.indexing) await this.indexing;
  }

  /** One window of the list. */
  query(query: InboxQuery): { total: number; rows: FaxSummary[]; more?: boolean } {
    return this.store.query(query, Date.now());
  }

  /** Bumped by each new search's first window (the only requests with `countUpTo`). */
  private searches = 0;

  /**
   * One window for the page (the bridge): a long exact count is made in slices, and one
   * that a newer search's first window overtakes stops (its total is then a lower bound).
   */
  queryForPage(query: InboxQuery): Promise<{ total: number; rows: FaxSummary[]; more?: boolean }> {
    if (query.countUpTo !== undefined) this.searches += 1;
    const mine = this.searches;
    return this.store.queryInSlices(query, Date.now(), () => this.searches !== mine);
  }

  /** Marks read or unread here at once, and on the service when it can be reached. */
  markRead(ids: string[], read: boolean): number {
    return this.change(this.store.queue(ids, 'read', read ? 1 : 0));
  }

  /** Moves to the Trash here at once, and on the service when it can be reached. */
  remove(ids: string[]): number {
    // A page rendered ahead is for opening a new fax from the inbox; a deleted one loses it.
    for (const id of ids) detach(this.options.log, 'dropping a page', this.cache.removePage(id));
    return this.change(this.store.queue(ids, 'delete', Date.now()));
  }

  /** Takes faxes out of the Trash (Undo of a delete). */
  restore(ids: string[]): number {
    return this.change(this.store.queue(ids, 'restore', 0));
  }

  /** "Not junk": back to the inbox (Undo of a junk report). */
  notJunk(ids: string[]): number {
    return this.change(this.store.queue(ids, 'notJunk', 0));
  }

  /** Unblocks a sender on the service (needs it to be reachable). */
  unblock(number: string): Promise<boolean> {
    return this.api.unblock(number);
  }

  /** One fax's summary. */
  get(id: string): FaxSummary {
    const fax = this.store.get(id);
    if (!fax) throw new AppError('not_found', 'No such fax');
    return fax;
  }

  /** Reports junk (and optionally blocks the senders). */
  reportJunk(ids: string[], block: boolean): number {
    return this.change(this.store.queue(ids, 'junk', block ? 1 : 0));
  }

  /** A fax's PDF: from the encrypted cache, else downloaded (once, however often asked). */
  async document(id: string): Promise<{ name: string; bytes: Buffer }> {
    const fax = this.store.get(id);
    if (!fax) throw new AppError('not_found', 'No such fax');
    const cached = await this.cache.get(id);
    const bytes = cached ?? (await this.download(id));
    const when = new Date(fax.at).toISOString().slice(0, 10);
    return { name: `Fax ${when} ${fax.remoteNumber.replace(/[^\d+]/g, '')}.pdf`, bytes };
  }

  /**
   * The prefetched newest unread faxes (document cached) whose page 1 is not yet rendered
   * ahead for `key`; a null key means the key last stored (or none yet: nothing wanted).
   */
  async pagesAheadWanted(key: string | null): Promise<{ key: string | null; ids: string[] }> {
    const wanted = key ?? this.store.getState('pageAheadKey');
    if (!wanted) return { key: null, ids: [] };
    const ids: string[] = [];
    for (const fax of this.newestUnread())
      if ((await this.cache.has(fax.id)) && !(await this.cache.hasPage(fax.id, wanted)))
        ids.push(fax.id);
    return { key: wanted, ids };
  }

  /** Stores page 1 rendered ahead beside the fax's cached document (false: refused). */
  async putPageAhead(id: string, key: string, meta: unknown, image: Uint8Array): Promise<boolean> {
    if (!this.store.get(id)) return false;
    const stored = await this.cache.putPage(id, key, meta, image);
    if (stored) this.store.setState('pageAheadKey', key);
    return stored;
  }

  /** Page 1 rendered ahead for a fax, or null (also when what is stored no longer parses). */
  async pageAhead(id: string): Promise<PageAhead | null> {
    const page = await this.cache.getPage(id);
    if (!page || !pageAheadMetaSchema.safeParse(page.meta).success) return null;
    return page;
  }

  /** The viewer's page rotations, kept in this account's store. */
  rotations(): RotationStore {
    return this.store.rotations;
  }

  /** Removes the cached documents from disk; they download again when opened. */
  async clearLocalData(): Promise<void> {
    await this.cache.clear();
  }

  /** Stops live updates and closes the store. */
  async close(): Promise<void> {
    this.closed = true;
    // Every step runs even when one before it failed (nothing of the account stays open);
    // the first failure is then thrown for the caller to log.
    const failures: unknown[] = [];
    await this.live.stop().catch((error: unknown) => failures.push(error));
    // A sync still running would write to a closed database: let it finish first.
    await this.engine.stop().catch((error: unknown) => failures.push(error));
    // A download nobody needs any more would hold sign-out for up to its 120 s timeout.
    this.downloadsAbort.abort();
    await this.prefetching?.catch(() => undefined);
    await this.indexing?.catch(() => undefined);
    await Promise.allSettled(this.downloads.values());
    try {
      this.store.close();
    } catch (error: unknown) {
      failures.push(error);
    }
    if (failures.length > 0) throw failures[0];
  }

  /** Stops, then removes every local file of this account. */
  async destroy(): Promise<void> {
    await this.close();
    await rm(this.options.account.dataDir, { recursive: true, force: true });
  }

  /** Drops the event stream (for tests of reconnection). */
  dropLiveConnection(): void {
    this.live.dropConnection();
  }

  /**
   * Fills the subject search index with what the last sync brought, 2,000 faxes at a time
   * with a turn of the event loop between (about 20 ms each), so the list stays responsive
   * and a first sync does not wait for it. Search covers the rest by `LIKE` meanwhile.
   */
  private indexSubjectsSoon(): void {
    if (this.closed || this.indexing) return;
    this.indexing = (async () => {
      while (!this.closed && this.store.indexSubjects(2000))
        await new Promise((resolve) => setTimeout(resolve, 5));
    })().finally(() => {
      this.indexing = null;
    });
    detach(this.options.log, 'indexing subjects for search', this.indexing);
  }

  private change(count: number): number {
    if (count > 0) this.engine.changedLocally();
    return count;
  }

  private download(id: string): Promise<Buffer> {
    let pending = this.downloads.get(id);
    if (!pending) {
      pending = (async () => {
        const bytes = await this.api.document(
          id,
          (loaded, total) => this.options.listener.downloading(id, loaded, total),
          this.downloadsAbort.signal,
        );
        if (!bytes.subarray(0, 5).toString('latin1').startsWith('%PDF')) {
          throw new AppError('document_damaged', 'The service sent something that is not a PDF');
        }
        await this.cache.put(id, bytes);
        return bytes;
      })().finally(() => this.downloads.delete(id));
      this.downloads.set(id, pending);
    }
    return pending;
  }

  /** The newest unread faxes, the ones whose documents are downloaded ahead. */
  private newestUnread(): FaxSummary[] {
    const query = { search: '', filter: 'unread', sort: 'newest', offset: 0 } as const;
    return this.store.query({ ...query, limit: this.options.prefetch ?? 5 }, Date.now()).rows;
  }

  private async prefetch(): Promise<void> {
    for (const fax of this.newestUnread()) {
      if (this.closed) return;
      if (!(await this.cache.has(fax.id))) await this.download(fax.id).catch(() => undefined);
    }
    // Faxes the service has purged since leave the cache with their pages rendered ahead.
    for (const { faxId } of this.store.cachedDocuments())
      if (!this.closed && !this.store.get(faxId)) await this.cache.remove(faxId);
  }

  private async syncQuietly(): Promise<void> {
    await this.engine.sync().catch((error: unknown) => {
      this.options.log.warn('background sync failed', {
        code: (error as { code?: string }).code ?? 'internal',
      });
    });
  }
}
