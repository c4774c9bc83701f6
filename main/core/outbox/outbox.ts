import { randomUUID } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import type { OutboxCounts, OutboxRow } from '../../../preload/send-contract';
import type { AccessTokens, HttpClient } from '../api/http-client';
import { backoffDelay, type RetryPolicy } from '../api/retry-policy';
import { toServiceError, type ServiceError } from '../api/service-error';
import { detach } from '../async/detach';
import { LiveUpdates } from '../inbox/live-updates';
import type { Logger } from '../log/logger';
import { AppError } from '../rpc/app-error';
import { OutboxApi } from './outbox-api';
import { failureReasonOf, OutboxStore, type DueSend, type ServiceFax } from './outbox-store';
import type { SealedFiles } from './sealed-files';

/** What the outbox tells the rest of the app. */
export interface OutboxListener {
  changed(counts: OutboxCounts): void;
  progress(sendId: string, loaded: number, total: number): void;
  /** A recipient reached delivered or failed (for the notification and the report). */
  finished(row: OutboxRow): void;
  signedOut(): void;
}

/** Everything one account's outbox needs. */
export interface OutboxOptions {
  db: Db;
  files: SealedFiles;
  http: HttpClient;
  baseUrl: string;
  tokens: AccessTokens;
  log: Logger;
  listener: OutboxListener;
  now?: () => number;
  random?: () => number;
  /** Backoff between upload attempts (network errors, 5xx): full jitter, no attempt limit. */
  backoff?: RetryPolicy;
  /** The safety-net poll of unfinished faxes while the event stream is open. */
  pollMs?: number;
}

/** A send as Compose (or the CLI, or Resend) hands it over. */
export interface NewSend {
  pdf: Uint8Array;
  pages: number;
  subject: string | null;
  recipients: { number: string; contactName: string | null }[];
  resendOf?: string | null;
}

/** 4xx answers that will never change by retrying the same request. */
function isFinalRefusal(error: ServiceError): boolean {
  return (
    error.status !== undefined &&
    error.status >= 400 &&
    error.status < 500 &&
    ![401, 408, 409, 425, 429].includes(error.status)
  );
}

/**
 * The durable outbox: a send is written (document file, then the row with its idempotency
 * key) before anything goes on the wire; a loop uploads due sends one at a time, retrying
 * network errors and 5xx with full-jitter backoff without limit (offline sends wait), and
 * follows accepted faxes through the event stream to delivered or failed. After a crash the
 * next `start()` resumes: the same key makes a repeated upload harmless.
 */
export class Outbox {
  readonly store: OutboxStore;
  private readonly api: OutboxApi;
  private readonly live: LiveUpdates;
  private readonly now: () => number;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private following = false;
  /** Upload progress (0..1) of the send on the wire, for the rows' `progress`. */
  private readonly uploading = new Map<string, number>();
  private readonly upload = new AbortController();

  constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
    this.store = new OutboxStore(options.db, this.now);
    this.api = new OutboxApi(options.http);
    this.live = new LiveUpdates({
      baseUrl: options.baseUrl,
      tokens: options.tokens,
      log: options.log.child('events'),
      onEvent: (event) => {
        if (event.event !== 'fax.status') return;
        try {
          this.apply([JSON.parse(event.data) as ServiceFax]);
        } catch {
          options.log.warn('unreadable fax.status event');
        }
      },
      onConnected: () => detach(options.log, 'catching up on sent faxes', this.refresh()),
      onSignedOut: () => options.listener.signedOut(),
      lastEventId: () => this.store.getState('lastEventId'),
      saveLastEventId: (id) => this.store.setState('lastEventId', id),
      pollMs: options.pollMs ?? 30_000,
      onPoll: () => detach(options.log, 'polling sent faxes', this.refresh()),
    });
  }

  /** Starts (or resumes after a restart) the upload loop and following. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
    this.followIfNeeded();
  }

  /** Stops; an upload in flight is abandoned (its key makes the next start's retry safe). */
  async close(): Promise<void> {
    this.stopped = true;
    this.upload.abort();
    this.wake?.();
    await this.loop;
    await this.live.stop();
  }

  /** Writes a new send to the queue and wakes the loop. The document is on disk before the row. */
  async enqueue(send: NewSend): Promise<{ sendId: string; ids: string[] }> {
    if (send.recipients.length === 0) throw new AppError('draft_no_recipients', 'No recipients');
    const sendId = randomUUID();
    await this.options.files.put(sendId, send.pdf);
    const recipients = send.recipients.map((r) => ({ id: randomUUID(), ...r }));
    this.store.create({
      id: sendId,
      idempotencyKey: randomUUID(),
      subject: send.subject,
      pages: send.pages,
      resendOf: send.resendOf ?? null,
      recipients,
    });
    this.changed();
    this.wake?.();
    return { sendId, ids: recipients.map((r) => r.id) };
  }

  /** One window of the Outbox or Sent list, with the upload progress of rows on the wire. */
  query(view: 'outbox' | 'sent', search: string, offset: number, limit: number) {
    const page = this.store.query(view, search, offset, limit);
    for (const row of page.rows)
      if (row.status === 'uploading') row.progress = this.uploading.get(row.sendId) ?? 0;
    return page;
  }

  /** Cancels a row still queued: here if it never left, else at the service. */
  async cancel(id: string): Promise<OutboxRow> {
    const row = this.store.row(id);
    if (!row) throw new AppError('not_found', 'No such fax in the outbox');
    if (!row.canCancel) throw new AppError('not_cancellable', 'The fax already left the queue');
    if (row.faxId) {
      try {
        this.apply([await this.api.cancel(row.faxId)]);
      } catch (thrown: unknown) {
        const error = toServiceError(thrown);
        if (error.code === 'not_cancellable') throw new AppError('not_cancellable', error.message);
        throw error;
      }
    } else if (!this.store.cancelLocal(id)) {
      throw new AppError('not_cancellable', 'The fax is being uploaded');
    }
    this.changed();
    return this.store.row(id)!;
  }

  /** A new send (new key) of the same document to the same number. */
  async resend(id: string): Promise<{ sendId: string; ids: string[] }> {
    const row = this.store.row(id);
    if (!row) throw new AppError('not_found', 'No such fax in the outbox');
    if (!row.canResend) throw new AppError('not_resendable', 'Only failed or cancelled faxes');
    const pdf = await this.document(row.sendId);
    return this.enqueue({
      pdf,
      pages: row.pages,
      subject: row.subject,
      recipients: [{ number: row.to, contactName: row.contactName }],
      resendOf: row.id,
    });
  }

  /** The PDF of a send, as uploaded. */
  async document(sendId: string): Promise<Buffer> {
    const pdf = await this.options.files.get(sendId);
    if (!pdf) throw new AppError('document_damaged', 'The sent document is missing or damaged');
    return pdf;
  }

  /** Asks the service for the state of every unfinished fax (on connect, on the poll, from the CLI). */
  async refresh(): Promise<void> {
    const views: ServiceFax[] = [];
    for (const id of this.store.unfinishedFaxIds()) {
      try {
        views.push(await this.api.fax(id));
      } catch (error: unknown) {
        this.options.log.debug('could not read a sent fax', { code: toServiceError(error).code });
      }
    }
    this.apply(views);
  }

  private apply(views: readonly ServiceFax[]): void {
    let any = false;
    for (const view of views) {
      const done = this.store.applyFax(view);
      any = true;
      if (done) this.options.listener.finished(done);
    }
    if (any) this.changed();
    this.followIfNeeded();
  }

  private changed(): void {
    this.options.listener.changed(this.store.counts());
  }

  /** The event stream is open only while some sent fax is unfinished. */
  private followIfNeeded(): void {
    const need = !this.stopped && this.store.unfinishedFaxIds().length > 0;
    if (need && !this.following) {
      this.following = true;
      this.live.start();
    } else if (!need && this.following) {
      this.following = false;
      detach(this.options.log, 'closing the event stream', this.live.stop());
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const next = this.store.nextDue();
      if (next && 'id' in next) {
        try {
          await this.attempt(next);
        } catch (error: unknown) {
          // A local failure (disk, database): wait a little rather than spin.
          this.options.log.error('outbox attempt failed', { error: String(error) });
          this.store.retryAt(next.id, this.now() + 5000, String(error));
        }
        continue;
      }
      const wait = next ? Math.max(0, next.waitUntil - this.now()) : 3_600_000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async attempt(send: DueSend): Promise<void> {
    const { log, listener } = this.options;
    const pdf = await this.options.files.get(send.id);
    if (!pdf) {
      this.store.refused(send.id, 'other', 'The document of this send is missing or damaged');
      this.changed();
      return;
    }
    this.store.startAttempt(send.id);
    this.uploading.set(send.id, 0);
    this.changed();
    try {
      const faxes = await this.api.send(
        {
          key: send.idempotencyKey,
          pdf,
          recipients: send.recipients.map((r) => r.number),
          subject: send.subject,
        },
        (loaded, total) => {
          this.uploading.set(send.id, total > 0 ? Math.min(1, loaded / total) : 0);
          listener.progress(send.id, loaded, total);
        },
        this.upload.signal,
      );
      this.store.accepted(send.id, faxes);
      log.info('send accepted', { send: send.id, faxes: faxes.length });
      this.changed();
      this.followIfNeeded();
    } catch (thrown: unknown) {
      const error = toServiceError(thrown);
      if (error.code === 'signed_out') {
        this.store.retryAt(send.id, this.now(), error.message);
        this.stopped = true;
        listener.signedOut();
      } else if (isFinalRefusal(error)) {
        log.warn('send refused', { send: send.id, code: error.code });
        this.store.refused(
          send.id,
          failureReasonOf(error.code === 'document_too_large' ? 'refused' : error.code),
          error.message,
        );
      } else {
        const policy = this.options.backoff ?? {
          attempts: Infinity,
          baseDelayMs: 1000,
          maxDelayMs: 60_000,
        };
        const wait = Math.max(
          backoffDelay(policy, Math.min(send.attempts, 16), this.options.random ?? Math.random),
          error.retryAfterMs ?? 0,
        );
        log.info('send will be retried', { send: send.id, code: error.code, wait });
        this.store.retryAt(send.id, this.now() + wait, error.message);
      }
      this.changed();
    } finally {
      this.uploading.delete(send.id);
    }
  }
}
