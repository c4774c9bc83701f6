import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { InboxStore, localDateRange, type FaxRecord } from '../../../main/core/inbox/inbox-store';
import { inboxQuerySchema } from '../../../preload/contract';

const now = Date.UTC(2026, 10, 28, 12);
const day = 86_400_000;

function fax(id: string, overrides: Partial<FaxRecord> = {}): FaxRecord {
  return {
    id,
    direction: 'inbound',
    remoteNumber: '+81 3-1234-5678',
    localNumber: '+81 50-0000-0001',
    subject: null,
    pages: 1,
    at: now - day,
    read: false,
    junk: false,
    status: 'received',
    ...overrides,
  };
}

const q = (input: Record<string, unknown> = {}) => inboxQuerySchema.parse(input);

describe('InboxStore', () => {
  let store: InboxStore;
  beforeEach(() => {
    store = new InboxStore(join(mkdtempSync(join(tmpdir(), 'kamifax-store-')), 'inbox.sqlite'));
  });

  it('applies upserts and deletes with the cursor in one step', () => {
    store.applyChanges([fax('a'), fax('b')], [], '2');
    store.applyChanges([fax('a', { read: true })], ['b'], '3');
    expect(store.cursor()).toBe('3');
    expect(store.query(q(), now).rows.map((r) => [r.id, r.read])).toEqual([['a', true]]);
  });

  it('writes several pages in one transaction: a failure in the last writes none of them', () => {
    store.applyChanges([fax('a1')], [], '1');
    const broken = { ...fax('a4'), status: null } as unknown as FaxRecord;
    expect(() =>
      store.applyPages(
        [
          { upserts: [fax('a2')], deletes: ['a1'] },
          { upserts: [fax('a3'), broken], deletes: [] },
        ],
        '3',
      ),
    ).toThrow();
    // Nothing of the batch, and the cursor where it was: a sync resumes from page 2.
    expect(store.cursor()).toBe('1');
    expect(store.get('a1')).not.toBeNull();
    expect(store.get('a2')).toBeNull();
    store.applyPages(
      [
        { upserts: [fax('a2')], deletes: ['a1'] },
        { upserts: [fax('a3')], deletes: [] },
      ],
      '3',
    );
    expect(store.cursor()).toBe('3');
    expect([store.get('a1'), store.get('a2')?.id, store.get('a3')?.id]).toEqual([null, 'a2', 'a3']);
  });

  it('filters unread, this week and junk, and sorts', () => {
    store.applyChanges(
      [
        fax('old', { at: now - 30 * day, read: true, pages: 9 }),
        fax('new', { at: now - day }),
        fax('spam', { junk: true }),
      ],
      [],
      '1',
    );
    expect(store.query(q({ filter: 'unread' }), now).rows.map((r) => r.id)).toEqual(['new']);
    expect(store.query(q({ filter: 'thisWeek' }), now).rows.map((r) => r.id)).toEqual(['new']);
    expect(store.query(q({ filter: 'junk' }), now).rows.map((r) => r.id)).toEqual(['spam']);
    expect(store.query(q({ sort: 'oldest' }), now).rows.map((r) => r.id)).toEqual(['old', 'new']);
    expect(store.query(q({ sort: 'pages' }), now).rows[0]!.id).toBe('old');
    expect(store.counts()).toEqual({ unread: 1, total: 2 });
  });

  it('searches number digits however formatted, contact names, subjects and dates', () => {
    store.applyChanges(
      [
        fax('a', { remoteNumber: '+81 6-5555-1212', subject: 'Invoice 42' }),
        fax('b', { remoteNumber: '+1 415 555 0000', at: Date.UTC(2026, 0, 15, 3) }),
      ],
      [],
      '1',
    );
    store.setContact('+81-6-5555-1212', '大阪支店');
    expect(store.query(q({ search: '65555' }), now).rows.map((r) => r.id)).toEqual(['a']);
    expect(store.query(q({ search: '6-5555-1212' }), now).rows.map((r) => r.id)).toEqual(['a']);
    expect(store.query(q({ search: '大阪' }), now).rows[0]).toMatchObject({
      id: 'a',
      contactName: '大阪支店',
    });
    expect(store.query(q({ search: 'invoice' }), now).total).toBe(1);
    expect(store.query(q({ search: '2026-01' }), now).rows.map((r) => r.id)).toEqual(['b']);
    expect(store.query(q({ search: '%' }), now).total).toBe(0);
  });

  it('queues offline changes, applies them at once, and keeps them over an older server view', () => {
    store.applyChanges([fax('a'), fax('b')], [], '1');
    expect(store.queue(['a'], 'read', 1)).toBe(1);
    expect(store.queue(['b'], 'delete', 0)).toBe(1);
    expect(store.queue(['missing'], 'read', 1)).toBe(0);
    // The service has not seen the change yet and sends its older view of "a".
    store.applyChanges([fax('a', { read: false })], [], '2');
    expect(store.get('a')?.read).toBe(true);
    // Deleted means in the Trash: out of the inbox, listed under the Trash filter.
    expect(store.query(q(), now).rows.map((r) => r.id)).toEqual(['a']);
    expect(store.query(q({ filter: 'trash' }), now).rows.map((r) => r.id)).toEqual(['b']);
    expect(store.pending().map((p) => [p.faxId, p.op])).toEqual([
      ['a', 'read'],
      ['b', 'delete'],
    ]);
    store.done(store.pending()[0]!.seq);
    expect(store.pending()).toHaveLength(1);
  });

  it('counts again after every write (the count is cached between windows)', () => {
    store.applyChanges([fax('a')], [], '1');
    expect(store.query(q(), now).total).toBe(1);
    store.applyChanges([fax('b')], [], '2');
    expect(store.query(q({ offset: 0 }), now).total).toBe(2);
    store.queue(['a'], 'delete', 0);
    expect(store.query(q(), now).total).toBe(1);
  });

  it('finds a number by every form a person types (issue 14)', () => {
    store.applyChanges(
      [
        fax('tokyo', { remoteNumber: '+81312345678' }),
        fax('osaka', { remoteNumber: '+81662223333' }),
        fax('fukuoka', { remoteNumber: '+81921234567' }),
        fax('sf', { remoteNumber: '+14155550100' }),
      ],
      [],
      '1',
    );
    const found = (search: string) =>
      store
        .query(q({ search }), now)
        .rows.map((r) => r.id)
        .sort();
    for (const typed of [
      '03-1234-5678',
      '0312345678',
      '03 1234 5678',
      '(03) 1234-5678',
      '+81 3-1234-5678',
      '+81312345678',
      '81312345678',
      '0081312345678',
      '1234-5678',
      '０３−１２３４−５６７８',
    ])
      expect(found(typed), typed).toEqual(['tokyo']);
    expect(found('06-6222')).toEqual(['osaka']);
    expect(found('092-123-4567')).toEqual(['fukuoka']);
    expect(found('+1 415 555 0100')).toEqual(['sf']);
    expect(found('(415) 555-0100')).toEqual(['sf']);
    expect(found('03-9999-9999')).toEqual([]);
  });

  it('restores from the Trash and takes back a junk report', () => {
    store.applyChanges([fax('a'), fax('b')], [], '1');
    store.queue(['a'], 'delete', now);
    store.queue(['b'], 'junk', 0);
    expect(store.query(q(), now).total).toBe(0);
    expect(store.counts().total).toBe(0);
    store.queue(['a'], 'restore', 0);
    store.queue(['b'], 'notJunk', 0);
    expect(store.query(q(), now).total).toBe(2);
    // The service's older view (still trashed, still junk) does not undo the local change.
    store.applyChanges([fax('a', { trashedAt: now }), fax('b', { junk: true })], [], '2');
    expect(store.query(q(), now).total).toBe(2);
  });

  it('reads 2026/11/30, 2026-11-30 and 2026年11月30日 as the same day', () => {
    const day = { start: new Date(2026, 10, 30).getTime(), end: new Date(2026, 11, 1).getTime() };
    expect(localDateRange('2026/11/30')).toEqual(day);
    expect(localDateRange('2026-11-30')).toEqual(day);
    expect(localDateRange('2026年11月30日')).toEqual(day);
    expect(localDateRange('2026/11')).toEqual({
      start: new Date(2026, 10, 1).getTime(),
      end: new Date(2026, 11, 1).getTime(),
    });
  });

  it('reads YYYY-MM and YYYY-MM-DD as local-time ranges', () => {
    expect(localDateRange('2026-02')).toEqual({
      start: new Date(2026, 1, 1).getTime(),
      end: new Date(2026, 2, 1).getTime(),
    });
    expect(localDateRange('2026-12-31')).toEqual({
      start: new Date(2026, 11, 31).getTime(),
      end: new Date(2027, 0, 1).getTime(),
    });
    expect(localDateRange('2026-13')).toBeNull();
    expect(localDateRange('20261')).toBeNull();
  });

  it('pages through 100,000 faxes in windows', () => {
    const batch: FaxRecord[] = [];
    for (let i = 0; i < 100_000; i += 1)
      batch.push(fax(`f${i}`, { at: now - i * 1000, read: i % 3 === 0 }));
    store.applyChanges(batch, [], 'x');
    const window = store.query(q({ offset: 50_000, limit: 100 }), now);
    expect(window.total).toBe(100_000);
    expect(window.rows[0]!.id).toBe('f50000');
    expect(store.counts().unread).toBe(66_666);
    // A size test, not a timed one: 100,000 inserts take seconds on a busy 2-core machine.
  }, 60_000);
});
