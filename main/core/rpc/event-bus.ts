import type { EventName, EventOf } from '../../../preload/contract';

type Listener = (event: EventName, payload: unknown) => void;

/** Main's events for the renderer; each host forwards them over its own transport. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
  /** Listens to every event; returns the unsubscribe function. */
  listen(listener: Listener): () => void;
}

/** Creates an event bus with no state beyond its listeners. */
export function createEventBus(): EventBus {
  const listeners = new Set<Listener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
