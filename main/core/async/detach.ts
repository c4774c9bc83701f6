import type { Logger } from '../log/logger';

/**
 * The one way to start work that nobody awaits (a background sync, a prefetch, a timer's
 * job): its failure is logged with what it was, never left as an unhandled rejection that
 * would end the process. Everything else is awaited; lint checks both.
 */
export function detach(
  log: Logger,
  what: string,
  work: Promise<unknown> | (() => Promise<unknown>),
): void {
  let promise: Promise<unknown>;
  try {
    promise = typeof work === 'function' ? work() : work;
  } catch (error) {
    log.error(`${what} failed`, { error: describe(error) });
    return;
  }
  promise.then(undefined, (error: unknown) => {
    log.error(`${what} failed`, { error: describe(error) });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
