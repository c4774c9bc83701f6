import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import { faxView } from '../delivery/delivery';
import { ApiError } from '../errors';
import { privacyDefaults, privacySettings, ruleFor, type PrivacySetting } from '../privacy/rules';
import { bearer, errors } from '../schemas';
import type { AccountRow, PrivacyRequestRow } from '../storage/storage';
import { accountView } from './account';
import { accountOf } from './guard';
import { checkPassword } from './password-check';

/** The privacy state with each setting's rule for the account's plan. */
export function privacyView(ctx: ServiceContext, account: AccountRow) {
  const stored = ctx.storage.accounts.privacy(account.id) ?? {
    version: 1,
    settings: { ...privacyDefaults },
  };
  const settings = { ...privacyDefaults, ...stored.settings } as Record<PrivacySetting, boolean>;
  const rules = Object.fromEntries(
    privacySettings.map((name) => [name, ruleFor(account.plan, name)]),
  );
  for (const name of privacySettings) {
    const rule = rules[name]!;
    if (!rule.editable) settings[name] = rule.value;
  }
  return {
    version: stored.version,
    settings,
    rules: Object.fromEntries(
      Object.entries(rules).map(([name, rule]) => [
        name,
        rule.editable ? { editable: true } : { editable: false, reason: rule.reason },
      ]),
    ),
  };
}

function requestView(row: PrivacyRequestRow) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    dueAt: new Date(row.dueAt).toISOString(),
  };
}

/** Everything held about an account, machine-readable: the data export. */
export function exportOf(ctx: ServiceContext, account: AccountRow) {
  return {
    exportedAt: new Date(ctx.now()).toISOString(),
    account: {
      ...accountView(ctx, account),
      birthDate: account.birthDate,
      createdAt: new Date(account.createdAt).toISOString(),
    },
    privacy: privacyView(ctx, account),
    consents: ctx.storage.policies.answers(account.id),
    blockedNumbers: ctx.storage.accounts.blocked(account.id),
    faxes: ctx.storage.faxes
      .list(account.id, null, 1_000_000, null)
      .map((fax) => ({ ...faxView(fax), document: `/v1/faxes/${fax.id}/document` })),
  };
}

const settingsPatch = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: Object.fromEntries(privacySettings.map((name) => [name, { type: 'boolean' }])),
} as const;

/** Privacy settings, the policy, consents for new uses, and export and deletion requests. */
export function privacyRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(
    '/v1/privacy',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Privacy settings, their version (also the ETag) and what this plan may change',
        security: bearer,
        response: { 200: { $ref: 'PrivacyState#' }, ...errors(401) },
      },
    },
    async (request, reply) => {
      const view = privacyView(ctx, accountOf(ctx, request));
      return reply.header('etag', `"${view.version}"`).send(view);
    },
  );

  app.put<{ Body: { settings: Partial<Record<PrivacySetting, boolean>> } }>(
    '/v1/privacy',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Change settings; If-Match must carry the current version (412 when stale)',
        security: bearer,
        body: {
          type: 'object',
          required: ['settings'],
          additionalProperties: false,
          properties: { settings: settingsPatch },
        },
        response: { 200: { $ref: 'PrivacyState#' }, ...errors(400, 401, 412, 422, 428) },
      },
    },
    async (request, reply) => {
      const account = accountOf(ctx, request);
      const ifMatch = request.headers['if-match'];
      if (typeof ifMatch !== 'string')
        throw new ApiError(428, 'version_required', 'Send If-Match with the version you edited');
      const view = ctx.storage.transaction(() => {
        const current = privacyView(ctx, account);
        if (ifMatch.replace(/"/g, '') !== String(current.version)) {
          throw new ApiError(412, 'version_conflict', 'The settings changed since you read them', {
            version: current.version,
          });
        }
        for (const [name, value] of Object.entries(request.body.settings) as [
          PrivacySetting,
          boolean,
        ][]) {
          const rule = ruleFor(account.plan, name);
          if (!rule.editable && value !== rule.value) {
            throw new ApiError(
              422,
              'plan_rule',
              `${name} cannot be changed on the ${account.plan} plan`,
              {
                setting: name,
                reason: rule.reason,
              },
            );
          }
        }
        const settings = { ...current.settings, ...request.body.settings };
        ctx.storage.accounts.putPrivacy(account.id, current.version + 1, settings);
        return privacyView(ctx, account);
      });
      ctx.hub.publish(account.id, 'privacy.updated', { version: view.version });
      return reply.header('etag', `"${view.version}"`).send(view);
    },
  );

  app.get(
    '/v1/privacy/policy',
    {
      schema: {
        tags: ['privacy'],
        summary: 'The current privacy policy and whether this account accepted it',
        security: bearer,
        response: {
          200: {
            type: 'object',
            required: ['version', 'effectiveDate', 'text', 'accepted'],
            properties: {
              version: { type: 'integer' },
              effectiveDate: { type: 'string' },
              text: { type: 'string' },
              accepted: { type: 'boolean' },
            },
          },
          ...errors(401),
        },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      const policy = ctx.storage.policies.current();
      return { ...policy, accepted: account.acceptedPolicyVersion === policy.version };
    },
  );

  app.post<{ Body: { version: number } }>(
    '/v1/privacy/policy/acceptances',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Accept the current policy version',
        security: bearer,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version: { type: 'integer' } },
        },
        response: { 204: { type: 'null' }, ...errors(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const account = accountOf(ctx, request);
      const current = ctx.storage.policies.current().version;
      if (request.body.version !== current) {
        throw new ApiError(
          409,
          'policy_version_mismatch',
          `The current policy is version ${current}`,
          { version: current },
        );
      }
      ctx.storage.accounts.update(account.id, { acceptedPolicyVersion: current });
      return reply.code(204).send();
    },
  );

  const consent = {
    type: 'object',
    required: ['id', 'title', 'description', 'answer'],
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      description: { type: 'string' },
      answer: {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['granted', 'answeredAt'],
            properties: {
              granted: { type: 'boolean' },
              answeredAt: { type: 'string', format: 'date-time' },
            },
          },
        ],
      },
    },
  } as const;

  const consentsOf = (accountId: string) => {
    const answers = ctx.storage.policies.answers(accountId);
    return ctx.storage.policies.purposes().map((purpose) => {
      const answer = answers[purpose.id];
      return {
        id: purpose.id,
        title: purpose.title,
        description: purpose.description,
        answer: answer
          ? { granted: answer.granted, answeredAt: new Date(answer.answeredAt).toISOString() }
          : null,
      };
    });
  };

  app.get(
    '/v1/privacy/consents',
    {
      schema: {
        tags: ['privacy'],
        summary: 'New uses of data, each needing a yes or no (answer null = not yet asked)',
        security: bearer,
        response: {
          200: {
            type: 'object',
            required: ['consents'],
            properties: { consents: { type: 'array', items: consent } },
          },
          ...errors(401),
        },
      },
    },
    async (request) => ({ consents: consentsOf(accountOf(ctx, request).id) }),
  );

  app.post<{ Params: { id: string }; Body: { granted: boolean } }>(
    '/v1/privacy/consents/:id',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Answer yes or no to a new use of data',
        security: bearer,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', maxLength: 100 } },
        },
        body: {
          type: 'object',
          required: ['granted'],
          additionalProperties: false,
          properties: { granted: { type: 'boolean' } },
        },
        response: { 200: consent, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const account = accountOf(ctx, request);
      if (!ctx.storage.policies.purposes().some((p) => p.id === request.params.id))
        throw new ApiError(404, 'not_found', 'No such consent');
      ctx.storage.policies.answer(account.id, request.params.id, request.body.granted, ctx.now());
      ctx.hub.publish(account.id, 'privacy.updated', { consent: request.params.id });
      return consentsOf(account.id).find((c) => c.id === request.params.id)!;
    },
  );

  app.post<{ Body: { type: 'export' | 'deletion'; password: string } }>(
    '/v1/privacy/requests',
    {
      schema: {
        tags: ['privacy'],
        summary:
          'Ask for an export of, or the deletion of, your personal information (re-verifies your password)',
        security: bearer,
        body: {
          type: 'object',
          required: ['type', 'password'],
          additionalProperties: false,
          properties: {
            type: { type: 'string', enum: ['export', 'deletion'] },
            password: { type: 'string', maxLength: 1024 },
          },
        },
        response: { 202: { $ref: 'PrivacyRequest#' }, ...errors(400, 401, 429) },
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
      // The account may have been erased while the password was checked.
      if (!ctx.storage.accounts.byId(account.id))
        throw new ApiError(401, 'unauthorized', 'The account no longer exists');
      const now = ctx.now();
      const row: PrivacyRequestRow = {
        id: randomUUID(),
        accountId: account.id,
        type: request.body.type,
        status: request.body.type === 'export' ? 'ready' : 'pending',
        createdAt: now,
        dueAt: request.body.type === 'export' ? now : now + ctx.config.deletionGraceMs,
        result: request.body.type === 'export' ? JSON.stringify(exportOf(ctx, account)) : null,
      };
      ctx.storage.policies.createRequest(row);
      return reply.code(202).send(requestView(row));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/privacy/requests/:id',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Poll a request',
        security: bearer,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', maxLength: 100 } },
        },
        response: { 200: { $ref: 'PrivacyRequest#' }, ...errors(401, 404) },
      },
    },
    async (request) => {
      const row = ctx.storage.policies.request(accountOf(ctx, request).id, request.params.id);
      if (!row) throw new ApiError(404, 'not_found', 'No such request');
      return requestView(row);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/privacy/requests/:id/download',
    {
      schema: {
        tags: ['privacy'],
        summary: 'Download a ready export (JSON: every personal datum held)',
        security: bearer,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', maxLength: 100 } },
        },
        response: { 200: { type: 'object', additionalProperties: true }, ...errors(401, 404, 409) },
      },
    },
    async (request, reply) => {
      const row = ctx.storage.policies.request(accountOf(ctx, request).id, request.params.id);
      if (!row) throw new ApiError(404, 'not_found', 'No such request');
      if (row.type !== 'export' || row.status !== 'ready' || !row.result) {
        throw new ApiError(
          409,
          'request_not_ready',
          'There is nothing to download for this request',
        );
      }
      return reply
        .header('content-disposition', 'attachment; filename="kamifax-export.json"')
        .type('application/json')
        .send(row.result);
    },
  );
}
