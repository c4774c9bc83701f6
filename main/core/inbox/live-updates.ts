import type { AccessTokens } from '../api/http-client';
import { backoffDelay, type RetryPolicy } from '../api/retry-policy';
import type { Logger } from '../log/logger';
import { SseParser, type ServerEvent } from './sse-parser';

/** Where the event stream is and who may read it. */
export interface LiveUpdatesOptions {
  baseUrl: string;
  tokens: AccessTokens;
  log: Logger;
  /** Called for every event (the inbox then syncs). */
  onEvent(event: ServerEvent): void;
  /** Called when the stream connects (the inbox syncs to catch up). */
  onConnected(): void;
  /** Called when the service refuses the sign-in for good. */
  onSignedOut(): void;
  lastEventId(): string | null;
  saveLastEventId(id: string): void;
  /** The safety net: a sync this often even when the stream is quiet. */
  pollMs?: number;
  onPoll(): void;
  backoff?: RetryPolicy;
  random?: () => number;
}

/**
 * Follows the service's event stream and reconnects after drops with full-jitter backoff,
 * resuming from the last event id; a periodic poll covers anything a broken stream missed.
 */
export class LiveUpdates {
  private controller: AbortController | null = null;
  private poll: NodeJS.Timeout | null = null;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: LiveUpdatesOptions) {}

  /** Starts following; safe to call once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.poll = setInterval(() => this.options.onPoll(), this.options.pollMs ?? 60_000);
    this.poll.unref?.();
    this.loop = this.run();
  }

  /** Stops and waits for the connection to close. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    this.controller?.abort();
    this.wake?.();
    await this.loop;
  }

  /** Drops the current connection (tests use it to simulate a network cut). */
  dropConnection(): void {
    this.controller?.abort();
  }

  private async run(): Promise<void> {
    const policy = this.options.backoff ?? {
      attempts: Infinity,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
    };
    let failures = 0;
    while (!this.stopped) {
      const outcome = await this.connectOnce();
      if (this.stopped) break;
      if (outcome === 'signedOut') return this.options.onSignedOut();
      if (outcome === 'renewed') continue;
      failures = outcome === 'streamed' ? 0 : failures + 1;
      const wait = backoffDelay(policy, failures, this.options.random ?? Math.random);
      // The backoff ends early when the feature stops, so sign-out never waits on it.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(wait, 50));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async connectOnce(): Promise<'streamed' | 'failed' | 'renewed' | 'signedOut'> {
    this.controller = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    const token = this.options.tokens.current();
    if (token) headers.authorization = `Bearer ${token}`;
    const lastId = this.options.lastEventId();
    if (lastId) headers['last-event-id'] = lastId;
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}/v1/events`, {
        headers,
        signal: this.controller.signal,
        // The request carries the bearer token: never follow a redirect with it (as axios does).
        redirect: 'error',
      });
    } catch {
      return 'failed';
    }
    if (response.status === 401) {
      await response.body?.cancel();
      try {
        await this.options.tokens.renew();
        return 'renewed';
      } catch (error: unknown) {
        const status = (error as { status?: number }).status;
        return status === 401 || (error as { code?: string }).code === 'signed_out'
          ? 'signedOut'
          : 'failed';
      }
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return 'failed';
    }
    this.options.onConnected();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    // stop() must not depend on the stream noticing the abort (a read was seen to hang past
    // it, holding sign-out and the host's stop): the abort itself ends the wait.
    const signal = this.controller.signal;
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(new Error('aborted'));
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    aborted.catch(() => undefined);
    try {
      for (;;) {
        const { done, value } = await Promise.race([reader.read(), aborted]);
        if (done) break;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.id) this.options.saveLastEventId(event.id);
          this.options.onEvent(event);
        }
      }
    } catch {
      // Dropped or aborted: the loop reconnects unless stopped.
      reader.cancel().catch(() => undefined);
    }
    return 'streamed';
  }
}
