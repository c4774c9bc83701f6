import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger';
import {
  CANCEL_MY_JOBS,
  CLOSE_JOB,
  IDENTIFY_PRINTER,
  printerAttributes,
  selectAttributes,
  supportedOperations,
} from './ipp-attributes';
import { JobState, JobTable, jobAttributes, selectJobAttributes, type PrintJob } from './ipp-jobs';
import { C, type IppAttribute } from './ipp-values';
import { printFormats, PrintDocumentError, toPdf } from './print-documents';

/** A finished print job handed to the app (it becomes a new draft). */
export interface ReceivedJob {
  jobId: number;
  name: string;
  user: string;
  pdf: Uint8Array;
  pages: number;
}

/** A decoded IPP request (ipp-encoder's shape). */
export interface IppRequest {
  version: { major: number; minor: number };
  operationId: number;
  requestId: number;
  groups: { tag: number; attributes: { tag: number; name: string; value: unknown[] }[] }[];
}

/** An attribute group of a response. */
export type IppGroup = { tag: number; attributes: IppAttribute[] };

/** An IPP status to answer with (and the attributes to list as unsupported). */
export class IppFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly unsupported: IppAttribute[] = [],
  ) {
    super(message);
  }
}

/** What the operations need from the endpoint around them. */
export interface IppOperationsOptions {
  log: Logger;
  paper: 'a4' | 'letter';
  /** The printer URI, known once the transport listens. */
  url: () => string;
  /** Where each job's PDF goes; a rejection aborts the job. */
  onJob(job: ReceivedJob): Promise<void>;
  /** Called when the job list changes (for the status bar's counters). */
  onChange?(): void;
}

/**
 * The printer's IPP operations over its job table, independent of HTTP: a decoded request in,
 * the response's attribute groups out (or an IppFailure). A job's document becomes a PDF and is
 * handed over after the answer, so the client never waits for the draft.
 */
export class IppOperations {
  private readonly jobs = new JobTable();
  private readonly uuid = randomUUID();
  private upSince = Date.now();
  private stateChangedAt = Date.now();
  /** Jobs handed to the app since start. */
  delivered = 0;

  constructor(private readonly options: IppOperationsOptions) {}

  private get url(): string {
    return this.options.url();
  }

  /** The printer (re)started: its up-time and state time begin now. */
  started(at = Date.now()): void {
    this.upSince = at;
    this.stateChangedAt = at;
  }

  /** Carries out one request; throws IppFailure for an IPP error status. */
  async operate(request: IppRequest, data: Buffer): Promise<IppGroup[]> {
    const { version, operationId, requestId } = request;
    if (version.major !== 1 && version.major !== 2)
      throw new IppFailure(C.SERVER_ERROR_VERSION_NOT_SUPPORTED, 'IPP version not supported');
    if (requestId <= 0) throw new IppFailure(C.CLIENT_ERROR_BAD_REQUEST, 'bad request-id');
    const op = request.groups[0];
    if (!op || op.tag !== C.OPERATION_ATTRIBUTES_TAG)
      throw new IppFailure(C.CLIENT_ERROR_BAD_REQUEST, 'no operation attributes');
    if (
      op.attributes[0]?.name !== 'attributes-charset' ||
      op.attributes[1]?.name !== 'attributes-natural-language'
    )
      throw new IppFailure(
        C.CLIENT_ERROR_BAD_REQUEST,
        'attributes-charset and attributes-natural-language must come first',
      );
    const charset = String(op.attributes[0].value[0]).toLowerCase();
    if (charset !== 'utf-8' && charset !== 'us-ascii')
      throw new IppFailure(C.CLIENT_ERROR_CHARSET_NOT_SUPPORTED, 'charset not supported');
    const attr = (name: string): unknown[] | undefined =>
      op.attributes.find((a) => a.name === name)?.value;
    const one = (name: string): unknown => attr(name)?.[0];
    if (!supportedOperations.includes(operationId))
      throw new IppFailure(C.SERVER_ERROR_OPERATION_NOT_SUPPORTED, 'operation not supported');
    if (typeof one('printer-uri') !== 'string' && typeof one('job-uri') !== 'string')
      throw new IppFailure(C.CLIENT_ERROR_BAD_REQUEST, 'printer-uri missing');
    const requested = (attr('requested-attributes') ?? []).map(String);
    const now = Date.now();
    const user = String(one('requesting-user-name') ?? 'anonymous');

    const checkFormat = (): string => {
      const format = String(one('document-format') ?? 'application/octet-stream');
      if (!(printFormats as readonly string[]).includes(format))
        throw new IppFailure(
          C.CLIENT_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED,
          `${format} is not supported`,
          [{ tag: C.MIME_MEDIA_TYPE, name: 'document-format', value: format }],
        );
      const compression = String(one('compression') ?? 'none');
      if (compression !== 'none')
        throw new IppFailure(
          C.CLIENT_ERROR_COMPRESSION_NOT_SUPPORTED,
          `${compression} is not supported`,
          [{ tag: C.KEYWORD, name: 'compression', value: compression }],
        );
      return format;
    };
    const findJob = (): PrintJob => {
      const fromUri = /\/(\d+)$/.exec(String(one('job-uri') ?? ''))?.[1];
      const id = Number(one('job-id') ?? fromUri);
      if (!Number.isInteger(id)) throw new IppFailure(C.CLIENT_ERROR_BAD_REQUEST, 'job-id missing');
      const job = this.jobs.get(id);
      if (!job) throw new IppFailure(C.CLIENT_ERROR_NOT_FOUND, 'no such job');
      return job;
    };
    const jobGroup = (job: PrintJob, names: string[]) => ({
      tag: C.JOB_ATTRIBUTES_TAG,
      attributes: selectJobAttributes(jobAttributes(job, this.url, this.upSince), names),
    });
    const answerJob = (job: PrintJob) =>
      jobGroup(job, ['job-id', 'job-uri', 'job-state', 'job-state-reasons', 'job-state-message']);

    switch (operationId) {
      case C.GET_PRINTER_ATTRIBUTES: {
        const format = one('document-format');
        if (format !== undefined) checkFormat();
        const all = printerAttributes(this.facts(), now);
        return [{ tag: C.PRINTER_ATTRIBUTES_TAG, attributes: selectAttributes(all, requested) }];
      }
      case C.VALIDATE_JOB:
        checkFormat();
        return [];
      case C.PRINT_JOB: {
        const format = checkFormat();
        const job = this.jobs.create(
          { name: jobName(one('job-name')), user, format, awaitingDocument: false },
          now,
        );
        this.receive(job, data);
        return [answerJob(job)];
      }
      case C.CREATE_JOB: {
        const job = this.jobs.create(
          {
            name: jobName(one('job-name')),
            user,
            format: 'application/octet-stream',
            awaitingDocument: true,
          },
          now,
        );
        // A Create-Job whose document never comes is aborted after multiple-operation-time-out.
        setTimeout(() => {
          if (job.awaitingDocument)
            this.jobs.finish(job, JobState.aborted, 'aborted-by-system', Date.now());
        }, 60_000).unref();
        this.options.onChange?.();
        return [answerJob(job)];
      }
      case C.SEND_DOCUMENT: {
        const job = findJob();
        if (!job.awaitingDocument)
          throw new IppFailure(C.CLIENT_ERROR_NOT_POSSIBLE, 'the job already has its document');
        const last = one('last-document');
        if (typeof last !== 'boolean')
          throw new IppFailure(C.CLIENT_ERROR_BAD_REQUEST, 'last-document missing');
        if (!last)
          throw new IppFailure(
            C.SERVER_ERROR_MULTIPLE_DOCUMENT_JOBS_NOT_SUPPORTED,
            'one document per job',
          );
        job.format = checkFormat();
        job.awaitingDocument = false;
        this.receive(job, data);
        return [answerJob(job)];
      }
      case C.CANCEL_JOB: {
        const job = findJob();
        if (job.state >= JobState.canceled)
          throw new IppFailure(C.CLIENT_ERROR_NOT_POSSIBLE, 'the job has already finished');
        this.jobs.finish(job, JobState.canceled, 'job-canceled-by-user', now);
        this.options.onChange?.();
        return [];
      }
      case CANCEL_MY_JOBS:
        for (const job of this.jobs.list('not-completed'))
          if (job.user === user)
            this.jobs.finish(job, JobState.canceled, 'job-canceled-by-user', now);
        this.options.onChange?.();
        return [];
      case CLOSE_JOB: {
        const job = findJob();
        if (job.awaitingDocument)
          this.jobs.finish(job, JobState.aborted, 'aborted-by-system', now, 'no document');
        return [];
      }
      case IDENTIFY_PRINTER:
        return []; // nothing to blink: a virtual printer
      case C.GET_JOB_ATTRIBUTES:
        return [jobGroup(findJob(), requested.length ? requested : ['all'])];
      case C.GET_JOBS: {
        const which = String(one('which-jobs') ?? 'not-completed');
        if (!['completed', 'not-completed', 'all'].includes(which))
          throw new IppFailure(C.CLIENT_ERROR_ATTRIBUTES_OR_VALUES_NOT_SUPPORTED, 'which-jobs', [
            { tag: C.KEYWORD, name: 'which-jobs', value: which },
          ]);
        const limit = Number(one('limit') ?? Infinity);
        const names = requested.length ? requested : ['job-id', 'job-uri'];
        return this.jobs
          .list(which as 'completed')
          .filter((job) => one('my-jobs') !== true || job.user === user)
          .slice(0, limit)
          .map((job) => jobGroup(job, names));
      }
      default:
        throw new IppFailure(C.SERVER_ERROR_OPERATION_NOT_SUPPORTED, 'operation not supported');
    }
  }

  /** Takes the job's document: converts it to PDF and hands it over, after the IPP answer. */
  private receive(job: PrintJob, data: Buffer): void {
    job.octets = data.length;
    job.state = JobState.processing;
    job.reasons = ['job-printing'];
    job.processingAt = Date.now();
    this.options.onChange?.();
    const work = async () => {
      if (data.length === 0) throw new PrintDocumentError('the job has no document');
      const { pdf, pages } = await toPdf(job.format, new Uint8Array(data), this.options.paper);
      job.pages = pages;
      if (job.state !== JobState.processing) return; // cancelled meanwhile
      await this.options.onJob({ jobId: job.id, name: job.name, user: job.user, pdf, pages });
      this.delivered += 1;
      this.jobs.finish(job, JobState.completed, 'job-completed-successfully', Date.now());
    };
    work()
      .catch((error: unknown) => {
        const reason =
          error instanceof PrintDocumentError ? 'document-format-error' : 'aborted-by-system';
        this.options.log.warn('print job not delivered', {
          job: job.id,
          reason,
          error: String(error),
        });
        if (job.state === JobState.processing)
          this.jobs.finish(job, JobState.aborted, reason, Date.now(), String(error));
      })
      .finally(() => this.options.onChange?.());
  }

  private facts() {
    return {
      url: this.url,
      uuid: this.uuid,
      paper: this.options.paper,
      accepting: true,
      queued: this.jobs.active(),
      upSince: this.upSince,
      stateChangedAt: this.stateChangedAt,
    };
  }
}

function jobName(value: unknown): string {
  const raw =
    typeof value === 'object' && value !== null && 'value' in value
      ? (value as { value: unknown }).value
      : value;
  const name = typeof raw === 'string' ? raw.trim() : '';
  return name.slice(0, 200) || 'Printed document';
}
