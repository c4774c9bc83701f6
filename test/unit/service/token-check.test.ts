import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  maxCheckedTokens,
  tokenCheckMs,
  tokenLifetimes,
  tokenHash,
  TokenService,
} from '../../../service/auth/tokens';
import { openSqliteStorage } from '../../../service/storage/sqlite-storage';

const dir = mkdtempSync(join(tmpdir(), 'kamifax-token-check-'));
const storage = openSqliteStorage(dir);
afterAll(() => {
  storage.close();
  rmSync(dir, { recursive: true, force: true });
});
const accountId = 'acct-1';
storage.accounts.create(
  {
    id: accountId,
    email: 'carol@example.com',
    name: 'Carol',
    passwordHash: 'x',
    plan: 'paid',
    createdAt: 0,
    trialEndsAt: null,
    birthDate: '1990-01-01',
    gender: null,
    incomeLevel: null,
    occupation: null,
    acceptedPolicyVersion: null,
  },
  '+81500000001',
);

/** A token service on a clock of its own, counting the database's token reads. */
function service(maxChecks = maxCheckedTokens) {
  let now = 1_000_000;
  let reads = 0;
  const access = storage.tokens.access.bind(storage.tokens);
  const tokens = new TokenService(
    {
      ...storage,
      tokens: Object.assign(Object.create(storage.tokens) as typeof storage.tokens, {
        access: (hash: string) => ((reads += 1), access(hash)),
      }),
    },
    () => now,
    tokenLifetimes,
    { ms: tokenCheckMs, max: maxChecks },
  );
  return {
    tokens,
    reads: () => reads,
    advance: (ms: number) => (now += ms),
  };
}

const bearer = (token: string) => `Bearer ${token}`;
const codeOf = (work: () => unknown) => {
  try {
    work();
    return 'ok';
  } catch (error: unknown) {
    return (error as { code: string }).code;
  }
};

describe('access token checks', () => {
  it('reads a token once per interval, and again after it', () => {
    const { tokens, reads, advance } = service();
    const { accessToken } = tokens.issue(accountId);
    for (let i = 0; i < 50; i += 1)
      expect(tokens.authenticate(bearer(accessToken))).toBe(accountId);
    expect(reads()).toBe(1);
    advance(tokenCheckMs);
    tokens.authenticate(bearer(accessToken));
    expect(reads()).toBe(2);
  });

  it('drops every cached check at a revocation: sign-out, reuse, an erased account', () => {
    const { tokens, reads } = service();
    const pair = tokens.issue(accountId);
    const other = tokens.issue(accountId);
    tokens.authenticate(bearer(pair.accessToken));
    tokens.authenticate(bearer(other.accessToken));
    tokens.revoke(pair.refreshToken);
    expect(codeOf(() => tokens.authenticate(bearer(pair.accessToken)))).toBe('unauthorized');
    // The other sign-in is read again and still valid.
    expect(tokens.authenticate(bearer(other.accessToken))).toBe(accountId);
    expect(reads()).toBe(4);

    // A reused refresh token revokes its family, cached or not.
    const renewed = tokens.rotate(other.refreshToken);
    tokens.authenticate(bearer(renewed.accessToken));
    expect(codeOf(() => tokens.rotate(other.refreshToken))).toBe('token_revoked');
    expect(codeOf(() => tokens.authenticate(bearer(renewed.accessToken)))).toBe('unauthorized');

    // Erasing an account removes its rows, then tells the service (routes/account.ts).
    const last = tokens.issue(accountId);
    tokens.authenticate(bearer(last.accessToken));
    storage.tokens.revokeAccount(accountId);
    tokens.revoked();
    expect(codeOf(() => tokens.authenticate(bearer(last.accessToken)))).toBe('unauthorized');
  });

  it('still refuses an expired token that was checked a moment before', () => {
    const { tokens, advance } = service();
    const { accessToken } = tokens.issue(accountId);
    tokens.authenticate(bearer(accessToken));
    const row = storage.tokens.access(tokenHash(accessToken))!;
    advance(row.expiresAt - 1_000_000 - 1);
    expect(tokens.authenticate(bearer(accessToken))).toBe(accountId);
    advance(1);
    expect(codeOf(() => tokens.authenticate(bearer(accessToken)))).toBe('token_expired');
  });

  it('sees a row removed behind its back within the interval', () => {
    const { tokens, advance } = service();
    const { accessToken } = tokens.issue(accountId);
    tokens.authenticate(bearer(accessToken));
    storage.tokens.revokeAccount(accountId);
    advance(tokenCheckMs);
    expect(codeOf(() => tokens.authenticate(bearer(accessToken)))).toBe('unauthorized');
  });

  it('keeps a bounded number of checks, and none of unknown tokens', () => {
    const bound = 50;
    const { tokens, reads } = service(bound);
    const first = tokens.issue(accountId).accessToken;
    tokens.authenticate(bearer(first));
    for (let i = 0; i < 20; i += 1)
      expect(codeOf(() => tokens.authenticate(bearer(`guess-${i}`)))).toBe('unauthorized');
    tokens.authenticate(bearer(first));
    expect(reads()).toBe(21);
    let newest = '';
    storage.transaction(() => {
      const issued = Array.from({ length: bound }, () => tokens.issue(accountId));
      for (const { accessToken } of issued) tokens.authenticate(bearer(accessToken));
      newest = issued.at(-1)!.accessToken;
    });
    // The oldest check (the first token's) went out; the newest is still kept.
    const before = reads();
    tokens.authenticate(bearer(newest));
    expect(reads()).toBe(before);
    tokens.authenticate(bearer(first));
    expect(reads()).toBe(before + 1);
  });
});
