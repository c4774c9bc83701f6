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
  // Search that touches only matching faxes (inbox-search.ts): the distinct senders (a few
  // hundred, searched by number and contact name), their faxes by digits, and a trigram
  // index of the subjects (external content: the subjects stay in faxes). The subject index
  // covers the faxes up to rowid `subject_index.upto`, filled in batches after a sync
  // (InboxStore.indexSubjects) so a first sync does not pay for it; triggers keep the
  // covered part exact. Every statement may run twice on the same database without harm.
  `CREATE TABLE IF NOT EXISTS senders (digits TEXT PRIMARY KEY, number TEXT NOT NULL);
   INSERT OR IGNORE INTO senders (digits, number) SELECT remote_digits, remote_number FROM faxes;
   CREATE INDEX IF NOT EXISTS faxes_digits ON faxes (remote_digits, at);
   CREATE VIRTUAL TABLE IF NOT EXISTS faxes_subject USING fts5 (
     subject, content = 'faxes', content_rowid = 'rowid', tokenize = 'trigram'
   );
   CREATE TABLE IF NOT EXISTS subject_index (id INTEGER PRIMARY KEY CHECK (id = 1), upto INTEGER NOT NULL);
   INSERT OR IGNORE INTO subject_index (id, upto) VALUES (1, 0);
   CREATE TRIGGER IF NOT EXISTS faxes_searched_insert AFTER INSERT ON faxes BEGIN
     INSERT OR IGNORE INTO senders (digits, number) VALUES (new.remote_digits, new.remote_number);
     INSERT INTO faxes_subject (rowid, subject) SELECT new.rowid, new.subject
       WHERE new.subject IS NOT NULL AND new.rowid <= (SELECT upto FROM subject_index);
   END;
   CREATE TRIGGER IF NOT EXISTS faxes_searched_number AFTER UPDATE OF remote_digits ON faxes
     WHEN old.remote_digits IS NOT new.remote_digits BEGIN
     INSERT OR IGNORE INTO senders (digits, number) VALUES (new.remote_digits, new.remote_number);
   END;
   CREATE TRIGGER IF NOT EXISTS faxes_searched_subject AFTER UPDATE OF subject ON faxes
     WHEN old.subject IS NOT new.subject AND old.rowid <= (SELECT upto FROM subject_index) BEGIN
     INSERT INTO faxes_subject (faxes_subject, rowid, subject)
       SELECT 'delete', old.rowid, old.subject WHERE old.subject IS NOT NULL;
     INSERT INTO faxes_subject (rowid, subject) SELECT new.rowid, new.subject WHERE new.subject IS NOT NULL;
   END;
   CREATE TRIGGER IF NOT EXISTS faxes_searched_delete AFTER DELETE ON faxes
     WHEN old.subject IS NOT NULL AND old.rowid <= (SELECT upto FROM subject_index) BEGIN
     INSERT INTO faxes_subject (faxes_subject, rowid, subject) VALUES ('delete', old.rowid, old.subject);
   END;`,
  // The list in time order with every column a search or a filter tests (inbox-query.ts):
  // a search walks it and stops at the window without reading the table, and counts on it.
  // It starts with the columns of faxes_at, which it replaces.
  `CREATE INDEX IF NOT EXISTS faxes_list ON faxes (direction, at DESC, junk, trashed_at, read, remote_digits, subject);
   DROP INDEX IF EXISTS faxes_at;`,
  // Sorting the whole inbox by pages or by sender reads only the window (sorted-window.ts).
  // Faxes of 10 pages or more (a few percent) by pages, in a partial index: the first windows
  // of the pages order are read from it. And each distinct number with its digits, for the
  // faxes up to subject_index.upto (filled in the same batches after a sync, so a first sync
  // does not pay for it; newer faxes are read at the query). No index or trigger more on
  // every insert: a first sync's store writes cost ~40 % more CPU with a full pages index.
  // Numbers of deleted faxes may stay: harmless. (NOT EXISTS, not OR IGNORE: an upsert's own
  // conflict clause overrides the trigger's.)
  `CREATE INDEX IF NOT EXISTS faxes_many_pages ON faxes (direction, pages, at, junk, trashed_at)
     WHERE pages >= 10;
   CREATE TABLE IF NOT EXISTS sender_numbers (
     digits TEXT NOT NULL, number TEXT NOT NULL, PRIMARY KEY (digits, number)
   ) WITHOUT ROWID;
   INSERT OR IGNORE INTO sender_numbers (digits, number)
     SELECT DISTINCT remote_digits, remote_number FROM faxes
     WHERE rowid <= (SELECT upto FROM subject_index);
   CREATE TRIGGER IF NOT EXISTS faxes_sender_number_update
     AFTER UPDATE OF remote_digits, remote_number ON faxes
     WHEN old.remote_digits IS NOT new.remote_digits OR old.remote_number IS NOT new.remote_number
   BEGIN
     INSERT INTO sender_numbers (digits, number) SELECT new.remote_digits, new.remote_number
       WHERE NOT EXISTS (SELECT 1 FROM sender_numbers
         WHERE digits = new.remote_digits AND number = new.remote_number);
   END;`,
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
