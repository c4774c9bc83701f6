import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestClient, startTestService, type TestClient, type TestService } from './harness';

const alice = { email: 'alice@example.com', password: 'kamifax-demo' };
const all = { search: '', filter: 'all', sort: 'newest', offset: 0, limit: 500 } as const;

/**
 * In front of the real service: forwards everything except a fax's document, which it holds
 * without answering (a stalled line), and tells when the client gives that request up.
 */
async function stallingDocuments(target: string) {
  let onHeld: () => void = () => undefined;
  let onAbandoned: () => void = () => undefined;
  const firstHeld = new Promise<void>((resolve) => (onHeld = resolve));
  const abandoned = new Promise<void>((resolve) => (onAbandoned = resolve));
  const server: Server = createServer((req: IncomingMessage, res) => {
    if (/\/v1\/faxes\/[^/]+\/document$/.test(req.url ?? '')) {
      req.socket.on('close', () => onAbandoned());
      onHeld();
      return;
    }
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, firstHeld, abandoned, close };
}

let service: TestService;
let client: TestClient;
let proxy: Awaited<ReturnType<typeof stallingDocuments>>;

beforeEach(async () => {
  service = await startTestService();
  proxy = await stallingDocuments(service.url);
  client = await startTestClient({ pollMs: 3_600_000 });
  await client.core.session.signIn({ kind: 'remote', url: proxy.url }, alice.email, alice.password);
  await client.core.features.inbox()!.syncNow();
});

afterEach(async () => {
  await client.close();
  await proxy.close();
  await service.stop();
});

it('signs out at once while a fax document is still downloading, abandoning the download', async () => {
  const inbox = client.core.features.inbox()!;
  const fax = inbox.query(all).rows[0]!;
  // The viewer asked for the fax; the line stalls.
  const opening = inbox.document(fax.id).then(
    () => 'downloaded',
    (error: { code?: string }) => error.code ?? 'failed',
  );
  await proxy.firstHeld;
  // Before the fix sign-out waited for the download's 120 s timeout (the test's limit is 20 s).
  const state = await client.core.session.signOut();
  expect(state.status).toBe('signedOut');
  expect(await opening).toBe('cancelled');
  // The client let go of the request; nothing of it is left open.
  await proxy.abandoned;
  expect(client.core.features.inbox()).toBeNull();
}, 20_000);
