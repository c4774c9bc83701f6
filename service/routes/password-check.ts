import type { FastifyRequest } from 'fastify';
import { verifyPassword } from '../auth/passwords';
import type { ServiceContext } from '../context';
import { ApiError } from '../errors';

/** 429 with Retry-After, the answer of every throttled password check. */
export function rateLimited(waitMs: number, message: string): ApiError {
  return new ApiError(429, 'rate_limited', message, undefined, {
    'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
  });
}

/**
 * Checks a password through the throttle (sign-in and every re-check share it): refused with
 * 429 while this account+address must wait, counted when wrong, forgiven when right.
 */
export async function checkPassword(
  ctx: ServiceContext,
  request: FastifyRequest,
  accountEmail: string,
  password: string,
  hash: string,
): Promise<boolean> {
  const wait = ctx.limiters.passwords.wait(accountEmail, request.ip);
  if (wait > 0) throw rateLimited(wait, 'Too many wrong passwords; try again later');
  const ok = await verifyPassword(password, hash);
  if (ok) ctx.limiters.passwords.succeeded(accountEmail, request.ip);
  else ctx.limiters.passwords.failed(accountEmail, request.ip);
  return ok;
}
