import type { App, Event } from 'electron';
import type { Logger } from '../core/log/logger';

/** What a second launch hands to the running one: its arguments and where it ran. */
export interface LaunchRequest {
  argv: string[];
  cwd: string;
  /** Files handed over directly (macOS `open-file`), not on a command line. */
  files?: string[];
}

/**
 * Holds launches that arrive while the app is starting (its own arguments, a second
 * instance, a macOS `open-file`), then hands each to the handler once there is one.
 */
export class LaunchQueue {
  private pending: LaunchRequest[] = [];
  private handler: ((request: LaunchRequest) => void) | null = null;

  push(request: LaunchRequest): void {
    if (this.handler) this.handler(request);
    else this.pending.push(request);
  }

  /** What arrived so far, without delivering it (to decide how to start). */
  peek(): readonly LaunchRequest[] {
    return this.pending;
  }

  /** From now on, every launch goes to `handler`, starting with those held. */
  deliverTo(handler: (request: LaunchRequest) => void): void {
    this.handler = handler;
    for (const request of this.pending.splice(0)) handler(request);
  }
}

/**
 * Takes the single-instance lock. A second instance forwards its arguments to the first
 * (`second-instance`), calls `app.quit()` and returns false: the caller must then start
 * nothing at all, since `app.quit()` only takes effect later.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondLaunch: (request: LaunchRequest) => void,
): boolean {
  const request: LaunchRequest = { argv: process.argv, cwd: process.cwd() };
  if (!app.requestSingleInstanceLock(request as unknown as Record<string, unknown>)) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, cwd, data) => {
    const sent = data as Partial<LaunchRequest> | undefined;
    onSecondLaunch({
      argv: Array.isArray(sent?.argv) ? sent.argv.map(String) : argv,
      cwd: typeof sent?.cwd === 'string' ? sent.cwd : cwd,
    });
  });
  return true;
}

/**
 * Quit waits for `dispose()` (the database closed, the service stopped, credentials
 * flushed): the first `will-quit` is held with `preventDefault()`, and once disposal has
 * finished, or failed and been logged, `app.quit()` is called again and let through.
 */
export function disposeBeforeQuit(
  app: Pick<App, 'on' | 'quit'>,
  dispose: () => Promise<void>,
  log: Logger,
): void {
  let state: 'running' | 'disposing' | 'disposed' = 'running';
  app.on('will-quit', (event: Event) => {
    if (state === 'disposed') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    dispose()
      .catch((error: unknown) => log.error('dispose failed at quit', { error: String(error) }))
      .finally(() => {
        state = 'disposed';
        app.quit();
      });
  });
}
