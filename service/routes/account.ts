import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import { ApiError } from '../errors';
import { currentPeriod, planLimits } from '../plans';
import { bearer, errors } from '../schemas';
import type { AccountRow } from '../storage/storage';
import { accountOf } from './guard';
import { checkPassword } from './password-check';

/** The account as `GET /v1/account` shows it. */
export function accountView(ctx: ServiceContext, account: AccountRow) {
  const now = ctx.now();
  const period = currentPeriod(account, now);
  const used = ctx.storage.faxes.usage(account.id, period.start, period.end);
  const limits = planLimits[account.plan];
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    plan: account.plan,
    trialEndsAt: account.trialEndsAt === null ? null : new Date(account.trialEndsAt).toISOString(),
    faxNumbers: ctx.storage.accounts.numbers(account.id),
    demographics: {
      gender: account.gender,
      incomeLevel: account.incomeLevel,
      occupation: account.occupation,
    },
    usage: {
      periodStart: new Date(period.start).toISOString(),
      periodEnd: new Date(period.end).toISOString(),
      receivedPages: { used: used.received, limit: limits.receivedPages },
      sentPages: { used: used.sent, limit: limits.sentPages },
    },
    policy: {
      currentVersion: ctx.storage.policies.current().version,
      acceptedVersion: account.acceptedPolicyVersion,
    },
  };
}

/** Erases an account: its rows, its documents, its tokens. */
export async function eraseAccount(ctx: ServiceContext, accountId: string): Promise<void> {
  const documents = ctx.storage.faxes.documentsOf(accountId);
  ctx.storage.transaction(() => {
    ctx.storage.tokens.revokeAccount(accountId);
    ctx.storage.accounts.remove(accountId);
  });
  // Its open event streams end now.
  ctx.tokens.revoked();
  for (const id of documents) {
    // A document shared with another account's copy of the same fax stays for that account.
    if (!ctx.storage.faxes.documentInUse(id)) await ctx.storage.documents.remove(id);
  }
}

const demographic = { type: ['string', 'null'], maxLength: 100 } as const;

/** The account: read, correct, cancel. */
export function accountRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(
    '/v1/account',
    {
      schema: {
        tags: ['account'],
        summary: 'Profile, plan, trial, numbers and usage against the limits',
        security: bearer,
        response: { 200: { $ref: 'Account#' }, ...errors(401) },
      },
    },
    async (request) => accountView(ctx, accountOf(ctx, request)),
  );

  app.patch<{
    Body: {
      name?: string;
      email?: string;
      demographics?: {
        gender?: string | null;
        incomeLevel?: string | null;
        occupation?: string | null;
      };
    };
  }>(
    '/v1/account',
    {
      schema: {
        tags: ['account'],
        summary: 'Correct name or e-mail; set or clear demographics (all optional)',
        security: bearer,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            email: { type: 'string', format: 'email', maxLength: 254 },
            demographics: {
              type: 'object',
              additionalProperties: false,
              properties: {
                gender: demographic,
                incomeLevel: demographic,
                occupation: demographic,
              },
            },
          },
        },
        response: { 200: { $ref: 'Account#' }, ...errors(400, 401, 409) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const { name, email, demographics } = request.body;
      const patch: Partial<AccountRow> = {};
      if (name !== undefined) patch.name = name.trim();
      if (email !== undefined) {
        const address = email.trim().toLowerCase();
        const owner = ctx.storage.accounts.byEmail(address);
        if (owner && owner.id !== account.id)
          throw new ApiError(409, 'email_taken', 'That e-mail belongs to another account');
        patch.email = address;
      }
      if (demographics) {
        if (demographics.gender !== undefined) patch.gender = demographics.gender;
        if (demographics.incomeLevel !== undefined) patch.incomeLevel = demographics.incomeLevel;
        if (demographics.occupation !== undefined) patch.occupation = demographics.occupation;
      }
      ctx.storage.accounts.update(account.id, patch);
      const view = accountView(ctx, ctx.storage.accounts.byId(account.id)!);
      ctx.hub.publish(account.id, 'account.updated', { id: account.id });
      return view;
    },
  );

  app.post<{ Body: { password: string } }>(
    '/v1/account/cancel',
    {
      schema: {
        tags: ['account'],
        summary: 'Terminate the account now (re-verifies the password); everything is erased',
        security: bearer,
        body: {
          type: 'object',
          required: ['password'],
          additionalProperties: false,
          properties: { password: { type: 'string', maxLength: 1024 } },
        },
        response: { 204: { type: 'null' }, ...errors(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const account = accountOf(ctx, request);
      if (
        !(await checkPassword(
          ctx,
          request,
          account.email,
          request.body.password,
          account.passwordHash,
        ))
      ) {
        throw new ApiError(401, 'invalid_credentials', 'The password is wrong');
      }
      await eraseAccount(ctx, account.id);
      return reply.code(204).send();
    },
  );
}
