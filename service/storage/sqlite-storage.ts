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
  return {
    accounts: new SqliteAccounts(db),
    tokens: new SqliteTokens(db),
    faxes: new SqliteFaxes(db),
    events: new SqliteEvents(db),
    idempotency: new SqliteIdempotency(db),
    policies: new SqlitePolicies(db),
    documents: new FileDocuments(join(dataDir, 'documents')),
    transaction: (work) => db.transaction(work)(),
    close: () => db.close(),
  };
}
