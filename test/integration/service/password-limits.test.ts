import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PasswordThrottle, RateLimiter, throttleDefaults } from '../../../service/auth/rate-limit';
import { demoPassword, serviceSuite, testClock, type TestClient } from './helpers';

const suite = serviceSuite();

interface Reply {
  status: number;
  retryAfter: number | null;
  body: { error?: { code: string }; accessToken?: string };
}

/**
 * A JSON POST from a chosen loopback address (all of 127.0.0.0/8 is this machine), so a test
 * can be alice at home and a guesser elsewhere. Answers are recorded for the contract check.
 */
function postFrom(
  client: TestClient,
  from: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<Reply> {
  const url = new URL(path, client.service.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const parsed = text ? JSON.parse(text) : {};
          client.recorded.push({
            method: 'POST',
            path,
            status: response.statusCode!,
            contentType: String(response.headers['content-type'] ?? ''),
            body: text ? parsed : undefined,
          });
          const retry = response.headers['retry-after'];
          resolve({
            status: response.statusCode!,
            retryAfter: retry ? Number(retry) : null,
            body: parsed,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const login = (client: TestClient, from: string, email: string, password: string) =>
  postFrom(client, from, '/v1/auth/login', { email, password });

describe('password limits', () => {
  it('slows a guesser with growing delays per account and address, never the owner elsewhere', async () => {
    const clock = testClock();
    const { client } = await suite.start({ now: clock.now });
    const guesser = '127.0.0.2';
    const waits: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const answer = await login(client, guesser, 'alice@example.com', `guess-${i}`);
      if (answer.status === 429) {
        expect(answer.body.error?.code).toBe('rate_limited');
        waits.push(answer.retryAfter!);
        clock.advance(answer.retryAfter! * 1000);
      } else expect(answer.status).toBe(401);
      // Alice at home is never held up by the guesser, at any point.
      if (i % 10 === 9)
        expect((await login(client, '127.0.0.3', 'alice@example.com', demoPassword)).status).toBe(
          200,
        );
    }
    // Free attempts first, then delays that grow.
    expect(waits.length).toBeGreaterThan(5);
    expect(waits[waits.length - 1]).toBeGreaterThan(waits[0]!);

    // Attempts during a delay are refused without counting: retrying often does not extend it.
    let held = await login(client, guesser, 'alice@example.com', 'again');
    if (held.status === 401) held = await login(client, guesser, 'alice@example.com', 'again');
    expect(held.status).toBe(429);
    for (let i = 0; i < 20; i += 1)
      expect((await login(client, guesser, 'alice@example.com', 'again')).status).toBe(429);
    clock.advance(held.retryAfter! * 1000);
    // Even from the guesser's address, the right password works once the delay has passed.
    expect((await login(client, guesser, 'alice@example.com', demoPassword)).status).toBe(200);
  });

  it('keeps a generous per-address limit that does not lock out accounts known at that address', async () => {
    const clock = testClock();
    // The default is 100; 40 here saves scrypt time and still exceeds the 30 that used to lock
    // out every account behind one address.
    const addressFailures = 40;
    const { client } = await suite.start({ now: clock.now, throttle: { addressFailures } });
    const office = '127.0.0.4';
    expect((await login(client, office, 'bob@example.com', demoPassword)).status).toBe(200);
    // Failures across many accounts pass freely up to the limit.
    for (let i = 0; i < addressFailures; i += 1) {
      const answer = await login(client, office, `nobody-${i}@example.com`, 'x');
      expect(answer.status).toBe(401);
    }
    const sprayed = await login(client, office, 'someone@example.com', 'x');
    expect(sprayed.status).toBe(429);
    // Bob signed in from the office before: still admitted. Alice (new here) waits a while.
    expect((await login(client, office, 'bob@example.com', demoPassword)).status).toBe(200);
    expect((await login(client, office, 'alice@example.com', demoPassword)).status).toBe(429);
    expect((await login(client, '127.0.0.5', 'alice@example.com', demoPassword)).status).toBe(200);
  });

  it('throttles the password re-checks of cancel and privacy requests the same way', async () => {
    const { client } = await suite.start();
    const alice = await client.login('alice@example.com');
    const bob = await client.login('bob@example.com');
    for (const [session, path, body] of [
      [alice, '/v1/account/cancel', {}],
      [bob, '/v1/privacy/requests', { type: 'export' }],
    ] as const) {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        const answer = await postFrom(
          client,
          '127.0.0.6',
          path,
          { ...body, password: `wrong-${i}` },
          session.accessToken,
        );
        statuses.push(answer.status);
      }
      expect(statuses.slice(0, throttleDefaults.freeFailures)).toEqual(
        Array(throttleDefaults.freeFailures).fill(401),
      );
      expect(statuses).toContain(429);
      // The same counter as sign-in: the guesser's sign-ins for this account wait too.
      const email = session === alice ? 'alice@example.com' : 'bob@example.com';
      expect((await login(client, '127.0.0.6', email, demoPassword)).status).toBe(429);
    }
    // Alice from her own address can still cancel, with her password.
    expect(
      (
        await postFrom(
          client,
          '127.0.0.7',
          '/v1/account/cancel',
          { password: demoPassword },
          alice.accessToken,
        )
      ).status,
    ).toBe(204);
  });

  it('limits sign-ups per address', async () => {
    const { client } = await suite.start();
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) {
      const answer = await postFrom(client, '127.0.0.8', '/v1/accounts', {
        name: 'Bulk',
        email: `bulk-${i}@example.com`,
        password: 'correct horse',
        birthDate: '1990-01-01',
      });
      statuses.push(answer.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    // Another address is not affected.
    const other = await postFrom(client, '127.0.0.9', '/v1/accounts', {
      name: 'Real',
      email: 'real@example.com',
      password: 'correct horse',
      birthDate: '1990-01-01',
    });
    expect(other.status).toBe(201);
  });

  it('keeps its memory bounded under a flood of distinct keys', () => {
    const clock = testClock();
    const throttle = new PasswordThrottle(clock.now, { ...throttleDefaults, maxKeys: 100 });
    const signUps = new RateLimiter(10, 60_000, clock.now, 100);
    for (let i = 0; i < 5000; i += 1) {
      throttle.failed(`user-${i}@example.com`, `10.0.${i >> 8}.${i & 255}`);
      throttle.succeeded(`user-${i}@example.com`, `10.1.${i >> 8}.${i & 255}`);
      signUps.hit(`10.0.${i >> 8}.${i & 255}`);
    }
    const sizes = throttle.sizes;
    expect(Math.max(sizes.pairs, sizes.addresses, sizes.known, signUps.size)).toBeLessThanOrEqual(
      100,
    );
  });
});
