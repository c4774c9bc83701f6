import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  inspectWorkerSource,
  type InspectionReader,
  type WorkerLimits,
  type WorkerVerdict,
} from './inspect-worker';

/** The budgets of one inspection; the defaults suit a 20 MB, 200-page upload on a slow core. */
export interface InspectorOptions {
  /** Workers kept for inspections (they are reused; a terminated one is replaced). */
  workers?: number;
  /** Wall time one document may take in a worker. */
  timeBudgetMs?: number;
  /** The worker's old-generation heap; a document needing more is refused. */
  heapMb?: number;
  /** How much the workers yield to the event loop (a nice value, 0–19; 10 by default). */
  nice?: number;
  /** `pdf-lib` parses every document fully (a reference for tests); `auto` by default. */
  reader?: InspectionReader;
  limits: WorkerLimits;
}

/** Why a document was not inspected to the end: over the time or memory budget. */
export type InspectionOutcome = WorkerVerdict | { kind: 'over_budget'; reason: 'time' | 'memory' };

/** A document to inspect: its bytes, or a file the worker reads itself (no copy between heaps). */
export type InspectionSource = Uint8Array | { path: string };

interface Job {
  id: number;
  source: InspectionSource;
  resolve: (outcome: InspectionOutcome) => void;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded pdf-lib; until then it gets no job (its start is not budgeted). */
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

/**
 * A small pool of worker threads that parse uploaded PDFs off the event loop, each with a heap
 * limit (`resourceLimits`) and a time budget: a document that exceeds either gets its worker
 * terminated (and replaced) and is reported `over_budget`, while the service keeps answering.
 * Workers are started once and reused, since starting one (and loading pdf-lib) costs more
 * than inspecting a typical fax.
 */
export class PdfInspector {
  private readonly slots: Slot[] = [];
  /**
   * Waiting jobs per owner (an account), served in turn: one account's 50 uploads wait behind
   * each other, not in front of another account's one. Map order is the rotation.
   */
  private readonly queues = new Map<string, Job[]>();
  private readonly size: number;
  private readonly timeBudgetMs: number;
  private readonly heapMb: number;
  private readonly pdfLib = createRequire(import.meta.url).resolve('pdf-lib');
  private readonly reader: InspectionReader;
  private nextId = 1;
  private closed = false;
  /** How many verdicts the bounded reader (or the inflate check) and pdf-lib reached. */
  readonly readBy = { quick: 0, pdfLib: 0 };

  constructor(private readonly options: InspectorOptions) {
    this.size = Math.max(1, options.workers ?? 2);
    this.timeBudgetMs = options.timeBudgetMs ?? 8_000;
    this.heapMb = options.heapMb ?? 192;
    this.reader = options.reader ?? 'auto';
  }

  /** Starts the workers now, so the first upload does not pay for it. */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.slots.push(this.spawn());
  }

  /**
   * Inspects one document for `owner` (whose jobs take turns with other owners'); never
   * rejects (a crash or a budget is an outcome).
   */
  inspect(source: InspectionSource, owner = ''): Promise<InspectionOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'over_budget', reason: 'time' });
    return new Promise((resolve) => {
      const waiting = this.queues.get(owner) ?? [];
      this.queues.set(owner, waiting);
      waiting.push({ id: this.nextId++, source, resolve });
      this.pump();
    });
  }

  /** Ends the workers; waiting inspections are answered as over budget. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queues.values())
      for (const job of waiting) job.resolve({ kind: 'over_budget', reason: 'time' });
    this.queues.clear();
    const slots = this.slots.splice(0);
    for (const slot of slots) this.settle(slot, { kind: 'over_budget', reason: 'time' });
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (!this.closed && this.queues.size > 0) {
      if (this.slots.length < this.size) this.slots.push(this.spawn());
      const slot = this.slots.find((candidate) => candidate.ready && candidate.job === null);
      if (!slot) {
        // Work is waiting for a worker that is still starting: keep the process alive for it.
        for (const starting of this.slots) if (!starting.ready) starting.worker.ref();
        return;
      }
      const job = this.next();
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => this.replace(slot, 'time'), this.timeBudgetMs);
      const { source } = job;
      slot.worker.postMessage(
        source instanceof Uint8Array
          ? { id: job.id, bytes: source, limits: this.options.limits, reader: this.reader }
          : { id: job.id, path: source.path, limits: this.options.limits, reader: this.reader },
      );
    }
  }

  /** The first job of the owner whose turn it is; that owner goes to the back of the line. */
  private next(): Job {
    const [owner, waiting] = this.queues.entries().next().value!;
    const job = waiting.shift()!;
    this.queues.delete(owner);
    if (waiting.length > 0) this.queues.set(owner, waiting);
    return job;
  }

  private spawn(): Slot {
    const worker = new Worker(inspectWorkerSource, {
      eval: true,
      workerData: { pdfLib: this.pdfLib, nice: this.options.nice ?? 10 },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 32 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    // An idle worker must not keep the process alive.
    worker.unref();
    worker.on(
      'message',
      (message: {
        ready?: true;
        id?: number;
        verdict?: WorkerVerdict;
        by?: 'quick' | 'pdf-lib';
      }) => {
        if (message.ready) {
          slot.ready = true;
          worker.unref();
          this.pump();
          return;
        }
        if (!message.verdict || slot.job?.id !== message.id) return;
        if (message.by === 'quick') this.readBy.quick += 1;
        else this.readBy.pdfLib += 1;
        this.settle(slot, message.verdict);
        worker.unref();
        this.pump();
      },
    );
    // ERR_WORKER_OUT_OF_MEMORY arrives here; any other crash is treated the same way.
    worker.on('error', () => this.replace(slot, 'memory'));
    worker.on('exit', () => this.replace(slot, 'memory'));
    return slot;
  }

  private settle(slot: Slot, outcome: InspectionOutcome): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.job;
    slot.job = null;
    job?.resolve(outcome);
  }

  /** Ends a worker that overran (or died) and puts a fresh one in its place. */
  private replace(slot: Slot, reason: 'time' | 'memory'): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.worker.removeAllListeners();
    // Swallow late errors of the dying worker.
    slot.worker.on('error', () => undefined);
    this.settle(slot, { kind: 'over_budget', reason });
    slot.worker.terminate().catch(() => undefined);
    this.pump();
  }
}
