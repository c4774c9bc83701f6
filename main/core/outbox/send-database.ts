import Database, { type Database as Db } from 'better-sqlite3';

/**
 * The sending features' schema (drafts, the outbox, the address book), one step per version,
 * kept in the account's database beside the inbox's tables but versioned on its own (in
 * `feature_versions`), so neither list of migrations has to know about the other.
 */
const steps: readonly string[] = [
  `CREATE TABLE drafts (
     id TEXT PRIMARY KEY,
     origin TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE draft_documents (
     id TEXT PRIMARY KEY,
     draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
     position REAL NOT NULL,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     pages INTEGER NOT NULL,
     size INTEGER NOT NULL
   );
   CREATE INDEX draft_documents_draft ON draft_documents (draft_id, position);
   CREATE TABLE sends (
     id TEXT PRIMARY KEY,
     idempotency_key TEXT NOT NULL UNIQUE,
     subject TEXT,
     pages INTEGER NOT NULL,
     state TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     created_at INTEGER NOT NULL,
     resend_of TEXT
   );
   CREATE INDEX sends_pending ON sends (state, next_attempt_at) WHERE state = 'pending';
   CREATE TABLE send_recipients (
     id TEXT PRIMARY KEY,
     send_id TEXT NOT NULL REFERENCES sends (id),
     position INTEGER NOT NULL,
     number TEXT NOT NULL,
     digits TEXT NOT NULL,
     contact_name TEXT,
     fax_id TEXT UNIQUE,
     status TEXT NOT NULL,
     pages_sent INTEGER NOT NULL DEFAULT 0,
     failure_reason TEXT,
     updated_at INTEGER NOT NULL,
     started_at INTEGER,
     finished_at INTEGER
   );
   CREATE INDEX send_recipients_send ON send_recipients (send_id, position);
   CREATE INDEX send_recipients_status ON send_recipients (status, updated_at DESC);
   CREATE TABLE address_book (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     company TEXT NOT NULL,
     fax_number TEXT NOT NULL,
     digits TEXT NOT NULL,
     note TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX address_book_digits ON address_book (digits);
   CREATE TABLE send_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Cancel asked for after the first upload attempt: settled with the service (withdraw or cancel).
  `ALTER TABLE send_recipients ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;`,
];

/** Opens (and brings up to date) the sending tables of an account's database file. */
export function openSendDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The app and `kamifax send` may hold the same database at once.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(
    'CREATE TABLE IF NOT EXISTS feature_versions (name TEXT PRIMARY KEY, version INTEGER NOT NULL)',
  );
  db.transaction(() => {
    const row = db.prepare("SELECT version FROM feature_versions WHERE name = 'send'").get() as
      { version: number } | undefined;
    for (let version = row?.version ?? 0; version < steps.length; version += 1)
      db.exec(steps[version]!);
    db.prepare(
      "INSERT INTO feature_versions (name, version) VALUES ('send', ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version",
    ).run(steps.length);
  }).immediate();
  return db;
}
