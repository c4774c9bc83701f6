/**
 * The renderer's one way to start work nobody awaits (an event handler's call to main, a
 * decode before print): a failure is reported on the console with what it was, never left
 * as an unhandled rejection. Results that the user must see are awaited and shown instead.
 */
export function detach(what: string, work: Promise<unknown> | (() => Promise<unknown>)): void {
  let promise: Promise<unknown>;
  try {
    promise = typeof work === 'function' ? work() : work;
  } catch (error) {
    console.error(`${what} failed`, error);
    return;
  }
  promise.then(undefined, (error: unknown) => {
    console.error(`${what} failed`, error);
  });
}
