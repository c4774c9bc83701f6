import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import {
  PasswordThrottle,
  RateLimiter,
  throttleDefaults,
  type ThrottleSettings,
} from './auth/rate-limit';
import { TokenService } from './auth/tokens';
import type { ServiceContext } from './context';
import type { Carrier } from './delivery/carrier';
import { Delivery, type DeliveryProbe } from './delivery/delivery';
import { ApiError } from './errors';
import { EventHub } from './events/event-hub';
import { clientErrorHandler, frameworkErrors } from './framework-errors';
import { loggerSettings, logRequests, type ServiceLogOptions } from './logging';
import { inspectionLimits } from './pdf/inspect';
import { PdfInspector, type InspectorOptions } from './pdf/inspector';
import { initialPolicy } from './privacy/rules';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { blockedRoutes } from './routes/blocked';
import { eventRoutes, type StreamRegistry } from './routes/events';
import { faxRoutes } from './routes/faxes';
import { privacyRoutes } from './routes/privacy';
import { sendRoutes } from './routes/send';
import { errors, sharedSchemas } from './schemas';
import type { Storage } from './storage/storage';

/** What the app is built from; tests pass a clock and a fast carrier. */
export interface AppDeps {
  storage: Storage;
  carrier: Carrier;
  now?: () => number;
  adminToken?: string | null;
  deletionGraceMs?: number;
  /** Logging: false (silent, the default), true (info to stdout), or where and how much. */
  logger?: boolean | ServiceLogOptions;
  /** Budgets of the PDF inspection workers (tests shorten the time budget). */
  inspection?: Omit<InspectorOptions, 'limits'>;
  /** The OpenAPI document (default on); the desktop app's demo leaves it and its import out. */
  openapi?: boolean;
  /** Password throttle settings (tests lower the per-address limit to save scrypt time). */
  throttle?: Partial<ThrottleSettings>;
  /** Observes delivery steps (the crash tests kill the process at one). */
  deliveryProbe?: DeliveryProbe;
}

/** The built service: the Fastify app, its context, and what to stop at close. */
export interface BuiltApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  streams: StreamRegistry;
}

/** Sign-ups one address may make in an hour (an office creates a few; a script, many). */
export const signUpsPerHour = 10;

/** The API version in the OpenAPI document. */
export const apiVersion = '1.0.0';

/**
 * Builds the service: JSON-schema-validated routes, the OpenAPI document generated from
 * those same schemas, and one error shape for everything that goes wrong.
 */
export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const now = deps.now ?? Date.now;
  const logging = loggerSettings(deps.logger);
  const app = Fastify({
    logger: logging.logger,
    // One line per request is written by logRequests (Fastify's own would write two).
    logController: new LogController({ disableRequestLogging: true }),
    // Errors met before a route runs get the service's one error shape too.
    frameworkErrors,
    clientErrorHandler,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    trustProxy: false,
    // At close, event streams and deliveries are already stopped; a kept-alive socket that Node
    // does not see as idle would otherwise hold `close()` until the client drops it.
    forceCloseConnections: true,
  });
  const { storage } = deps;
  if (!storage.policies.current()) storage.policies.publish(initialPolicy);
  const hub = new EventHub(storage, now);
  const ctx: ServiceContext = {
    storage,
    hub,
    delivery: new Delivery(storage, hub, deps.carrier, now, app.log, deps.deliveryProbe),
    tokens: new TokenService(storage, now),
    inspector: new PdfInspector({ ...deps.inspection, limits: inspectionLimits }),
    now,
    limiters: {
      passwords: new PasswordThrottle(now, { ...throttleDefaults, ...deps.throttle }),
      signUps: new RateLimiter(signUpsPerHour, 3600_000, now),
    },
    config: {
      adminToken: deps.adminToken ?? null,
      deletionGraceMs: deps.deletionGraceMs ?? 7 * 24 * 3600_000,
    },
  };
  const streams: StreamRegistry = new Set();
  logRequests(app, logging.file);
  app.addHook('onClose', () => ctx.inspector.close());

  const openapi = deps.openapi !== false;
  if (openapi)
    await app.register((await import('@fastify/swagger')).default, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kamifax service API',
          version: apiVersion,
          description:
            'The reference internet-fax service that the Kamifax desktop client syncs to.',
        },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer' },
            adminToken: { type: 'apiKey', in: 'header', name: 'X-Admin-Token' },
          },
        },
      },
      refResolver: {
        buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`),
      },
    });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024 } });
  for (const schema of sharedSchemas) app.addSchema(schema);
  // Any route that reads a JSON body may meet malformed JSON (400), an oversized body (413) or
  // another content type (415): say so in its schema, and so in the document.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body) {
      const declared = (route.schema.response ?? {}) as Record<string, unknown>;
      route.schema.response = { ...errors(400, 413, 415), ...declared };
    }
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.headers) reply.headers(error.headers);
      return reply.code(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      });
    }
    if (error.validation) {
      return reply.code(400).send({ error: { code: 'invalid_request', message: error.message } });
    }
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error instanceof SyntaxError
    ) {
      return reply
        .code(400)
        .send({ error: { code: 'malformed_json', message: 'The body is not valid JSON' } });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send({ error: { code: 'body_too_large', message: 'The request body is too large' } });
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: 'invalid_request', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on the service' } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: 'No such endpoint' } }),
  );

  authRoutes(app, ctx);
  accountRoutes(app, ctx);
  faxRoutes(app, ctx);
  sendRoutes(app, ctx);
  eventRoutes(app, ctx, streams);
  privacyRoutes(app, ctx);
  blockedRoutes(app, ctx);
  adminRoutes(app, ctx);
  if (openapi) app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return { app, ctx, streams };
}
