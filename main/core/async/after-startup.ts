import type { Logger } from '../log/logger';

/** A piece of start work that can wait: what it is (for the log) and the work. */
interface Deferred {
  what: string;
  run: () => Promise<unknown> | void;
}

/**
 * Start work the first screen does not need waits until start-up is over, so that on a
 * restart nothing stands between restoring the sign-in and answering the page's first inbox
 * query. Today that is the inbox's live updates (and with them its sync with the service,
 * prefetch and cache sweep) and its subject-index fill, which wait on `done`; the printer's
 * port, the outbox and the privacy feed still start with the core or the account. Start-up is over at the first of: that query answered, the sign-in
 * settled without an account (no query will come), or `latestMs` (a window started hidden at
 * login asks nothing). The tasks then run one after another, each failure logged; `close`
 * drops those not yet begun and waits for the one running.
 */
export class AfterStartup {
  private readonly queue: Deferred[] = [];
  private released = false;
  /** Set a macrotask after the release, when the queue begins. */
  private started = false;
  private closed = false;
  private running: Promise<void> = Promise.resolve();
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

  /** Resolves once start-up is over (an account opened during start-up waits on it). */
  get done(): Promise<void> {
    return this.over;
  }

  /** True once start-up is over. */
  get isOver(): boolean {
    return this.released;
  }

  /** Runs `run` after start-up (at once, in turn, when start-up is already over). */
  defer(what: string, run: () => Promise<unknown> | void): void {
    if (this.closed) return;
    this.queue.push({ what, run });
    if (this.started) this.drain();
  }

  /** Start-up is over; the deferred work begins once the current task (an answer) is out. */
  release(why: string): void {
    if (this.released || this.closed) return;
    this.released = true;
    clearTimeout(this.timer);
    this.log.debug('start-up over', { why });
    // A macrotask later: the answer that ended start-up is written to the page first.
    setImmediate(() => {
      this.started = true;
      this.markOver();
      this.drain();
    });
  }

  /** Drops the work not yet begun and waits for the task running. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
    this.markOver();
    await this.running;
  }

  private drain(): void {
    this.running = this.running.then(async () => {
      for (let task = this.queue.shift(); task && !this.closed; task = this.queue.shift()) {
        try {
          await task.run();
        } catch (error) {
          this.log.error(`${task.what} failed`, {
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          });
        }
      }
    });
  }
}
