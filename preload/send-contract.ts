/**
 * The sending half of the contract (issue 11): drafts, the outbox, contacts. `contract.ts`
 * spreads these tables into its own, so there is still one contract; they live in their own
 * file so several people can extend the contract without editing the same lines.
 * `main/core/compose/README.md` describes what each channel does.
 */
import { z } from 'zod';
import { bytes, namedFileSchema, savedFileSchema } from './file-shapes';

const id = z.string().min(1).max(100);

/** Why a typed number cannot be sent to (see `preload/fax-numbers.ts`). */
export const numberProblemSchema = z.enum([
  'number_empty',
  'number_not_a_number',
  'number_too_short',
  'number_too_long',
  'number_invalid',
  'number_premium',
  'number_emergency',
  'number_own',
  'number_blocked',
]);

/** Why a file was not added to a draft; each has en/ja text under `errors.<code>`. */
export const fileProblemSchema = z.enum([
  'file_encrypted',
  'file_damaged',
  'file_empty',
  'file_type_unknown',
  'file_over_limit',
  'file_too_many_pages',
  'file_office_pending',
  'file_conversion_failed',
]);

/** How a fax ended when it did not go through (the service's `failureReason`, or ours). */
export const failureReasonSchema = z.enum([
  'busy',
  'no_answer',
  'rejected',
  'invalid_number',
  'quota_exceeded',
  'own_number',
  'blocked_number',
  'refused',
  'other',
]);

/** Cover page templates drawn by main; `none` sends without a cover page. */
export const coverTemplateSchema = z.enum(['none', 'classic', 'modern', 'minimal']);

/** Fine is 204×196 dpi, standard 204×98 dpi. */
export const faxResolutionSchema = z.enum(['fine', 'standard']);

/** One recipient as typed, with the E.164 form the UI derived (main re-checks before sending). */
export const draftRecipientSchema = z.object({
  input: z.string().max(100),
  e164: z.string().max(20).nullable(),
  contactName: z.string().max(200).nullable().default(null),
});

/** The cover page's fields; every field may be empty. */
export const coverSchema = z.object({
  template: coverTemplateSchema,
  from: z.string().max(200),
  to: z.string().max(200),
  company: z.string().max(200),
  message: z.string().max(4000),
});

/** One document of a draft, already checked and normalised by main. */
export const draftDocumentSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['pdf', 'image', 'tiff', 'text', 'office']),
  /** Pages after normalisation. */
  pages: z.number().int(),
  /** Size of the file as added. */
  size: z.number().int(),
});

/** Where a draft came from (the printer, "Open with", the CLI and Forward make drafts too). */
export const draftOriginSchema = z.enum(['compose', 'forward', 'printer', 'openWith', 'cli']);

/** A draft: everything Compose shows, saved by main as it is edited. Times are epoch ms. */
export const draftSchema = z.object({
  id: z.string(),
  origin: draftOriginSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  recipients: z.array(draftRecipientSchema),
  subject: z.string(),
  cover: coverSchema,
  resolution: faxResolutionSchema,
  documents: z.array(draftDocumentSchema),
  /** Pages of the fax as it would go now, cover page included. */
  pages: z.number().int(),
});

/** What Compose may change in one call; fields left out stay as they are. */
export const draftPatchSchema = z
  .object({
    id,
    recipients: z.array(draftRecipientSchema).max(100).optional(),
    subject: z.string().max(200).optional(),
    cover: coverSchema.partial().optional(),
    resolution: faxResolutionSchema.optional(),
  })
  .strict();

const incomingFile = z.object({ name: z.string().min(1).max(255), bytes }).strict();

/** The outcome of adding one file: its document, or why it was refused. */
export const addedFileSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), name: z.string(), document: draftDocumentSchema }),
  z.object({
    ok: z.literal(false),
    name: z.string(),
    code: fileProblemSchema,
    message: z.string(),
  }),
]);

const addFilesResult = z.object({ draft: draftSchema, results: z.array(addedFileSchema) });

/** The merged fax as it would go, for the preview. */
export const draftPreviewSchema = z.object({
  bytes,
  pages: z.number().int(),
  /** The paper the fax is on: the recipients' country's when they agree, else the locale's. */
  paper: z.enum(['a4', 'letter']),
  /** Estimated time on the line for one recipient, in seconds. */
  lineSeconds: z.number(),
  resolution: faxResolutionSchema,
  /** The plan's sent pages: used this period, the limit (null: none), what this send needs. */
  quota: z.object({
    used: z.number().int(),
    limit: z.number().int().nullable(),
    needed: z.number().int(),
    /** True when this send would cross the limit (the service would refuse with 402). */
    over: z.boolean(),
  }),
});

/** One recipient of one send, as the Outbox and Sent lists show it. Times are epoch ms. */
export const outboxRowSchema = z.object({
  /** The local id of this recipient's row (stable from Send on). */
  id: z.string(),
  /** The send (one upload, one idempotency key) this row belongs to. */
  sendId: z.string(),
  /** The service's fax id once accepted, else null. */
  faxId: z.string().nullable(),
  to: z.string(),
  contactName: z.string().nullable(),
  subject: z.string().nullable(),
  pages: z.number().int(),
  pagesSent: z.number().int(),
  /** `waiting`: offline or backing off before the next try; `uploading`: bytes on the wire. */
  status: z.enum(['queued', 'waiting', 'uploading', 'sending', 'delivered', 'failed', 'cancelled']),
  failureReason: failureReasonSchema.nullable(),
  /** Upload progress 0..1 while uploading. */
  progress: z.number().nullable(),
  queuedAt: z.number(),
  updatedAt: z.number(),
  /** Epoch ms the call started and ended, when known (for the report). */
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /**
   * Cancel was asked for and is being settled with the service (the upload may have arrived):
   * show "Cancelling…"; the row ends `cancelled`, or goes on if the fax was already on the line.
   */
  cancelRequested: z.boolean(),
  canCancel: z.boolean(),
  canResend: z.boolean(),
});

/** Which rows a list shows: outbox = not yet delivered (incl. failed), sent = delivered. */
export const outboxQuerySchema = z
  .object({
    view: z.enum(['outbox', 'sent']),
    search: z.string().max(200).default(''),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/** The counts the navigation and status bar show. */
export const outboxCountsSchema = z.object({
  queued: z.number().int(),
  sending: z.number().int(),
  failed: z.number().int(),
});

/** A contact of the local address book. */
export const contactSchema = z.object({
  id: z.string(),
  name: z.string(),
  company: z.string(),
  /** E.164. */
  faxNumber: z.string(),
  note: z.string(),
  updatedAt: z.number(),
});

/** What an import would do (`contacts:importPreview`); nothing is saved before the commit. */
export const contactImportPreviewSchema = z.object({
  /** Confirms this preview with `contacts:importCommit`. */
  token: z.string(),
  /** Entries to be added. */
  add: z.number().int(),
  /** The first entries to be added, to show. */
  sample: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      company: z.string(),
      faxNumber: z.string(),
    }),
  ),
  /** Numbers already in the address book (`existing` names it) or earlier in the file. */
  duplicates: z.array(
    z.object({
      line: z.number().int(),
      name: z.string(),
      faxNumber: z.string(),
      existing: z.string().nullable(),
      sameAsLine: z.number().int().nullable(),
    }),
  ),
  /** Entries left out, with the line of the file they start on. */
  errors: z.array(
    z.object({
      line: z.number().int(),
      reason: z.union([numberProblemSchema, z.literal('no_fax_number')]),
      input: z.string(),
      name: z.string(),
    }),
  ),
});

/** The inputs the renderer needs to check numbers as they are typed. */
export const numberContextSchema = z.object({
  /** ISO 3166 alpha-2 country national numbers are read in. */
  country: z.string(),
  /** The paper size the merge uses for this locale. */
  paper: z.enum(['a4', 'letter']),
  ownNumbers: z.array(z.string()),
  blockedNumbers: z.array(z.string()),
});

const rowsOf = <T extends z.ZodTypeAny>(row: T) =>
  z.object({ total: z.number().int(), rows: z.array(row) });

/** The sending channels; spread into `channels` in contract.ts. */
export const sendChannels = {
  'drafts:list': {
    request: z.object({}).strict(),
    response: z.object({ rows: z.array(draftSchema) }),
  },
  'drafts:get': { request: z.object({ id }).strict(), response: draftSchema },
  'drafts:create': {
    /**
     * Empty; or with the received fax `forwardFaxId`; or Forward of a PDF opened in the viewer:
     * `openedFileId` (from `files:openPdf`; main reads the file it opened) or, where the page
     * picked the file itself (browser host), `files`.
     */
    request: z
      .object({
        forwardFaxId: id.optional(),
        openedFileId: z.string().max(100).optional(),
        files: z.array(incomingFile).min(1).max(50).optional(),
      })
      .strict(),
    response: draftSchema,
  },
  'drafts:update': { request: draftPatchSchema, response: draftSchema },
  'drafts:addFiles': {
    request: z.object({ id, files: z.array(incomingFile).min(1).max(50) }).strict(),
    response: addFilesResult,
  },
  'drafts:pickFiles': { request: z.object({ id }).strict(), response: addFilesResult },
  'drafts:moveDocument': {
    request: z.object({ id, documentId: id, toIndex: z.number().int().min(0) }).strict(),
    response: draftSchema,
  },
  'drafts:removeDocument': {
    request: z.object({ id, documentId: id }).strict(),
    response: draftSchema,
  },
  'drafts:documentPdf': {
    request: z.object({ id, documentId: id }).strict(),
    response: namedFileSchema.extend({ pages: z.number().int() }),
  },
  'drafts:preview': { request: z.object({ id }).strict(), response: draftPreviewSchema },
  'drafts:discard': {
    request: z.object({ id }).strict(),
    response: z.object({ discarded: z.boolean() }),
  },
  'drafts:send': {
    request: z.object({ id }).strict(),
    response: z.object({ sendId: z.string(), ids: z.array(z.string()) }),
  },
  'compose:numberContext': { request: z.object({}).strict(), response: numberContextSchema },
  'outbox:query': { request: outboxQuerySchema, response: rowsOf(outboxRowSchema) },
  'outbox:counts': { request: z.object({}).strict(), response: outboxCountsSchema },
  'outbox:cancel': { request: z.object({ id }).strict(), response: outboxRowSchema },
  'outbox:resend': {
    request: z.object({ id }).strict(),
    response: z.object({ sendId: z.string(), ids: z.array(z.string()) }),
  },
  'outbox:document': { request: z.object({ id }).strict(), response: namedFileSchema },
  'outbox:report': { request: z.object({ id }).strict(), response: namedFileSchema },
  'contacts:query': {
    request: z
      .object({
        search: z.string().max(200).default(''),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    response: rowsOf(contactSchema),
  },
  'contacts:save': {
    request: z
      .object({
        id: id.optional(),
        name: z.string().trim().max(200),
        company: z.string().trim().max(200).default(''),
        faxNumber: z.string().trim().min(1).max(100),
        note: z.string().max(2000).default(''),
      })
      .strict(),
    response: contactSchema,
  },
  'contacts:delete': {
    request: z.object({ ids: z.array(id).min(1).max(5000) }).strict(),
    response: z.object({ deleted: z.number().int() }),
  },
  'contacts:importPreview': {
    request: z
      .object({
        name: z.string().min(1).max(255),
        bytes: bytes.refine((b) => b.length <= 10_000_000),
      })
      .strict(),
    response: contactImportPreviewSchema,
  },
  'contacts:importCommit': {
    request: z.object({ token: id }).strict(),
    response: z.object({ added: z.number().int() }),
  },
  'contacts:export': {
    request: z.object({ format: z.enum(['csv', 'vcard']) }).strict(),
    response: namedFileSchema.extend({ count: z.number().int() }),
  },
  'contacts:saveExport': {
    request: z.object({ format: z.enum(['csv', 'vcard']) }).strict(),
    response: savedFileSchema.extend({ count: z.number().int() }),
  },
} as const;

/** The sending events; spread into `events` in contract.ts. */
export const sendEvents = {
  /** Some draft was created, edited, sent or discarded. */
  'drafts:changed': z.object({ count: z.number().int(), id: z.string().nullable() }),
  /** The outbox moved; the counts are for the navigation. */
  'outbox:changed': outboxCountsSchema,
  /**
   * Main working on a draft's documents, for Compose to show: each added file `normalising`
   * (checked and fitted onto fax pages) or `converting` (Office, with `fraction` 0..1), then
   * `done`; building the fax for the preview or Send: `merging` (documents fitted so far
   * `index` of `of`, `fraction`), then `done`.
   */
  'drafts:progress': z.object({
    draftId: z.string(),
    stage: z.enum(['normalising', 'converting', 'merging', 'done']),
    name: z.string().nullable(),
    index: z.number().int(),
    of: z.number().int(),
    fraction: z.number().min(0).max(1).nullable(),
  }),
  /** Upload progress of one send. */
  'outbox:progress': z.object({ sendId: z.string(), loaded: z.number(), total: z.number() }),
  /** A notification about a sent fax was clicked: show this outbox or sent row. */
  'outbox:open': z.object({ id: z.string(), view: z.enum(['outbox', 'sent']) }),
  /** Main asks the UI to show a draft (printer jobs, Open with, Forward from elsewhere). */
  'compose:open': z.object({ draftId: z.string() }),
  /**
   * The address book changed (saved, deleted, imported — from any window): lists that name
   * numbers (Contacts, Inbox, Outbox, Sent, recipient suggestions) read again.
   */
  'contacts:changed': z.object({
    reason: z.enum(['saved', 'deleted', 'imported']),
    ids: z.array(z.string()),
    count: z.number().int(),
  }),
} as const;

/** The sending error codes; spread into `errorCodes` in contract.ts. */
export const sendErrorCodes = [
  ...numberProblemSchema.options,
  ...fileProblemSchema.options,
  'fax_too_large',
  'fax_too_many_pages',
  'draft_not_found',
  'draft_no_recipients',
  'draft_no_documents',
  'draft_bad_recipient',
  'not_cancellable',
  'not_resendable',
  'contacts_file_empty',
  'contacts_file_unreadable',
  'contacts_file_no_fax_column',
  'contacts_import_expired',
  'contacts_import_changed',
] as const;

/** A draft as Compose shows it. */
export type Draft = z.output<typeof draftSchema>;
/** One document of a draft. */
export type DraftDocument = z.output<typeof draftDocumentSchema>;
/** One recipient as typed. */
export type DraftRecipient = z.output<typeof draftRecipientSchema>;
/** The cover page fields. */
export type Cover = z.output<typeof coverSchema>;
/** One outbox or sent row. */
export type OutboxRow = z.output<typeof outboxRowSchema>;
/** Outbox counts. */
export type OutboxCounts = z.output<typeof outboxCountsSchema>;
/** A contact. */
export type Contact = z.output<typeof contactSchema>;
/** What an import would do. */
export type ContactImportPreview = z.output<typeof contactImportPreviewSchema>;
/** Why a number is refused. */
export type NumberProblem = z.output<typeof numberProblemSchema>;
/** Why a file is refused. */
export type FileProblem = z.output<typeof fileProblemSchema>;
/** How a fax failed. */
export type FailureReason = z.output<typeof failureReasonSchema>;
