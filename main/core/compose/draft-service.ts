import { randomUUID } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import { checkFaxNumber, paperForRecipients } from '../../../preload/fax-numbers';
import type {
  Draft,
  DraftDocument,
  DraftRecipient,
  FileProblem,
} from '../../../preload/send-contract';
import type { Logger } from '../log/logger';
import type { Outbox } from '../outbox/outbox';
import type { SealedFiles } from '../outbox/sealed-files';
import { AppError } from '../rpc/app-error';
import type { ConvertOffice, IncomingFile } from './documents';
import { DraftStore, emptyBody, type DraftBody } from './draft-store';
import type { FontSource } from './fonts';
import { lineSeconds } from './line-seconds';
import type { MergedFax } from './merge';
import type { Paper } from './page-layout';

/**
 * The document code (pdf-lib, the TIFF decoder, the cover page: ~1 MB of bundle) loads at the
 * first document or preview, not with the app: a restart does not compile it before the inbox.
 */
const documentCode = () => import('./documents');
const mergeCode = () => import('./merge');

/** What number checks and the preview need to know about the account, fetched by the caller. */
export interface SendContext {
  country: string;
  paper: Paper;
  language: 'en' | 'ja';
  ownNumbers: string[];
  blockedNumbers: string[];
  sentPages: { used: number; limit: number | null };
}

/** What the draft service tells the rest of the app. */
export interface DraftListener {
  changed(count: number, id: string | null): void;
  /** Asks the UI to show a draft (printer, Open with, Forward). */
  open(draftId: string): void;
  /** Work on a draft's documents: converting/normalising each file, merging (`drafts:progress`). */
  progress?(progress: DraftProgress): void;
}

/** The `drafts:progress` event's payload (see preload/send-contract.ts). */
export interface DraftProgress {
  draftId: string;
  stage: 'normalising' | 'converting' | 'merging' | 'done';
  /** The file being worked on (null while merging and when done). */
  name: string | null;
  /** Which file of how many (merging: documents fitted so far of all). */
  index: number;
  of: number;
  /** 0..1 of this stage when known (the Office converter reports it), else null. */
  fraction: number | null;
}

/** Everything drafts need. */
export interface DraftServiceOptions {
  db: Db;
  files: SealedFiles;
  fonts: FontSource;
  outbox: Outbox;
  context: () => Promise<SendContext>;
  listener: DraftListener;
  log: Logger;
  /** The received fax a Forward attaches. */
  forwardDocument?: (faxId: string) => Promise<IncomingFile>;
  /** A PDF the viewer opened through main (`files:openPdf`), by its id. */
  openedDocument?: (openedId: string) => Promise<IncomingFile>;
  /** The Office converter (issue 12); Office files are refused until it is wired. */
  convertOffice?: ConvertOffice;
  now?: () => number;
}

/** The outcome of adding one file. */
export type AddedFile =
  | { ok: true; name: string; document: DraftDocument }
  | { ok: false; name: string; code: FileProblem; message: string };

/**
 * Drafts: what Compose edits, saved in the account database as it changes (documents as
 * sealed files), several at once, surviving restarts. Documents are checked and normalised
 * when added, so a refusal is immediate and a draft only ever holds sendable documents.
 * `createDraft` is the door for the printer, Open with and the command line.
 */
export class DraftService {
  readonly store: DraftStore;
  private readonly previews = new Map<string, { key: string; fax: Promise<MergedFax> }>();

  constructor(private readonly options: DraftServiceOptions) {
    this.store = new DraftStore(options.db, options.now);
  }

  /** Every draft, newest first. */
  list(): Draft[] {
    return this.store.list();
  }

  /** One draft. */
  get(id: string): Draft {
    const draft = this.store.get(id);
    if (!draft) throw new AppError('draft_not_found', 'No such draft');
    return draft;
  }

  /**
   * A new empty draft from Compose; with `forwardFaxId`, the received fax attached; with
   * `openedFileId`, the PDF the viewer opened through main; with `files`, those files.
   */
  async create(request: {
    forwardFaxId?: string;
    openedFileId?: string;
    files?: IncomingFile[];
  }): Promise<Draft> {
    if (request.openedFileId) {
      if (!this.options.openedDocument)
        throw new AppError('file_unreadable', 'No file was opened here');
      const file = await this.options.openedDocument(request.openedFileId);
      return this.createDraft({ files: [file], origin: 'forward', open: false });
    }
    if (request.files)
      return this.createDraft({ files: request.files, origin: 'forward', open: false });
    if (!request.forwardFaxId) return this.createEmpty('compose', {});
    if (!this.options.forwardDocument)
      throw new AppError('not_found', 'Forwarding needs the inbox');
    const file = await this.options.forwardDocument(request.forwardFaxId);
    return this.createDraft({ files: [file], origin: 'forward', open: false });
  }

  /**
   * Makes a draft from files (the printer, Open with, the CLI) and asks the UI to show it.
   * Refused files are reported with the draft; the draft keeps the others.
   */
  async createDraft(input: {
    subject?: string;
    files: IncomingFile[];
    origin: Draft['origin'];
    recipients?: DraftRecipient[];
    cover?: Partial<DraftBody['cover']>;
    open?: boolean;
  }): Promise<Draft & { results: AddedFile[] }> {
    const draft = this.createEmpty(input.origin, {
      subject: input.subject ?? '',
      recipients: input.recipients ?? [],
      cover: { ...emptyBody.cover, ...input.cover },
    });
    const { results } = await this.addFiles(draft.id, input.files);
    if (input.open !== false) this.options.listener.open(draft.id);
    return { ...this.get(draft.id), results };
  }

  /** Saves what Compose changed. */
  update(patch: {
    id: string;
    recipients?: DraftRecipient[];
    subject?: string;
    cover?: Partial<DraftBody['cover']>;
    resolution?: DraftBody['resolution'];
  }): Draft {
    const body = this.body(patch.id);
    const next: DraftBody = {
      recipients: patch.recipients ?? body.recipients,
      subject: patch.subject ?? body.subject,
      cover: { ...body.cover, ...patch.cover },
      resolution: patch.resolution ?? body.resolution,
    };
    this.store.saveBody(patch.id, next);
    this.changed(patch.id);
    return this.get(patch.id);
  }

  /** Checks, normalises and stores each file; refused files change nothing. */
  async addFiles(
    id: string,
    files: IncomingFile[],
  ): Promise<{ draft: Draft; results: AddedFile[] }> {
    const context = await this.options.context();
    const { normaliseDocument, sniff } = await documentCode();
    const results: AddedFile[] = [];
    const tell = (
      stage: DraftProgress['stage'],
      name: string | null,
      index: number,
      fraction: number | null,
    ) =>
      this.options.listener.progress?.({
        draftId: id,
        stage,
        name,
        index,
        of: files.length,
        fraction,
      });
    for (const [index, file] of files.entries()) {
      this.get(id);
      tell(sniff(file) === 'office' ? 'converting' : 'normalising', file.name, index, null);
      const normalised = await normaliseDocument(file, {
        paper: context.paper,
        fonts: this.options.fonts,
        convertOffice: this.options.convertOffice,
        onProgress: (fraction) =>
          tell('converting', file.name, index, Math.min(1, Math.max(0, fraction))),
      });
      if (!normalised.ok) {
        this.options.log.info('file refused', { code: normalised.code });
        results.push({
          ok: false,
          name: file.name,
          code: normalised.code,
          message: normalised.message,
        });
        continue;
      }
      const document: DraftDocument = {
        id: randomUUID(),
        name: file.name,
        kind: normalised.kind,
        pages: normalised.pages,
        size: file.bytes.length,
      };
      await this.options.files.put(document.id, normalised.pdf);
      this.store.addDocument(id, document);
      results.push({ ok: true, name: file.name, document });
    }
    tell('done', null, files.length, 1);
    this.changed(id);
    return { draft: this.get(id), results };
  }

  /** Reorders a document. */
  moveDocument(id: string, documentId: string, toIndex: number): Draft {
    if (!this.store.moveDocument(id, documentId, toIndex))
      throw new AppError('not_found', 'No such document');
    this.changed(id);
    return this.get(id);
  }

  /** Removes a document. */
  async removeDocument(id: string, documentId: string): Promise<Draft> {
    if (!this.store.removeDocument(id, documentId))
      throw new AppError('not_found', 'No such document');
    await this.options.files.remove(documentId);
    this.changed(id);
    return this.get(id);
  }

  /** One document's normalised PDF (for its thumbnail). */
  async documentPdf(
    id: string,
    documentId: string,
  ): Promise<{ name: string; bytes: Buffer; pages: number }> {
    const doc = this.get(id).documents.find((d) => d.id === documentId);
    if (!doc) throw new AppError('not_found', 'No such document');
    const bytes = await this.options.files.get(documentId);
    if (!bytes) throw new AppError('file_damaged', 'The stored document is damaged');
    return { name: doc.name, bytes, pages: doc.pages };
  }

  /** The merged fax as it would go, with time on the line and the plan's pages. */
  async preview(id: string) {
    const [fax, context] = await Promise.all([this.merged(id), this.options.context()]);
    const body = this.body(id);
    const needed = fax.pages * Math.max(1, body.recipients.length);
    const { used, limit } = context.sentPages;
    return {
      bytes: fax.pdf,
      pages: fax.pages,
      paper: fax.paper,
      lineSeconds: lineSeconds(fax.pages, body.resolution),
      resolution: body.resolution,
      quota: { used, limit, needed, over: limit !== null && used + needed > limit },
    };
  }

  /** Deletes a draft and its files (the UI asked first). */
  async discard(id: string): Promise<boolean> {
    const documents = this.store.remove(id);
    for (const documentId of documents) await this.options.files.remove(documentId);
    this.previews.delete(id);
    this.changed(null);
    return true;
  }

  /**
   * Re-checks every number (own and blocked ones are refused here with the service's
   * wording), merges, writes the send to the outbox and removes the draft.
   */
  async send(id: string): Promise<{ sendId: string; ids: string[] }> {
    const draft = this.get(id);
    const context = await this.options.context();
    if (draft.recipients.length === 0) throw new AppError('draft_no_recipients', 'No recipients');
    if (draft.documents.length === 0 && draft.cover.template === 'none')
      throw new AppError('draft_no_documents', 'Nothing to send');
    const recipients: { number: string; contactName: string | null }[] = [];
    for (const recipient of draft.recipients) {
      const checked = checkFaxNumber(recipient.e164 ?? recipient.input, context.country, {
        own: context.ownNumbers,
        blocked: context.blockedNumbers,
      });
      if (!checked.ok)
        throw new AppError(checked.problem, `A recipient cannot be sent to: ${checked.problem}`);
      if (!recipients.some((r) => r.number === checked.e164))
        recipients.push({ number: checked.e164, contactName: recipient.contactName });
    }
    const fax = await this.merged(id);
    const queued = await this.options.outbox.enqueue({
      pdf: fax.pdf,
      pages: fax.pages,
      subject: draft.subject.trim() || null,
      recipients,
    });
    await this.discard(id);
    return queued;
  }

  private createEmpty(origin: Draft['origin'], body: Partial<DraftBody>): Draft {
    const id = randomUUID();
    this.store.create(id, origin, { ...emptyBody, ...body });
    this.changed(id);
    return this.get(id);
  }

  private body(id: string): DraftBody {
    const body = this.store.body(id);
    if (!body) throw new AppError('draft_not_found', 'No such draft');
    return body;
  }

  private changed(id: string | null): void {
    this.options.listener.changed(this.store.count(), id);
  }

  /** The recipients' paper when they agree (Letter for US/CA/MX…, else A4), else the locale's. */
  private paperOf(draft: Draft, context: SendContext): Paper {
    return paperForRecipients(
      draft.recipients.map((r) => r.e164 ?? checkNumberOrNull(r.input, context.country)),
      context.paper,
    );
  }

  /** The merged fax, reused while the draft is unchanged. */
  private merged(id: string): Promise<MergedFax> {
    const draft = this.get(id);
    const key = `${draft.updatedAt}:${draft.documents.map((d) => d.id).join(',')}`;
    const cached = this.previews.get(id);
    if (cached?.key === key) return cached.fax;
    const fax = (async () => {
      const [context, { refitOnPaper }, { mergeFax }] = await Promise.all([
        this.options.context(),
        documentCode(),
        mergeCode(),
      ]);
      const paper = this.paperOf(draft, context);
      const of = draft.documents.length;
      const tell = (stage: 'merging' | 'done', index: number) =>
        this.options.listener.progress?.({
          draftId: id,
          stage,
          name: null,
          index,
          of,
          fraction: of === 0 || stage === 'done' ? 1 : index / (of + 1),
        });
      tell('merging', 0);
      const documents = [];
      for (const doc of draft.documents) {
        const pdf = await this.options.files.get(doc.id);
        if (!pdf)
          throw new AppError(
            'file_damaged',
            `${doc.name} is damaged on disk; remove it and add it again`,
          );
        documents.push({ pdf: await refitOnPaper(pdf, paper), pages: doc.pages });
        tell('merging', documents.length);
      }
      const merged = await mergeFax({
        cover: draft.cover,
        facts: { subject: draft.subject, date: new Date(), language: context.language },
        documents,
        paper,
        fonts: this.options.fonts,
      });
      tell('done', of);
      return merged;
    })();
    this.previews.set(id, { key, fax });
    fax.catch(() => this.previews.delete(id));
    return fax;
  }
}

function checkNumberOrNull(input: string, country: string): string | null {
  const checked = checkFaxNumber(input, country);
  return checked.ok ? checked.e164 : null;
}
