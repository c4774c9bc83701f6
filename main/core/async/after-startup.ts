import type { Logger } from '../log/logger';

/**
 * Start work the first screen does not need waits until start-up is over, so that on a
 * restart nothing stands between restoring the sign-in and answering the page's first inbox
 * query. What waits on `done`: the inbox's live updates (and with them its sync with the
 * service, prefetch and cache sweep) and its subject-index fill, the outbox's upload loop and
 * following, and the privacy feed. The printer's port is not deferred: it listens with the
 * core (a job printed while the app was closed arrives before any window exists). Start-up
 * is over at the first of: that query answered, the sign-in settled without an account (no
 * query will come), or `latestMs` (a window started hidden at login asks nothing).
 */
export class AfterStartup {
  private released = false;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly over: Promise<void>;
  private markOver: () => void = () => undefined;

  constructor(
    private readonly log: Logger,
    latestMs = 3000,
  ) {
    this.over = new Promise((resolve) => (this.markOver = resolve));
    this.timer = setTimeout(() => this.release('time limit'), latestMs);
    this.timer.unref();
  }

  /**
   * Resolves a macrotask after start-up is over (the answer that ended it is written to the
   * page first), or at `close`: what waits on it checks that its own owner is still open.
   */
  get done(): Promise<void> {
    return this.over;
  }

  /** True once start-up is over. */
  get isOver(): boolean {
    return this.released;
  }

  /** Start-up is over; what waits on `done` begins once the current task (an answer) is out. */
  release(why: string): void {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.timer);
    this.log.debug('start-up over', { why });
    setImmediate(() => this.markOver());
  }

  /** The core is closing: nothing waits for start-up any more. */
  close(): void {
    this.released = true;
    clearTimeout(this.timer);
    this.markOver();
  }
}
