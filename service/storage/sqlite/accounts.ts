import type { Database } from 'better-sqlite3';
import type { AccountRepo, AccountRow } from '../storage';

const columns: Record<keyof AccountRow, string> = {
  id: 'id',
  email: 'email',
  name: 'name',
  passwordHash: 'password_hash',
  plan: 'plan',
  createdAt: 'created_at',
  trialEndsAt: 'trial_ends_at',
  birthDate: 'birth_date',
  gender: 'gender',
  incomeLevel: 'income_level',
  occupation: 'occupation',
  acceptedPolicyVersion: 'accepted_policy_version',
};
const select = `SELECT ${Object.entries(columns)
  .map(([k, c]) => `${c} AS ${k}`)
  .join(', ')} FROM accounts`;

/** Accounts on SQLite. */
export class SqliteAccounts implements AccountRepo {
  constructor(private readonly db: Database) {}

  create(row: AccountRow, number: string): void {
    const keys = Object.keys(columns) as (keyof AccountRow)[];
    this.db
      .prepare(
        `INSERT INTO accounts (${keys.map((k) => columns[k]).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`,
      )
      .run(row);
    this.db
      .prepare('INSERT INTO fax_numbers (number, account_id) VALUES (?, ?)')
      .run(number, row.id);
  }

  allIds(): string[] {
    return (this.db.prepare('SELECT id FROM accounts').all() as { id: string }[]).map((r) => r.id);
  }

  byEmail(email: string): AccountRow | null {
    return (
      (this.db.prepare(`${select} WHERE email = ?`).get(email) as AccountRow | undefined) ?? null
    );
  }

  byId(id: string): AccountRow | null {
    return (this.db.prepare(`${select} WHERE id = ?`).get(id) as AccountRow | undefined) ?? null;
  }

  byNumber(number: string): AccountRow | null {
    const row = this.db
      .prepare('SELECT account_id FROM fax_numbers WHERE number = ?')
      .get(number) as { account_id: string } | undefined;
    return row ? this.byId(row.account_id) : null;
  }

  numbers(accountId: string): string[] {
    return (
      this.db
        .prepare('SELECT number FROM fax_numbers WHERE account_id = ? ORDER BY number')
        .all(accountId) as {
        number: string;
      }[]
    ).map((r) => r.number);
  }

  update(id: string, patch: Partial<Omit<AccountRow, 'id'>>): void {
    const keys = Object.keys(patch) as (keyof AccountRow)[];
    if (keys.length === 0) return;
    this.db
      .prepare(
        `UPDATE accounts SET ${keys.map((k) => `${columns[k]} = @${k}`).join(', ')} WHERE id = @id`,
      )
      .run({ ...patch, id });
  }

  remove(id: string): void {
    for (const table of ['changes', 'events', 'idempotency', 'privacy_requests', 'usage']) {
      this.db.prepare(`DELETE FROM ${table} WHERE account_id = ?`).run(id);
    }
    this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
  }

  privacy(accountId: string): { version: number; settings: Record<string, boolean> } | null {
    const row = this.db
      .prepare('SELECT version, settings FROM privacy WHERE account_id = ?')
      .get(accountId) as { version: number; settings: string } | undefined;
    return row
      ? { version: row.version, settings: JSON.parse(row.settings) as Record<string, boolean> }
      : null;
  }

  putPrivacy(accountId: string, version: number, settings: Record<string, boolean>): void {
    this.db
      .prepare('INSERT OR REPLACE INTO privacy (account_id, version, settings) VALUES (?, ?, ?)')
      .run(accountId, version, JSON.stringify(settings));
  }

  blocked(accountId: string): string[] {
    return (
      this.db
        .prepare('SELECT number FROM blocked_numbers WHERE account_id = ? ORDER BY number')
        .all(accountId) as {
        number: string;
      }[]
    ).map((r) => r.number);
  }

  block(accountId: string, number: string): void {
    this.db
      .prepare('INSERT OR IGNORE INTO blocked_numbers (account_id, number) VALUES (?, ?)')
      .run(accountId, number);
  }

  unblock(accountId: string, number: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM blocked_numbers WHERE account_id = ? AND number = ?')
        .run(accountId, number).changes > 0
    );
  }

  isBlocked(accountId: string, number: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM blocked_numbers WHERE account_id = ? AND number = ?')
        .get(accountId, number) !== undefined
    );
  }
}
