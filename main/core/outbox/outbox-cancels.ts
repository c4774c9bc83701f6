import type { Database as Db } from 'better-sqlite3';
import type { RecipientStatus } from './outbox-store';

/**
 * Cancel in the outbox's tables. A recipient never uploaded is cancelled here at once. After an
 * attempt the upload may have reached the service (its key fixes the recipients), so the cancel
 * is recorded (`cancel_requested`) and settled by the outbox's loop with the service: the key is
 * withdrawn when nothing arrived, or the faxes it made are cancelled there.
 */
export class OutboxCancels {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Cancels a recipient that never left this computer. False when it already did. */
  cancelLocal(id: string): boolean {
    const now = this.now();
    return this.db.transaction(() => {
      const record = this.db
        .prepare(
          `SELECT r.status, s.attempts, s.id AS send_id FROM send_recipients r JOIN sends s ON s.id = r.send_id WHERE r.id = ?`,
        )
        .get(id) as { status: RecipientStatus; attempts: number; send_id: string } | undefined;
      // After the first attempt the upload may have arrived: the key fixes its recipients.
      if (!record || record.attempts > 0 || record.status !== 'queued') return false;
      this.db
        .prepare(
          `UPDATE send_recipients SET status = 'cancelled', updated_at = ?, finished_at = ? WHERE id = ?`,
        )
        .run(now, now, id);
      const left = this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM send_recipients WHERE send_id = ? AND status != 'cancelled'`,
        )
        .get(record.send_id) as { n: number };
      if (left.n === 0)
        this.db.prepare(`UPDATE sends SET state = 'cancelled' WHERE id = ?`).run(record.send_id);
      return true;
    })();
  }

  /**
   * Asks to cancel a recipient whose send may already be at the service (an attempt was made):
   * the send becomes due at once, and the loop settles it with the service (withdraw its key, or
   * cancel the faxes it made). False when the row is no longer waiting for an upload.
   */
  requestCancel(id: string): boolean {
    const now = this.now();
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(
          `UPDATE send_recipients SET cancel_requested = 1, updated_at = ?
           WHERE id = ? AND fax_id IS NULL AND cancel_requested = 0 AND status IN ('queued', 'waiting', 'uploading')
             AND send_id IN (SELECT id FROM sends WHERE state = 'pending')`,
        )
        .run(now, id).changes;
      if (changed === 0) return false;
      this.db
        .prepare(
          `UPDATE sends SET next_attempt_at = ? WHERE id = (SELECT send_id FROM send_recipients WHERE id = ?)`,
        )
        .run(now, id);
      return true;
    })();
  }

  /**
   * The service confirmed that the upload under `key` never arrived and never will (withdrawn):
   * recipients asked to cancel are cancelled; the others go again under `newKey` as a fresh
   * send. Nothing happens when the send's key is no longer `key` (settled already).
   */
  withdrawn(sendId: string, key: string, newKey: string): void {
    const now = this.now();
    this.db.transaction(() => {
      const send = this.db
        .prepare(`SELECT state FROM sends WHERE id = ? AND idempotency_key = ?`)
        .get(sendId, key) as { state: string } | undefined;
      if (send?.state !== 'pending') return;
      this.db
        .prepare(
          `UPDATE send_recipients SET status = 'cancelled', cancel_requested = 0, updated_at = ?, finished_at = ?
           WHERE send_id = ? AND cancel_requested = 1 AND status != 'cancelled'`,
        )
        .run(now, now, sendId);
      const left = this.db
        .prepare(
          `UPDATE send_recipients SET status = 'queued', updated_at = ? WHERE send_id = ? AND status != 'cancelled'`,
        )
        .run(now, sendId).changes;
      if (left === 0)
        this.db.prepare(`UPDATE sends SET state = 'cancelled' WHERE id = ?`).run(sendId);
      else
        this.db
          .prepare(
            `UPDATE sends SET idempotency_key = ?, attempts = 0, next_attempt_at = ? WHERE id = ?`,
          )
          .run(newKey, now, sendId);
    })();
  }

  /** Accepted faxes whose cancel was asked for and not yet done at the service. */
  serviceCancels(): { id: string; faxId: string }[] {
    return this.db
      .prepare(
        `SELECT id, fax_id AS faxId FROM send_recipients
         WHERE cancel_requested = 1 AND fax_id IS NOT NULL AND status IN ('queued', 'sending')`,
      )
      .all() as { id: string; faxId: string }[];
  }

  /** The cancel asked for is settled (done, or too late). */
  clearCancel(id: string): void {
    this.db.prepare('UPDATE send_recipients SET cancel_requested = 0 WHERE id = ?').run(id);
  }
}
