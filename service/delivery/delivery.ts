import { randomUUID } from 'node:crypto';
import type { EventHub } from '../events/event-hub';
import type { FaxRow, Storage } from '../storage/storage';
import type { Carrier } from './carrier';
import { abortableSleep } from './abortable-sleep';

/** Where delivery reports what went wrong (the service's pino logger). */
export interface DeliveryLog {
  error(fields: object, message: string): void;
}

/** The points of a delivery that a probe may observe (tests kill the process at one). */
export type DeliveryStep = 'sending' | 'recipient-written' | 'internal-committed';

/** Observes delivery steps; the crash tests use it to die at an exact point. */
export type DeliveryProbe = (step: DeliveryStep, fax: FaxRow) => void;

const silent: DeliveryLog = { error: () => undefined };

/** What the service does with a fax that arrives for one of its numbers. */
export interface InboundFax {
  to: string;
  from: string;
  pages: number;
  subject: string | null;
  documentId: string;
}

/** Public view of a fax, as the API returns it. */
export function faxView(fax: FaxRow) {
  return {
    id: fax.id,
    direction: fax.direction,
    from: fax.from,
    to: fax.to,
    subject: fax.subject,
    pages: fax.pages,
    createdAt: new Date(fax.createdAt).toISOString(),
    updatedAt: new Date(fax.updatedAt).toISOString(),
    read: fax.read,
    junk: fax.junk,
    status: fax.status,
    failureReason: fax.failureReason,
    pagesSent: fax.pagesSent,
    trashedAt: fax.trashedAt ? new Date(fax.trashedAt).toISOString() : null,
  };
}

/**
 * Moves outbound faxes along queued → sending → delivered or failed. A number owned by an
 * account here is delivered into that inbox (a real delivery); any other goes to the carrier.
 * State lives in the database, so a fax queued or sending when the service stops is resumed
 * when it starts again.
 */
export class Delivery {
  private readonly running = new Map<string, AbortController>();
  /** The tail of each account's line: the promise its next fax waits for. */
  private readonly lines = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly hub: EventHub,
    private readonly carrier: Carrier,
    private readonly now: () => number,
    private readonly log: DeliveryLog = silent,
    private readonly probe: DeliveryProbe = () => undefined,
  ) {}

  /** Resumes whatever was queued or sending. */
  resume(): void {
    for (const fax of this.storage.faxes.undelivered()) this.enqueue(fax.id);
  }

  /**
   * Queues one outbound fax on its account's line. An account's number is one line, so its
   * faxes go out one after another and the rest wait `queued` (where a cancel still wins).
   */
  enqueue(faxId: string): void {
    const fax = this.storage.faxes.byId(faxId);
    if (!fax || this.stopped || this.running.has(faxId)) return;
    const controller = new AbortController();
    this.running.set(faxId, controller);
    const line = (this.lines.get(fax.accountId) ?? Promise.resolve())
      .then(() => this.deliver(faxId, controller.signal))
      .catch((error: unknown) => {
        // A stop or a cancel is not a failure; anything else is, and stays queued for the
        // next start (no retry loop here, so a broken fax cannot spin).
        if (controller.signal.aborted) return;
        this.log.error({ err: error, faxId }, 'delivery failed; it is retried at the next start');
      })
      .finally(() => {
        this.running.delete(faxId);
        if (this.lines.get(fax.accountId) === line) this.lines.delete(fax.accountId);
      });
    this.lines.set(fax.accountId, line);
  }

  /** Cancels a queued fax; false when it already left the queue. */
  cancel(accountId: string, faxId: string): FaxRow | null {
    const fax = this.storage.faxes.get(accountId, faxId);
    if (!fax || fax.status !== 'queued') return null;
    this.running.get(faxId)?.abort(new Error('cancelled'));
    const cancelled = this.storage.faxes.update(faxId, { status: 'cancelled' }, this.now());
    this.hub.publish(accountId, 'fax.status', faxView(cancelled));
    return cancelled;
  }

  /** Stops all work; unfinished faxes stay queued or sending for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const controller of this.running.values()) controller.abort(new Error('stopping'));
    // Each line's tail settles after everything queued before it.
    await Promise.allSettled([...this.lines.values()]);
  }

  /** Puts a fax into the inbox of the account owning `to`; false when dropped (blocked sender). */
  receive(inbound: InboundFax): FaxRow | null {
    const now = this.now();
    const fax = this.storage.transaction(() => this.writeInbound(inbound, now));
    if (fax) this.hub.publish(fax.accountId, 'fax.received', faxView(fax));
    return fax;
  }

  /** Inserts a received fax and counts its pages; null when dropped. Call inside a transaction. */
  private writeInbound(inbound: InboundFax, now: number): FaxRow | null {
    const account = this.storage.accounts.byNumber(inbound.to);
    if (!account) return null;
    if (this.storage.accounts.isBlocked(account.id, inbound.from)) return null;
    const fax: FaxRow = {
      id: randomUUID(),
      accountId: account.id,
      direction: 'inbound',
      from: inbound.from,
      to: inbound.to,
      subject: inbound.subject,
      pages: inbound.pages,
      createdAt: now,
      updatedAt: now,
      read: false,
      junk: false,
      status: 'received',
      failureReason: null,
      pagesSent: 0,
      documentId: inbound.documentId,
    };
    this.storage.faxes.insert(fax);
    this.storage.faxes.recordUsage(account.id, fax.id, 'received', fax.pages, now);
    return fax;
  }

  /**
   * Delivers to an account on this service in ONE transaction: the recipient's copy and the
   * sender's `delivered` commit together or not at all, so a crash at any point delivers
   * exactly once (a fax found still `sending` at the next start has no copy yet).
   */
  private deliverInternal(fax: FaxRow): void {
    const now = this.now();
    const outcome = this.storage.transaction(() => {
      const current = this.storage.faxes.byId(fax.id);
      // Cancelled, erased or finished meanwhile: nothing to deliver.
      if (!current || current.status !== 'sending') return null;
      const copy = this.writeInbound(
        {
          to: fax.to,
          from: fax.from,
          pages: fax.pages,
          subject: fax.subject,
          documentId: fax.documentId,
        },
        now,
      );
      this.probe('recipient-written', fax);
      const done = this.writeFinish(
        fax,
        copy
          ? { outcome: 'delivered', pagesSent: fax.pages }
          : { outcome: 'failed', reason: 'rejected', pagesSent: 0 },
        now,
      );
      // The events commit with the delivery they tell of; they are pushed after the commit.
      return [
        ...(copy ? [this.hub.record(copy.accountId, 'fax.received', faxView(copy))] : []),
        this.hub.record(fax.accountId, 'fax.status', faxView(done)),
      ];
    });
    this.probe('internal-committed', fax);
    for (const event of outcome ?? []) this.hub.push(event);
  }

  private async deliver(faxId: string, signal: AbortSignal): Promise<void> {
    let fax = this.storage.faxes.byId(faxId);
    if (!fax || (fax.status !== 'queued' && fax.status !== 'sending')) return;
    // A moment in the queue, so that a cancel right after sending can still win.
    await abortableSleep(20, signal);
    fax = this.setStatus(fax, { status: 'sending' });
    this.probe('sending', fax);
    if (this.storage.accounts.byNumber(fax.to)) return this.deliverInternal(fax);
    const result = await this.carrier.transmit({ to: fax.to, pages: fax.pages }, signal);
    this.finish(fax, result);
  }

  private finish(
    fax: FaxRow,
    result:
      | { outcome: 'delivered'; pagesSent: number }
      | { outcome: 'failed'; reason: string; pagesSent: number },
  ): void {
    const now = this.now();
    const event = this.storage.transaction(() =>
      this.hub.record(fax.accountId, 'fax.status', faxView(this.writeFinish(fax, result, now))),
    );
    this.hub.push(event);
  }

  /** Marks an outbound fax finished and counts delivered pages. Call inside a transaction. */
  private writeFinish(
    fax: FaxRow,
    result:
      | { outcome: 'delivered'; pagesSent: number }
      | { outcome: 'failed'; reason: string; pagesSent: number },
    now: number,
  ): FaxRow {
    const row = this.storage.faxes.update(
      fax.id,
      {
        status: result.outcome,
        failureReason: result.outcome === 'failed' ? result.reason : null,
        pagesSent: result.pagesSent,
      },
      now,
    );
    // Failed pages never count toward the plan.
    if (result.outcome === 'delivered')
      this.storage.faxes.recordUsage(fax.accountId, fax.id, 'sent', result.pagesSent, now);
    return row;
  }

  /** Updates a fax and records its event in one transaction (one commit), then pushes it. */
  private setStatus(fax: FaxRow, patch: Partial<FaxRow>): FaxRow {
    const { row, event } = this.storage.transaction(() => {
      const row = this.storage.faxes.update(fax.id, patch, this.now());
      return { row, event: this.hub.record(fax.accountId, 'fax.status', faxView(row)) };
    });
    this.hub.push(event);
    return row;
  }
}
