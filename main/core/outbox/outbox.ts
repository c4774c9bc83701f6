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
  /** The upload on the wire, to abort it on close or when its send is cancelled. */
  private current: { sendId: string; controller: AbortController } | null = null;
  /** The service has no `/v1/faxes/withdraw` (an older one): settle cancels after acceptance. */
  private withdrawUnsupported = false;

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
    this.current?.controller.abort();
    this.wake?.();
    // Following stops even when the loop ended in a failure; that failure is then thrown.
    const failures: unknown[] = [];
    await this.loop?.catch((error: unknown) => failures.push(error));
    await this.live.stop().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
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

  /**
   * Cancels a row in any state before the line: never uploaded → here at once; waiting for a
   * retry or uploading (the upload is aborted) → `cancelRequested`, settled by the loop with
   * the service (the row ends `cancelled` soon after); queued at the service → cancelled there.
   */
  async cancel(id: string): Promise<OutboxRow> {
    const row = this.store.row(id);
    if (!row) throw new AppError('not_found', 'No such fax in the outbox');
    if (row.cancelRequested) return row;
    if (!row.canCancel) throw new AppError('not_cancellable', 'The fax already left the queue');
    if (row.faxId) {
      try {
        this.apply([await this.api.cancel(row.faxId)]);
      } catch (thrown: unknown) {
        const error = toServiceError(thrown);
        if (error.code === 'not_cancellable') throw new AppError('not_cancellable', error.message);
        throw error;
      }
    } else if (!this.store.cancels.cancelLocal(id)) {
      if (!this.store.cancels.requestCancel(id))
        throw new AppError('not_cancellable', 'The fax already left the queue');
      if (this.current?.sendId === row.sendId) this.current.controller.abort();
      this.wake?.();
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
    await this.cancelAtService();
  }

  /** Cancels, at the service, accepted faxes whose cancel was asked for before they were. */
  private async cancelAtService(): Promise<void> {
    const asked = this.store.cancels.serviceCancels();
    if (asked.length === 0) return;
    for (const { id, faxId } of asked) {
      try {
        this.apply([await this.api.cancel(faxId)]);
        this.store.cancels.clearCancel(id);
      } catch (thrown: unknown) {
        const error = toServiceError(thrown);
        // Too late (already on the line) settles it; anything else is tried again on refresh.
        if (error.code === 'not_cancellable') this.store.cancels.clearCancel(id);
        this.options.log.info('cancel at the service', { code: error.code });
      }
    }
    this.changed();
  }

  /** A send with a cancel asked for: withdraw its key, or cancel the faxes it already made. */
  private async settleCancel(send: DueSend): Promise<void> {
    try {
      const answer = await this.api.withdraw(send.idempotencyKey);
      if (answer.withdrawn) {
        this.store.cancels.withdrawn(send.id, send.idempotencyKey, randomUUID());
        this.options.log.info('send withdrawn', { send: send.id });
      } else {
        this.store.accepted(send.id, answer.faxes);
        await this.cancelAtService();
        this.followIfNeeded();
      }
    } catch (thrown: unknown) {
      const error = toServiceError(thrown);
      if (error.status === 404 && error.code === 'not_found') {
        this.withdrawUnsupported = true;
        this.store.retryAt(send.id, this.now(), error.message);
      } else this.waitAfter(send, error);
    }
    this.changed();
  }

  private waitAfter(send: DueSend, error: ServiceError): void {
    if (error.code === 'signed_out') {
      this.store.retryAt(send.id, this.now(), error.message);
      this.stopped = true;
      this.options.listener.signedOut();
      return;
    }
    const policy = this.options.backoff ?? {
      attempts: Infinity,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
    };
    const wait = Math.max(
      backoffDelay(policy, Math.min(send.attempts, 16), this.options.random ?? Math.random),
      error.retryAfterMs ?? 0,
    );
    this.options.log.info('send will be retried', { send: send.id, code: error.code, wait });
    this.store.retryAt(send.id, this.now() + wait, error.message);
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
    if (send.recipients.some((r) => r.cancelRequested) && !this.withdrawUnsupported)
      return this.settleCancel(send);
    const pdf = await this.options.files.get(send.id);
    if (!pdf) {
      this.store.refused(send.id, 'other', 'The document of this send is missing or damaged');
      this.changed();
      return;
    }
    this.store.startAttempt(send.id);
    this.uploading.set(send.id, 0);
    const controller = new AbortController();
    this.current = { sendId: send.id, controller };
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
        controller.signal,
      );
      this.store.accepted(send.id, faxes);
      log.info('send accepted', { send: send.id, faxes: faxes.length });
      this.changed();
      await this.cancelAtService();
      this.followIfNeeded();
    } catch (thrown: unknown) {
      const error = toServiceError(thrown);
      if (error.code === 'send_withdrawn') {
        // Withdrawn meanwhile (a cancel from another process that shares this outbox).
        this.store.cancels.withdrawn(send.id, send.idempotencyKey, randomUUID());
      } else if (!this.stopped && this.cancelAsked(send.id)) {
        // The upload was aborted for a cancel: settle it with the service now.
        this.store.retryAt(send.id, this.now(), error.message);
      } else if (error.code === 'signed_out' || !isFinalRefusal(error)) {
        this.waitAfter(send, error);
      } else {
        log.warn('send refused', { send: send.id, code: error.code });
        this.store.refused(
          send.id,
          failureReasonOf(error.code === 'document_too_large' ? 'refused' : error.code),
          error.message,
        );
      }
      this.changed();
    } finally {
      this.uploading.delete(send.id);
      this.current = null;
    }
  }

  private cancelAsked(sendId: string): boolean {
    return this.store.rowsOfSend(sendId).some((row) => row.cancelRequested);
  }
}
