import type { Logger } from '../log/logger';

/** The part of `process` the guard listens on (an emitter in tests). */
export interface RejectionSource {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Node ends the process on an unhandled rejection; for a host that holds the user's session
 * and the embedded service, a missed background failure must be logged, not fatal. Lint and
 * `detach()` keep such rejections out; this is the last net. Returns how to remove it.
 */
export function guardProcess(log: Logger, source: RejectionSource = process): () => void {
  const listener = (reason: unknown) => {
    log.error('unhandled rejection (kept running)', {
      error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
    });
  };
  source.on('unhandledRejection', listener);
  return () => source.off('unhandledRejection', listener);
}
