import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context';
import { ApiError } from '../errors';
import type { AccountRow } from '../storage/storage';

/** The signed-in account of a request, or a 401. */
export function accountOf(ctx: ServiceContext, request: FastifyRequest): AccountRow {
  const id = ctx.tokens.authenticate(request.headers.authorization);
  const account = ctx.storage.accounts.byId(id);
  if (!account) throw new ApiError(401, 'unauthorized', 'The account no longer exists');
  return account;
}

/** The admin token check; admin routes exist only when the service was started with one. */
export function requireAdmin(ctx: ServiceContext, request: FastifyRequest): void {
  const given = request.headers['x-admin-token'];
  if (!ctx.config.adminToken || given !== ctx.config.adminToken) {
    throw new ApiError(403, 'admin_only', 'This endpoint needs the admin token');
  }
}
