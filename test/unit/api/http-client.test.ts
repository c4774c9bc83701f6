import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, type AccessTokens } from '../../../main/core/api/http-client';
import { ServiceError } from '../../../main/core/api/service-error';
import { backoffDelay, retryAfterMs } from '../../../main/core/api/retry-policy';
import { createLogger } from '../../../main/core/log/logger';

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;
let server: Server | null = null;

async function serve(handler: Handler): Promise<string> {
  let hits = 0;
  server = createServer((req, res) => {
    hits += 1;
    handler(req, res, hits);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

const log = createLogger(() => {});
const noSleep = { sleep: async () => {}, random: () => 0.5 };
const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('HttpClient', () => {
  it('retries an idempotent GET through 503s and succeeds', async () => {
    const url = await serve((_req, res, hit) =>
      hit < 3 ? json(res, 503, {}) : json(res, 200, { ok: 1 }),
    );
    const client = new HttpClient({ baseUrl: url, log, ...noSleep });
    expect((await client.request({ method: 'GET', path: '/x' })).data).toEqual({ ok: 1 });
  });

  it('never retries a POST without an idempotency key', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits += 1;
      json(res, 503, {});
    });
    const client = new HttpClient({ baseUrl: url, log, ...noSleep });
    await expect(client.request({ method: 'POST', path: '/x', body: {} })).rejects.toMatchObject({
      code: 'server_error',
      status: 503,
    });
    expect(hits).toBe(1);
  });

  it('retries a POST that carries an idempotency key, sending the key each time', async () => {
    const keys: unknown[] = [];
    const url = await serve((req, res, hit) => {
      keys.push(req.headers['idempotency-key']);
      if (hit === 1) json(res, 502, {});
      else json(res, 202, { id: 'f1' });
    });
    const client = new HttpClient({ baseUrl: url, log, ...noSleep });
    const answer = await client.request({
      method: 'POST',
      path: '/x',
      body: {},
      idempotencyKey: 'k-1',
    });
    expect(answer.status).toBe(202);
    expect(keys).toEqual(['k-1', 'k-1']);
  });

  it('gives up after the policy’s attempts', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits += 1;
      json(res, 503, { error: { code: 'maintenance', message: 'down' } });
    });
    const client = new HttpClient({
      baseUrl: url,
      log,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      ...noSleep,
    });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
      code: 'maintenance',
    });
    expect(hits).toBe(3);
  });

  it('passes the service’s own error code and does not retry a 4xx', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits += 1;
      json(res, 402, { error: { code: 'quota_exceeded', message: 'no pages left' } });
    });
    const client = new HttpClient({ baseUrl: url, log, ...noSleep });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
      code: 'quota_exceeded',
      status: 402,
    });
    expect(hits).toBe(1);
  });

  it('renews the token once for twenty requests that fail together', async () => {
    let valid = 'old';
    let renewals = 0;
    const url = await serve((req, res) => {
      if (req.headers.authorization === `Bearer ${valid}`) json(res, 200, { ok: true });
      else json(res, 401, { error: { code: 'token_expired', message: 'expired' } });
    });
    let current = 'stale';
    const tokens: AccessTokens = {
      current: () => current,
      renew: (() => {
        let inflight: Promise<string> | null = null;
        return () =>
          (inflight ??= (async () => {
            renewals += 1;
            await new Promise((r) => setTimeout(r, 20));
            valid = current = `fresh-${renewals}`;
            return current;
          })().finally(() => (inflight = null)));
      })(),
    };
    const client = new HttpClient({ baseUrl: url, log, tokens, ...noSleep });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => client.request({ method: 'GET', path: '/x' })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(renewals).toBe(1);
  });

  it('turns a failed renewal into signed_out', async () => {
    const url = await serve((_req, res) =>
      json(res, 401, { error: { code: 'token_expired', message: 'x' } }),
    );
    const tokens: AccessTokens = {
      current: () => 'stale',
      renew: async () => {
        throw new ServiceError('token_revoked', 'revoked', 401);
      },
    };
    const client = new HttpClient({ baseUrl: url, log, tokens, ...noSleep });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
      code: 'signed_out',
    });
  });

  it('maps a refused connection to service_unreachable', async () => {
    const client = new HttpClient({
      baseUrl: 'http://127.0.0.1:1',
      log,
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
      code: 'service_unreachable',
    });
  });

  it('times out a hung request and reports the service as unreachable', async () => {
    const url = await serve(() => {});
    const client = new HttpClient({
      baseUrl: url,
      log,
      timeoutMs: 100,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      ...noSleep,
    });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
      code: 'service_unreachable',
    });
  });

  it('cancels a request in flight and during a backoff', async () => {
    const url = await serve(() => {});
    const client = new HttpClient({ baseUrl: url, log });
    const controller = new AbortController();
    const pending = client.request({ method: 'GET', path: '/x', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });

    const busy = await serve((_req, res) => json(res, 503, {}));
    const slow = new HttpClient({
      baseUrl: busy,
      log,
      retry: { attempts: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 },
      random: () => 1,
    });
    const second = new AbortController();
    const waiting = slow.request({ method: 'GET', path: '/x', signal: second.signal });
    setTimeout(() => second.abort(), 50);
    const started = Date.now();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not follow redirects (a bearer token must not travel to another host)', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(302, { location: 'http://127.0.0.1:9/steal' }).end(),
    );
    const client = new HttpClient({ baseUrl: url, log, ...noSleep });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({
      code: 'request_refused',
      status: 302,
    });
  });
});

describe('retry policy', () => {
  it('draws full-jitter delays under the capped exponential', () => {
    const policy = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(policy, 0, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(400);
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(999);
    expect(backoffDelay(policy, 2, () => 0)).toBe(0);
  });

  it('reads Retry-After in seconds or as a date, capped', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs('9999', 0)).toBe(30_000);
    expect(retryAfterMs(new Date(5000).toUTCString(), 0)).toBe(5000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(undefined, 0)).toBeNull();
  });
});
