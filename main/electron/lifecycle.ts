import type { App, Event } from 'electron';
import type { Logger } from '../core/log/logger';

/** What a second launch hands to the running one: its arguments and where it ran. */
export interface LaunchRequest {
  argv: string[];
  cwd: string;
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
