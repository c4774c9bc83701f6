import type { Database } from 'better-sqlite3';
import type {
  ConsentPurposeRow,
  EventRepo,
  IdempotencyRepo,
  PolicyRepo,
  PolicyRow,
  PrivacyRequestRow,
  RefreshRow,
  TokenRepo,
} from '../storage';

/** Tokens on SQLite (hashes only). */
export class SqliteTokens implements TokenRepo {
  constructor(private readonly db: Database) {}

  saveAccess(hash: string, accountId: string, family: string, expiresAt: number): void {
    this.db
      .prepare(
        'INSERT INTO access_tokens (hash, account_id, family, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(hash, accountId, family, expiresAt);
  }

  access(hash: string): { accountId: string; expiresAt: number } | null {
    return (
      (this.db
        .prepare(
          'SELECT account_id AS accountId, expires_at AS expiresAt FROM access_tokens WHERE hash = ?',
        )
        .get(hash) as { accountId: string; expiresAt: number } | undefined) ?? null
    );
  }

  saveRefresh(row: RefreshRow): void {
    this.db
      .prepare(
        'INSERT INTO refresh_tokens (hash, account_id, family, expires_at, spent, revoked) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        row.hash,
        row.accountId,
        row.family,
        row.expiresAt,
        row.spent ? 1 : 0,
        row.revoked ? 1 : 0,
      );
  }

  refresh(hash: string): RefreshRow | null {
    const row = this.db
      .prepare(
        'SELECT hash, account_id AS accountId, family, expires_at AS expiresAt, spent, revoked FROM refresh_tokens WHERE hash = ?',
      )
      .get(hash) as
      (Omit<RefreshRow, 'spent' | 'revoked'> & { spent: number; revoked: number }) | undefined;
    return row ? { ...row, spent: row.spent === 1, revoked: row.revoked === 1 } : null;
  }

  spend(hash: string): void {
    this.db.prepare('UPDATE refresh_tokens SET spent = 1 WHERE hash = ?').run(hash);
  }

  revokeFamily(family: string): void {
    this.db.prepare('UPDATE refresh_tokens SET revoked = 1 WHERE family = ?').run(family);
    this.db.prepare('DELETE FROM access_tokens WHERE family = ?').run(family);
  }

  revokeAccount(accountId: string): void {
    this.db.prepare('UPDATE refresh_tokens SET revoked = 1 WHERE account_id = ?').run(accountId);
    this.db.prepare('DELETE FROM access_tokens WHERE account_id = ?').run(accountId);
  }
}

/** The event log on SQLite. */
export class SqliteEvents implements EventRepo {
  constructor(private readonly db: Database) {}

  append(accountId: string, type: string, data: unknown, now: number): number {
    return Number(
      this.db
        .prepare('INSERT INTO events (account_id, type, data, created_at) VALUES (?, ?, ?, ?)')
        .run(accountId, type, JSON.stringify(data), now).lastInsertRowid,
    );
  }

  after(
    accountId: string,
    lastId: number,
    limit: number,
  ): { id: number; type: string; data: string }[] {
    return this.db
      .prepare(
        'SELECT id, type, data FROM events WHERE account_id = ? AND id > ? ORDER BY id LIMIT ?',
      )
      .all(accountId, lastId, limit) as { id: number; type: string; data: string }[];
  }

  latest(accountId: string): number {
    return (
      this.db
        .prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events WHERE account_id = ?')
        .get(accountId) as { id: number }
    ).id;
  }
}

/** Idempotency records on SQLite. */
export class SqliteIdempotency implements IdempotencyRepo {
  constructor(private readonly db: Database) {}

  get(
    accountId: string,
    key: string,
  ): { bodyHash: string; status: number; response: string } | null {
    return (
      (this.db
        .prepare(
          'SELECT body_hash AS bodyHash, status, response FROM idempotency WHERE account_id = ? AND key = ?',
        )
        .get(accountId, key) as
        { bodyHash: string; status: number; response: string } | undefined) ?? null
    );
  }

  put(
    accountId: string,
    key: string,
    bodyHash: string,
    status: number,
    response: string,
    now: number,
  ): void {
    this.db
      .prepare(
        'INSERT INTO idempotency (account_id, key, body_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(accountId, key, bodyHash, status, response, now);
  }
}

/** Policies, consents and data requests on SQLite. */
export class SqlitePolicies implements PolicyRepo {
  constructor(private readonly db: Database) {}

  current(): PolicyRow {
    return this.db
      .prepare(
        'SELECT version, effective_date AS effectiveDate, text FROM policies ORDER BY version DESC LIMIT 1',
      )
      .get() as PolicyRow;
  }

  publish(row: PolicyRow): void {
    this.db
      .prepare('INSERT INTO policies (version, effective_date, text) VALUES (?, ?, ?)')
      .run(row.version, row.effectiveDate, row.text);
  }

  purposes(): ConsentPurposeRow[] {
    return this.db
      .prepare(
        'SELECT id, title, description, created_at AS createdAt FROM consent_purposes ORDER BY created_at',
      )
      .all() as ConsentPurposeRow[];
  }

  addPurpose(row: ConsentPurposeRow): void {
    this.db
      .prepare(
        'INSERT INTO consent_purposes (id, title, description, created_at) VALUES (?, ?, ?, ?)',
      )
      .run(row.id, row.title, row.description, row.createdAt);
  }

  answers(accountId: string): Record<string, { granted: boolean; answeredAt: number }> {
    const rows = this.db
      .prepare('SELECT purpose_id, granted, answered_at FROM consent_answers WHERE account_id = ?')
      .all(accountId) as { purpose_id: string; granted: number; answered_at: number }[];
    return Object.fromEntries(
      rows.map((r) => [r.purpose_id, { granted: r.granted === 1, answeredAt: r.answered_at }]),
    );
  }

  answer(accountId: string, purposeId: string, granted: boolean, now: number): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO consent_answers (account_id, purpose_id, granted, answered_at) VALUES (?, ?, ?, ?)',
      )
      .run(accountId, purposeId, granted ? 1 : 0, now);
  }

  createRequest(row: PrivacyRequestRow): void {
    this.db
      .prepare(
        'INSERT INTO privacy_requests (id, account_id, type, status, created_at, due_at, result) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.id, row.accountId, row.type, row.status, row.createdAt, row.dueAt, row.result);
  }

  request(accountId: string, id: string): PrivacyRequestRow | null {
    return (
      (this.db
        .prepare(
          'SELECT id, account_id AS accountId, type, status, created_at AS createdAt, due_at AS dueAt, result FROM privacy_requests WHERE id = ? AND account_id = ?',
        )
        .get(id, accountId) as PrivacyRequestRow | undefined) ?? null
    );
  }

  updateRequest(id: string, patch: Partial<PrivacyRequestRow>): void {
    const current = this.db
      .prepare('SELECT status, result FROM privacy_requests WHERE id = ?')
      .get(id) as { status: string; result: string | null } | undefined;
    if (!current) return;
    this.db
      .prepare('UPDATE privacy_requests SET status = ?, result = ? WHERE id = ?')
      .run(
        patch.status ?? current.status,
        patch.result === undefined ? current.result : patch.result,
        id,
      );
  }

  dueRequests(now: number): PrivacyRequestRow[] {
    return this.db
      .prepare(
        "SELECT id, account_id AS accountId, type, status, created_at AS createdAt, due_at AS dueAt, result FROM privacy_requests WHERE status = 'pending' AND due_at <= ?",
      )
      .all(now) as PrivacyRequestRow[];
  }
}
