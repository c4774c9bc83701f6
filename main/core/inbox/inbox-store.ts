import Database from 'better-sqlite3';
import type { FaxSummary, InboxQuery } from '../../../preload/contract';
import { digitsOf } from './inbox-search';
import { countInSlices, countQuery, orderBy, planQuery, type QueryPlan } from './inbox-query';
import { migrate } from './migrations';
import { sortedWindow } from './sorted-window';
import { RotationStore } from './rotation-store';
import { sqliteBindingHere } from '../native/sqlite-binding';

export { digitsOf, localDateRange, numberSearchDigits } from './inbox-search';

/** A fax as the service's change feed describes it, already in our shape. */
export type FaxRecord = Omit<FaxSummary, 'contactName'> & {
  /** When it went to the Trash; null or absent when it is not there. */
  trashedAt?: number | null;
};

/** A local change waiting for the service (made offline, or not yet confirmed). */
export interface PendingOp {
  seq: number;
  faxId: string;
  op: 'read' | 'delete' | 'junk' | 'restore' | 'notJunk';
  /** read: 1 read / 0 unread; junk: 1 block the sender / 0 not. */
  arg: number;
  /** How often the service refused it so far (the sync engine parks it after a few). */
  attempts: number;
}

/** One page's worth of changes, in feed order: its upserts, then its deletes. */
export interface ChangeBatch {
  upserts: readonly FaxRecord[];
  deletes: readonly string[];
}

/** One window of the list and the total (`more`: the total is a lower bound). */
type Answer = { total: number; rows: FaxSummary[]; more?: boolean };

interface Row {
  id: string;
  direction: 'inbound' | 'outbound';
  remote_number: string;
  local_number: string;
  subject: string | null;
  pages: number;
  at: number;
  read: number;
  junk: number;
  status: string;
  contact_name: string | null;
}

/** How many exact counts are kept until the next write (a cleared search finds its count). */
const keptCounts = 16;

/**
 * The account's local inbox on SQLite: fax metadata, the sync cursor, the queue of offline
 * changes, the document cache's index and the viewer's page rotations (`rotations`). WAL
 * keeps reads from waiting on sync writes.
 */
export class InboxStore {
  private readonly db: Database.Database;
  /** The page rotations the user chose, per document. */
  readonly rotations: RotationStore;
  /** The last exact counts by criteria, reused until something is written. */
  private counted: Map<string, number> | null = null;
  /** Bumped by every write that can change a count. */
  private revision = 0;
  /** Faxes per sender group, for the sender-sorted list's later windows (sorted-window.ts). */
  private senderCounts: Map<string, number> | null = null;

  constructor(path: string) {
    this.db = new Database(path, { nativeBinding: sqliteBindingHere() });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    migrate(this.db);
    this.rotations = new RotationStore(this.db);
  }

  /** Applies one page of the change feed and moves the cursor in the same transaction. */
  applyChanges(upserts: readonly FaxRecord[], deletes: readonly string[], cursor: string): void {
    this.applyPages([{ upserts, deletes }], cursor);
  }

  /**
   * Applies several pages of the change feed in order, and moves the cursor to the end of the
   * last, in one transaction: all or nothing, so a sync cut off anywhere resumes from the last
   * cursor written, without gaps or duplicates. Fewer, larger transactions make a first sync
   * cheaper (each commit rewrites the index pages its random fax ids touched).
   */
  applyPages(pages: readonly ChangeBatch[], cursor: string): void {
    const upsert = this.db.prepare(
      `INSERT INTO faxes (id, direction, remote_number, remote_digits, local_number, subject, pages, at, read, junk, status, trashed_at)
       VALUES (@id, @direction, @remoteNumber, @digits, @localNumber, @subject, @pages, @at, @read, @junk, @status, @trashedAt)
       ON CONFLICT(id) DO UPDATE SET direction=excluded.direction, remote_number=excluded.remote_number,
         remote_digits=excluded.remote_digits, local_number=excluded.local_number, subject=excluded.subject,
         pages=excluded.pages, at=excluded.at, read=excluded.read, junk=excluded.junk, status=excluded.status,
         trashed_at=excluded.trashed_at`,
    );
    const remove = this.db.prepare('DELETE FROM faxes WHERE id = ?');
    this.forgetCounts();
    this.db.transaction(() => {
      // Changes made here and not yet confirmed (a handful at most), read once per write.
      const pending = new Map<string, { op: string; arg: number }[]>();
      const ops = this.db
        .prepare('SELECT fax_id, op, arg FROM pending_ops WHERE parked = 0 ORDER BY seq')
        .all() as { fax_id: string; op: string; arg: number }[];
      for (const op of ops) pending.set(op.fax_id, [...(pending.get(op.fax_id) ?? []), op]);
      for (const { upserts, deletes } of pages) {
        for (const fax of upserts) {
          // A change made here and not yet confirmed wins over the service's older view.
          let { read, junk } = fax;
          let trashedAt = fax.trashedAt ?? null;
          for (const op of pending.get(fax.id) ?? []) {
            if (op.op === 'read') read = op.arg === 1;
            if (op.op === 'junk') junk = true;
            if (op.op === 'notJunk') junk = false;
            if (op.op === 'delete') trashedAt = op.arg;
            if (op.op === 'restore') trashedAt = null;
          }
          upsert.run({
            ...fax,
            digits: digitsOf(fax.remoteNumber),
            read: read ? 1 : 0,
            junk: junk ? 1 : 0,
            trashedAt,
          });
        }
        for (const id of deletes) remove.run(id);
      }
      this.setState('cursor', cursor);
    })();
  }

  /** The change-feed position to resume from. */
  cursor(): string | null {
    return this.getState('cursor');
  }

  /**
   * One window of the inbox for the list, with the total for the scrollbar. With `countUpTo`
   * the count stops there (`more` says it did): a keystroke does not count every match.
   */
  query(query: InboxQuery, now: number): Answer {
    const plan = planQuery(this.db, query, now);
    // The list asks for one window after another with the same criteria: count once.
    let total = this.counted?.get(plan.countKey) ?? null;
    let more = false;
    if (total === null) {
      ({ total, more } = countQuery(this.db, plan, query.countUpTo));
      if (!more) this.remember(plan.countKey, total);
    }
    return { total, rows: this.rows(query, plan), ...(more ? { more } : {}) };
  }

  /**
   * `query`, except that an exact count which may read much of the list is made in slices
   * (countInSlices), so main answers other requests meanwhile. When `superseded()` turns
   * true between slices, the count stops and the answer's total is a lower bound (`more`).
   */
  async queryInSlices(query: InboxQuery, now: number, superseded: () => boolean): Promise<Answer> {
    const plan = planQuery(this.db, query, now);
    if (query.countUpTo !== undefined || !plan.slice || this.counted?.has(plan.countKey))
      return this.query(query, now);
    const rows = this.rows(query, plan);
    const revision = this.revision;
    const total = await countInSlices(
      this.db,
      plan,
      () => superseded() || this.revision !== revision || !this.db.open,
    );
    if (total !== null) {
      this.remember(plan.countKey, total);
      return { total, rows };
    }
    // Something was written meanwhile: count again at once (the rows may have changed too).
    if (this.revision !== revision && this.db.open) return this.query(query, now);
    return { total: query.offset + rows.length, rows, more: true };
  }

  private rows(query: InboxQuery, plan: QueryPlan): FaxSummary[] {
    const columns = `f.id, f.direction, f.remote_number, f.local_number, f.subject, f.pages, f.at,
      f.read, f.junk, f.status, c.name AS contact_name`;
    if (plan.how === 'all') {
      this.senderCounts ??= new Map();
      const sorted = sortedWindow<Row>(this.db, query, columns, plan.filters, this.senderCounts);
      if (sorted) return sorted.map(toSummary);
    }
    const rows = this.db
      .prepare(
        `SELECT ${columns} ${plan.rows(query.sort)}
         ORDER BY ${orderBy[query.sort]} LIMIT @limit OFFSET @offset`,
      )
      .all({
        ...plan.params,
        limit: query.limit,
        offset: query.offset,
        need: query.offset + query.limit,
      }) as Row[];
    return rows.map(toSummary);
  }

  private remember(key: string, total: number): void {
    this.counted ??= new Map();
    this.counted.delete(key);
    this.counted.set(key, total);
    if (this.counted.size > keptCounts) this.counted.delete(this.counted.keys().next().value!);
  }

  /** Something was written: the counts kept are stale. */
  private forgetCounts(): void {
    this.counted = null;
    this.senderCounts = null;
    this.revision += 1;
  }

  /**
   * Adds up to `batch` more faxes to the subject search index (see migrations.ts); returns
   * whether some remain. Run in small batches after a sync, so no call holds main for long.
   */
  indexSubjects(batch: number): boolean {
    return this.db.transaction(() => {
      const { upto } = this.db.prepare('SELECT upto FROM subject_index').get() as { upto: number };
      const { last } = this.db
        .prepare(
          'SELECT max(rowid) AS last FROM (SELECT rowid FROM faxes WHERE rowid > ? ORDER BY rowid LIMIT ?)',
        )
        .get(upto, batch) as { last: number | null };
      if (last === null) return false;
      this.db
        .prepare(
          `INSERT INTO faxes_subject (rowid, subject) SELECT rowid, subject FROM faxes
           WHERE rowid > ? AND rowid <= ? AND subject IS NOT NULL`,
        )
        .run(upto, last);
      // The senders' numbers (sorted-window.ts), for the same faxes.
      this.db
        .prepare(
          `INSERT OR IGNORE INTO sender_numbers (digits, number) SELECT remote_digits,
           remote_number FROM faxes WHERE rowid > ? AND rowid <= ?`,
        )
        .run(upto, last);
      this.db.prepare('UPDATE subject_index SET upto = ?').run(last);
      return true;
    })();
  }

  /** One fax, if it is here. */
  get(id: string): FaxSummary | null {
    const row = this.db
      .prepare(
        `SELECT f.*, c.name AS contact_name FROM faxes f LEFT JOIN contacts c ON c.digits = f.remote_digits WHERE f.id = ?`,
      )
      .get(id) as Row | undefined;
    return row ? toSummary(row) : null;
  }

  /** Inbound counts for the title bar and the badge. */
  counts(): { unread: number; total: number } {
    return this.db
      .prepare(
        `SELECT COUNT(*) AS total, COALESCE(SUM(read = 0), 0) AS unread FROM faxes INDEXED BY faxes_list
         WHERE direction = 'inbound' AND junk = 0 AND trashed_at IS NULL`,
      )
      .get() as { unread: number; total: number };
  }

  /** Applies a change here at once and queues it for the service. */
  queue(ids: readonly string[], op: PendingOp['op'], arg: number): number {
    const add = this.db.prepare('INSERT INTO pending_ops (fax_id, op, arg) VALUES (?, ?, ?)');
    const apply = {
      read: this.db.prepare('UPDATE faxes SET read = @read WHERE id = @id AND read != @read'),
      junk: this.db.prepare('UPDATE faxes SET junk = 1 WHERE id = ? AND ? >= 0'),
      notJunk: this.db.prepare('UPDATE faxes SET junk = 0 WHERE id = ? AND junk = 1 AND ? >= 0'),
      // To the Trash: `arg` is the time it went there.
      delete: this.db.prepare(
        'UPDATE faxes SET trashed_at = @arg WHERE id = @id AND trashed_at IS NULL',
      ),
      restore: this.db.prepare(
        'UPDATE faxes SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL AND ? >= 0',
      ),
    };
    this.forgetCounts();
    return this.db.transaction(() => {
      let changed = 0;
      for (const id of ids) {
        const result =
          op === 'read'
            ? apply.read.run({ read: arg, id })
            : op === 'delete'
              ? apply.delete.run({ arg, id })
              : apply[op].run(id, arg);
        if (result.changes > 0) {
          add.run(id, op, arg);
          changed += 1;
        }
      }
      return changed;
    })();
  }

  /** Offline changes in the order they were made. */
  pending(): PendingOp[] {
    return this.db
      .prepare(
        'SELECT seq, fax_id AS faxId, op, arg, attempts FROM pending_ops WHERE parked = 0 ORDER BY seq',
      )
      .all() as PendingOp[];
  }

  /** Counts one refusal of a change by the service; returns the attempts so far. */
  failedAttempt(seq: number): number {
    const row = this.db
      .prepare('UPDATE pending_ops SET attempts = attempts + 1 WHERE seq = ? RETURNING attempts')
      .get(seq) as { attempts: number } | undefined;
    return row?.attempts ?? 0;
  }

  /**
   * Sets a change aside that the service keeps refusing: no longer sent, and no longer
   * kept over the service's copy (so the next pull shows the service's truth).
   */
  park(seq: number): void {
    this.forgetCounts();
    this.db.prepare('UPDATE pending_ops SET parked = 1 WHERE seq = ?').run(seq);
  }

  /** How many changes were parked (the status tells the user). */
  parkedCount(): number {
    const row = this.db.prepare('SELECT count(*) AS n FROM pending_ops WHERE parked = 1').get() as {
      n: number;
    };
    return row.n;
  }

  /** Forgets a change the service has confirmed (or refused for good). */
  done(seq: number): void {
    this.db.prepare('DELETE FROM pending_ops WHERE seq = ?').run(seq);
  }

  /** Names a number (contacts; the Contacts screen will manage them). */
  setContact(number: string, name: string): void {
    this.forgetCounts();
    this.db
      .prepare('INSERT OR REPLACE INTO contacts (digits, name) VALUES (?, ?)')
      .run(digitsOf(number), name);
  }

  /** Records a cached document's size and use, for least-recently-used eviction. */
  touchDocument(faxId: string, size: number, now: number): void {
    this.db
      .prepare(
        'INSERT INTO documents (fax_id, size, last_used) VALUES (?, ?, ?) ON CONFLICT(fax_id) DO UPDATE SET size=excluded.size, last_used=excluded.last_used',
      )
      .run(faxId, size, now);
  }

  /** Cached documents, least recently used first, with the running total. */
  cachedDocuments(): { faxId: string; size: number }[] {
    return this.db
      .prepare('SELECT fax_id AS faxId, size FROM documents ORDER BY last_used ASC')
      .all() as {
      faxId: string;
      size: number;
    }[];
  }

  /** Forgets a cached document. */
  forgetDocument(faxId: string): void {
    this.db.prepare('DELETE FROM documents WHERE fax_id = ?').run(faxId);
  }

  /** A small key-value slot (cursor, last event id, last sync time). */
  getState(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  /** Sets a key-value slot. */
  setState(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)').run(key, value);
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}

function toSummary(row: Row): FaxSummary {
  return {
    id: row.id,
    direction: row.direction,
    remoteNumber: row.remote_number,
    localNumber: row.local_number,
    contactName: row.contact_name,
    subject: row.subject,
    pages: row.pages,
    at: row.at,
    read: row.read === 1,
    junk: row.junk === 1,
    status: row.status,
  };
}
