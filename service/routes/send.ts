import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context';
import { faxView } from '../delivery/delivery';
import { ApiError } from '../errors';
import { toE164 } from '../numbers';
import { inspectPdf, maxDocumentBytes } from '../pdf/inspect';
import { currentPeriod, planLimits } from '../plans';
import { bearer, errors } from '../schemas';
import type { AccountRow, DocumentStore, FaxRow, IncomingDocument } from '../storage/storage';
import { accountOf } from './guard';

/** The stored answer of a withdrawn Idempotency-Key (`send_withdrawn`). */
const withdrawnStatus = 409;

/** Subjects longer than this are refused, not cut. */
export const maxSubjectLength = 200;

interface SendForm {
  /** The upload, in a temporary file until kept. */
  document: IncomingDocument;
  /** SHA-256 of the document's bytes and then the recipients and subject (Idempotency-Key). */
  bodyHash: string;
  recipients: string[];
  subject: string | null;
}

/**
 * Reads the multipart form, streaming the document into a temporary file as it arrives (never
 * whole in memory) and hashing it on the way. On any refusal the file is gone again.
 */
async function readForm(request: FastifyRequest, documents: DocumentStore): Promise<SendForm> {
  let document: IncomingDocument | null = null;
  const hash = createHash('sha256');
  const recipients: string[] = [];
  let subject: string | null = null;
  try {
    try {
      for await (const part of request.parts({
        limits: { fileSize: maxDocumentBytes, files: 1, fields: 110 },
      })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'document')
            throw new ApiError(400, 'invalid_request', `Unexpected file field ${part.fieldname}`);
          document = await documents.receive(part.file, (chunk) => hash.update(chunk));
          if (part.file.truncated) throw tooLarge();
        } else if (part.fieldname === 'recipients') {
          recipients.push(
            ...String(part.value)
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean),
          );
        } else if (part.fieldname === 'subject') {
          const text = String(part.value);
          if (text.length > maxSubjectLength)
            throw new ApiError(
              400,
              'invalid_request',
              `The subject is limited to ${maxSubjectLength} characters (this one has ${text.length})`,
            );
          subject = text || null;
        }
      }
    } catch (error: unknown) {
      if (error instanceof ApiError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      if (code === 'FST_FILES_LIMIT')
        throw new ApiError(400, 'invalid_request', 'Send one document at a time');
      throw new ApiError(400, 'invalid_request', 'The upload could not be read');
    }
    if (!document) throw new ApiError(400, 'invalid_request', 'The `document` file is missing');
    if (recipients.length === 0)
      throw new ApiError(400, 'invalid_request', 'At least one recipient is needed');
    if (recipients.length > 100)
      throw new ApiError(400, 'invalid_request', 'At most 100 recipients at once');
  } catch (error: unknown) {
    // (TypeScript narrows `document` to null here: it does not follow the loop's assignment.)
    await (document as IncomingDocument | null)?.discard();
    throw error;
  }
  hash.update(JSON.stringify([recipients, subject]));
  return { document, bodyHash: hash.digest('hex'), recipients, subject };
}

const tooLarge = () => new ApiError(413, 'document_too_large', 'Documents are limited to 20 MB');

function checkRecipients(ctx: ServiceContext, account: AccountRow, recipients: string[]): string[] {
  const own = new Set(ctx.storage.accounts.numbers(account.id));
  const normalised: string[] = [];
  for (const recipient of recipients) {
    const number = toE164(recipient);
    if (!number)
      throw new ApiError(
        422,
        'invalid_number',
        `Not a valid international fax number: ${recipient}`,
        { recipient },
      );
    if (own.has(number))
      throw new ApiError(422, 'own_number', 'A fax cannot be sent to your own number', {
        recipient,
      });
    if (ctx.storage.accounts.isBlocked(account.id, number)) {
      throw new ApiError(422, 'blocked_number', 'You have blocked this number', { recipient });
    }
    if (!normalised.includes(number)) normalised.push(number);
  }
  return normalised;
}

/**
 * Refuses a send that would go over the plan's sent pages, counting what is delivered this
 * period and what is still queued or sending (those pages are about to count).
 */
function quotaError(
  ctx: ServiceContext,
  account: AccountRow,
  needed: number,
  now: number,
): ApiError | null {
  const limit = planLimits[account.plan].sentPages;
  if (limit === null) return null;
  const period = currentPeriod(account, now);
  const used =
    ctx.storage.faxes.usage(account.id, period.start, period.end).sent +
    ctx.storage.faxes.pendingPages(account.id);
  if (used + needed <= limit) return null;
  return new ApiError(
    402,
    'quota_exceeded',
    `This send needs ${needed} pages; ${Math.max(0, limit - used)} are left this period`,
  );
}

/** The multipart form of a send, as the OpenAPI document describes it. */
const sendForm = {
  type: 'object',
  required: ['document', 'recipients'],
  properties: {
    document: {
      type: 'string',
      format: 'binary',
      description: 'One PDF, at most 20 MB and 200 pages',
    },
    recipients: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: { type: 'string' },
      description: 'E.164 numbers: repeat the field, or separate numbers with commas',
    },
    subject: { type: 'string', maxLength: maxSubjectLength },
  },
} as const;

/**
 * Checks and records a send whose upload is in its temporary file: an answer to repeat (the
 * Idempotency-Key seen before), or the new faxes with the document kept. Throws refusals; the
 * caller discards the upload unless faxes came back.
 */
async function accept(
  ctx: ServiceContext,
  account: AccountRow,
  key: string,
  form: SendForm,
): Promise<{ status: 202; response: string; faxes?: FaxRow[] }> {
  const { bodyHash, document } = form;
  const previous = ctx.storage.idempotency.get(account.id, key);
  if (previous) {
    // A withdrawn key answers every later upload with its refusal, whatever the body.
    if (previous.bodyHash !== bodyHash && previous.status !== withdrawnStatus) {
      throw new ApiError(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different request',
      );
    }
    return { status: previous.status as 202, response: previous.response };
  }
  const recipients = checkRecipients(ctx, account, form.recipients);
  // The document is flushed to disk (fsync) while a worker reads and inspects it: neither
  // needs the other, and each waits tens of ms under load.
  const [inspected, flushed] = await Promise.allSettled([
    inspectPdf(ctx.inspector, document, account.id),
    document.flush(),
  ]);
  if (inspected.status === 'rejected') throw inspected.reason;
  if (flushed.status === 'rejected') throw flushed.reason;
  const { pages } = inspected.value;
  const now = ctx.now();
  const early = quotaError(ctx, account, pages * recipients.length, now);
  if (early) throw early;
  const documentId = await document.keep();
  const from = ctx.storage.accounts.numbers(account.id)[0] ?? '';
  // One short transaction: the checks that must not interleave with another send, the faxes
  // and the stored answer.
  const outcome = ctx.storage.transaction(() => {
    // The account may have been erased while the upload was read and checked.
    if (!ctx.storage.accounts.byId(account.id)) return { gone: true as const };
    // A concurrent request with the same key may have finished first.
    const raced = ctx.storage.idempotency.get(account.id, key);
    if (raced) return { raced };
    // Checked again where no other send can interleave: two at once must not both fit.
    const over = quotaError(ctx, account, pages * recipients.length, now);
    if (over) return { over };
    const faxes: FaxRow[] = recipients.map((to) => ({
      id: randomUUID(),
      accountId: account.id,
      direction: 'outbound',
      from,
      to,
      subject: form.subject,
      pages,
      createdAt: now,
      updatedAt: now,
      read: true,
      junk: false,
      status: 'queued',
      failureReason: null,
      pagesSent: 0,
      documentId,
    }));
    for (const fax of faxes) ctx.storage.faxes.insert(fax);
    const response = JSON.stringify({ faxes: faxes.map(faxView) });
    ctx.storage.idempotency.put(account.id, key, bodyHash, 202, response, now);
    return { faxes, response };
  });
  if ('over' in outcome) throw outcome.over;
  if ('gone' in outcome) throw new ApiError(401, 'unauthorized', 'The account no longer exists');
  if ('raced' in outcome && outcome.raced)
    return { status: outcome.raced.status as 202, response: outcome.raced.response };
  return { status: 202, response: outcome.response!, faxes: outcome.faxes! };
}

/** Sending: one PDF to one or more numbers, safe to retry with the same Idempotency-Key. */
export function sendRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.post(
    '/v1/faxes',
    {
      schema: {
        tags: ['send'],
        summary:
          'Send a PDF to one or more E.164 numbers (multipart: document, recipients, subject)',
        description:
          'Requires an Idempotency-Key header: the same key and body return the first answer; the same key with another body is refused.',
        security: bearer,
        consumes: ['multipart/form-data'],
        headers: {
          type: 'object',
          required: ['idempotency-key'],
          properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: {
          202: {
            type: 'object',
            required: ['faxes'],
            properties: { faxes: { type: 'array', items: { $ref: 'Fax#' } } },
          },
          ...errors(400, 401, 402, 409, 413, 415, 422),
        },
      },
      attachValidation: true,
      // The multipart body is read by hand (streamed, size-limited), so Fastify must not
      // validate it; it is described for the document only.
      config: {
        swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, body: sendForm }, url }),
      },
    },
    async (request, reply) => {
      const account = accountOf(ctx, request);
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
        throw new ApiError(400, 'idempotency_key_required', 'Sends need an Idempotency-Key header');
      }
      if (!request.isMultipart())
        throw new ApiError(400, 'invalid_request', 'Send multipart/form-data');
      const form = await readForm(request, ctx.storage.documents);
      let kept = false;
      try {
        const outcome = await accept(ctx, account, key, form);
        kept = outcome.faxes !== undefined;
        for (const fax of outcome.faxes ?? []) ctx.delivery.enqueue(fax.id);
        return reply.code(outcome.status).type('application/json').send(outcome.response);
      } finally {
        // Refused, repeated or failed: the upload leaves nothing behind.
        if (!kept) await form.document.discard();
      }
    },
  );

  app.post(
    '/v1/faxes/withdraw',
    {
      schema: {
        tags: ['send'],
        summary:
          'Withdraw a send by its Idempotency-Key (a client cancelling an upload it lost track of)',
        description:
          'If no send with this key arrived, the key is spent: an upload with it still on its way, or sent later, is refused with 409 send_withdrawn, so nothing is sent. If it arrived, nothing changes and the answer lists its faxes as they are now (cancel them with /v1/faxes/{id}/cancel).',
        security: bearer,
        headers: {
          type: 'object',
          required: ['idempotency-key'],
          properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['withdrawn', 'faxes'],
            properties: {
              withdrawn: { type: 'boolean' },
              faxes: { type: 'array', items: { $ref: 'Fax#' } },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    (request) => {
      const account = accountOf(ctx, request);
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
        throw new ApiError(
          400,
          'idempotency_key_required',
          'Withdrawing needs an Idempotency-Key header',
        );
      }
      return ctx.storage.transaction(() => {
        const previous = ctx.storage.idempotency.get(account.id, key);
        if (!previous) {
          const refusal = JSON.stringify({
            error: { code: 'send_withdrawn', message: 'This send was withdrawn by its sender' },
          });
          ctx.storage.idempotency.put(
            account.id,
            key,
            'withdrawn',
            withdrawnStatus,
            refusal,
            ctx.now(),
          );
          return { withdrawn: true, faxes: [] };
        }
        if (previous.status !== 202) return { withdrawn: true, faxes: [] };
        const sent = (JSON.parse(previous.response) as { faxes: { id: string }[] }).faxes;
        const faxes = sent
          .map((fax) => ctx.storage.faxes.get(account.id, fax.id))
          .filter((fax): fax is FaxRow => fax !== null);
        return { withdrawn: false, faxes: faxes.map(faxView) };
      });
    },
  );
}
