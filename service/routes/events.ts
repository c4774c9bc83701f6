import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import { bearer, jsonErrors } from '../schemas';
import { accountOf } from './guard';

/**
 * How often an open stream re-checks its access token: a stream ends within this long of its
 * token expiring or its sign-in being revoked in a way that does not notify (an erased account).
 * Sign-out and refresh-token reuse end it at once.
 */
export const streamCheckMs = 1000;

/** Open event streams, so closing the server can end them at once. */
export type StreamRegistry = Set<() => void>;

/**
 * Server-Sent Events: `fax.received`, `fax.status`, `privacy.updated`, `policy.updated`,
 * `account.updated`. A client that sends `Last-Event-ID` first gets what it missed.
 * A stream lives only as long as its access token: it ends when the token expires or its sign-in
 * is revoked, and the client reconnects with a fresh token and `Last-Event-ID`.
 */
export function eventRoutes(
  app: FastifyInstance,
  ctx: ServiceContext,
  streams: StreamRegistry,
): void {
  app.get(
    '/v1/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Server-Sent Events for this account (resumable with Last-Event-ID)',
        security: bearer,
        produces: ['text/event-stream'],
        response: {
          200: {
            description: 'An event stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          ...jsonErrors(401),
        },
      },
    },
    (request, reply) => {
      const account = accountOf(ctx, request);
      const authorization = request.headers.authorization;
      const header = request.headers['last-event-id'];
      const lastId =
        typeof header === 'string' && /^\d+$/.test(header)
          ? Number(header)
          : ctx.storage.events.latest(account.id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // The stream owns its connection: when it ends, the socket goes too (no idle keep-alive).
        connection: 'close',
        'x-accel-buffering': 'no',
      });
      const send = (event: { id: number; type: string; data: string }) =>
        raw.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${event.data}\n\n`);
      raw.write(': connected\n\n');
      let sent = lastId;
      // Subscribe first, then replay, skipping duplicates, so nothing falls in between.
      const buffered: { id: number; type: string; data: string }[] = [];
      let replaying = true;
      const unsubscribe = ctx.hub.subscribe(account.id, (event) => {
        if (replaying) buffered.push(event);
        else if (event.id > sent) {
          // Never deliver on an expired or revoked sign-in, even between two periodic checks:
          // the client gets the event on its next stream, through Last-Event-ID.
          recheck();
          if (closed) return;
          sent = event.id;
          send(event);
        }
      });
      for (
        let page = ctx.storage.events.after(account.id, sent, 500);
        page.length > 0;
        page = ctx.storage.events.after(account.id, sent, 500)
      ) {
        for (const event of page) send(event);
        sent = page[page.length - 1]!.id;
      }
      for (const event of buffered) if (event.id > sent) send(event);
      sent = Math.max(sent, ...buffered.map((e) => e.id));
      replaying = false;
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), 15_000);
      let closed = false;
      const close = (reason?: string) => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearInterval(checker);
        unsubscribe();
        stopWatching();
        streams.delete(close);
        // A comment, so clients that log the stream can say why it ended.
        if (reason) raw.write(`: ${reason}\n\n`);
        raw.end();
      };
      // The token was checked once at the start; keep checking while the stream delivers.
      const recheck = () => {
        try {
          ctx.tokens.authenticate(authorization);
        } catch (error: unknown) {
          close((error as { code?: string }).code ?? 'unauthorized');
        }
      };
      const checker = setInterval(recheck, streamCheckMs);
      const stopWatching = ctx.tokens.onRevoked(recheck);
      streams.add(close);
      request.raw.on('close', () => close());
    },
  );
}
