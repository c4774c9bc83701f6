import type { Database } from 'better-sqlite3';

/** The schema, one step per version; released steps never change. */
const steps: readonly string[] = [
  `CREATE TABLE accounts (
     id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, password_hash TEXT NOT NULL,
     plan TEXT NOT NULL, created_at INTEGER NOT NULL, trial_ends_at INTEGER, birth_date TEXT NOT NULL,
     gender TEXT, income_level TEXT, occupation TEXT, accepted_policy_version INTEGER);
   CREATE TABLE fax_numbers (number TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE);
   CREATE INDEX fax_numbers_account ON fax_numbers (account_id);
   CREATE TABLE access_tokens (hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, expires_at INTEGER NOT NULL);
   CREATE TABLE refresh_tokens (hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
     family TEXT NOT NULL, expires_at INTEGER NOT NULL, spent INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX refresh_family ON refresh_tokens (family);
   CREATE TABLE faxes (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, direction TEXT NOT NULL,
     from_number TEXT NOT NULL, to_number TEXT NOT NULL, subject TEXT, pages INTEGER NOT NULL, created_at INTEGER NOT NULL,
     read INTEGER NOT NULL DEFAULT 0, junk INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, failure_reason TEXT,
     pages_sent INTEGER NOT NULL DEFAULT 0, document_id TEXT NOT NULL, updated_at INTEGER NOT NULL);
   CREATE INDEX faxes_account ON faxes (account_id, direction, created_at DESC, id DESC);
   CREATE INDEX faxes_undelivered ON faxes (status) WHERE status IN ('queued', 'sending');
   CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, fax_id TEXT NOT NULL, type TEXT NOT NULL);
   CREATE INDEX changes_account ON changes (account_id, seq);
   CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE INDEX events_account ON events (account_id, id);
   CREATE TABLE idempotency (account_id TEXT NOT NULL, key TEXT NOT NULL, body_hash TEXT NOT NULL, status INTEGER NOT NULL,
     response TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (account_id, key));
   CREATE TABLE privacy (account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE, version INTEGER NOT NULL, settings TEXT NOT NULL);
   CREATE TABLE blocked_numbers (account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, number TEXT NOT NULL, PRIMARY KEY (account_id, number));
   CREATE TABLE policies (version INTEGER PRIMARY KEY, effective_date TEXT NOT NULL, text TEXT NOT NULL);
   CREATE TABLE consent_purposes (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE consent_answers (account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, purpose_id TEXT NOT NULL,
     granted INTEGER NOT NULL, answered_at INTEGER NOT NULL, PRIMARY KEY (account_id, purpose_id));
   CREATE TABLE privacy_requests (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
     created_at INTEGER NOT NULL, due_at INTEGER NOT NULL, result TEXT);
   CREATE TABLE usage (account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, fax_id TEXT NOT NULL,
     kind TEXT NOT NULL, pages INTEGER NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (fax_id, kind));
   CREATE INDEX usage_account ON usage (account_id, at);`,
  // Access tokens remember their sign-in, so signing out one device leaves the others alone.
  `ALTER TABLE access_tokens ADD COLUMN family TEXT;
   CREATE INDEX access_tokens_family ON access_tokens (family);`,
  // The Trash: a deleted fax stays 30 days, restorable, then is purged.
  `ALTER TABLE faxes ADD COLUMN trashed_at INTEGER;
   CREATE INDEX faxes_trashed ON faxes (trashed_at) WHERE trashed_at IS NOT NULL;`,
  // An account's queued and sending pages (every send checks its plan twice): only the faxes
  // still on their way, with their pages, instead of all its outbound faxes.
  `CREATE INDEX faxes_pending ON faxes (account_id, direction, pages)
     WHERE status IN ('queued', 'sending');`,
];
/** Brings the database to the newest schema, one transaction per step. */
export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < steps.length; version += 1) {
    db.transaction(() => {
      db.exec(steps[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
