/** How often and how patiently a request is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Four attempts over about five seconds at most: enough for a blip, short enough for a UI. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4000 };

/**
 * "Full jitter" exponential backoff: a uniform delay between zero and the capped exponential,
 * so a crowd of clients that failed together does not come back together.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds, capped. */
export function retryAfterMs(header: unknown, now: number, capMs = 30_000): number | null {
  if (typeof header !== 'string' || header.trim() === '') return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(capMs, Math.max(0, ms)) : null;
}

const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Whether repeating a request can never do something twice. */
export function isRepeatable(method: string, idempotencyKey: string | undefined): boolean {
  return idempotentMethods.has(method.toUpperCase()) || idempotencyKey !== undefined;
}

/** Statuses worth another try: the service or a proxy was briefly unwell or busy. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}
