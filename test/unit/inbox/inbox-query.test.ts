import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInSlices, planQuery } from '../../../main/core/inbox/inbox-query';
import { localDateRange, numberSearchDigits } from '../../../main/core/inbox/inbox-search';
import { InboxStore, type FaxRecord } from '../../../main/core/inbox/inbox-store';
import { migrate } from '../../../main/core/inbox/migrations';
import { sortedWindow } from '../../../main/core/inbox/sorted-window';
import { inboxQuerySchema, type InboxQuery } from '../../../preload/contract';
import { realisticSenders } from '../../../service/demo/realistic-inbox';
import { realisticRecords } from '../../helpers/realistic-records';

const now = new Date(2026, 10, 30, 18).getTime();
const week = 7 * 24 * 3600 * 1000;
const q = (input: Record<string, unknown> = {}) => inboxQuerySchema.parse(input);

function records(count: number): FaxRecord[] {
  return realisticRecords(
    count,
    now,
    (index) => `f${String((index * 7919) % count).padStart(6, '0')}`,
  );
}

const orders: Record<InboxQuery['sort'], string> = {
  newest: 'f.at DESC, f.id DESC',
  oldest: 'f.at ASC, f.id ASC',
  sender: 'COALESCE(c.name, f.remote_number) COLLATE NOCASE ASC, f.at DESC, f.id DESC',
  pages: 'f.pages DESC, f.at DESC, f.id DESC',
  subject: "COALESCE(f.subject, '') COLLATE NOCASE ASC, f.at DESC, f.id DESC",
};

/**
 * The plain search, written out: every field of every row by LIKE (the number as stored and
 * its digits in each typed form, the contact's name), the date's range, no index chosen.
 */
function reference(db: Database.Database, query: InboxQuery): { ids: string[]; total: number } {
  const where = ["f.direction = 'inbound'"];
  const params: Record<string, unknown> = {};
  if (query.filter === 'trash') where.push('f.trashed_at IS NOT NULL');
  else where.push('f.trashed_at IS NULL', `f.junk = ${query.filter === 'junk' ? 1 : 0}`);
  if (query.filter === 'unread') where.push('f.read = 0');
  if (query.filter === 'thisWeek') where.push(`f.at >= ${now - week}`);
  const search = query.search.trim();
  if (search) {
    params.like = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const ors = ['subject', 'c.name', 'f.remote_number'].map(
      (field) => `${field.includes('.') ? field : `f.${field}`} LIKE @like ESCAPE '\\'`,
    );
    numberSearchDigits(search).forEach((digits, i) => {
      params[`d${i}`] = `%${digits}%`;
      ors.push(`f.remote_digits LIKE @d${i}`);
    });
    const range = localDateRange(search);
    if (range) ors.push(`(f.at >= ${range.start} AND f.at < ${range.end})`);
    where.push(`(${ors.join(' OR ')})`);
  }
  const from = `FROM faxes f NOT INDEXED LEFT JOIN contacts c ON c.digits = f.remote_digits WHERE ${where.join(' AND ')}`;
  const ids = db
    .prepare(
      `SELECT f.id ${from} ORDER BY ${orders[query.sort]} LIMIT ${query.limit} OFFSET ${query.offset}`,
    )
    .pluck()
    .all(params) as string[];
  const total = db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number;
  return { ids, total };
}

const senders = realisticSenders();
const known = senders.find((s) => s.rank > 100 && s.number.startsWith('+813'))!.number;
const national = `0${known.slice(3, 4)}-${known.slice(4, 8)}-${known.slice(8)}`;
const frequent = senders[0]!.number;
const searches = [
  ...[...national].map((_c, i) => national.slice(0, i + 1)),
  known,
  known.slice(3),
  frequent.slice(5, 10),
  `0${frequent.slice(3, 5)}`,
  '  03 ',
  '０３－',
  '請',
  '請求',
  '請求書',
  '見積書',
  '注文書 1',
  '2026/11/27',
  '2026-11-27',
  '2026/11/3',
  '2026/11',
  '2026-1',
  '2026/1',
  '2026年11月27日',
  '2026年10月',
  '2026',
  '202',
  'Or',
  'Orchid',
  'orc',
  senders.find((s) => s.contact && /株式会社/.test(s.name))!.name.slice(4),
  senders.find((s) => !s.contact)!.name.slice(0, 4),
  'Invoice No.',
  '+81',
  'No.',
  '%',
  '_',
  '"quoted"',
  'nothing like this',
  '',
];

describe('the inbox query planner', () => {
  const faxes = records(8_000);
  let dir: string;
  let store: InboxStore;
  let plain: Database.Database;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kamifax-query-'));
    store = new InboxStore(join(dir, 'inbox.sqlite'));
    store.applyChanges(faxes, [], '1');
    for (const sender of senders) if (sender.contact) store.setContact(sender.number, sender.name);
    // Some junk, some in the Trash, some unread; the subject index covers only part at first.
    store.queue(
      faxes.filter((_f, i) => i % 97 === 0).map((f) => f.id),
      'junk',
      1,
    );
    store.queue(
      faxes.filter((_f, i) => i % 89 === 0).map((f) => f.id),
      'delete',
      now,
    );
    store.queue(
      faxes.filter((_f, i) => i % 5 === 0).map((f) => f.id),
      'read',
      0,
    );
    // The sender sort's hard cases (sorted-window.ts): numbers stored in a second form with
    // the same digits (a contact's and a stranger's), and two contacts whose names differ
    // only in case, so their faxes interleave by time.
    const named = senders.filter((s) => s.contact && /^[ -~]+$/.test(s.name));
    const stranger = senders.find((s) => !s.contact)!;
    store.applyChanges(
      [named[0]!, stranger].flatMap((sender, k) =>
        faxes.slice(k * 40, k * 40 + 40).map((fax, i) => ({
          ...fax,
          id: `g${k}-${i}`,
          remoteNumber: `${sender.number.slice(0, 3)} ${sender.number.slice(3)}`,
        })),
      ),
      [],
      '2',
    );
    store.setContact(named[1]!.number, named[0]!.name.toUpperCase());
    store.indexSubjects(7_000);
    // An indexed fax that the service now gives another number (sender_numbers' trigger).
    store.applyChanges([{ ...faxes[3]!, remoteNumber: '+1 555 0100' }], [], '3');
    plain = new Database(join(dir, 'inbox.sqlite'), { readonly: true });
  });
  afterAll(() => {
    plain.close();
    store.close();
  });

  const compare = (label: string) => {
    const plans = new Set<string>();
    for (const search of searches)
      for (const [sort, filter] of [
        ['newest', 'all'],
        ['oldest', 'all'],
        ['newest', 'unread'],
        ['newest', 'thisWeek'],
        ['sender', 'all'],
        ['pages', 'all'],
        ['pages', 'junk'],
        ['subject', 'trash'],
      ] as const)
        for (const offset of filter !== 'all'
          ? [0]
          : sort === 'newest'
            ? [0, 100, 700]
            : // The sorted whole inbox is read sender by sender (sorted-window.ts): windows
              // deep in it and its end skip whole senders.
              !search && (sort === 'sender' || sort === 'pages')
              ? [0, 100, 700, 3_100, 7_800]
              : [0]) {
          const query = q({ search, sort, filter, offset, limit: 100 });
          const expected = reference(plain, query);
          const context = `${label} "${search}" ${sort} ${filter} @${offset}`;
          (store as unknown as { counted: null }).counted = null;
          const exact = store.query(query, now);
          expect(
            exact.rows.map((r) => r.id),
            context,
          ).toEqual(expected.ids);
          expect(exact.total, context).toBe(expected.total);
          expect(exact.more, context).toBeUndefined();
          (store as unknown as { counted: null }).counted = null;
          const quick = store.query({ ...query, countUpTo: 50 }, now);
          expect(
            quick.rows.map((r) => r.id),
            context,
          ).toEqual(expected.ids);
          expect(quick.total, context).toBe(Math.min(50, expected.total));
          expect(quick.more === true, context).toBe(expected.total > 50);
          plans.add(planQuery(plain, query, now).how);
        }
    return plans;
  };

  it('finds the same rows in the same order and counts the same as the plain search', () => {
    expect(compare('part indexed')).toEqual(new Set(['all', 'walk', 'gather']));
    while (store.indexSubjects(5_000));
    expect(compare('indexed')).toEqual(new Set(['all', 'walk', 'gather']));
  }, 300_000);

  it('sorts by sender across numbers of equal name and number forms of equal digits', () => {
    const named = senders.filter((s) => s.contact && /^[ -~]+$/.test(s.name));
    const stranger = senders.find((s) => !s.contact)!;
    const all = reference(plain, { ...q({ sort: 'sender' }), limit: 100_000 }).ids;
    const idsOf = (number: string) =>
      plain
        .prepare("SELECT id FROM faxes WHERE remote_digits = ? AND direction = 'inbound'")
        .pluck()
        .all(number.replace(/\D/g, '')) as string[];
    for (const number of [named[0]!.number, named[1]!.number, stranger.number]) {
      const ids = new Set(idsOf(number));
      const at = all.findIndex((id) => ids.has(id));
      for (const offset of [Math.max(0, at - 5), at + 17]) {
        const query = q({ sort: 'sender', offset, limit: 60 });
        (store as unknown as { counted: null }).counted = null;
        expect(
          store.query(query, now).rows.map((r) => r.id),
          `${number} @${offset}`,
        ).toEqual(reference(plain, query).ids);
      }
    }
  });

  it('reads a sorted window of the whole inbox from indexes, not by sorting every fax', () => {
    const plan = planQuery(plain, q({ sort: 'pages' }), now);
    const counted: string[] = [];
    const prepare = plain.prepare.bind(plain);
    const spied = plain as unknown as { prepare: (sql: string) => unknown };
    spied.prepare = (sql: string) => {
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql.replace(/@\w+/g, "''")}`).all();
      counted.push((plan as { detail: string }[]).map((r) => r.detail).join(' | '));
      return prepare(sql);
    };
    const window = (sort: 'pages' | 'sender', offset: number) =>
      sortedWindow(plain, q({ sort, offset, limit: 24 }), 'f.id', plan.filters, new Map());
    try {
      // The first windows by pages come from the faxes of many pages, sorted by their index
      // (only faxes of equal pages and time are sorted, by id); a window past them is not.
      expect(window('pages', 0)).toHaveLength(24);
      expect(counted).toHaveLength(1);
      expect(counted[0]).toContain('faxes_many_pages');
      expect(counted[0]).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(window('pages', 5_000)).toBeNull();
      counted.length = 0;
      expect(window('sender', 7_000)).toHaveLength(24);
    } finally {
      spied.prepare = prepare;
    }
    // By sender: the senders are sorted, then each one's faxes (counted to skip them, then
    // read) come through its digits, newest first.
    expect(counted.length).toBeGreaterThan(10);
    for (const detail of counted.slice(1)) {
      expect(detail).toContain('faxes_digits');
      expect(detail).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });

  it('reads only the matches of a rare search and walks the list for a common one', () => {
    const plan = (search: string) => planQuery(plain, q({ search }), now).how;
    expect(plan(national)).toBe('gather');
    expect(plan('2026/11/27')).toBe('gather');
    expect(plan('請')).toBe('walk');
    expect(plan('+81')).toBe('walk');
    const eqp = (sql: string) =>
      (plain.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ like: '%請%' }) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    // The walk tests each row on the covering index, never reading the table for it.
    expect(
      eqp(`SELECT count(*) FROM faxes f WHERE f.direction = 'inbound' AND f.subject LIKE @like`),
    ).toContain('COVERING INDEX faxes_list');
  });
});

describe('an exact count in slices', () => {
  const faxes = records(4_000);
  let store: InboxStore;
  let db: Database.Database;
  beforeAll(() => {
    const path = join(mkdtempSync(join(tmpdir(), 'kamifax-slices-')), 'inbox.sqlite');
    store = new InboxStore(path);
    store.applyChanges(faxes, [], '1');
    store.queue(
      faxes.filter((_f, i) => i % 7 === 0).map((f) => f.id),
      'delete',
      now,
    );
    db = new Database(path, { readonly: true });
  });
  afterAll(() => {
    db.close();
    store.close();
  });

  it('counts what the plain search counts, and lets other work run between slices', async () => {
    for (const search of ['', '請', 'Or', '+81', national, '2026/11'])
      for (const filter of ['all', 'unread', 'trash'] as const) {
        const query = q({ search, filter });
        const plan = planQuery(db, query, now);
        let others = 0;
        const tick = () => {
          others += 1;
          if (others < 1_000) setImmediate(tick);
        };
        setImmediate(tick);
        const total = await countInSlices(db, plan, () => false, 300);
        expect(total, `${search} ${filter}`).toBe(reference(db, query).total);
        // A long count let the event loop run between its slices; a short one is counted at once.
        if (plan.slice) expect(others, search).toBeGreaterThan(5);
        others = 1_000;
      }
  });

  it('stops when told between slices; a count of one slice is made at once', async () => {
    const plan = planQuery(db, q({ search: '請' }), now);
    let asked = 0;
    expect(await countInSlices(db, plan, () => (asked += 1) > 2, 300)).toBeNull();
    expect(asked).toBe(3);
    const query = q({ search: 'Or', offset: 0, limit: 100 });
    const exact = reference(db, query);
    (store as unknown as { counted: null }).counted = null;
    // One slice here (4,000 faxes): never asked, so never stopped.
    const whole = await store.queryInSlices(query, now, () => true);
    expect(whole.total).toBe(exact.total);
    expect(whole.rows.map((r) => r.id)).toEqual(exact.ids);
  });
});

describe('the list index step', () => {
  it('upgrades a store of the previous schema, keeps everything in it, and finds the same', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kamifax-query-old-')), 'inbox.sqlite');
    const raw = new Database(path);
    const steps = migrate(raw);
    // Back to the schema before this step and the sort step after it (the last two).
    raw.exec(`DROP INDEX faxes_list; CREATE INDEX faxes_at ON faxes (direction, at DESC);
      DROP INDEX faxes_many_pages; DROP TABLE sender_numbers;
      DROP TRIGGER faxes_sender_number_update;`);
    raw.pragma(`user_version = ${steps - 2}`);
    // Written by the previous version: faxes (the subject index filled for part), a contact,
    // an offline change, the cursor, a cached document, a rotation.
    const faxes = records(3_000);
    const insert = raw.prepare(
      `INSERT INTO faxes (id, direction, remote_number, remote_digits, local_number, subject, pages, at, read, status)
       VALUES (?, 'inbound', ?, ?, '+815011112222', ?, ?, ?, ?, 'received')`,
    );
    raw.transaction(() => {
      raw.prepare('UPDATE subject_index SET upto = 1000').run();
      for (const fax of faxes)
        insert.run(
          fax.id,
          fax.remoteNumber,
          fax.remoteNumber.replace(/\D/g, ''),
          fax.subject,
          fax.pages,
          fax.at,
          fax.read ? 1 : 0,
        );
      raw
        .prepare('INSERT INTO contacts (digits, name) VALUES (?, ?)')
        .run(known.slice(1), 'Old Friend');
      raw
        .prepare("INSERT INTO pending_ops (fax_id, op, arg) VALUES (?, 'read', 1)")
        .run(faxes[5]!.id);
      raw.prepare("INSERT INTO sync_state (key, value) VALUES ('cursor', '42')").run();
      raw
        .prepare('INSERT INTO documents (fax_id, size, last_used) VALUES (?, 10, 1)')
        .run(faxes[6]!.id);
      raw
        .prepare(
          'INSERT INTO rotations (doc_key, value, updated_at) VALUES (\'doc-1\', \'{"document":90,"pages":{}}\', 1)',
        )
        .run();
    })();
    raw.close();

    const store = new InboxStore(path);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(steps);
    const indexes = check
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'faxes'")
      .pluck()
      .all();
    expect(indexes).toContain('faxes_list');
    expect(indexes).toContain('faxes_many_pages');
    expect(indexes).not.toContain('faxes_at');
    expect(store.cursor()).toBe('42');
    expect(store.pending().map((op) => op.faxId)).toEqual([faxes[5]!.id]);
    expect(store.cachedDocuments()).toEqual([{ faxId: faxes[6]!.id, size: 10 }]);
    expect(store.rotations.all()).toEqual({ 'doc-1': { document: 90, pages: {} } });
    expect(store.get(faxes[7]!.id)).toMatchObject({ subject: faxes[7]!.subject, at: faxes[7]!.at });
    for (const search of ['', 'Old Friend', national, '請求書', '2026/11/27', '2026/11', '請'])
      for (const sort of ['newest', 'sender', 'pages'] as const) {
        const query = q({ search, sort, limit: 100 });
        const expected = reference(check, query);
        const found = store.query(query, now);
        expect(
          found.rows.map((r) => r.id),
          search,
        ).toEqual(expected.ids);
        expect(found.total, search).toBe(expected.total);
      }
    check.close();
    store.close();
  });
});
