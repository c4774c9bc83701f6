import type { Database } from 'better-sqlite3';
import { pageRotationSchema, type PageRotation } from '../../../preload/contract';

/** The most documents whose rotation is remembered; the least recently turned go first. */
export const maxRemembered = 2000;

/**
 * How the user turned the pages of each document they opened (a fax, a sent fax, its
 * report), kept in the account's database: per account, and removed with the account's
 * folder at sign-out. The renderer keeps nothing of it in the browser's storage.
 */
export class RotationStore {
  constructor(
    private readonly db: Database,
    private readonly limit = maxRemembered,
  ) {}

  /** Every remembered rotation by document key; unreadable rows are skipped. */
  all(): Record<string, PageRotation> {
    const rows = this.db
      .prepare('SELECT doc_key, value FROM rotations ORDER BY updated_at DESC')
      .all() as { doc_key: string; value: string }[];
    const rotations: Record<string, PageRotation> = {};
    for (const row of rows) {
      try {
        const parsed = pageRotationSchema.safeParse(JSON.parse(row.value));
        if (parsed.success) rotations[row.doc_key] = parsed.data;
      } catch {
        // A damaged row only loses that document's rotation.
      }
    }
    return rotations;
  }

  /** Remembers (or, with null or no turn at all, forgets) one document's rotation. */
  set(key: string, rotation: PageRotation | null, now = Date.now()): void {
    const upright =
      !rotation ||
      (rotation.document % 360 === 0 && Object.values(rotation.pages).every((t) => t % 360 === 0));
    this.db.transaction(() => {
      if (upright) {
        this.db.prepare('DELETE FROM rotations WHERE doc_key = ?').run(key);
        return;
      }
      this.db
        .prepare(
          `INSERT INTO rotations (doc_key, value, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (doc_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(key, JSON.stringify(rotation), now);
      this.db
        .prepare(
          `DELETE FROM rotations WHERE doc_key IN
             (SELECT doc_key FROM rotations ORDER BY updated_at DESC LIMIT -1 OFFSET ?)`,
        )
        .run(this.limit);
    })();
  }
}
