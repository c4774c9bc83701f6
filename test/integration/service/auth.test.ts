import { describe, expect, it } from 'vitest';
import { throttleDefaults } from '../../../service/auth/rate-limit';
import { tokenLifetimes } from '../../../service/auth/tokens';
import { openEvents, serviceSuite, testClock, type TestClient } from './helpers';

const suite = serviceSuite();

/** A birth date `years` years (minus `days` days) before the clock's today. */
function birthDate(now: number, years: number, days = 0): string {
  const date = new Date(now);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function signUp(client: TestClient, email: string, born: string) {
  return client.request('POST', '/v1/accounts', {
    body: { name: 'Carol Ito', email, password: 'correct horse', birthDate: born },
  });
}

describe('accounts and tokens', () => {
  it('signs up people aged 13 or over on the trial plan, and refuses younger ones', async () => {
    const { client } = await suite.start();
    const today = Date.now();
    const young = await signUp(client, 'kid@example.com', birthDate(today, 13, 1));
    expect(young.status).toBe(403);
    expect(young.body.error.code).toBe('underage');
    expect(
      (
        await client.request('POST', '/v1/auth/login', {
          body: { email: 'kid@example.com', password: 'correct horse' },
        })
      ).status,
    ).toBe(401);

    const created = await signUp(client, 'Carol@Example.com', birthDate(today, 13));
    expect(created.status).toBe(201);
    const carol = await client.login('carol@example.com', 'correct horse');
    const account = await carol.get('/v1/account');
    expect(account.body).toMatchObject({
      name: 'Carol Ito',
      email: 'carol@example.com',
      plan: 'trial',
      demographics: { gender: null, incomeLevel: null, occupation: null },
      usage: { receivedPages: { used: 0, limit: 100 }, sentPages: { used: 0, limit: 50 } },
    });
    expect(account.body.faxNumbers).toHaveLength(1);
    expect(account.body.faxNumbers[0]).toMatch(/^\+8150\d{8}$/);
    const trialDays = (Date.parse(account.body.trialEndsAt) - today) / 86_400_000;
    expect(Math.round(trialDays)).toBe(30);

    const again = await signUp(client, 'carol@example.com', birthDate(today, 30));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');

    // Two sign-ups with one address at once: one account, and a clean 409 for the other.
    const both = await Promise.all([
      signUp(client, 'erin@example.com', birthDate(today, 20)),
      signUp(client, 'erin@example.com', birthDate(today, 20)),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([201, 409]);
  });

  it('rotates refresh tokens, and a reused one revokes its whole family', async () => {
    const { client } = await suite.start();
    const phone = await client.login('alice@example.com');
    const laptop = await client.login('alice@example.com');
    const first = await client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: laptop.refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body.expiresIn).toBe(tokenLifetimes.accessMs / 1000);
    expect(first.body.refreshToken).not.toBe(laptop.refreshToken);
    laptop.accessToken = first.body.accessToken;
    expect((await laptop.get('/v1/account')).status).toBe(200);

    // The spent token comes back (stolen, or replayed): the family is revoked.
    const reuse = await client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: laptop.refreshToken },
    });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('token_revoked');
    const rotated = await client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(rotated.body.error.code).toBe('token_revoked');
    expect((await laptop.get('/v1/account')).status).toBe(401);

    // Another sign-in is another family: it can still renew itself.
    const other = await client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: phone.refreshToken },
    });
    expect(other.status).toBe(200);
  });

  it('signs out by revoking the family; an unknown token signs out quietly', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const out = await client.request('POST', '/v1/auth/logout', {
      body: { refreshToken: alice.refreshToken },
    });
    expect(out.status).toBe(204);
    expect((await alice.get('/v1/account')).body.error.code).toBe('unauthorized');
    const refresh = await client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: alice.refreshToken },
    });
    expect(refresh.body.error.code).toBe('token_revoked');
    const unknown = await client.request('POST', '/v1/auth/logout', {
      body: { refreshToken: 'not-a-token' },
    });
    expect(unknown.status).toBe(204);
  });

  it('signing out on one device leaves another device signed in', async () => {
    const { client } = await suite.start();
    const laptop = await client.login('alice@example.com');
    const phone = await client.login('alice@example.com');
    await client.request('POST', '/v1/auth/logout', {
      body: { refreshToken: laptop.refreshToken },
    });
    expect((await laptop.get('/v1/account')).status).toBe(401);
    expect((await phone.get('/v1/account')).status).toBe(200);
  });

  it('expires access tokens after 15 minutes and sign-ins after 60 days', async () => {
    const clock = testClock();
    const { client } = await suite.start({ now: clock.now });
    const alice = await client.login('alice@example.com');
    clock.advance(tokenLifetimes.accessMs + 1000);
    const expired = await alice.get('/v1/account');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('token_expired');
    const renewed = await client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: alice.refreshToken },
    });
    expect(renewed.status).toBe(200);
    alice.accessToken = renewed.body.accessToken;
    expect((await alice.get('/v1/account')).status).toBe(200);

    clock.advance(tokenLifetimes.refreshMs + 1000);
    const late = await client.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: renewed.body.refreshToken },
    });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('token_expired');

    for (const authorization of ['', 'Bearer ', 'Bearer nonsense', 'Basic abc']) {
      const answer = await client.request('GET', '/v1/account', {
        headers: authorization ? { authorization } : {},
      });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthorized');
    }
  });

  it('limits sign-in attempts per account with 429 and Retry-After, then lets the owner in', async () => {
    const clock = testClock();
    const { client } = await suite.start({ now: clock.now });
    const attempt = (password: string) =>
      client.request('POST', '/v1/auth/login', {
        body: { email: 'alice@example.com', password },
      });
    for (let i = 0; i < throttleDefaults.freeFailures; i += 1) {
      const wrong = await attempt(`guess-${i}`);
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('invalid_credentials');
    }
    const limited = await attempt('kamifax-demo');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account from the same address is not held up by alice's delay.
    expect((await client.login('bob@example.com')).accessToken).toBeTruthy();

    clock.advance(retryAfter * 1000);
    expect((await attempt('kamifax-demo')).status).toBe(200);
  });

  it('corrects the profile, sets and clears demographics, and tells open streams', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const events = await openEvents(alice);
    const patched = await alice.request('PATCH', '/v1/account', {
      body: {
        name: 'Alice Satō',
        email: 'ALICE.SATO@example.com',
        demographics: { gender: 'female', incomeLevel: '5-7m JPY', occupation: 'architect' },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Alice Satō',
      email: 'alice.sato@example.com',
      demographics: { gender: 'female', incomeLevel: '5-7m JPY', occupation: 'architect' },
    });
    await events.waitFor((e) => e.type === 'account.updated');
    events.close();
    const cleared = await alice.request('PATCH', '/v1/account', {
      body: { demographics: { gender: null, incomeLevel: null } },
    });
    expect(cleared.body.demographics).toEqual({
      gender: null,
      incomeLevel: null,
      occupation: 'architect',
    });
    const taken = await alice.request('PATCH', '/v1/account', {
      body: { email: 'bob@example.com' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    expect((await client.login('alice.sato@example.com')).accessToken).toBeTruthy();
  });

  it('cancels an account after re-checking the password; it cannot sign in again', async () => {
    const { client } = await suite.start();
    const bob = await client.login('bob@example.com');
    const wrong = await bob.request('POST', '/v1/account/cancel', { body: { password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect((await bob.get('/v1/account')).status).toBe(200);
    const done = await bob.request('POST', '/v1/account/cancel', {
      body: { password: 'kamifax-demo' },
    });
    expect(done.status).toBe(204);
    expect((await bob.get('/v1/account')).status).toBe(401);
    const login = await client.request('POST', '/v1/auth/login', {
      body: { email: 'bob@example.com', password: 'kamifax-demo' },
    });
    expect(login.body.error.code).toBe('invalid_credentials');
  });
});
