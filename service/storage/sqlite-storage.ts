import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileDocuments } from './file-documents';
import { SqliteAccounts } from './sqlite/accounts';
import { SqliteFaxes } from './sqlite/faxes';
import { migrate } from './sqlite/migrations';
import { SqliteEvents, SqliteIdempotency, SqlitePolicies, SqliteTokens } from './sqlite/misc';
import type { Storage } from './storage';

/**
 * Opens (and migrates) the service's storage in a data folder: `service.sqlite` plus
 * `documents/`. `nativeBinding` is better-sqlite3's build to load (the desktop app's embedded
 * demo runs in Electron, whose ABI differs from Node's); the default build otherwise.
 */
export function openSqliteStorage(dataDir: string, nativeBinding?: string): Storage {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'service.sqlite'), { nativeBinding });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  cacheStatements(db);
  // One transaction wrapper for every call: `db.transaction(work)` builds five wrapper
  // functions (and their properties) each time, ~30 µs a call under load, several per send.
  // Nested calls still become savepoints: better-sqlite3 checks `db.inTransaction` per call.
  const inTransaction = db.transaction((work: () => unknown) => work());
  return {
    accounts: new SqliteAccounts(db),
    tokens: new SqliteTokens(db),
    faxes: new SqliteFaxes(db),
    events: new SqliteEvents(db),
    idempotency: new SqliteIdempotency(db),
    policies: new SqlitePolicies(db),
    documents: new FileDocuments(join(dataDir, 'documents')),
    transaction: <T>(work: () => T) => inTransaction(work) as T,
    close: () => db.close(),
  };
}

/** Distinct SQL texts kept compiled; the queries are fixed strings, so this is never reached. */
const maxCachedStatements = 500;

/**
 * Makes `db.prepare` return one compiled statement per SQL text instead of compiling it on
 * every call: the stores prepare at each use, and under 50 concurrent sends compiling was a
 * tenth of the event loop's time. Statements are never put in pluck/raw/expand mode nor
 * iterated here, so sharing one is safe; SQLite recompiles a statement itself after a schema change.
 */
function cacheStatements(db: Database.Database): void {
  const compile = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= maxCachedStatements) cache.clear();
      statement = compile(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as typeof db.prepare;
}
