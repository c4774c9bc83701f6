/**
 * A fixed-window counter per key (an account's e-mail, a client address): enough to slow
 * password guessing on one machine. A multi-node deployment would move it to shared storage.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Counts an attempt; returns the milliseconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    window.count += 1;
    return window.count > this.limit ? window.start + this.windowMs - now : 0;
  }

  /** Forgets a key (after a successful sign-in). */
  reset(key: string): void {
    this.windows.delete(key);
  }
}
