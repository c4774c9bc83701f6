import { useCallback, useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PageSize } from './layout';
import { classifyLoadError, type LoadFailure } from './load-errors';
import { keepPdfWorkerWarm, openPdf, PdfLoadError, type OpenDocument } from './pdf-loader';
import { withDeadline } from './watchdog';
import { detach } from '../app/detach';

/** The document as the viewer sees it while it opens, once open, or when it cannot be. */
export type DocumentState =
  | { status: 'loading' }
  | { status: 'failed'; reason: LoadFailure }
  | {
      status: 'ready';
      pdf: PDFDocumentProxy;
      /** Each page's size in points with its own /Rotate applied (not the user's rotation). */
      sizes: PageSize[];
      /** Each page's own /Rotate, which rendering must add to the user's rotation. */
      ownRotations: number[];
      open: OpenDocument;
    };

/**
 * The most pages laid out. A hostile file can claim millions; no fax has 10,000 pages, and the
 * column stays cheap below this.
 */
export const maxPages = 10_000;

/** Pages whose sizes are fetched per round trip batch before the layout is updated. */
const sizeBatch = 50;

/**
 * Opens the bytes in a fresh worker and reports the sizes of every page, starting with all
 * pages assumed the size of page 1 (so the first page paints at once) and correcting them in
 * the background so the scrollbar is right. `restart` throws the worker away and opens the
 * document again: the way out of a hung worker.
 */
export function useDocument(
  bytes: Uint8Array,
  loadMs: number,
): { state: DocumentState; restart: () => void; notifyPainted: () => void } {
  const [generation, setGeneration] = useState(0);
  // Resolved when the first page is on screen; the size scan waits for it (at most 2 s) so
  // its 200 round trips to the worker never compete with the first paint.
  const painted = useRef<(() => void) | null>(null);
  // Each result remembers which bytes and which attempt it belongs to; anything else is loading.
  const [result, setResult] = useState<{
    bytes: Uint8Array;
    generation: number;
    state: DocumentState;
  } | null>(null);
  const state: DocumentState =
    result && result.bytes === bytes && result.generation === generation
      ? result.state
      : { status: 'loading' };

  useEffect(() => {
    let live = true;
    let opened: OpenDocument | null = null;
    let ready = false;
    const setState = (next: DocumentState) => setResult({ bytes, generation, state: next });
    const loading = (async () => {
      try {
        const open = await openPdf(bytes, loadMs);
        opened = open;
        if (!live) {
          await open.close();
          return;
        }
        const first = await withDeadline(open.pdf.getPage(1), loadMs);
        const size = first.getViewport({ scale: 1 });
        const count = Math.min(open.pdf.numPages, maxPages);
        const sizes = Array.from({ length: count }, () => ({
          width: size.width,
          height: size.height,
        }));
        const ownRotations = Array.from({ length: count }, () => first.rotate);
        ready = true;
        const firstPaint = new Promise<void>((resolve) => {
          painted.current = resolve;
          setTimeout(resolve, 2000);
        });
        setState({ status: 'ready', pdf: open.pdf, sizes: [...sizes], ownRotations, open });
        await firstPaint;
        let changed = false;
        for (let number = 2; number <= count && live; number += 1) {
          const page = await open.pdf.getPage(number);
          const viewport = page.getViewport({ scale: 1 });
          const known = sizes[number - 1];
          if (known && (known.width !== viewport.width || known.height !== viewport.height)) {
            sizes[number - 1] = { width: viewport.width, height: viewport.height };
            changed = true;
          }
          if (ownRotations[number - 1] !== page.rotate) {
            ownRotations[number - 1] = page.rotate;
            changed = true;
          }
          if (changed && (number % sizeBatch === 0 || number === count) && live) {
            changed = false;
            setState({
              status: 'ready',
              pdf: open.pdf,
              sizes: [...sizes],
              ownRotations: [...ownRotations],
              open,
            });
          }
        }
      } catch (error) {
        // Once the first page is up, a later page that fails to parse only fails on its own.
        if (!live || ready) return;
        if (opened) detach('closing a PDF', opened.close());
        const reason = error instanceof PdfLoadError ? error.reason : classifyLoadError(error);
        setState({ status: 'failed', reason: reason === 'unknown' ? 'invalid' : reason });
      }
    })();
    detach('opening a PDF', loading);
    return () => {
      live = false;
      if (opened) detach('closing a PDF', opened.close());
    };
  }, [bytes, loadMs, generation]);

  const restart = useCallback(() => setGeneration((n) => n + 1), []);
  const notifyPainted = useCallback(() => painted.current?.(), []);
  return { state, restart, notifyPainted };
}

/**
 * Keeps a pdf.js worker started ahead while the calling screen (the inbox, Compose) is shown,
 * so opening a fax does not wait for the worker's script to load and compile.
 */
export function useWarmPdfWorker(): void {
  useEffect(() => keepPdfWorkerWarm(), []);
}
