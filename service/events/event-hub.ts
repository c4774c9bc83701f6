import type { Storage } from '../storage/storage';

/** One event as the stream sends it. */
export interface HubEvent {
  id: number;
  type: string;
  data: string;
}

type Listener = (event: HubEvent) => void;

/** An event recorded (`EventHub.record`) and not yet pushed. */
export interface RecordedEvent {
  accountId: string;
  event: HubEvent;
}

/** The event types clients may receive. */
export type EventType =
  'fax.received' | 'fax.status' | 'privacy.updated' | 'policy.updated' | 'account.updated';

/**
 * Publishes account events: each is persisted first (so `Last-Event-ID` can resume after a
 * drop or a restart), then pushed to the account's open streams.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  /** Records and pushes an event. */
  publish(accountId: string, type: EventType, data: unknown): void {
    this.push(this.record(accountId, type, data));
  }

  /**
   * Records an event without pushing it: inside a transaction, so the event commits with the
   * change it tells of (one commit instead of two); `push` it once the transaction is over.
   */
  record(accountId: string, type: EventType, data: unknown): RecordedEvent {
    const id = this.storage.events.append(accountId, type, data, this.now());
    return { accountId, event: { id, type, data: JSON.stringify(data) } };
  }

  /** Pushes a recorded event to the account's open streams. */
  push({ accountId, event }: RecordedEvent): void {
    for (const listener of this.listeners.get(accountId) ?? []) listener(event);
  }

  /** Publishes to every account (a new policy). */
  publishAll(accountIds: readonly string[], type: EventType, data: unknown): void {
    for (const id of accountIds) this.publish(id, type, data);
  }

  /** Follows an account's events; returns the unsubscribe function. */
  subscribe(accountId: string, listener: Listener): () => void {
    const set = this.listeners.get(accountId) ?? new Set<Listener>();
    this.listeners.set(accountId, set);
    set.add(listener);
    return () => set.delete(listener);
  }
}
