import type { Router } from '../core/rpc/router';
import type { EventBus } from '../core/rpc/event-bus';

/** What the window needs of the core: its router (calls, first answers) and its events. */
export interface CoreParts {
  router: Router;
  events: EventBus;
}

/**
 * The core before it exists. The desktop app creates its window as soon as Electron is ready,
 * so Chromium starts the renderer and loads the page while the core is built and the sign-in
 * restores. Until then, the page's request (its first answers), its IPC calls and its event
 * forwarding go through `parts`, which wait for the core; once `ready`, they are the core's.
 */
export interface CoreAhead {
  parts: CoreParts;
  ready(core: CoreParts): void;
  /** The core could not be built: calls made meanwhile are answered with an error. */
  failed(error: unknown): void;
}

export function coreAhead(): CoreAhead {
  let core: CoreParts | null = null;
  let settle: { ready(core: CoreParts): void; failed(error: unknown): void } | null = null;
  const built = new Promise<CoreParts>((resolve, reject) => {
    settle = { ready: resolve, failed: reject };
  });
  // Not awaited when no call came before the core.
  built.catch(() => undefined);
  /** Listeners that came before the core, each with its unsubscribe once attached. */
  const early = new Map<Parameters<EventBus['listen']>[0], () => void>();
  const parts: CoreParts = {
    router: {
      async dispatch(channel, payload) {
        if (core) return core.router.dispatch(channel, payload);
        try {
          return await (await built).router.dispatch(channel, payload);
        } catch {
          return {
            ok: false,
            error: { code: 'internal', message: 'Kamifax could not start' },
          };
        }
      },
    },
    events: {
      emit(event, payload) {
        // Nothing emits before the core exists; its own events come from its own bus.
        core?.events.emit(event, payload);
      },
      listen(listener) {
        if (core) return core.events.listen(listener);
        early.set(listener, () => undefined);
        return () => {
          early.get(listener)?.();
          early.delete(listener);
        };
      },
    },
  };
  return {
    parts,
    ready(built) {
      core = built;
      for (const listener of early.keys()) early.set(listener, built.events.listen(listener));
      settle?.ready(built);
    },
    failed(error) {
      settle?.failed(error);
    },
  };
}
