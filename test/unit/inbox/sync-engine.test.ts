import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxStatus } from '../../../preload/contract';
import { ServiceError } from '../../../main/core/api/service-error';
import { createLogger } from '../../../main/core/log/logger';
import { InboxStore, type FaxRecord } from '../../../main/core/inbox/inbox-store';
import {
  maxAttempts,
  SyncEngine,
  type ChangePage,
  type SyncApi,
} from '../../../main/core/inbox/sync-engine';

function fax(id: string, overrides: Partial<FaxRecord> = {}): FaxRecord {
  return {
    id,
    direction: 'inbound',
    remoteNumber: '+81 3-1234-5678',
    localNumber: '+81 50-0000-0001',
    subject: null,
    pages: 1,
    at: Date.UTC(2026, 10, 1) + Number(id.replace(/\D/g, '') || 0),
    read: false,
    junk: false,
    status: 'received',
    ...overrides,
  };
}

/**
 * The service side of sync, in memory: a change feed over a map of faxes, and write calls
 * that can be told to fail. (The real service is exercised in test/integration/client.)
 */
class ScriptedService implements SyncApi {
  readonly faxes = new Map<string, FaxRecord>();
  private log: Array<{ seq: number; id: string; gone: boolean }> = [];
  private seq = 0;
  /** When set, every write answers with this error. */
  refuse: Error | null = null;
  /** When set, the change feed answers with this error. */
  feedDown: Error | null = null;
  writes = 0;

  put(record: FaxRecord): void {
    this.faxes.set(record.id, record);
    this.log.push({ seq: ++this.seq, id: record.id, gone: false });
  }

  async changes(since: string | null, limit: number): Promise<ChangePage> {
    if (this.feedDown) throw this.feedDown;
    const after = Number(since ?? 0);
    const entries = this.log.filter((e) => e.seq > after).slice(0, limit);
    const last = entries.at(-1)?.seq ?? after;
    return {
      upserts: entries.filter((e) => !e.gone).map((e) => ({ ...this.faxes.get(e.id)! })),
      deletes: entries.filter((e) => e.gone).map((e) => e.id),
      next: String(last),
      hasMore: this.log.some((e) => e.seq > last),
    };
  }

  private async write(id: string, change: Partial<FaxRecord>): Promise<void> {
    this.writes += 1;
    if (this.refuse) throw this.refuse;
    this.put({ ...this.faxes.get(id)!, ...change });
  }
  markRead(id: string, read: boolean) {
    return this.write(id, { read });
  }
  remove(id: string) {
    return this.write(id, { trashedAt: 1 });
  }
  reportJunk(id: string) {
    return this.write(id, { junk: true });
  }
  restore(id: string) {
    return this.write(id, { trashedAt: null });
  }
  notJunk(id: string) {
    return this.write(id, { junk: false });
  }
}

describe('SyncEngine', () => {
  let folder: string;
  let store: InboxStore;
  let service: ScriptedService;
  let engine: SyncEngine;
  let statuses: InboxStatus[];
  let arrived: string[][];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kamifax-sync-'));
    store = new InboxStore(join(folder, 'inbox.sqlite'));
    service = new ScriptedService();
    statuses = [];
    arrived = [];
    engine = new SyncEngine(
      store,
      service,
      { status: (s) => statuses.push(s), arrived: (ids) => arrived.push(ids) },
      createLogger(() => undefined, 'test'),
    );
  });

  afterEach(async () => {
    await engine.stop();
    store.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('pulls the feed, and announces only faxes that arrive after the first sync', async () => {
    service.put(fax('f1'));
    await engine.sync();
    expect(engine.status()).toMatchObject({ total: 1, unread: 1, connection: 'online' });
    expect(arrived).toEqual([]);
    service.put(fax('f2'));
    await engine.sync();
    expect(arrived).toEqual([['f2']]);
  });

  it('parks a change the service keeps refusing, and still pulls (403 every time)', async () => {
    service.put(fax('f1'));
    await engine.sync();
    store.queue(['f1'], 'read', 1);
    service.refuse = new ServiceError('request_refused', 'Forbidden', 403);
    service.put(fax('f2'));
    await engine.sync();
    // The refused change did not block the pull: the new fax is here.
    expect(store.get('f2')).not.toBeNull();
    expect(engine.status()).toMatchObject({ pendingChanges: 1, parkedChanges: 0 });
    for (let i = 1; i < maxAttempts; i += 1) await engine.sync();
    expect(service.writes).toBe(maxAttempts);
    expect(engine.status()).toMatchObject({ pendingChanges: 0, parkedChanges: 1 });
    await engine.sync();
    expect(service.writes).toBe(maxAttempts);
    expect(statuses.at(-1)?.parkedChanges).toBe(1);
  });

  it('shows the service copy once a change is parked, not the refused local one', async () => {
    service.put(fax('f1'));
    await engine.sync();
    store.queue(['f1'], 'read', 1);
    service.refuse = new ServiceError('server_error', 'Internal', 500);
    for (let i = 0; i < maxAttempts; i += 1) await engine.sync();
    service.put({ ...service.faxes.get('f1')!, subject: 'touched' });
    await engine.sync();
    expect(store.get('f1')).toMatchObject({ read: false, subject: 'touched' });
  });

  it('drops a change the service says is gone (404) and goes on', async () => {
    service.put(fax('f1'));
    await engine.sync();
    store.queue(['f1'], 'read', 1);
    service.refuse = new ServiceError('not_found', 'Gone', 404);
    await engine.sync();
    expect(engine.status()).toMatchObject({ pendingChanges: 0, parkedChanges: 0 });
  });

  it('keeps changes queued while offline, without counting attempts, then sends them', async () => {
    service.put(fax('f1'));
    await engine.sync();
    store.queue(['f1'], 'read', 1);
    const offline = new ServiceError('offline', 'No network');
    service.refuse = offline;
    service.feedDown = offline;
    for (let i = 0; i < maxAttempts + 2; i += 1) await engine.sync();
    expect(engine.status()).toMatchObject({ connection: 'offline', pendingChanges: 1 });
    expect(store.pending()[0]!.attempts).toBe(0);
    service.refuse = null;
    service.feedDown = null;
    await engine.sync();
    expect(engine.status()).toMatchObject({ connection: 'online', pendingChanges: 0 });
    expect(service.faxes.get('f1')!.read).toBe(true);
  });

  it('keeps a pending local delete over the service copy until the service has it', async () => {
    service.put(fax('f1'));
    await engine.sync();
    store.queue(['f1'], 'delete', 123);
    service.refuse = new ServiceError('server_error', 'Internal', 500);
    service.put({ ...service.faxes.get('f1')!, subject: 'changed on the service' });
    await engine.sync();
    // The service's newer copy arrived, but the fax stays in the Trash here.
    expect(store.get('f1')).toMatchObject({ subject: 'changed on the service' });
    expect(engine.status().total).toBe(0);
  });

  it('sends a status only when it changed; the revision moves only with the rows', async () => {
    service.put(fax('f1'));
    await engine.sync();
    const before = statuses.length;
    await engine.sync(); // an idle poll
    await engine.sync();
    expect(statuses.length).toBe(before);
    const revision = engine.status().revision;
    store.queue(['f1'], 'read', 1);
    engine.changedLocally();
    await engine.sync();
    const after = statuses.slice(before);
    // The change shown at once, then confirmed: two statuses, not four.
    expect(after.map((s) => [s.pendingChanges, s.unread])).toEqual([
      [1, 0],
      [0, 0],
    ]);
    expect(after[0]!.revision).toBeGreaterThan(revision);
  });

  it('writes the first page at once, then several pages to a transaction', async () => {
    for (let i = 0; i < 6000; i += 1) service.put(fax(`f${i}`));
    const writes: number[] = [];
    const apply = store.applyPages.bind(store);
    store.applyPages = (pages, cursor) => {
      writes.push(pages.length);
      apply(pages, cursor);
    };
    await engine.sync();
    // 12 pages of 500: the first alone (the list shows it), the rest gathered (the scripted
    // feed answers at once, so only the row limit or the end splits them).
    expect(writes[0]).toBe(1);
    expect(writes.length).toBeLessThan(12);
    expect(writes.reduce((a, b) => a + b, 0)).toBe(12);
    expect(engine.status().total).toBe(6000);
    // The status told the UI about the first page before the rest were written, as a sync
    // still running (so nothing waiting for the sync's end, the subject index, starts yet).
    expect(statuses.find((s) => s.total > 0)).toMatchObject({ total: 500, connection: 'syncing' });
  }, 30_000);

  it('a feed failing mid-batch loses nothing: the pages before it are kept, the rest resume', async () => {
    for (let i = 0; i < 6000; i += 1) service.put(fax(`f${i}`));
    const changes = service.changes.bind(service);
    let calls = 0;
    service.changes = (since, limit) => {
      calls += 1;
      // The 7th page fails while pages 2–6 wait to be written together.
      if (calls === 7) return Promise.reject(new ServiceError('offline', 'No network'));
      return changes(since, limit);
    };
    await engine.sync();
    expect(engine.status()).toMatchObject({ connection: 'offline', total: 3000 });
    expect(store.cursor()).toBe('3000');
    await engine.sync();
    expect(engine.status()).toMatchObject({ connection: 'online', total: 6000 });
    // Each fax once (the id is the key), so 6,000 rows are every fax: no gap, no duplicate.
  }, 30_000);

  it('stop() waits for a running sync and starts no other', async () => {
    for (let i = 0; i < 1200; i += 1) service.put(fax(`f${i}`));
    let ended = false;
    const running = engine.sync().then(() => {
      ended = true;
    });
    await engine.stop();
    // The database can close now: the run has ended.
    expect(ended).toBe(true);
    await running;
    await engine.sync();
    expect(service.writes).toBe(0);
    store.close();
    store = new InboxStore(join(folder, 'inbox.sqlite'));
  });
});
