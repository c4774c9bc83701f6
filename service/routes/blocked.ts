import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import { ApiError } from '../errors';
import { toE164 } from '../numbers';
import { bearer, errors } from '../schemas';
import { accountOf } from './guard';

const list = {
  type: 'object',
  required: ['numbers'],
  properties: { numbers: { type: 'array', items: { type: 'string' } } },
} as const;

/** Blocked senders: a fax from one never reaches the inbox. */
export function blockedRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(
    '/v1/blocked-numbers',
    {
      schema: {
        tags: ['blocked'],
        summary: 'Blocked senders',
        security: bearer,
        response: { 200: list, ...errors(401) },
      },
    },
    async (request) => ({ numbers: ctx.storage.accounts.blocked(accountOf(ctx, request).id) }),
  );

  app.post<{ Body: { number: string } }>(
    '/v1/blocked-numbers',
    {
      schema: {
        tags: ['blocked'],
        summary: 'Block a sender',
        security: bearer,
        body: {
          type: 'object',
          required: ['number'],
          additionalProperties: false,
          properties: { number: { type: 'string', maxLength: 40 } },
        },
        response: { 200: list, ...errors(400, 401, 422) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const number = toE164(request.body.number);
      if (!number)
        throw new ApiError(422, 'invalid_number', 'Not a valid international fax number');
      ctx.storage.accounts.block(account.id, number);
      return { numbers: ctx.storage.accounts.blocked(account.id) };
    },
  );

  app.delete<{ Params: { number: string } }>(
    '/v1/blocked-numbers/:number',
    {
      schema: {
        tags: ['blocked'],
        summary: 'Unblock a sender',
        security: bearer,
        params: {
          type: 'object',
          required: ['number'],
          properties: { number: { type: 'string', maxLength: 40 } },
        },
        response: { 200: list, ...errors(401, 404) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const number = toE164(request.params.number) ?? request.params.number;
      if (!ctx.storage.accounts.unblock(account.id, number))
        throw new ApiError(404, 'not_found', 'That number is not blocked');
      return { numbers: ctx.storage.accounts.blocked(account.id) };
    },
  );
}
