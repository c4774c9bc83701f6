import { abortableSleep } from './abortable-sleep';

/** What happened on the line. */
export type CarrierResult =
  | { outcome: 'delivered'; pagesSent: number }
  | {
      outcome: 'failed';
      reason: 'busy' | 'no_answer' | 'invalid_number' | 'rejected';
      pagesSent: number;
    };

/** A way to put a fax on a phone line. Real carrier adapters implement this later. */
export interface Carrier {
  readonly name: string;
  transmit(job: { to: string; pages: number }, signal: AbortSignal): Promise<CarrierResult>;
}

/** Numbers the demo line treats specially; everything else answers and receives. */
export const demoNumbers = {
  busy: '+81300000001',
  noAnswer: '+81300000002',
  rejectsAfterFirstPage: '+81300000003',
  unallocated: '+81300000000',
} as const;

/** Bytes of a typical fine-mode page on the wire (MMR-compressed text page). */
export const bytesPerPage = 25_000;
/** The line rate of a V.17 fax modem. */
export const bitsPerSecond = 14_400;

/**
 * A SIMULATED phone line, not a real carrier: it takes the time a 14.4 kbit/s fax call would
 * (about 14 s a page, divided by `lineSpeed` for tests and demos) and answers busy, no
 * answer, rejected or unallocated for the documented demo numbers.
 */
export class DemoCarrier implements Carrier {
  readonly name = 'demo line (simulated)';

  constructor(private readonly lineSpeed = 1) {}

  /** Seconds one page takes on the simulated line. */
  secondsPerPage(): number {
    return (bytesPerPage * 8) / bitsPerSecond / this.lineSpeed;
  }

  async transmit(job: { to: string; pages: number }, signal: AbortSignal): Promise<CarrierResult> {
    const ringMs = Math.min(3000, 3000 / this.lineSpeed);
    await abortableSleep(ringMs, signal);
    if (job.to === demoNumbers.busy) return { outcome: 'failed', reason: 'busy', pagesSent: 0 };
    if (job.to === demoNumbers.noAnswer)
      return { outcome: 'failed', reason: 'no_answer', pagesSent: 0 };
    if (job.to === demoNumbers.unallocated)
      return { outcome: 'failed', reason: 'invalid_number', pagesSent: 0 };
    const pages = job.to === demoNumbers.rejectsAfterFirstPage ? 1 : job.pages;
    await abortableSleep(pages * this.secondsPerPage() * 1000, signal);
    if (job.to === demoNumbers.rejectsAfterFirstPage)
      return { outcome: 'failed', reason: 'rejected', pagesSent: 1 };
    return { outcome: 'delivered', pagesSent: job.pages };
  }
}
