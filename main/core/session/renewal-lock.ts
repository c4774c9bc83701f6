import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { Logger } from '../log/logger';

/** Runs work while holding a lock. */
export type RenewalLock = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * A lock shared by every process on this computer that uses one account's data folder (the
 * app and `kamifax send`), held around a token renewal: read the refresh token from the
 * keychain, rotate it at the service, write the new one back. Without it two processes can
 * present the same refresh token at once, and the service, seeing a rotated token used again,
 * revokes the sign-in (reuse detection). Inside the lock the second process reads the token the
 * first one just stored. `proper-lockfile` (an atomic `mkdir`, kept fresh while held, taken
 * over when a crashed holder left it stale) works the same on Linux, macOS and Windows.
 */
export function renewalLock(accountFolder: string, log: Logger): RenewalLock {
  const path = join(accountFolder, 'token-renewal.lock');
  return async (work) => {
    await mkdir(accountFolder, { recursive: true });
    const release = await lockfile.lock(accountFolder, {
      lockfilePath: path,
      realpath: false,
      // A holder that died leaves the lock stale after 10 s; a live one refreshes it every 2 s.
      stale: 10_000,
      update: 2_000,
      // Waits up to about a minute: a renewal is one request (with its own timeout).
      retries: { retries: 120, factor: 1.3, minTimeout: 20, maxTimeout: 500 },
      onCompromised: (error) =>
        log.warn('the token renewal lock was taken over', { error: String(error) }),
    });
    try {
      return await work();
    } finally {
      await release().catch((error: unknown) =>
        log.debug('could not release the token renewal lock', { error: String(error) }),
      );
    }
  };
}
