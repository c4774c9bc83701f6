import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../main/core/api/service-error';
import { LiveUpdates } from '../../../main/core/inbox/live-updates';
import { createLogger } from '../../../main/core/log/logger';

/** A tiny event stream endpoint: each connection gets what `answer` does. */
async function eventServer(answer: (res: ServerResponse, lastEventId: string | undefined) => void) {
  const server = createServer((req, res) => answer(res, req.headers['last-event-id'] as string));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('LiveUpdates', () => {
  let server: Server | null = null;
  let live: LiveUpdates | null = null;
  afterEach(async () => {
    await live?.stop();
    live = null;
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
    server = null;
  });

  const start = (url: string, extra: { renew?: () => Promise<string> } = {}) => {
    const seen = { connected: 0, events: [] as string[], saved: [] as string[], signedOut: 0 };
    live = new LiveUpdates({
      baseUrl: url,
      tokens: { current: () => 'token', renew: extra.renew ?? (async () => 'token') },
      log: createLogger(() => undefined, 'test'),
      onEvent: (event) => seen.events.push(event.event),
      onConnected: () => (seen.connected += 1),
      onSignedOut: () => (seen.signedOut += 1),
      lastEventId: () => seen.saved.at(-1) ?? null,
      saveLastEventId: (id) => seen.saved.push(id),
      pollMs: 3_600_000,
      onPoll: () => undefined,
      backoff: { attempts: 100, baseDelayMs: 5, maxDelayMs: 10 },
    });
    live.start();
    return seen;
  };

  it('delivers events, remembers the last id and resumes from it after a drop', async () => {
    const resumedFrom: Array<string | undefined> = [];
    let connections = 0;
    ({ server } = await eventServer((res, lastEventId) => {
      resumedFrom.push(lastEventId);
      connections += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`id: ${connections}\nevent: fax.received\ndata: {}\n\n`);
      if (connections === 1) res.end();
    }));
    const seen = start(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await expect.poll(() => seen.events.length).toBe(2);
    expect(seen.events).toEqual(['fax.received', 'fax.received']);
    expect(seen.saved).toEqual(['1', '2']);
    expect(resumedFrom).toEqual([undefined, '1']);
    expect(seen.connected).toBeGreaterThanOrEqual(2);
  });

  it('tells the inbox the sign-in is gone when the service refuses it and renewal fails', async () => {
    ({ server } = await eventServer((res) => res.writeHead(401).end()));
    const seen = start(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, {
      renew: async () => {
        throw new ServiceError('signed_out', 'revoked', 401);
      },
    });
    await expect.poll(() => seen.signedOut).toBe(1);
    expect(seen.events).toEqual([]);
  });

  it('keeps trying while the service is down, and stops when asked', async () => {
    let attempts = 0;
    ({ server } = await eventServer((res) => {
      attempts += 1;
      res.writeHead(503).end();
    }));
    start(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await expect.poll(() => attempts).toBeGreaterThanOrEqual(3);
    await live!.stop();
    const after = attempts;
    live = null;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(attempts).toBe(after);
  });
});
