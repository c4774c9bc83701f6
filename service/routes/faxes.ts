import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import { faxView } from '../delivery/delivery';
import { ApiError } from '../errors';
import { bearer, errors, jsonErrors } from '../schemas';
import type { FaxRow } from '../storage/storage';
import { accountOf } from './guard';

const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/** How long a deleted fax stays in the Trash. */
export const trashDays = 30;

/** Deletes a fax for good, and its document when no other fax shares it. */
async function purge(ctx: ServiceContext, accountId: string, fax: FaxRow): Promise<void> {
  ctx.storage.transaction(() => ctx.storage.faxes.remove(accountId, fax.id));
  if (!ctx.storage.faxes.documentInUse(fax.documentId))
    await ctx.storage.documents.remove(fax.documentId);
}

/** The fax, if it belongs to the caller; 404 for unknown and foreign ids alike. */
function ownFax(ctx: ServiceContext, accountId: string, id: string): FaxRow {
  const fax = ctx.storage.faxes.get(accountId, id);
  if (!fax) throw new ApiError(404, 'not_found', 'No such fax');
  return fax;
}

/** Parses a `bytes=a-b` header against a size; null when absent or unsatisfiable. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

/** Reading and changing faxes, and the change feed. */
export function faxRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get<{ Querystring: { direction?: 'inbound' | 'outbound'; limit?: number; cursor?: string } }>(
    '/v1/faxes',
    {
      schema: {
        tags: ['faxes'],
        summary: 'List faxes, newest first; pass `nextCursor` back as `cursor` for the next page',
        security: bearer,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            direction: { type: 'string', enum: ['inbound', 'outbound'] },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            cursor: { type: 'string', maxLength: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['faxes', 'nextCursor'],
            properties: {
              faxes: { type: 'array', items: { $ref: 'Fax#' } },
              nextCursor: { type: ['string', 'null'] },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const limit = request.query.limit ?? 50;
      const rows = ctx.storage.faxes.list(
        account.id,
        request.query.direction ?? null,
        limit,
        request.query.cursor ?? null,
      );
      return {
        faxes: rows.map(faxView),
        nextCursor: rows.length === limit ? rows[rows.length - 1]!.id : null,
      };
    },
  );

  app.get<{ Querystring: { since?: number; limit?: number } }>(
    '/v1/changes',
    {
      schema: {
        tags: ['faxes'],
        summary: 'The ordered change feed after `since`, for incremental sync',
        security: bearer,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            since: { type: 'integer', minimum: 0, default: 0 },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['changes', 'nextSince', 'hasMore'],
            properties: {
              changes: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['seq', 'type', 'faxId', 'fax'],
                  properties: {
                    seq: { type: 'integer' },
                    type: { type: 'string', enum: ['upsert', 'delete'] },
                    faxId: { type: 'string' },
                    fax: { oneOf: [{ $ref: 'Fax#' }, { type: 'null' }] },
                  },
                },
              },
              nextSince: { type: 'integer' },
              hasMore: { type: 'boolean' },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      // Faxes 30 days in the Trash go for good; their deletion shows in this very feed.
      for (const old of ctx.storage.faxes.trashedBefore(
        account.id,
        ctx.now() - trashDays * 86_400_000,
      ))
        await purge(ctx, account.id, old);
      const since = request.query.since ?? 0;
      const limit = request.query.limit ?? 500;
      const rows = ctx.storage.faxes.changes(account.id, since, limit);
      return {
        changes: rows.map((row) => ({
          seq: row.seq,
          type: row.type,
          faxId: row.faxId,
          fax: row.fax ? faxView(row.fax) : null,
        })),
        nextSince: rows.length > 0 ? rows[rows.length - 1]!.seq : since,
        hasMore: rows.length === limit,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/faxes/:id',
    {
      schema: {
        tags: ['faxes'],
        summary: 'One fax',
        security: bearer,
        params: idParam,
        response: { 200: { $ref: 'Fax#' }, ...errors(401, 404) },
      },
    },
    async (request) => faxView(ownFax(ctx, accountOf(ctx, request).id, request.params.id)),
  );

  app.get<{ Params: { id: string } }>(
    '/v1/faxes/:id/document',
    {
      schema: {
        tags: ['faxes'],
        summary: 'The fax as PDF (ETag, If-None-Match, Range)',
        security: bearer,
        params: idParam,
        produces: ['application/pdf'],
        response: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          206: {
            description: 'Part of the PDF',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          304: { description: 'Not modified', type: 'null' },
          ...jsonErrors(401, 404, 416),
        },
      },
    },
    async (request, reply) => {
      const fax = ownFax(ctx, accountOf(ctx, request).id, request.params.id);
      const path = ctx.storage.documents.path(fax.documentId);
      const size = (await stat(path)).size;
      const etag = `"${fax.documentId}"`;
      reply
        .header('etag', etag)
        .header('accept-ranges', 'bytes')
        .header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const range = parseRange(request.headers.range, size);
      if (range === 'invalid') {
        reply.header('content-range', `bytes */${size}`);
        throw new ApiError(416, 'invalid_request', 'The requested range cannot be satisfied');
      }
      reply.type('application/pdf');
      if (!range) return reply.header('content-length', size).send(createReadStream(path));
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', range.end - range.start + 1)
        .send(createReadStream(path, { start: range.start, end: range.end }));
    },
  );

  app.patch<{ Params: { id: string }; Body: { read: boolean } }>(
    '/v1/faxes/:id',
    {
      schema: {
        tags: ['faxes'],
        summary: 'Mark read or unread',
        security: bearer,
        params: idParam,
        body: {
          type: 'object',
          required: ['read'],
          additionalProperties: false,
          properties: { read: { type: 'boolean' } },
        },
        response: { 200: { $ref: 'Fax#' }, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const fax = ownFax(ctx, account.id, request.params.id);
      if (fax.read === request.body.read) return faxView(fax);
      return faxView(
        ctx.storage.transaction(() =>
          ctx.storage.faxes.update(fax.id, { read: request.body.read }, ctx.now()),
        ),
      );
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { forever?: boolean } }>(
    '/v1/faxes/:id',
    {
      schema: {
        tags: ['faxes'],
        summary:
          'Move a fax to the Trash (kept 30 days, restorable, then purged); `forever` (or a fax already in the Trash) deletes it now',
        security: bearer,
        params: idParam,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { forever: { type: 'boolean', default: false } },
        },
        response: { 204: { type: 'null' }, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const account = accountOf(ctx, request);
      const fax = ownFax(ctx, account.id, request.params.id);
      if (request.query.forever || fax.trashedAt) await purge(ctx, account.id, fax);
      else
        ctx.storage.transaction(() =>
          ctx.storage.faxes.update(fax.id, { trashedAt: ctx.now() }, ctx.now()),
        );
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v1/faxes/:id/restore',
    {
      schema: {
        tags: ['faxes'],
        summary: 'Take a fax out of the Trash. Safe to repeat',
        security: bearer,
        params: idParam,
        response: { 200: { $ref: 'Fax#' }, ...errors(401, 404) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const fax = ownFax(ctx, account.id, request.params.id);
      if (!fax.trashedAt) return faxView(fax);
      return faxView(
        ctx.storage.transaction(() =>
          ctx.storage.faxes.update(fax.id, { trashedAt: null }, ctx.now()),
        ),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v1/faxes/:id/not-junk',
    {
      schema: {
        tags: ['faxes'],
        summary: 'Undo a junk report: the fax returns to the inbox and its pages count again',
        security: bearer,
        params: idParam,
        response: { 200: { $ref: 'Fax#' }, ...errors(401, 404) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const fax = ownFax(ctx, account.id, request.params.id);
      if (!fax.junk) return faxView(fax);
      return faxView(
        ctx.storage.transaction(() => {
          if (fax.direction === 'inbound')
            ctx.storage.faxes.recordUsage(account.id, fax.id, 'received', fax.pages, fax.createdAt);
          return ctx.storage.faxes.update(fax.id, { junk: false }, ctx.now());
        }),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: { block?: boolean } }>(
    '/v1/faxes/:id/junk',
    {
      schema: {
        tags: ['faxes'],
        summary:
          'Report an inbound fax as junk (its pages stop counting); optionally block the sender',
        security: bearer,
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { block: { type: 'boolean', default: false } },
        },
        response: { 200: { $ref: 'Fax#' }, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const fax = ownFax(ctx, account.id, request.params.id);
      if (fax.direction !== 'inbound')
        throw new ApiError(400, 'invalid_request', 'Only received faxes can be junk');
      const updated = ctx.storage.transaction(() => {
        ctx.storage.faxes.forgetUsage(fax.id, 'received');
        if (request.body?.block) ctx.storage.accounts.block(account.id, fax.from);
        return fax.junk ? fax : ctx.storage.faxes.update(fax.id, { junk: true }, ctx.now());
      });
      return faxView(updated);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/v1/faxes/:id/cancel',
    {
      schema: {
        tags: ['send'],
        summary: 'Cancel a fax that is still queued',
        security: bearer,
        params: idParam,
        response: { 200: { $ref: 'Fax#' }, ...errors(401, 404, 409) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const fax = ownFax(ctx, account.id, request.params.id);
      if (fax.status === 'cancelled') return faxView(fax);
      const cancelled = ctx.delivery.cancel(account.id, fax.id);
      if (!cancelled)
        throw new ApiError(409, 'not_cancellable', `The fax is already ${fax.status}`);
      return faxView(cancelled);
    },
  );
}
