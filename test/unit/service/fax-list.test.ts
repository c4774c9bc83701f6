import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../service/storage/sqlite-storage';
import { listSql } from '../../../service/storage/sqlite/faxes';
import type { FaxRow } from '../../../service/storage/storage';

const dir = mkdtempSync(join(tmpdir(), 'kamifax-fax-list-'));
const storage = openSqliteStorage(dir);
afterAll(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

storage.accounts.create(
  {
    id: 'acct',
    email: 'a@example.com',
    name: 'A',
    passwordHash: 'x',
    plan: 'paid',
    createdAt: 0,
    trialEndsAt: null,
    birthDate: '1980-01-01',
    gender: null,
    incomeLevel: null,
    occupation: null,
    acceptedPolicyVersion: null,
  },
  '+81311112222',
);
// 120 faxes in both directions, many sharing a creation time (the cursor must break ties by id).
const faxes: FaxRow[] = Array.from({ length: 120 }, (_, i) => ({
  id: `fax-${String((i * 37) % 120).padStart(3, '0')}`,
  accountId: 'acct',
  direction: i % 3 === 0 ? 'outbound' : 'inbound',
  from: '+81311112222',
  to: '+81333334444',
  subject: null,
  pages: 1,
  createdAt: 1_000 + Math.floor(i / 4),
  updatedAt: 1_000,
  read: false,
  junk: false,
  status: 'received',
  failureReason: null,
  pagesSent: 0,
  documentId: `doc-${i}`,
}));
storage.transaction(() => {
  for (const fax of faxes) storage.faxes.insert(fax);
});

const newestFirst = (a: FaxRow, b: FaxRow) =>
  b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

describe('the fax list (SQLite)', () => {
  it.each([['inbound' as const], ['outbound' as const], [null]])(
    'pages %s faxes newest first, ties by id, without gaps or repeats',
    (direction) => {
      const expected = faxes
        .filter((fax) => direction === null || fax.direction === direction)
        .sort(newestFirst)
        .map((fax) => fax.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page = storage.faxes.list('acct', direction, 7, cursor);
        seen.push(...page.map((fax) => fax.id));
        if (page.length < 7) break;
        cursor = page[page.length - 1]!.id;
      }
      expect(seen).toEqual(expected);
    },
  );

  it('reads a direction page in index order, with no sort of all the account faxes', () => {
    const db = new Database(join(dir, 'service.sqlite'), { readonly: true });
    try {
      for (const afterCursor of [false, true]) {
        const plan = (
          db
            .prepare(`EXPLAIN QUERY PLAN ${listSql(true, afterCursor)}`)
            .all({ accountId: 'acct', direction: 'inbound', at: 1, id: 'x', limit: 50 }) as {
            detail: string;
          }[]
        ).map((row) => row.detail);
        expect(plan.join('\n')).toContain('USING INDEX faxes_account');
        expect(plan.join('\n')).not.toContain('TEMP B-TREE');
      }
    } finally {
      db.close();
    }
  });
});
