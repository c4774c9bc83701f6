import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

/** Where and how much the service logs (pino JSON lines through Fastify's own logger). */
export interface ServiceLogOptions {
  /** `info` writes one line per request; `silent` nothing. Default `info`. */
  level?: 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Writes to stdout (the standalone service). Default true unless a file or sink is given. */
  stdout?: boolean;
  /** Also writes to this file, rotated daily or at 10 MB, keeping 7 (the embedded service). */
  file?: string;
  /** Also hands each line to this function (tests read what was logged). */
  sink?: (line: string) => void;
}

/** What may never reach a log: bearer and admin tokens, passwords, token pairs, documents. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-admin-token"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-admin-token"]',
  'password',
  '*.password',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'documentBase64',
  '*.documentBase64',
  'body',
  '*.body',
  'document',
  '*.document',
];

/** The Fastify logger settings, and the file stream to end when the service closes. */
export function loggerSettings(options: ServiceLogOptions | boolean | undefined): {
  logger: FastifyServerOptions['logger'];
  file: RotatingFileStream | null;
} {
  if (!options) return { logger: false, file: null };
  const settings: ServiceLogOptions = options === true ? {} : options;
  if (settings.file) mkdirSync(dirname(settings.file), { recursive: true });
  const file = settings.file
    ? createStream(basename(settings.file), {
        path: dirname(settings.file),
        size: '10M',
        interval: '1d',
        maxFiles: 7,
      })
    : null;
  const stdout = settings.stdout ?? (!settings.file && !settings.sink);
  const stream = {
    write(line: string) {
      if (stdout) process.stdout.write(line);
      file?.write(line);
      settings.sink?.(line);
    },
  };
  return {
    file,
    logger: {
      level: settings.level ?? 'info',
      stream,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: {
        // Only what a request line needs: never headers (tokens) nor bodies (documents).
        req: (request: { method: string; url: string }) => ({
          method: request.method,
          url: request.url,
        }),
        res: (reply: { statusCode: number }) => ({ status: reply.statusCode }),
      },
    },
  };
}

/**
 * One line per request at info, after the answer: method, path, status and time (Fastify's own
 * request logging writes two lines and is turned off). Errors are logged by the error handler
 * with their stack.
 */
export function logRequests(app: FastifyInstance, file: RotatingFileStream | null): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  if (file) app.addHook('onClose', () => new Promise<void>((resolve) => file.end(() => resolve())));
}
