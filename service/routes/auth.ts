import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../auth/passwords';
import type { ServiceContext } from '../context';
import { ApiError } from '../errors';
import { trialDays } from '../plans';
import { privacyDefaults } from '../privacy/rules';
import { errors } from '../schemas';
import { allocateNumber } from './numbers-pool';
import { checkPassword, rateLimited } from './password-check';

const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;

/** Full years between a birth date and now. */
export function ageOn(birthDate: string, now: number): number {
  const birth = new Date(`${birthDate}T00:00:00Z`);
  const today = new Date(now);
  let age = today.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < birth.getUTCMonth() ||
    (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** Sign-up, sign-in, token rotation and sign-out. */
export function authRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post<{ Body: { name: string; email: string; password: string; birthDate: string } }>(
    '/v1/accounts',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a trial account (13 or over)',
        body: {
          type: 'object',
          required: ['name', 'email', 'password', 'birthDate'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            email,
            password: { type: 'string', minLength: 8, maxLength: 1024 },
            birthDate: { type: 'string', format: 'date' },
          },
        },
        response: { 201: { $ref: 'TokenPair#' }, ...errors(400, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const wait = ctx.limiters.signUps.hit(request.ip);
      if (wait > 0) throw rateLimited(wait, 'Too many sign-ups from this address; try again later');
      const { name, password: secret, birthDate } = request.body;
      const address = request.body.email.trim().toLowerCase();
      const now = ctx.now();
      if (ageOn(birthDate, now) < 13)
        throw new ApiError(403, 'underage', 'Accounts are only for people aged 13 or over');
      if (ctx.storage.accounts.byEmail(address))
        throw new ApiError(409, 'email_taken', 'An account with this e-mail exists');
      const passwordHash = await hashPassword(secret);
      const id = randomUUID();
      ctx.storage.transaction(() => {
        // Checked again: another sign-up with this e-mail may have finished while we hashed.
        if (ctx.storage.accounts.byEmail(address))
          throw new ApiError(409, 'email_taken', 'An account with this e-mail exists');
        ctx.storage.accounts.create(
          {
            id,
            email: address,
            name: name.trim(),
            passwordHash,
            plan: 'trial',
            createdAt: now,
            trialEndsAt: now + trialDays * 24 * 3600_000,
            birthDate,
            gender: null,
            incomeLevel: null,
            occupation: null,
            acceptedPolicyVersion: ctx.storage.policies.current().version,
          },
          allocateNumber(ctx.storage),
        );
        ctx.storage.accounts.putPrivacy(id, 1, { ...privacyDefaults });
      });
      return reply.code(201).send(ctx.tokens.issue(id));
    },
  );

  app.post<{ Body: { email: string; password: string } }>(
    '/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        body: {
          type: 'object',
          required: ['email', 'password'],
          additionalProperties: false,
          properties: { email, password },
        },
        response: { 200: { $ref: 'TokenPair#' }, ...errors(400, 401, 429) },
      },
    },
    async (request) => {
      const address = request.body.email.trim().toLowerCase();
      const account = ctx.storage.accounts.byEmail(address);
      // Verify against a throwaway hash when the account is unknown, so timing says nothing.
      const ok = await checkPassword(
        ctx,
        request,
        address,
        request.body.password,
        account?.passwordHash ?? unknownHash,
      );
      // Read again after the (slow) hash: a deletion may have erased the account meanwhile.
      if (!account || !ok || !ctx.storage.accounts.byId(account.id))
        throw new ApiError(401, 'invalid_credentials', 'E-mail or password is wrong');
      return ctx.tokens.issue(account.id);
    },
  );

  app.post<{ Body: { refreshToken: string } }>(
    '/v1/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Rotate a refresh token (a reused one revokes its whole family)',
        body: {
          type: 'object',
          required: ['refreshToken'],
          additionalProperties: false,
          properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 200: { $ref: 'TokenPair#' }, ...errors(400, 401) },
      },
    },
    async (request) => ctx.tokens.rotate(request.body.refreshToken),
  );

  app.post<{ Body: { refreshToken: string } }>(
    '/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out (revokes the refresh token family)',
        body: {
          type: 'object',
          required: ['refreshToken'],
          additionalProperties: false,
          properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: { 204: { type: 'null' }, ...errors(400) },
      },
    },
    async (request, reply) => {
      ctx.tokens.revoke(request.body.refreshToken);
      return reply.code(204).send();
    },
  );
}

const unknownHash =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
