import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import { makeFaxPdf } from '../demo/fax-pdf';
import { realisticFaxes } from '../demo/realistic-inbox';
import { faxView } from '../delivery/delivery';
import { ApiError } from '../errors';
import { toE164 } from '../numbers';
import { inspectPdf } from '../pdf/inspect';
import { enforcePlan, privacyDefaults, type PrivacySetting } from '../privacy/rules';
import { errors } from '../schemas';
import type { FaxRow } from '../storage/storage';
import { requireAdmin } from './guard';

const adminSecurity = [{ adminToken: [] }];

/** Operator endpoints (only with --admin-token): inject faxes, publish policies, change plans, seed. */
export function adminRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post<{
    Body: { to: string; from: string; pages?: number; subject?: string; documentBase64?: string };
  }>(
    '/v1/admin/inbound',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Deliver a fax from an outside number to one of our numbers (generated if no document is given)',
        security: adminSecurity,
        body: {
          type: 'object',
          required: ['to', 'from'],
          additionalProperties: false,
          properties: {
            to: { type: 'string', maxLength: 40 },
            from: { type: 'string', maxLength: 40 },
            pages: { type: 'integer', minimum: 1, maximum: 200 },
            subject: { type: 'string', maxLength: 200 },
            documentBase64: { type: 'string', maxLength: 30_000_000 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['delivered', 'fax'],
            properties: {
              delivered: { type: 'boolean' },
              fax: { oneOf: [{ $ref: 'Fax#' }, { type: 'null' }] },
            },
          },
          ...errors(400, 403, 404, 415, 422),
        },
      },
    },
    async (request) => {
      requireAdmin(ctx, request);
      const to = toE164(request.body.to);
      const from = toE164(request.body.from);
      if (!to || !from) throw new ApiError(422, 'invalid_number', 'Both numbers must be E.164');
      if (!ctx.storage.accounts.byNumber(to))
        throw new ApiError(404, 'not_found', 'No account has that number');
      const bytes = request.body.documentBase64
        ? Buffer.from(request.body.documentBase64, 'base64')
        : await makeFaxPdf({
            from,
            to,
            pages: request.body.pages ?? 1,
            date: new Date(ctx.now()),
            title: request.body.subject,
          });
      const { pages } = await inspectPdf(ctx.inspector, bytes);
      const documentId = await ctx.storage.documents.put(bytes);
      const fax = ctx.delivery.receive({
        to,
        from,
        pages,
        subject: request.body.subject ?? null,
        documentId,
      });
      if (!fax) await ctx.storage.documents.remove(documentId);
      return { delivered: fax !== null, fax: fax ? faxView(fax) : null };
    },
  );

  app.post<{ Body: { email: string; count: number; pages?: number; realistic?: boolean } }>(
    '/v1/admin/seed',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Insert many received faxes at once (benchmarks and demos); they share one document. ' +
          'realistic: senders, subjects, pages and times like a real inbox (service/demo/realistic-inbox.ts)',
        security: adminSecurity,
        body: {
          type: 'object',
          required: ['email', 'count'],
          additionalProperties: false,
          properties: {
            email: { type: 'string' },
            count: { type: 'integer', minimum: 1, maximum: 300_000 },
            pages: { type: 'integer', minimum: 1, maximum: 20 },
            realistic: { type: 'boolean' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['inserted'],
            properties: { inserted: { type: 'integer' } },
          },
          ...errors(403, 404),
        },
      },
    },
    async (request) => {
      requireAdmin(ctx, request);
      const account = ctx.storage.accounts.byEmail(request.body.email.toLowerCase());
      if (!account) throw new ApiError(404, 'not_found', 'No such account');
      const to = ctx.storage.accounts.numbers(account.id)[0]!;
      const pages = request.body.pages ?? 1;
      const documentId = await ctx.storage.documents.put(
        await makeFaxPdf({
          from: '+81312345678',
          to,
          pages,
          date: new Date(ctx.now()),
          title: 'Seeded fax',
        }),
      );
      const inserted = (fax: Omit<FaxRow, 'id' | 'accountId' | 'direction' | 'to'>) =>
        ctx.storage.faxes.insert({
          ...fax,
          id: randomUUID(),
          accountId: account.id,
          direction: 'inbound',
          to,
        });
      const common = {
        junk: false,
        status: 'received',
        failureReason: null,
        pagesSent: 0,
        documentId,
      } as const;
      ctx.storage.transaction(() => {
        if (request.body.realistic) {
          // The metadata is realistic; every fax shares the one document (its page count differs).
          for (const fax of realisticFaxes(request.body.count, ctx.now()))
            inserted({
              ...common,
              from: fax.from,
              subject: fax.subject,
              pages: fax.pages,
              createdAt: fax.at,
              updatedAt: fax.at,
              read: fax.read,
            });
          return;
        }
        const start = ctx.now() - request.body.count * 60_000;
        for (let i = 0; i < request.body.count; i += 1) {
          const at = start + i * 60_000;
          inserted({
            ...common,
            from: `+8136${String(1_000_000 + (i % 9_000_000)).padStart(8, '0')}`,
            subject: `Seeded fax ${i + 1}`,
            pages,
            createdAt: at,
            updatedAt: at,
            read: i % 3 === 0,
          });
        }
      });
      return { inserted: request.body.count };
    },
  );

  app.post<{
    Body: {
      text: string;
      effectiveDate: string;
      consent?: { id: string; title: string; description: string };
    };
  }>(
    '/v1/admin/policy',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Publish a new policy version, optionally with a new use of data that needs consent',
        security: adminSecurity,
        body: {
          type: 'object',
          required: ['text', 'effectiveDate'],
          additionalProperties: false,
          properties: {
            text: { type: 'string', minLength: 1, maxLength: 200_000 },
            effectiveDate: { type: 'string', format: 'date' },
            consent: {
              type: 'object',
              required: ['id', 'title', 'description'],
              additionalProperties: false,
              properties: {
                id: { type: 'string', pattern: '^[a-z0-9-]{1,60}$' },
                title: { type: 'string' },
                description: { type: 'string' },
              },
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['version'],
            properties: { version: { type: 'integer' } },
          },
          ...errors(400, 403, 409),
        },
      },
    },
    async (request) => {
      requireAdmin(ctx, request);
      const consent = request.body.consent;
      if (consent && ctx.storage.policies.purposes().some((purpose) => purpose.id === consent.id))
        throw new ApiError(
          409,
          'consent_exists',
          `A use of data with the id ${consent.id} exists; give the new one another id`,
        );
      const version = ctx.storage.policies.current().version + 1;
      ctx.storage.transaction(() => {
        ctx.storage.policies.publish({
          version,
          effectiveDate: request.body.effectiveDate,
          text: request.body.text,
        });
        if (request.body.consent)
          ctx.storage.policies.addPurpose({ ...request.body.consent, createdAt: ctx.now() });
      });
      ctx.hub.publishAll(ctx.storage.accounts.allIds(), 'policy.updated', { version });
      return { version };
    },
  );

  app.post<{ Body: { email: string; plan: 'trial' | 'free' | 'paid' } }>(
    '/v1/admin/plan',
    {
      schema: {
        tags: ['admin'],
        summary: "Change an account's plan (locked privacy settings take the plan's values)",
        security: adminSecurity,
        body: {
          type: 'object',
          required: ['email', 'plan'],
          additionalProperties: false,
          properties: {
            email: { type: 'string' },
            plan: { type: 'string', enum: ['trial', 'free', 'paid'] },
          },
        },
        response: { 204: { type: 'null' }, ...errors(400, 403, 404) },
      },
    },
    async (request, reply) => {
      requireAdmin(ctx, request);
      const account = ctx.storage.accounts.byEmail(request.body.email.toLowerCase());
      if (!account) throw new ApiError(404, 'not_found', 'No such account');
      const plan = request.body.plan;
      ctx.storage.transaction(() => {
        ctx.storage.accounts.update(account.id, {
          plan,
          trialEndsAt: plan === 'trial' ? account.trialEndsAt : null,
        });
        const privacy = ctx.storage.accounts.privacy(account.id) ?? {
          version: 1,
          settings: { ...privacyDefaults },
        };
        const enforced = enforcePlan(plan, { ...privacyDefaults, ...privacy.settings } as Record<
          PrivacySetting,
          boolean
        >);
        ctx.storage.accounts.putPrivacy(account.id, privacy.version + 1, enforced);
      });
      ctx.hub.publish(account.id, 'account.updated', { plan });
      ctx.hub.publish(account.id, 'privacy.updated', {});
      return reply.code(204).send();
    },
  );
}
