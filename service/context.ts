import type { PasswordThrottle, RateLimiter } from './auth/rate-limit';
import type { TokenService } from './auth/tokens';
import type { Delivery } from './delivery/delivery';
import type { EventHub } from './events/event-hub';
import type { PdfInspector } from './pdf/inspector';
import type { Storage } from './storage/storage';

/** What every route may use; built once in `app.ts`. */
export interface ServiceContext {
  storage: Storage;
  hub: EventHub;
  delivery: Delivery;
  tokens: TokenService;
  /** Parses uploads in worker threads, within a time and heap budget. */
  inspector: PdfInspector;
  now: () => number;
  /** Password checks per account+address, and sign-ups per address. */
  limiters: { passwords: PasswordThrottle; signUps: RateLimiter };
  config: {
    adminToken: string | null;
    /** How long a deletion request waits before everything is erased. */
    deletionGraceMs: number;
  };
}
