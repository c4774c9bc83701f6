import type { PDFDocumentProxy } from 'pdfjs-dist';
import { faxRenderScale, thresholdToOneBit, type FaxResolution } from './fax-resolution';
import { cssPixelsPerPoint, normaliseRotation, outputScale } from './layout';
import { DeadlineError } from './watchdog';

/** What to draw: which page, how big, turned how far, and how long it may take. */
export interface RenderRequest {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  /** Zoom factor, 1 = 100 %. */
  zoom: number;
  /** Total rotation: the page's own /Rotate plus the user's. */
  rotation: number;
  /** Device pixels per CSS pixel (already capped by the caller or here). */
  devicePixelRatio: number;
  deadlineMs: number;
  signal: AbortSignal;
  /** Largest canvas in pixels; thumbnails and print pass their own. */
  maxPixels?: number;
  /**
   * Draw the page as the far end's fax machine prints it: one canvas pixel per fax dot at
   * this resolution, then 1-bit black and white. The zoom then only scales the canvas on screen.
   */
  fax?: FaxResolution | undefined;
}

/** The largest fax raster drawn (a hostile page size must not allocate gigabytes). */
const maxFaxPixels = 16 * 1024 * 1024;

/** Gives a canvas's memory back at once instead of waiting for garbage collection. */
export function releaseCanvas(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}

/**
 * Renders one page into a new canvas sized from the page's viewport (its MediaBox, never its
 * images' pixel counts, so a 204×98 dpi fax keeps its true shape). Rejects with
 * `DeadlineError` when pdf.js has not finished in time, after cancelling the render; rejects
 * with an `AbortError` when the caller no longer wants the page.
 */
export async function renderPage(request: RenderRequest): Promise<HTMLCanvasElement> {
  const { pdf, pageNumber, signal, deadlineMs } = request;
  const started = performance.now();
  const timeLeft = () => deadlineMs - (performance.now() - started);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancel: (() => void) | null = null;
  const canvas = document.createElement('canvas');

  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        cancel?.();
        reject(new DeadlineError(deadlineMs));
      },
      Math.max(0, timeLeft()),
    );
  });
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => {
      cancel?.();
      reject(new DOMException('Render no longer wanted', 'AbortError'));
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  const work = (async () => {
    const page = await pdf.getPage(pageNumber);
    if (request.fax) {
      await drawFaxRaster(page, canvas, request.fax, request.rotation, signal, (stop) => {
        cancel = stop;
      });
      return canvas;
    }
    const cssViewport = page.getViewport({
      scale: request.zoom * cssPixelsPerPoint,
      rotation: normaliseRotation(request.rotation),
    });
    const ratio = outputScale(
      request.devicePixelRatio,
      cssViewport.width,
      cssViewport.height,
      request.maxPixels,
    );
    const viewport = cssViewport.clone({ scale: request.zoom * cssPixelsPerPoint * ratio });
    canvas.width = Math.max(1, Math.floor(viewport.width));
    canvas.height = Math.max(1, Math.floor(viewport.height));
    if (signal.aborted) throw new DOMException('Render no longer wanted', 'AbortError');
    const task = page.render({ canvas, viewport });
    cancel = () => task.cancel();
    await task.promise;
    return canvas;
  })();
  try {
    return await Promise.race([work, deadline, aborted]);
  } catch (error) {
    releaseCanvas(canvas);
    work.catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

type PdfPage = Awaited<ReturnType<RenderRequest['pdf']['getPage']>>;

/**
 * Draws a page at fax resolution (204 dots per inch across, 196 or 98 lines per inch down:
 * standard's dots are twice as tall as wide, so pdf.js draws through a vertical squash),
 * then slices it to 1 bit.
 */
async function drawFaxRaster(
  page: PdfPage,
  canvas: HTMLCanvasElement,
  resolution: FaxResolution,
  rotation: number,
  signal: AbortSignal,
  onCancel: (cancel: () => void) => void,
): Promise<void> {
  const { scale, vertical } = faxRenderScale(resolution);
  let viewport = page.getViewport({ scale, rotation: normaliseRotation(rotation) });
  const area = viewport.width * viewport.height * vertical;
  if (area > maxFaxPixels)
    viewport = viewport.clone({ scale: scale * Math.sqrt(maxFaxPixels / area) });
  canvas.width = Math.max(1, Math.round(viewport.width));
  canvas.height = Math.max(1, Math.round(viewport.height * vertical));
  if (signal.aborted) throw new DOMException('Render no longer wanted', 'AbortError');
  const task = page.render({ canvas, viewport, transform: [1, 0, 0, vertical, 0, 0] });
  onCancel(() => task.cancel());
  await task.promise;
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const black = thresholdToOneBit(image.data);
  context.putImageData(image, 0, 0);
  canvas.dataset.faxResolution = resolution;
  canvas.dataset.blackDots = String(black);
}
