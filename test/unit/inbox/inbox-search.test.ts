import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { localDateRange, numberSearchDigits } from '../../../main/core/inbox/inbox-search';
import { InboxStore, type FaxRecord } from '../../../main/core/inbox/inbox-store';
import { migrate } from '../../../main/core/inbox/migrations';
import { inboxQuerySchema } from '../../../preload/contract';
import { realisticSenders } from '../../../service/demo/realistic-inbox';
import { realisticRecords } from '../../helpers/realistic-records';

const now = Date.UTC(2026, 10, 30, 16);
const q = (input: Record<string, unknown> = {}) => inboxQuerySchema.parse(input);

/** The realistic inbox as change-feed records, with ids in arrival order. */
function records(count: number): FaxRecord[] {
  return realisticRecords(count, now, (index) => `f${String(index).padStart(6, '0')}`);
}

/** What a search found before the indexes: LIKE (ASCII case-insensitive) on each field. */
function oracle(faxes: FaxRecord[], names: Map<string, string>, search: string): Set<string> {
  const term = search.trim();
  const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const has = (text: string | null | undefined) => text != null && fold(text).includes(fold(term));
  const forms = numberSearchDigits(term);
  const range = localDateRange(term);
  return new Set(
    faxes
      .filter((fax) => {
        const digits = fax.remoteNumber.replace(/\D/g, '');
        return (
          has(fax.subject) ||
          has(names.get(digits)) ||
          has(fax.remoteNumber) ||
          forms.some((form) => digits.includes(form)) ||
          (range !== null && fax.at >= range.start && fax.at < range.end)
        );
      })
      .map((fax) => fax.id),
  );
}

const found = (store: InboxStore, search: string) =>
  new Set(store.query(q({ search, limit: 500 }), now).rows.map((row) => row.id));

describe('inbox search on realistic data', () => {
  const faxes = records(3_000);
  const senders = realisticSenders();
  const names = new Map(
    senders.filter((s) => s.contact).map((s) => [s.number.replace(/\D/g, ''), s.name]),
  );
  const known = senders[3]!.number; // +81 3-…: its national form as the list shows it
  const national = `0${known.slice(3, 4)}-${known.slice(4, 8)}-${known.slice(8)}`;
  const searches = [
    national,
    national.slice(0, 7),
    known,
    known.slice(4, 9),
    '請求書',
    '見積',
    'invoice',
    'No.',
    '請',
    'Or',
    senders.find((s) => s.contact && /Office|Clinic|Foods/.test(s.name))!.name.split(' ')[0]!,
    senders.find((s) => s.contact && /株式会社/.test(s.name))!.name.slice(4),
    '2026/11/27',
    '2026-11-27',
    '2026年11月27日',
    '2026/11',
    '%',
    '"quoted"',
    'nothing like this',
  ];
  let store: InboxStore;
  beforeEach(() => {
    store = new InboxStore(join(mkdtempSync(join(tmpdir(), 'kamifax-search-')), 'inbox.sqlite'));
    store.applyChanges(faxes, [], '1');
    for (const sender of senders) if (sender.contact) store.setContact(sender.number, sender.name);
  });

  it('finds what LIKE on every field found, before and after the subject index is filled', () => {
    for (const search of searches) {
      const expected = oracle(faxes, names, search);
      // Below 500 matches every match is in the window; above, the window is the newest 500.
      if (expected.size <= 500) expect(found(store, search), search).toEqual(expected);
    }
    while (store.indexSubjects(700));
    let checked = 0;
    for (const search of searches) {
      const expected = oracle(faxes, names, search);
      const { total, rows } = store.query(q({ search, limit: 500 }), now);
      expect(total, search).toBe(expected.size);
      for (const row of rows) expect(expected.has(row.id), `${search}: ${row.id}`).toBe(true);
      if (expected.size <= 500) {
        expect(new Set(rows.map((row) => row.id)), search).toEqual(expected);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('keeps the subject index exact when an indexed fax changes or goes', () => {
    while (store.indexSubjects(1_000));
    const [first, second] = faxes.filter((fax) => fax.subject);
    store.applyChanges(
      [
        { ...first!, subject: 'Zebra crossing plan' },
        { ...second!, subject: null },
      ],
      [faxes[10]!.id],
      '2',
    );
    expect(found(store, 'zebra')).toEqual(new Set([first!.id]));
    expect(found(store, first!.subject!).has(first!.id)).toBe(false);
    expect(found(store, second!.subject!).has(second!.id)).toBe(false);
    const after = faxes.filter((fax) => fax.id !== faxes[10]!.id);
    const changed = after.map((fax) =>
      fax.id === first!.id
        ? { ...fax, subject: 'Zebra crossing plan' }
        : fax.id === second!.id
          ? { ...fax, subject: null }
          : fax,
    );
    expect(store.query(q({ search: '請求書' }), now).total).toBe(
      oracle(changed, names, '請求書').size,
    );
    // A fax that arrives after the index was filled is found (by LIKE until it is indexed).
    store.applyChanges([{ ...faxes[0]!, id: 'late', subject: 'Late quotation' }], [], '3');
    expect(found(store, 'late quot')).toEqual(new Set(['late']));
    while (store.indexSubjects(1_000));
    expect(found(store, 'late quot')).toEqual(new Set(['late']));
  });

  it('counts up to countUpTo and says there are more', () => {
    const all = oracle(faxes, names, '請');
    expect(all.size).toBeGreaterThan(50);
    const quick = store.query(q({ search: '請', countUpTo: 50 }), now);
    expect(quick).toMatchObject({ total: 50, more: true });
    expect(quick.rows).toHaveLength(100);
    expect(store.query(q({ search: '請' }), now).total).toBe(all.size);
    const few = store.query(q({ search: national, countUpTo: 5_000 }), now);
    expect(few.total).toBe(oracle(faxes, names, national).size);
    expect(few.more).toBeUndefined();
  });

  it('adds the indexes to a database from before them, which then finds the same', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kamifax-search-old-')), 'inbox.sqlite');
    const raw = new Database(path);
    const steps = migrate(raw);
    // Back to the schema before the search step (the list index's and the sort's followed it).
    raw.exec(`DROP INDEX faxes_list; CREATE INDEX faxes_at ON faxes (direction, at DESC);
      DROP INDEX faxes_many_pages; DROP TABLE sender_numbers;
      DROP TRIGGER faxes_sender_number_update;
      DROP TRIGGER faxes_searched_insert; DROP TRIGGER faxes_searched_number;
      DROP TRIGGER faxes_searched_subject; DROP TRIGGER faxes_searched_delete;
      DROP TABLE faxes_subject; DROP TABLE subject_index; DROP TABLE senders;
      DROP INDEX faxes_digits;`);
    raw.pragma(`user_version = ${steps - 3}`);
    // Faxes as the previous version stored them.
    const insert = raw.prepare(
      `INSERT INTO faxes (id, direction, remote_number, remote_digits, local_number, subject, pages, at, status)
       VALUES (?, 'inbound', ?, ?, '+815011112222', ?, ?, ?, 'received')`,
    );
    raw.transaction(() => {
      for (const fax of faxes)
        insert.run(
          fax.id,
          fax.remoteNumber,
          fax.remoteNumber.replace(/\D/g, ''),
          fax.subject,
          fax.pages,
          fax.at,
        );
    })();
    raw.close();
    const reopened = new InboxStore(path);
    for (const search of ['請求書', national, '2026/11/27'])
      expect(reopened.query(q({ search }), now).total, search).toBe(
        oracle(faxes, new Map(), search).size,
      );
    while (reopened.indexSubjects(1_000));
    expect(reopened.query(q({ search: '請求書' }), now).total).toBe(
      oracle(faxes, new Map(), '請求書').size,
    );
    reopened.close();
  });
});
