import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../main/core/api/http-client';
import { createLogger } from '../../../main/core/log/logger';
import { startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { makeFaxPdf } from '../../../service/demo/fax-pdf';
import { startTestClient, startTestService, type TestClient, type TestService } from './harness';

const alice = { email: 'alice@example.com', password: 'kamifax-demo' };
const log = createLogger(() => {});
const quick = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

describe('the service client against the real service', () => {
  let service: TestService;
  let proxy: FaultProxy | null = null;
  let client: TestClient | null = null;
  let clock = Date.now();

  afterEach(async () => {
    await client?.close();
    await proxy?.close();
    await service?.stop();
    client = null;
    proxy = null;
  });

  it('renews an expired access token exactly once for 20 parallel requests', async () => {
    clock = Date.now();
    service = await startTestService({ now: () => clock });
    proxy = await startFaultProxy(service.url);
    client = await startTestClient();
    await client.core.session.signIn(
      { kind: 'remote', url: proxy.url },
      alice.email,
      alice.password,
    );
    const { http } = client.core.session.requireAccount();
    clock += 16 * 60_000; // past the 15-minute access token
    proxy.seen.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        http.request<{ email: string }>({ method: 'GET', path: '/v1/account' }),
      ),
    );
    expect(answers.every((a) => a.data.email === alice.email)).toBe(true);
    expect(proxy.seen.filter((line) => line === 'POST /v1/auth/refresh')).toHaveLength(1);
  });

  it('retries through 503s, resets and a hung request, and still answers', async () => {
    service = await startTestService();
    proxy = await startFaultProxy(service.url);
    const http = new HttpClient({ baseUrl: proxy.url, log, timeoutMs: 300, retry: quick });
    proxy.script(['status503', 'reset', 'hang']);
    const answer = await http.request<{ version: number }>({
      method: 'GET',
      path: '/v1/openapi.json',
    });
    expect(answer.status).toBe(200);
    expect(proxy.seen).toHaveLength(4);
  });

  it('sends once even when the answer is lost and the request is retried (idempotency key)', async () => {
    service = await startTestService();
    proxy = await startFaultProxy(service.url);
    client = await startTestClient();
    await client.core.session.signIn(
      { kind: 'remote', url: proxy.url },
      alice.email,
      alice.password,
    );
    const { http } = client.core.session.requireAccount();
    const pdf = await makeFaxPdf({ from: '+1', to: '+2', pages: 1, date: new Date() });
    const form = () => {
      const body = new FormData();
      body.append('recipients', '+815033334444');
      body.append('document', new Blob([pdf], { type: 'application/pdf' }), 'fax.pdf');
      return body;
    };
    // The service handles the first attempt, then the connection is cut before the answer.
    proxy.script(['resetAfterForward'], 'POST /v1/faxes');
    const sent = await http.request<{ faxes: { id: string }[] }>({
      method: 'POST',
      path: '/v1/faxes',
      body: form(),
      idempotencyKey: 'send-once-1',
    });
    expect(proxy.seen.filter((line) => line === 'POST /v1/faxes')).toHaveLength(2);
    const outbound = await http.request<{ faxes: { id: string }[] }>({
      method: 'GET',
      path: '/v1/faxes',
      query: { direction: 'outbound', limit: 50 },
    });
    const ids = outbound.data.faxes.map((f) => f.id);
    expect(ids).toContain(sent.data.faxes[0]!.id);
    // The demo history has one earlier outbound fax; this send added exactly one more.
    expect(ids).toHaveLength(2);
  });

  it('does not retry a send without an idempotency key', async () => {
    service = await startTestService();
    proxy = await startFaultProxy(service.url);
    const http = new HttpClient({ baseUrl: proxy.url, log, retry: quick });
    proxy.script(['status503']);
    await expect(
      http.request({ method: 'POST', path: '/v1/auth/logout', body: { refreshToken: 'x' } }),
    ).rejects.toMatchObject({
      code: 'server_error',
    });
    expect(proxy.seen).toHaveLength(1);
  });

  it('cancels a request that hangs', async () => {
    service = await startTestService();
    proxy = await startFaultProxy(service.url);
    const http = new HttpClient({ baseUrl: proxy.url, log });
    proxy.script(['hang']);
    const controller = new AbortController();
    const pending = http.request({
      method: 'GET',
      path: '/v1/openapi.json',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    // The proxy never answers: only the abort can settle the request (no stopwatch needed;
    // a request that ignored it would hang until the test times out).
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('ends the session with the reason when any channel meets a revoked sign-in', async () => {
    service = await startTestService();
    client = await startTestClient();
    const location = { kind: 'remote', url: service.url } as const;
    await client.core.session.signIn(location, alice.email, alice.password);
    const scope = client.core.session.requireAccount().scope;
    const stolen = (await client.credentials.get(scope, 'refresh-token'))!;
    await client.core.session.requireAccount().tokens.renew();
    // The stolen token is replayed elsewhere: the service revokes this whole sign-in.
    await fetch(`${service.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: stolen }),
    });
    const answer = await client.core.router.dispatch('inbox:syncNow', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'signed_out' } });
    await expect
      .poll(() => client!.core.session.current())
      .toMatchObject({
        status: 'signedOut',
        reason: 'revoked',
      });
  });

  it('reports an unreachable service and a wrong password with their own codes', async () => {
    service = await startTestService();
    client = await startTestClient();
    const url = service.url;
    await expect(
      client.core.router.dispatch('session:signIn', {
        service: { kind: 'remote', url },
        email: alice.email,
        password: 'nope',
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    await service.stop();
    await expect(
      client.core.router.dispatch('session:signIn', {
        service: { kind: 'remote', url },
        email: alice.email,
        password: 'x',
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'service_unreachable' } });
    await expect(
      client.core.router.dispatch('session:signIn', {
        service: { kind: 'remote', url: 'http://evil.example' },
        email: alice.email,
        password: 'x',
      }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'refused_url' } });
  });
});
