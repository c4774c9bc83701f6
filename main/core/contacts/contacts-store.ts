import { randomUUID } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import { checkFaxNumber } from '../../../preload/fax-numbers';
import type { Contact } from '../../../preload/send-contract';
import { AppError } from '../rpc/app-error';

interface Record {
  id: string;
  name: string;
  company: string;
  fax_number: string;
  note: string;
  updated_at: number;
}

const toContact = (r: Record): Contact => ({
  id: r.id,
  name: r.name,
  company: r.company,
  faxNumber: r.fax_number,
  note: r.note,
  updatedAt: r.updated_at,
});

/** What changed in the address book (the `contacts:changed` event's payload). */
export interface ContactsChange {
  reason: 'saved' | 'deleted' | 'imported';
  /** The contacts saved, imported or deleted. */
  ids: string[];
  /** How many contacts there are now. */
  count: number;
}

/**
 * The account's local address book (name, company, fax number as E.164, note). Saving a
 * contact also names its number in the inbox's `contacts` table, so the inbox and the Sent
 * list show the name. Import and export (CSV, vCard) build on `save` and `all`.
 */
export class ContactsStore {
  /** Set while `saveAll` runs, so an import tells once. */
  private importing = false;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
    /** Told after every committed change (the `contacts:changed` event). */
    private readonly onChanged: (change: ContactsChange) => void = () => undefined,
  ) {}

  /** Contacts whose name, company or number starts with (or, for names, contains) the search. */
  query(search: string, offset: number, limit: number): { total: number; rows: Contact[] } {
    const term = search.trim();
    const digits = term.replace(/\D/g, '').replace(/^0/, '');
    const like = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const where = term
      ? `WHERE name LIKE ? ESCAPE '\\' OR company LIKE ? ESCAPE '\\'${digits.length >= 2 ? ' OR digits LIKE ?' : ''}`
      : '';
    const args = term ? [like, like, ...(digits.length >= 2 ? [`%${digits}%`] : [])] : [];
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM address_book ${where}`).get(...args) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT * FROM address_book ${where} ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, offset) as Record[];
    return { total, rows: rows.map(toContact) };
  }

  /** Every contact (export). */
  all(): Contact[] {
    return (
      this.db.prepare('SELECT * FROM address_book ORDER BY name COLLATE NOCASE').all() as Record[]
    ).map(toContact);
  }

  /** Adds or edits a contact; the number is checked and stored as E.164. */
  save(
    input: { id?: string; name: string; company: string; faxNumber: string; note: string },
    country: string,
  ): Contact {
    const checked = checkFaxNumber(input.faxNumber, country);
    if (!checked.ok) throw new AppError(checked.problem, `Not a fax number: ${checked.problem}`);
    const id = input.id ?? randomUUID();
    const digits = checked.e164.replace(/\D/g, '');
    const name = input.name || input.company || checked.national;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO address_book (id, name, company, fax_number, digits, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, company = excluded.company, fax_number = excluded.fax_number,
             digits = excluded.digits, note = excluded.note, updated_at = excluded.updated_at`,
        )
        .run(id, name, input.company, checked.e164, digits, input.note, this.now());
      this.nameInInbox(digits, name);
    })();
    if (!this.importing) this.changed('saved', [id]);
    return toContact(this.db.prepare('SELECT * FROM address_book WHERE id = ?').get(id) as Record);
  }

  private changed(reason: ContactsChange['reason'], ids: string[]): void {
    const { n } = this.db.prepare('SELECT COUNT(*) AS n FROM address_book').get() as { n: number };
    this.onChanged({ reason, ids, count: n });
  }

  /**
   * Saves many contacts in one transaction (CSV and vCard import): either every one is
   * saved or, at the first invalid number, none is (the error names the entry's index).
   */
  saveAll(
    inputs: readonly { name: string; company: string; faxNumber: string; note: string }[],
    country: string,
  ): Contact[] {
    this.importing = true;
    let saved: Contact[];
    try {
      saved = this.db.transaction(() =>
        inputs.map((input, index) => {
          try {
            return this.save(input, country);
          } catch (error: unknown) {
            if (error instanceof AppError)
              throw new AppError(error.code, `Entry ${index + 1}: ${error.message}`);
            throw error;
          }
        }),
      )();
    } finally {
      this.importing = false;
    }
    if (saved.length > 0)
      this.changed(
        'imported',
        saved.map((c) => c.id),
      );
    return saved;
  }

  /** Deletes contacts. */
  remove(ids: readonly string[]): number {
    let deleted = 0;
    this.db.transaction(() => {
      for (const id of ids) {
        const row = this.db.prepare('SELECT digits FROM address_book WHERE id = ?').get(id) as
          { digits: string } | undefined;
        if (!row) continue;
        deleted += this.db.prepare('DELETE FROM address_book WHERE id = ?').run(id).changes;
        const other = this.db
          .prepare('SELECT name FROM address_book WHERE digits = ? LIMIT 1')
          .get(row.digits) as { name: string } | undefined;
        this.nameInInbox(row.digits, other?.name ?? null);
      }
    })();
    if (deleted > 0) this.changed('deleted', [...ids]);
    return deleted;
  }

  /** The inbox's table of names by number (absent if the inbox never opened this database). */
  private nameInInbox(digits: string, name: string | null): void {
    const exists = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'contacts'")
      .get();
    if (!exists) return;
    if (name)
      this.db
        .prepare('INSERT OR REPLACE INTO contacts (digits, name) VALUES (?, ?)')
        .run(digits, name);
    else this.db.prepare('DELETE FROM contacts WHERE digits = ?').run(digits);
  }
}
