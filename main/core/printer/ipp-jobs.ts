import {
  C,
  dateTime,
  enumValue,
  integer,
  keyword,
  nameValue,
  text,
  uri,
  type IppAttribute,
} from './ipp-values';

/** IPP job states (RFC 8011 §5.3.7). */
export const JobState = {
  pending: 3,
  held: 4,
  processing: 5,
  stopped: 6,
  canceled: 7,
  aborted: 8,
  completed: 9,
} as const;

/** One print job as the endpoint tracks it. */
export interface PrintJob {
  id: number;
  name: string;
  user: string;
  format: string;
  state: number;
  reasons: string[];
  message: string;
  createdAt: number;
  processingAt: number | null;
  completedAt: number | null;
  octets: number;
  pages: number;
  /** Create-Job waits for its Send-Document. */
  awaitingDocument: boolean;
}

/** The endpoint's recent jobs; finished ones are forgotten after `keep`. */
export class JobTable {
  private readonly jobs = new Map<number, PrintJob>();
  private nextId = 1;

  constructor(private readonly keep = 50) {}

  /** A new job in `pending`. */
  create(
    fields: { name: string; user: string; format: string; awaitingDocument: boolean },
    now: number,
  ): PrintJob {
    const job: PrintJob = {
      id: this.nextId++,
      ...fields,
      state: JobState.pending,
      reasons: [fields.awaitingDocument ? 'job-incoming' : 'none'],
      message: '',
      createdAt: now,
      processingAt: null,
      completedAt: null,
      octets: 0,
      pages: 0,
    };
    this.jobs.set(job.id, job);
    this.prune();
    return job;
  }

  get(id: number): PrintJob | undefined {
    return this.jobs.get(id);
  }

  /** Jobs newest first. */
  list(which: 'completed' | 'not-completed' | 'all'): PrintJob[] {
    return [...this.jobs.values()]
      .filter((j) => which === 'all' || (which === 'completed') === j.state >= JobState.canceled)
      .reverse();
  }

  /** Jobs not finished yet (queued-job-count). */
  active(): number {
    return [...this.jobs.values()].filter((j) => j.state < JobState.canceled).length;
  }

  /** Moves a job to a final state. */
  finish(job: PrintJob, state: 7 | 8 | 9, reason: string, now: number, message = ''): void {
    job.state = state;
    job.reasons = [reason];
    job.message = message;
    job.awaitingDocument = false;
    job.completedAt = now;
  }

  private prune(): void {
    const done = [...this.jobs.values()].filter((j) => j.state >= JobState.canceled);
    for (const job of done.slice(0, Math.max(0, done.length - this.keep))) this.jobs.delete(job.id);
  }
}

/** A job's attributes for Get-Job-Attributes, Get-Jobs and the answer to Print-Job. */
export function jobAttributes(
  job: PrintJob,
  printerUrl: string,
  upSince: number,
): Map<string, IppAttribute> {
  const up = (at: number | null) =>
    at === null ? null : Math.max(1, Math.round((at - upSince) / 1000) + 1);
  const time = (name: string, at: number | null): IppAttribute =>
    at === null ? { tag: C.NO_VALUE, name, value: '' } : integer(name, up(at)!);
  const date = (name: string, at: number | null): IppAttribute =>
    at === null ? { tag: C.NO_VALUE, name, value: '' } : dateTime(name, new Date(at));
  const list: IppAttribute[] = [
    integer('job-id', job.id),
    uri('job-uri', `${printerUrl}/${job.id}`),
    uri('job-printer-uri', printerUrl),
    nameValue('job-name', job.name),
    nameValue('job-originating-user-name', job.user),
    enumValue('job-state', job.state),
    keyword('job-state-reasons', job.reasons),
    text('job-state-message', job.message || ' '),
    integer('job-printer-up-time', up(Date.now())!),
    time('time-at-creation', job.createdAt),
    time('time-at-processing', job.processingAt),
    time('time-at-completed', job.completedAt),
    date('date-time-at-creation', job.createdAt),
    date('date-time-at-processing', job.processingAt),
    date('date-time-at-completed', job.completedAt),
    integer('job-k-octets', Math.ceil(job.octets / 1024)),
    integer('job-impressions-completed', job.state === JobState.completed ? job.pages : 0),
    integer('number-of-documents', job.awaitingDocument ? 0 : 1),
    { tag: C.MIME_MEDIA_TYPE, name: 'document-format-supplied', value: job.format },
    integer('copies', 1),
  ];
  return new Map(list.map((a) => [a.name, a]));
}

/** The job attributes a request asked for (`all`, `job-description`, `job-template` or names). */
export function selectJobAttributes(
  all: Map<string, IppAttribute>,
  requested: string[],
): IppAttribute[] {
  if (requested.some((r) => r === 'all' || r === 'job-description')) return [...all.values()];
  if (requested.includes('job-template')) return [all.get('copies')!];
  return requested.map((r) => all.get(r)).filter((a): a is IppAttribute => !!a);
}
