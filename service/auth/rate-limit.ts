/**
 * A map that forgets its least recently touched keys beyond `maxKeys`, so that a flood of
 * distinct keys (addresses, guessed e-mails) cannot grow the limiters' memory without bound.
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxKeys: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Sets and marks the key as the most recently used. */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxKeys) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A fixed-window counter per key (sign-ups per address). Memory is bounded; a multi-node
 * deployment would move it to shared storage.
 */
export class RateLimiter {
  private readonly windows: BoundedMap<{ start: number; count: number }>;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    maxKeys = 10_000,
  ) {
    this.windows = new BoundedMap(maxKeys);
  }

  /** Counts an attempt; returns the milliseconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    window.count += 1;
    this.windows.set(key, window);
    return window.count > this.limit ? window.start + this.windowMs - now : 0;
  }

  /** How many keys are remembered (a test checks the bound). */
  get size(): number {
    return this.windows.size;
  }
}

/** The password throttle's settings. */
export interface ThrottleSettings {
  /** Wrong passwords for one account from one address before delays start. */
  freeFailures: number;
  /** The first delay; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Wrong passwords from one address (any accounts) per window, for office NATs: generous. */
  addressFailures: number;
  addressWindowMs: number;
  /** How long a successful sign-in makes an account+address pair known (exempt from the address limit). */
  knownForMs: number;
  maxKeys: number;
}

/** The service's defaults. */
export const throttleDefaults: ThrottleSettings = {
  freeFailures: 5,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  addressFailures: 100,
  addressWindowMs: 15 * 60_000,
  knownForMs: 30 * 24 * 3600_000,
  maxKeys: 20_000,
};

/**
 * Slows password guessing without locking out the owner. Failures are counted per account
 * AND address together: after a few, each further one must wait a growing delay (1 s, 2 s,
 * 4 s … 15 min), and attempts during a delay are refused without counting, so a guesser cannot
 * keep a delay running for ever. Someone guessing alice's password from one address therefore
 * never holds up alice at another. A generous per-address limit bounds spraying many accounts
 * from one place, but an account that signed in from that address before is exempt from it
 * (an office NAT with one bad actor). Every password check uses it: sign-in and re-checks.
 */
export class PasswordThrottle {
  private readonly pairs: BoundedMap<{ failures: number; last: number }>;
  private readonly addresses: BoundedMap<{ start: number; failures: number }>;
  private readonly known: BoundedMap<number>;

  constructor(
    private readonly now: () => number,
    private readonly settings: ThrottleSettings = throttleDefaults,
  ) {
    this.pairs = new BoundedMap(settings.maxKeys);
    this.addresses = new BoundedMap(settings.maxKeys);
    this.known = new BoundedMap(settings.maxKeys);
  }

  /** The milliseconds to wait before this account may be tried from this address, else 0. */
  wait(account: string, address: string): number {
    const now = this.now();
    const pair = this.pairs.get(pairKey(account, address));
    let wait = 0;
    if (pair && pair.failures >= this.settings.freeFailures) {
      const delay = Math.min(
        this.settings.maxDelayMs,
        this.settings.baseDelayMs * 2 ** (pair.failures - this.settings.freeFailures),
      );
      wait = Math.max(0, pair.last + delay - now);
    }
    const knownAt = this.known.get(pairKey(account, address));
    const isKnown = knownAt !== undefined && now - knownAt < this.settings.knownForMs;
    const window = this.addresses.get(address);
    if (
      !isKnown &&
      window &&
      now - window.start < this.settings.addressWindowMs &&
      window.failures >= this.settings.addressFailures
    ) {
      wait = Math.max(wait, window.start + this.settings.addressWindowMs - now);
    }
    return wait;
  }

  /** Counts a wrong password. */
  failed(account: string, address: string): void {
    const now = this.now();
    const key = pairKey(account, address);
    const pair = this.pairs.get(key) ?? { failures: 0, last: now };
    this.pairs.set(key, { failures: pair.failures + 1, last: now });
    const window = this.addresses.get(address);
    if (!window || now - window.start >= this.settings.addressWindowMs)
      this.addresses.set(address, { start: now, failures: 1 });
    else this.addresses.set(address, { start: window.start, failures: window.failures + 1 });
  }

  /** A right password: the pair starts over and is known from now on. */
  succeeded(account: string, address: string): void {
    const key = pairKey(account, address);
    this.pairs.delete(key);
    this.known.set(key, this.now());
  }

  /** Keys remembered, per map (a test checks the bound). */
  get sizes(): { pairs: number; addresses: number; known: number } {
    return { pairs: this.pairs.size, addresses: this.addresses.size, known: this.known.size };
  }
}

function pairKey(account: string, address: string): string {
  return `${account}\n${address}`;
}
