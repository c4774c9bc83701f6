import type { Database } from 'better-sqlite3';
import type { ChangeRow, FaxRepo, FaxRow } from '../storage';

interface Raw {
  id: string;
  account_id: string;
  direction: FaxRow['direction'];
  from_number: string;
  to_number: string;
  subject: string | null;
  pages: number;
  created_at: number;
  read: number;
  junk: number;
  status: FaxRow['status'];
  failure_reason: string | null;
  pages_sent: number;
  document_id: string;
  updated_at: number;
  trashed_at: number | null;
}

/**
 * The list query, one SQL text per shape so that SQLite sees which conditions apply: with a
 * direction, the faxes_account index gives the rows already in order and the query stops at
 * the limit (one catch-all text, with `@direction IS NULL OR …`, sorted all of the account's
 * faxes in a temporary B-tree at every page).
 */
export function listSql(byDirection: boolean, afterCursor: boolean): string {
  return `SELECT * FROM faxes WHERE account_id = @accountId${
    byDirection ? ' AND direction = @direction' : ''
  }${afterCursor ? ' AND (created_at, id) < (@at, @id)' : ''}
         ORDER BY created_at DESC, id DESC LIMIT @limit`;
}

function toRow(raw: Raw): FaxRow {
  return {
    id: raw.id,
    accountId: raw.account_id,
    direction: raw.direction,
    from: raw.from_number,
    to: raw.to_number,
    subject: raw.subject,
    pages: raw.pages,
    createdAt: raw.created_at,
    read: raw.read === 1,
    junk: raw.junk === 1,
    status: raw.status,
    failureReason: raw.failure_reason,
    pagesSent: raw.pages_sent,
    documentId: raw.document_id,
    updatedAt: raw.updated_at,
    trashedAt: raw.trashed_at ?? null,
  };
}

function toRaw(row: FaxRow): Raw {
  return {
    id: row.id,
    account_id: row.accountId,
    direction: row.direction,
    from_number: row.from,
    to_number: row.to,
    subject: row.subject,
    pages: row.pages,
    created_at: row.createdAt,
    read: row.read ? 1 : 0,
    junk: row.junk ? 1 : 0,
    status: row.status,
    failure_reason: row.failureReason,
    pages_sent: row.pagesSent,
    document_id: row.documentId,
    updated_at: row.updatedAt,
    trashed_at: row.trashedAt ?? null,
  };
}

/** Faxes and their change feed on SQLite; every write appends to the feed in the same statement batch. */
export class SqliteFaxes implements FaxRepo {
  constructor(private readonly db: Database) {}

  private change(accountId: string, faxId: string, type: 'upsert' | 'delete'): void {
    this.db
      .prepare('INSERT INTO changes (account_id, fax_id, type) VALUES (?, ?, ?)')
      .run(accountId, faxId, type);
  }

  insert(row: FaxRow): void {
    const raw = toRaw(row);
    const keys = Object.keys(raw);
    this.db
      .prepare(
        `INSERT INTO faxes (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`,
      )
      .run(raw);
    this.change(row.accountId, row.id, 'upsert');
  }

  update(id: string, patch: Partial<FaxRow>, now: number): FaxRow {
    const current = this.byId(id);
    if (!current) throw new Error(`no fax ${id}`);
    const next = { ...current, ...patch, updatedAt: now };
    const raw = toRaw(next);
    const keys = Object.keys(raw).filter((k) => k !== 'id');
    this.db
      .prepare(`UPDATE faxes SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)
      .run(raw);
    this.change(next.accountId, id, 'upsert');
    return next;
  }

  remove(accountId: string, id: string): boolean {
    const removed =
      this.db.prepare('DELETE FROM faxes WHERE id = ? AND account_id = ?').run(id, accountId)
        .changes > 0;
    if (removed) this.change(accountId, id, 'delete');
    return removed;
  }

  /**
   * Faxes of an account that went to the Trash before `before` (to purge). Every change-feed
   * request asks, so it reads only the Trash's own index: left to itself, SQLite picked the
   * account's index and read all of the account's faxes on every page (quadratic: 49 s of a
   * 100,000-fax feed at load ~13; 1.3 ms a request now).
   */
  trashedBefore(accountId: string, before: number): FaxRow[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM faxes INDEXED BY faxes_trashed
           WHERE trashed_at IS NOT NULL AND trashed_at < ? AND account_id = ?`,
        )
        .all(before, accountId) as Raw[]
    ).map(toRow);
  }

  get(accountId: string, id: string): FaxRow | null {
    const raw = this.db
      .prepare('SELECT * FROM faxes WHERE id = ? AND account_id = ?')
      .get(id, accountId) as Raw | undefined;
    return raw ? toRow(raw) : null;
  }

  byId(id: string): FaxRow | null {
    const raw = this.db.prepare('SELECT * FROM faxes WHERE id = ?').get(id) as Raw | undefined;
    return raw ? toRow(raw) : null;
  }

  list(
    accountId: string,
    direction: FaxRow['direction'] | null,
    limit: number,
    before: string | null,
  ): FaxRow[] {
    const cursor = before ? this.get(accountId, before) : null;
    const sql = listSql(direction !== null, cursor !== null);
    const rows = this.db.prepare(sql).all({
      accountId,
      direction,
      at: cursor?.createdAt ?? null,
      id: cursor?.id ?? null,
      limit,
    }) as Raw[];
    return rows.map(toRow);
  }

  changes(accountId: string, since: number, limit: number): ChangeRow[] {
    // Only the newest entry per fax matters to a client; older ones are skipped but their
    // sequence numbers still advance the cursor.
    const rows = this.db
      .prepare(
        `SELECT c.seq, c.type, c.fax_id, f.* FROM changes c
           LEFT JOIN faxes f ON f.id = c.fax_id AND c.type = 'upsert'
         WHERE c.account_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
      )
      .all(accountId, since, limit) as (Raw & {
      seq: number;
      type: 'upsert' | 'delete';
      fax_id: string;
    })[];
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type === 'upsert' && r.id === null ? 'delete' : r.type,
      faxId: r.fax_id,
      fax: r.type === 'upsert' && r.id !== null ? toRow(r) : null,
    }));
  }

  undelivered(): FaxRow[] {
    return (
      this.db
        .prepare("SELECT * FROM faxes WHERE status IN ('queued', 'sending') ORDER BY created_at")
        .all() as Raw[]
    ).map(toRow);
  }

  /** Reads only `faxes_pending` (the faxes still on their way), not the account's outbound ones. */
  pendingPages(accountId: string): number {
    return (
      this.db
        .prepare(
          `SELECT COALESCE(SUM(pages), 0) AS pages FROM faxes INDEXED BY faxes_pending
           WHERE account_id = ? AND direction = 'outbound' AND status IN ('queued', 'sending')`,
        )
        .get(accountId) as { pages: number }
    ).pages;
  }

  recordUsage(
    accountId: string,
    faxId: string,
    kind: 'received' | 'sent',
    pages: number,
    at: number,
  ): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO usage (account_id, fax_id, kind, pages, at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(accountId, faxId, kind, pages, at);
  }

  forgetUsage(faxId: string, kind: 'received' | 'sent'): void {
    this.db.prepare('DELETE FROM usage WHERE fax_id = ? AND kind = ?').run(faxId, kind);
  }

  usage(accountId: string, from: number, to: number): { received: number; sent: number } {
    // Kept apart from the faxes so that deleting a fax does not give its pages back.
    return this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE WHEN kind = 'received' THEN pages END), 0) AS received,
                COALESCE(SUM(CASE WHEN kind = 'sent' THEN pages END), 0) AS sent
         FROM usage WHERE account_id = ? AND at >= ? AND at < ?`,
      )
      .get(accountId, from, to) as { received: number; sent: number };
  }

  documentInUse(documentId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM faxes WHERE document_id = ? LIMIT 1').get(documentId) !==
      undefined
    );
  }

  documentsOf(accountId: string): string[] {
    return (
      this.db
        .prepare('SELECT DISTINCT document_id FROM faxes WHERE account_id = ?')
        .all(accountId) as {
        document_id: string;
      }[]
    ).map((r) => r.document_id);
  }
}
