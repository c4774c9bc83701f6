import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../../service/storage/sqlite-storage';

const dir = mkdtempSync(join(tmpdir(), 'kamifax-sqlite-tx-'));
const storage = openSqliteStorage(dir);
afterAll(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const put = (key: string) => storage.idempotency.put('acct', key, 'hash', 202, '{}', 1);
const has = (key: string) => storage.idempotency.get('acct', key) !== null;

// storage.transaction reuses one wrapper for every call: each call must still be its own
// transaction, a throw must roll back only its own work, and a nested call stays a savepoint.
describe('storage.transaction (SQLite)', () => {
  it('returns the work value and commits it', () => {
    expect(storage.transaction(() => (put('a'), 42))).toBe(42);
    expect(has('a')).toBe(true);
  });

  it('rolls back a throwing call, and only that call', () => {
    expect(() =>
      storage.transaction(() => {
        put('b');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(has('b')).toBe(false);
    storage.transaction(() => put('c'));
    expect(has('c')).toBe(true);
  });

  it('keeps a nested call a savepoint: its throw undoes its work, not the outer one', () => {
    storage.transaction(() => {
      put('d');
      expect(() =>
        storage.transaction(() => {
          put('e');
          throw new Error('inner');
        }),
      ).toThrow('inner');
    });
    expect(has('d')).toBe(true);
    expect(has('e')).toBe(false);
  });
});
