import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveUpdates } from '../../../main/core/inbox/live-updates';
import type { ServerEvent } from '../../../main/core/inbox/sse-parser';
import { createLogger } from '../../../main/core/log/logger';
import { tokenLifetimes } from '../../../service/auth/tokens';
import {
  aliceNumber,
  startTestService,
  testClock,
  TestClient,
  until,
  type TestService,
} from '../service/helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const quietLog = createLogger(() => undefined);

describe('the client event stream (LiveUpdates) against the real service', () => {
  it('reconnects with a fresh token when the service ends an expired stream, losing no event', async () => {
    const clock = testClock();
    const service: TestService = await startTestService({ now: clock.now });
    cleanups.push(() => service.dispose());
    const client = new TestClient(service);
    const alice = await client.login('alice@example.com');
    let accessToken = alice.accessToken;
    let refreshToken = alice.refreshToken;
    let renewals = 0;
    let connections = 0;
    let lastEventId: string | null = null;
    const received: ServerEvent[] = [];
    const live = new LiveUpdates({
      baseUrl: service.url,
      log: quietLog,
      tokens: {
        current: () => accessToken,
        async renew() {
          const answer = await client.request('POST', '/v1/auth/refresh', {
            body: { refreshToken },
          });
          if (answer.status !== 200) throw Object.assign(new Error('refused'), answer);
          renewals += 1;
          accessToken = answer.body.accessToken;
          refreshToken = answer.body.refreshToken;
          return accessToken;
        },
      },
      onEvent: (event) => received.push(event),
      onConnected: () => (connections += 1),
      onSignedOut: () => undefined,
      lastEventId: () => lastEventId,
      saveLastEventId: (id) => (lastEventId = id),
      onPoll: () => undefined,
      pollMs: 3_600_000,
      backoff: { attempts: Infinity, baseDelayMs: 20, maxDelayMs: 100 },
    });
    live.start();
    cleanups.push(() => live.stop());
    await until(async () => connections === 1, 10_000, 'the first connection');
    const inbound = (subject: string) =>
      client.admin('inbound', { to: aliceNumber, from: '+81312345678', subject });
    const subjects = (): string[] =>
      received
        .filter((event) => event.event === 'fax.received')
        .map((event) => (JSON.parse(event.data) as { subject: string }).subject);

    await inbound('one');
    await until(async () => subjects().includes('one'), 10_000, 'the first event');
    // The token expires: the service ends the stream; faxes keep arriving meanwhile.
    clock.advance(tokenLifetimes.accessMs + 1000);
    for (const subject of ['two', 'three', 'four']) await inbound(subject);
    await until(async () => subjects().includes('four'), 15_000, 'the events after expiry');
    expect(subjects()).toEqual(['one', 'two', 'three', 'four']);
    expect(renewals).toBe(1);
    expect(connections).toBe(2);
    await inbound('five');
    await until(async () => subjects().includes('five'), 10_000, 'an event on the new stream');
    expect(subjects()).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('refuses to follow a redirect with the bearer token', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      if (request.url === '/v1/events') {
        response.writeHead(302, { location: '/elsewhere' }).end();
        return;
      }
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'text/event-stream' }).end(': hello\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    let attempts = 0;
    const live = new LiveUpdates({
      baseUrl: `http://127.0.0.1:${port}`,
      log: quietLog,
      tokens: { current: () => 'secret-token', renew: () => Promise.resolve('secret-token') },
      onEvent: () => undefined,
      onConnected: () => undefined,
      onSignedOut: () => undefined,
      lastEventId: () => null,
      saveLastEventId: () => undefined,
      onPoll: () => undefined,
      pollMs: 3_600_000,
      backoff: { attempts: Infinity, baseDelayMs: 20, maxDelayMs: 40 },
      random: () => {
        attempts += 1;
        return 1;
      },
    });
    live.start();
    cleanups.push(() => live.stop());
    // Several attempts came and went (each one a backoff draw), none reached the target.
    await until(async () => attempts >= 3, 10_000, 'three connection attempts');
    expect(seen).toEqual([]);
  });
});
