import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../../main/core/api/service-error';
import { TokenKeeper, type TokenPair } from '../../../../main/core/session/token-keeper';

/** A keychain slot and a service renewal that can be made to fail. */
function keeper(options: {
  stored?: string | null;
  renew?: (token: string) => Promise<TokenPair>;
}) {
  let stored = options.stored === undefined ? 'r0' : options.stored;
  const renewals: string[] = [];
  const saved: string[] = [];
  const tokens = new TokenKeeper({
    renew: async (token) => {
      renewals.push(token);
      if (options.renew) return options.renew(token);
      return { accessToken: `a${renewals.length}`, refreshToken: `r${renewals.length}` };
    },
    loadRefreshToken: async () => stored,
    saveRefreshToken: async (token) => {
      saved.push(token);
      stored = token;
    },
  });
  return { tokens, renewals, saved, stored: () => stored };
}

describe('TokenKeeper', () => {
  it('renews once for twenty concurrent callers and keeps the rotated refresh token', async () => {
    const { tokens, renewals, saved } = keeper({});
    const results = await Promise.all(Array.from({ length: 20 }, () => tokens.renew()));
    expect(new Set(results)).toEqual(new Set(['a1']));
    expect(renewals).toEqual(['r0']);
    expect(saved).toEqual(['r1']);
    expect(tokens.current()).toBe('a1');
  });

  it('adopts a pair at sign-in: the refresh token to the keychain, the access token in memory', async () => {
    const { tokens, saved } = keeper({ stored: null });
    await tokens.adopt({ accessToken: 'a', refreshToken: 'r' });
    expect(saved).toEqual(['r']);
    expect(tokens.current()).toBe('a');
    tokens.clear();
    expect(tokens.current()).toBeNull();
  });

  it('says signed_out when the keychain holds no refresh token', async () => {
    const { tokens, renewals } = keeper({ stored: null });
    await expect(tokens.renew()).rejects.toMatchObject({ code: 'signed_out', status: 401 });
    expect(renewals).toEqual([]);
  });

  it('passes a refused renewal to every waiting caller, keeps the old token, and can renew again', async () => {
    let refuse = true;
    const { tokens, stored } = keeper({
      renew: async () => {
        if (refuse) throw new ServiceError('signed_out', 'revoked', 401);
        return { accessToken: 'a-new', refreshToken: 'r-new' };
      },
    });
    const waiting = [tokens.renew(), tokens.renew()];
    for (const call of waiting) await expect(call).rejects.toMatchObject({ code: 'signed_out' });
    expect(stored()).toBe('r0');
    expect(tokens.current()).toBeNull();
    refuse = false;
    await expect(tokens.renew()).resolves.toBe('a-new');
  });

  it('does not hold a token it could not save to the keychain', async () => {
    const tokens = new TokenKeeper({
      renew: async () => ({ accessToken: 'a', refreshToken: 'r' }),
      loadRefreshToken: async () => 'r0',
      saveRefreshToken: async () => {
        throw new ServiceError('keychain_unavailable', 'locked');
      },
    });
    await expect(tokens.renew()).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(tokens.current()).toBeNull();
  });
});
