import type { Database } from 'better-sqlite3';

/**
 * The local store's schema, one step per version. A step never changes once released;
 * a new need is a new step, so every install reaches the same schema.
 */
const steps: readonly string[] = [
  `CREATE TABLE faxes (
     id TEXT PRIMARY KEY,
     direction TEXT NOT NULL,
     remote_number TEXT NOT NULL,
     remote_digits TEXT NOT NULL,
     local_number TEXT NOT NULL,
     subject TEXT,
     pages INTEGER NOT NULL,
     at INTEGER NOT NULL,
     read INTEGER NOT NULL DEFAULT 0,
     junk INTEGER NOT NULL DEFAULT 0,
     status TEXT NOT NULL
   );
   CREATE INDEX faxes_at ON faxes (direction, at DESC);
   CREATE INDEX faxes_unread ON faxes (direction, read) WHERE read = 0;
   CREATE TABLE contacts (digits TEXT PRIMARY KEY, name TEXT NOT NULL);
   CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE pending_ops (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     fax_id TEXT NOT NULL,
     op TEXT NOT NULL,
     arg INTEGER NOT NULL DEFAULT 0
   );
   CREATE TABLE documents (
     fax_id TEXT PRIMARY KEY,
     size INTEGER NOT NULL,
     last_used INTEGER NOT NULL
   );`,
  // The Trash: deleted faxes stay (trashed_at set) until the service purges them.
  `ALTER TABLE faxes ADD COLUMN trashed_at INTEGER;`,
  // Offline changes the service refuses are counted, and parked after a few.
  `ALTER TABLE pending_ops ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE pending_ops ADD COLUMN parked INTEGER NOT NULL DEFAULT 0;`,
  // Page rotations the user chose in the viewer, per document (moved out of localStorage).
  `CREATE TABLE rotations (
     doc_key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX rotations_updated ON rotations (updated_at);`,
];
/** Brings a database up to the newest schema inside one transaction per step. */
export function migrate(db: Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < steps.length; version += 1) {
    db.transaction(() => {
      db.exec(steps[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return steps.length;
}
