import type { Database as Db } from 'better-sqlite3';
import type { FailureReason, OutboxCounts, OutboxRow } from '../../../preload/send-contract';
import { localDateRange, numberSearchDigits } from '../inbox/inbox-store';
import { OutboxCancels } from './outbox-cancels';

/** A recipient's state; `queued` covers "written here, not yet sent" and "queued at the service". */
export type RecipientStatus = OutboxRow['status'];

/** A send waiting for (another) upload attempt. */
export interface DueSend {
  id: string;
  idempotencyKey: string;
  subject: string | null;
  pages: number;
  attempts: number;
  /** The numbers in the upload, fixed from the first attempt on (the key covers them). */
  recipients: { id: string; number: string; cancelRequested: boolean }[];
}

/** A fax as the service reports it (its `Fax` schema, the fields the outbox uses). */
export interface ServiceFax {
  id: string;
  to: string;
  status: string;
  failureReason: string | null;
  pagesSent: number;
  updatedAt?: string;
}

interface RowRecord {
  id: string;
  send_id: string;
  fax_id: string | null;
  number: string;
  contact_name: string | null;
  subject: string | null;
  pages: number;
  pages_sent: number;
  status: RecipientStatus;
  failure_reason: FailureReason | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  started_at: number | null;
  state: string;
  attempts: number;
  cancel_requested: number;
}

const finished = new Set<RecipientStatus>(['delivered', 'failed', 'cancelled']);
const reasons = new Set<FailureReason>([
  'busy',
  'no_answer',
  'rejected',
  'invalid_number',
  'quota_exceeded',
  'own_number',
  'blocked_number',
  'refused',
  'other',
]);

/** Maps the service's failure reason (or error code) to one the UI has words for. */
export function failureReasonOf(code: string | null): FailureReason {
  return code && reasons.has(code as FailureReason) ? (code as FailureReason) : 'other';
}

const rowSelect = `SELECT r.*, s.subject, s.pages, s.created_at, s.state, s.attempts,
  COALESCE(r.contact_name, (SELECT name FROM address_book a WHERE a.digits = r.digits LIMIT 1)) AS contact_name
  FROM send_recipients r JOIN sends s ON s.id = r.send_id`;

/**
 * The outbox's rows in the account database: one `sends` row per upload (with its
 * idempotency key, written before any byte leaves) and one `send_recipients` row per number.
 */
export class OutboxStore {
  /** Cancelling rows, before and after the service accepted them. */
  readonly cancels: OutboxCancels;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.cancels = new OutboxCancels(db, now);
  }

  /** Writes a new send and its recipients in one transaction. */
  create(send: {
    id: string;
    idempotencyKey: string;
    subject: string | null;
    pages: number;
    resendOf: string | null;
    recipients: { id: string; number: string; contactName: string | null }[];
  }): void {
    const now = this.now();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sends (id, idempotency_key, subject, pages, state, created_at, resend_of)
           VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
        )
        .run(send.id, send.idempotencyKey, send.subject, send.pages, now, send.resendOf);
      const insert = this.db.prepare(
        `INSERT INTO send_recipients (id, send_id, position, number, digits, contact_name, status, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?)`,
      );
      send.recipients.forEach((r, position) =>
        insert.run(
          r.id,
          send.id,
          position,
          r.number,
          r.number.replace(/\D/g, ''),
          r.contactName,
          now,
        ),
      );
    })();
  }

  /** The oldest pending send whose next attempt is due, or the time the next one is due. */
  nextDue(): DueSend | { waitUntil: number } | null {
    const send = this.db
      .prepare(
        `SELECT id, idempotency_key, subject, pages, attempts, next_attempt_at FROM sends
         WHERE state = 'pending' ORDER BY next_attempt_at, created_at LIMIT 1`,
      )
      .get() as
      | {
          id: string;
          idempotency_key: string;
          subject: string | null;
          pages: number;
          attempts: number;
          next_attempt_at: number;
        }
      | undefined;
    if (!send) return null;
    if (send.next_attempt_at > this.now()) return { waitUntil: send.next_attempt_at };
    const recipients = (
      this.db
        .prepare(
          `SELECT id, number, cancel_requested FROM send_recipients WHERE send_id = ? AND status != 'cancelled' ORDER BY position`,
        )
        .all(send.id) as { id: string; number: string; cancel_requested: number }[]
    ).map((r) => ({ id: r.id, number: r.number, cancelRequested: r.cancel_requested === 1 }));
    return {
      id: send.id,
      idempotencyKey: send.idempotency_key,
      subject: send.subject,
      pages: send.pages,
      attempts: send.attempts,
      recipients,
    };
  }

  /** Marks an attempt as started: counted before the upload, so a crash mid-upload freezes the body. */
  startAttempt(sendId: string): void {
    const now = this.now();
    this.db.transaction(() => {
      this.db.prepare('UPDATE sends SET attempts = attempts + 1 WHERE id = ?').run(sendId);
      this.db
        .prepare(
          `UPDATE send_recipients SET status = 'uploading', updated_at = ? WHERE send_id = ? AND status IN ('queued', 'waiting')`,
        )
        .run(now, sendId);
    })();
  }

  /** The service accepted the send: each recipient gets its fax id and status. */
  accepted(sendId: string, faxes: readonly ServiceFax[]): void {
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE sends SET state = 'accepted', last_error = NULL WHERE id = ?`)
        .run(sendId);
      const rows = this.db
        .prepare(
          `SELECT id, number FROM send_recipients WHERE send_id = ? AND status != 'cancelled'`,
        )
        .all(sendId) as { id: string; number: string }[];
      for (const row of rows) {
        const fax = faxes.find((f) => f.to === row.number);
        if (!fax) continue;
        this.db.prepare('UPDATE send_recipients SET fax_id = ? WHERE id = ?').run(fax.id, row.id);
        this.applyFax(fax);
      }
    })();
  }

  /** The service refused the send for good: every recipient failed with the reason. */
  refused(sendId: string, reason: FailureReason, message: string): void {
    const now = this.now();
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE sends SET state = 'refused', last_error = ? WHERE id = ?`)
        .run(message, sendId);
      this.db
        .prepare(
          `UPDATE send_recipients SET status = CASE WHEN cancel_requested = 1 THEN 'cancelled' ELSE 'failed' END,
             failure_reason = CASE WHEN cancel_requested = 1 THEN NULL ELSE ? END, updated_at = ?, finished_at = ?,
             cancel_requested = 0
           WHERE send_id = ? AND status != 'cancelled'`,
        )
        .run(reason, now, now, sendId);
    })();
  }

  /** The attempt did not reach a verdict: try again at `at`. */
  retryAt(sendId: string, at: number, error: string): void {
    const now = this.now();
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE sends SET next_attempt_at = ?, last_error = ? WHERE id = ?')
        .run(at, error, sendId);
      this.db
        .prepare(
          `UPDATE send_recipients SET status = 'waiting', updated_at = ? WHERE send_id = ? AND status = 'uploading'`,
        )
        .run(now, sendId);
    })();
  }

  /** Applies a fax's state from the service (upload answer, event stream, or a fetch). Returns the row if it changed to a final state. */
  applyFax(fax: ServiceFax): OutboxRow | null {
    const status = (['queued', 'sending', 'delivered', 'failed', 'cancelled'] as const).find(
      (s) => s === fax.status,
    );
    if (!status) return null;
    const before = this.db
      .prepare('SELECT id, status FROM send_recipients WHERE fax_id = ?')
      .get(fax.id) as { id: string; status: RecipientStatus } | undefined;
    if (!before || finished.has(before.status)) return null;
    const now = this.now();
    const done = finished.has(status);
    this.db
      .prepare(
        `UPDATE send_recipients SET status = ?, pages_sent = ?, failure_reason = ?, updated_at = ?, finished_at = ?,
           started_at = COALESCE(started_at, CASE WHEN ? IN ('sending', 'delivered', 'failed') THEN ? END) WHERE id = ?`,
      )
      .run(
        status,
        fax.pagesSent,
        status === 'failed' ? failureReasonOf(fax.failureReason) : null,
        now,
        done ? now : null,
        status,
        now,
        before.id,
      );
    return done ? this.row(before.id) : null;
  }

  /** Fax ids accepted by the service and not finished yet (to follow). */
  unfinishedFaxIds(): string[] {
    return (
      this.db
        .prepare(
          `SELECT fax_id FROM send_recipients WHERE fax_id IS NOT NULL AND status IN ('queued', 'sending')`,
        )
        .all() as { fax_id: string }[]
    ).map((r) => r.fax_id);
  }

  /** Any pending upload left (for `kamifax send` to know when it may exit). */
  pendingSendIds(): string[] {
    return (
      this.db.prepare(`SELECT id FROM sends WHERE state = 'pending'`).all() as { id: string }[]
    ).map((r) => r.id);
  }

  /** One row. */
  row(id: string): OutboxRow | null {
    const record = this.db.prepare(`${rowSelect} WHERE r.id = ?`).get(id) as RowRecord | undefined;
    return record ? toRow(record) : null;
  }

  /** The rows of one send. */
  rowsOfSend(sendId: string): OutboxRow[] {
    return (
      this.db
        .prepare(`${rowSelect} WHERE r.send_id = ? ORDER BY r.position`)
        .all(sendId) as RowRecord[]
    ).map(toRow);
  }

  /** A row by the service's fax id or the local id. */
  find(id: string): OutboxRow | null {
    const record = this.db.prepare(`${rowSelect} WHERE r.id = ? OR r.fax_id = ?`).get(id, id) as
      RowRecord | undefined;
    return record ? toRow(record) : null;
  }

  /** The Outbox (not delivered) or Sent (delivered) list, newest first, with search. */
  query(
    view: 'outbox' | 'sent',
    search: string,
    offset: number,
    limit: number,
  ): { total: number; rows: OutboxRow[] } {
    const where: string[] = [
      view === 'sent' ? `r.status = 'delivered'` : `r.status != 'delivered'`,
    ];
    const args: (string | number)[] = [];
    const term = search.trim();
    // Dates and numbers as the inbox reads them: 2026-11-30, 2026/11/30, 2026年11月30日;
    // a number in any form a person types (national with its trunk 0, +81, 0081, partial).
    const date = localDateRange(term);
    if (date) {
      where.push('r.updated_at >= ? AND r.updated_at < ?');
      args.push(date.start, date.end);
    } else if (term) {
      const like = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      const clauses = [
        `s.subject LIKE ? ESCAPE '\\'`,
        `r.contact_name LIKE ? ESCAPE '\\'`,
        `r.digits IN (SELECT digits FROM address_book WHERE name LIKE ? ESCAPE '\\' OR company LIKE ? ESCAPE '\\')`,
      ];
      args.push(like, like, like, like);
      for (const digits of numberSearchDigits(term)) {
        clauses.push('r.digits LIKE ?');
        args.push(`%${digits}%`);
      }
      where.push(`(${clauses.join(' OR ')})`);
    }
    const from = `FROM send_recipients r JOIN sends s ON s.id = r.send_id WHERE ${where.join(' AND ')}`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n ${from}`).get(...args) as { n: number }).n;
    const records = this.db
      .prepare(
        `${rowSelect} WHERE ${where.join(' AND ')} ORDER BY r.updated_at DESC, r.id LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, offset) as RowRecord[];
    return { total, rows: records.map(toRow) };
  }

  /** The navigation's counts. */
  counts(): OutboxCounts {
    const rows = this.db
      .prepare(
        `SELECT status, COUNT(*) AS n FROM send_recipients WHERE status NOT IN ('delivered', 'cancelled') GROUP BY status`,
      )
      .all() as { status: RecipientStatus; n: number }[];
    const of = (...statuses: RecipientStatus[]) =>
      rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r.n, 0);
    return {
      queued: of('queued', 'waiting', 'uploading'),
      sending: of('sending'),
      failed: of('failed'),
    };
  }

  /** A small key/value state (the event stream's last id). */
  getState(key: string): string | null {
    return (
      (
        this.db.prepare('SELECT value FROM send_state WHERE key = ?').get(key) as
          { value: string } | undefined
      )?.value ?? null
    );
  }

  /** Saves a state value. */
  setState(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO send_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }
}

function toRow(r: RowRecord): OutboxRow {
  const accepted = r.fax_id !== null;
  return {
    id: r.id,
    sendId: r.send_id,
    faxId: r.fax_id,
    to: r.number,
    contactName: r.contact_name,
    subject: r.subject,
    pages: r.pages,
    pagesSent: r.pages_sent,
    status: r.status,
    failureReason: r.failure_reason,
    progress: null,
    queuedAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    startedAt: r.started_at,
    cancelRequested: r.cancel_requested === 1,
    canCancel:
      r.cancel_requested !== 1 &&
      (accepted ? r.status === 'queued' : ['queued', 'waiting', 'uploading'].includes(r.status)),
    canResend: r.status === 'failed' || r.status === 'cancelled',
  };
}
