import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApiError } from '../errors';
import type { Storage } from '../storage/storage';

/** Access tokens live 15 minutes; refresh tokens 60 days, rotated at every use. */
export const tokenLifetimes = { accessMs: 15 * 60_000, refreshMs: 60 * 24 * 3600_000 };

/** What sign-in and refresh answer. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * How long an access token checked against the database is trusted without asking it again:
 * a client's burst of requests (50 uploads, a sync's pages) reads its row once. Revocations
 * in this process (sign-out, a reused refresh token, an erased account) drop every cached
 * check at once, and expiry is still checked on every request; a row removed behind the
 * service's back (another process, by hand) stops counting within this interval.
 */
export const tokenCheckMs = 5_000;
/** Access tokens whose check is kept; the oldest check goes first. */
export const maxCheckedTokens = 10_000;

/** Tokens are stored as SHA-256 hashes: a copy of the database signs no one in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues, checks and rotates tokens. */
export class TokenService {
  /** Open event streams re-check their token when a sign-in is revoked. */
  private readonly revocationWatchers = new Set<() => void>();
  /** Checked access tokens by their hash (never the token itself), oldest first. */
  private readonly checked = new Map<
    string,
    { accountId: string; expiresAt: number; checkUntil: number }
  >();

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
    private readonly lifetimes = tokenLifetimes,
    /** How long a check is kept, and how many (tests lower the bound). */
    private readonly checks = { ms: tokenCheckMs, max: maxCheckedTokens },
  ) {}

  /** A fresh pair; `family` ties rotations of one sign-in together. */
  issue(accountId: string, family: string = randomUUID()): TokenPair {
    const accessToken = randomBytes(32).toString('base64url');
    const refreshToken = randomBytes(32).toString('base64url');
    const now = this.now();
    this.storage.tokens.saveAccess(
      tokenHash(accessToken),
      accountId,
      family,
      now + this.lifetimes.accessMs,
    );
    this.storage.tokens.saveRefresh({
      hash: tokenHash(refreshToken),
      accountId,
      family,
      expiresAt: now + this.lifetimes.refreshMs,
      spent: false,
      revoked: false,
    });
    return { accessToken, refreshToken, expiresIn: Math.floor(this.lifetimes.accessMs / 1000) };
  }

  /** The account behind a bearer token, or a 401 saying why not. */
  authenticate(header: string | undefined): string {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new ApiError(401, 'unauthorized', 'A bearer token is required');
    const hash = tokenHash(token);
    const now = this.now();
    let row = this.checked.get(hash);
    if (!row || row.checkUntil <= now) {
      const stored = this.storage.tokens.access(hash);
      // Unknown tokens are not kept: guessing cannot push real checks out.
      if (!stored) {
        this.checked.delete(hash);
        throw new ApiError(401, 'unauthorized', 'Unknown or revoked token');
      }
      row = { ...stored, checkUntil: now + this.checks.ms };
      this.checked.delete(hash);
      if (this.checked.size >= this.checks.max)
        this.checked.delete(this.checked.keys().next().value!);
      this.checked.set(hash, row);
    }
    if (row.expiresAt <= now)
      throw new ApiError(401, 'token_expired', 'The access token has expired');
    return row.accountId;
  }

  /**
   * Rotates a refresh token. Presenting one that was already spent means it leaked or was
   * replayed: the whole family is revoked, so the thief and the owner both sign in again.
   */
  rotate(refreshToken: string): TokenPair {
    type Outcome = { pair: TokenPair } | { error: 'revoked' | 'reused' | 'expired' };
    const outcome = this.storage.transaction((): Outcome => {
      const row = this.storage.tokens.refresh(tokenHash(refreshToken));
      if (!row || row.revoked) return { error: 'revoked' as const };
      if (row.spent) {
        // Committed, not thrown inside the transaction: the revocation must outlive the error.
        this.storage.tokens.revokeFamily(row.family);
        this.revoked();
        return { error: 'reused' as const };
      }
      if (row.expiresAt <= this.now()) return { error: 'expired' as const };
      this.storage.tokens.spend(row.hash);
      return { pair: this.issue(row.accountId, row.family) };
    });
    if ('pair' in outcome) return outcome.pair;
    if (outcome.error === 'expired')
      throw new ApiError(401, 'token_expired', 'The sign-in has expired');
    if (outcome.error === 'reused') {
      throw new ApiError(
        401,
        'token_revoked',
        'This refresh token was already used; the sign-in is revoked',
      );
    }
    throw new ApiError(401, 'token_revoked', 'This sign-in is no longer valid');
  }

  /** Signs out: revokes the token's family. Unknown tokens are ignored (sign-out is idempotent). */
  revoke(refreshToken: string): void {
    const row = this.storage.tokens.refresh(tokenHash(refreshToken));
    if (row) {
      this.storage.tokens.revokeFamily(row.family);
      this.revoked();
    }
  }

  /** Follows revocations (an open event stream ends at once); returns the unsubscribe. */
  onRevoked(watcher: () => void): () => void {
    this.revocationWatchers.add(watcher);
    return () => this.revocationWatchers.delete(watcher);
  }

  /**
   * Tells watchers that some sign-in was revoked (each re-checks its own token); every cached
   * token check is dropped first, so the next request of a revoked token reads the database.
   */
  revoked(): void {
    this.checked.clear();
    for (const watcher of [...this.revocationWatchers]) watcher();
  }
}
