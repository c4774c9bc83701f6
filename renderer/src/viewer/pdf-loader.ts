import { getDocument, PDFWorker, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { pdfAssetOptions } from './pdf-assets';
import { classifyLoadError, type LoadFailure } from './load-errors';
import { isDeadline, withDeadline } from './watchdog';

/** A document that could not be opened, with the reason the user is told. */
export class PdfLoadError extends Error {
  override readonly name = 'PdfLoadError';
  constructor(
    readonly reason: LoadFailure,
    detail: string,
  ) {
    super(detail);
  }
}

/** An open document and the worker it lives in; `close` ends both, `kill` when it is hung. */
export interface OpenDocument {
  pdf: PDFDocumentProxy;
  /** Asks the worker something trivial; false when it does not answer in time (hung). */
  isAlive(milliseconds: number): Promise<boolean>;
  /** Orderly shutdown, with a deadline in case the worker no longer answers. */
  close(): Promise<void>;
}

/** A pdf.js worker started ahead of need, so the next document skips loading its script. */
let spare: Worker | null = null;
/** Resolves once the spare worker has loaded and run its script (pdf.js posts "ready"). */
let spareReady: Promise<void> = Promise.resolve();
/** Screens (the inbox, Compose) that want a worker kept ready while they are shown. */
let wanted = 0;
let refill: ReturnType<typeof setTimeout> | undefined;

function startWorker(): Worker {
  return new Worker(workerUrl, { type: 'module', name: 'pdfjs' });
}

/**
 * Starts a pdf.js worker now (loading and compiling its ~1 MB script) unless one is already
 * waiting, so the next `openPdf` finds it ready. Cheap to call again (on hover, on mount).
 */
export function warmPdfWorker(): void {
  if (spare) return;
  const worker = startWorker();
  spare = worker;
  // pdf.js's worker says "ready" once its ~1 MB module is compiled and run (0.3–0.8 s here);
  // nothing else listens for that message, so hearing it costs pdf.js nothing.
  spareReady = new Promise<void>((resolve) => {
    worker.addEventListener('message', () => resolve(), { once: true });
    worker.addEventListener('error', () => resolve(), { once: true });
  });
}

/** Resolves once the worker started ahead has loaded its script (the benchmark waits for it). */
export function pdfWorkerReady(): Promise<void> {
  return spareReady;
}

/**
 * Keeps one pdf.js worker ready while the calling screen is shown: one now, and a new one a
 * little after each document takes it (never during the first paint). Returns the release.
 */
export function keepPdfWorkerWarm(): () => void {
  wanted += 1;
  warmPdfWorker();
  return () => {
    wanted -= 1;
    if (wanted > 0) return;
    clearTimeout(refill);
    spare?.terminate();
    spare = null;
  };
}

/** The waiting worker if there is one (each document gets its own), else a new one. */
function takeWorker(): Worker {
  const worker = spare ?? startWorker();
  spare = null;
  if (wanted > 0) {
    clearTimeout(refill);
    refill = setTimeout(() => {
      if (wanted > 0) warmPdfWorker();
    }, refillDelayMs);
  }
  return worker;
}

/** How long after a document opens its successor's worker starts (after the first paint). */
const refillDelayMs = 3_000;

/**
 * Opens PDF bytes in a fresh worker of our own (started ahead by `warmPdfWorker` when it could), so a worker stuck on a hostile file can be
 * terminated without touching any other document. pdf.js gets a copy of the bytes because it
 * transfers (detaches) the buffer it is given. No scripting (we never load pdf.js's sandbox),
 * no eval (pdf.js 6 dropped `isEvalSupported` because it no longer compiles code; our CSP forbids
 * it anyway), no network: the bytes are all it gets.
 */
export async function openPdf(
  bytes: Uint8Array,
  loadMs: number,
  options: { spare?: boolean } = {},
): Promise<OpenDocument> {
  // Work in the background (rendering ahead) passes spare: false and leaves the warm worker
  // for the fax the user opens next.
  const worker = options.spare === false ? startWorker() : takeWorker();
  const pdfWorker = PDFWorker.create({ port: worker, verbosity: 0 });
  const task = getDocument({
    data: bytes.slice(),
    worker: pdfWorker,
    enableXfa: false,
    disableWorkerRendering: true,
    maxImageSize: 100_000_000,
    verbosity: 0,
    ...pdfAssetOptions(),
  });
  const kill = () => {
    pdfWorker.destroy();
    worker.terminate();
  };
  let pdf: PDFDocumentProxy;
  try {
    pdf = await withDeadline(task.promise, loadMs);
  } catch (error) {
    // Destroying a task that already failed may fail too; there is nothing left to free.
    task.destroy().catch(() => undefined);
    kill();
    throw new PdfLoadError(classifyLoadError(error), String(error));
  }
  if (pdf.numPages < 1) {
    kill();
    throw new PdfLoadError('empty', 'The document has no pages');
  }
  return {
    pdf,
    async isAlive(milliseconds) {
      try {
        await withDeadline(pdf.getPageLabels(), milliseconds);
        return true;
      } catch (error) {
        return !isDeadline(error);
      }
    },
    async close() {
      await withDeadline(task.destroy(), 1_000).catch(() => undefined);
      kill();
    },
  };
}
