import type { AccessTokens } from '../api/http-client';
import { ServiceError } from '../api/service-error';
import type { RenewalLock } from './renewal-lock';

/** What the service hands out at sign-in and at each renewal. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** How the keeper renews and where it keeps the refresh token (the keychain). */
export interface TokenKeeperDeps {
  renew(refreshToken: string): Promise<TokenPair>;
  loadRefreshToken(): Promise<string | null>;
  saveRefreshToken(token: string): Promise<void>;
  /**
   * Held around each renewal (load, rotate, save), shared with other processes that use the
   * same keychain entry (the app and `kamifax send`); see renewal-lock.ts.
   */
  lock?: RenewalLock;
}

/**
 * Holds the access token in memory only and renews it single-flight: twenty requests that
 * fail on an expired token at once cause one renewal, and all twenty retry with its result.
 * The rotated refresh token goes straight back to the keychain, under a lock shared with other
 * processes of this computer so two never rotate the same token.
 */
export class TokenKeeper implements AccessTokens {
  private access: string | null = null;
  private inflight: Promise<string> | null = null;

  constructor(private readonly deps: TokenKeeperDeps) {}

  /** The access token in use, if any. */
  current(): string | null {
    return this.access;
  }

  /** Adopts a fresh pair (after sign-in). */
  async adopt(pair: TokenPair): Promise<void> {
    await this.deps.saveRefreshToken(pair.refreshToken);
    this.access = pair.accessToken;
  }

  /** Renews once for every concurrent caller. */
  renew(): Promise<string> {
    this.inflight ??= this.renewNow().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Forgets the access token (sign-out). */
  clear(): void {
    this.access = null;
  }

  private renewNow(): Promise<string> {
    return this.deps.lock ? this.deps.lock(() => this.renewLocked()) : this.renewLocked();
  }

  private async renewLocked(): Promise<string> {
    // Read inside the lock: another process may have rotated it a moment ago.
    const refreshToken = await this.deps.loadRefreshToken();
    if (!refreshToken) throw new ServiceError('signed_out', 'No refresh token is stored', 401);
    const pair = await this.deps.renew(refreshToken);
    await this.deps.saveRefreshToken(pair.refreshToken);
    this.access = pair.accessToken;
    return pair.accessToken;
  }
}
