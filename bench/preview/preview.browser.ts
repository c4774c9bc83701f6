/// <reference types="vite/client" />
/**
 * Benchmark page for the Compose preview: opens `fax.pdf` with the viewer's own loader and
 * draws every page one after another, `?mode=ours` through the viewer's renderPage at fine fax
 * resolution (204×196 dots, then the 1-bit slicer), `?mode=reference` with pdf.js onto a canvas
 * of the same size and squash, without the 1-bit step but rasterised (one pixel read). Sets `window.previewResult`.
 */
import { faxRenderScale } from '../../renderer/src/viewer/fax-resolution';
import { openPdf } from '../../renderer/src/viewer/pdf-loader';
import { renderPage } from '../../renderer/src/viewer/render-page';
import { checkOneBit } from './one-bit-check.browser';
import type { OneBitCheck, PreviewResult } from './preview-result';

const mode = new URLSearchParams(location.search).get('mode') ?? 'ours';
const bytes = new Uint8Array(await (await fetch('./docs/fax.pdf')).arrayBuffer());
async function timeRenders(): Promise<PreviewResult> {
  const started = performance.now();
  const doc = await openPdf(bytes, 60_000);
  const signal = new AbortController().signal;
  const { scale, vertical } = faxRenderScale('fine');
  let firstPageMs = 0;
  let blackDotsPage1: number | null = null;
  for (let pageNumber = 1; pageNumber <= doc.pdf.numPages; pageNumber += 1) {
    let canvas: HTMLCanvasElement;
    if (mode === 'ours') {
      canvas = await renderPage({
        pdf: doc.pdf,
        pageNumber,
        zoom: 1,
        rotation: 0,
        devicePixelRatio: 1,
        deadlineMs: 60_000,
        signal,
        fax: 'fine',
      });
    } else {
      const page = await doc.pdf.getPage(pageNumber);
      const viewport = page.getViewport({ scale });
      canvas = document.createElement('canvas');
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height * vertical);
      await page.render({ canvas, viewport, transform: [1, 0, 0, vertical, 0, 0] }).promise;
      // Chromium only records the drawing; reading a pixel makes it rasterise, as showing the
      // page would (the 1-bit path reads every pixel, so it always pays for this).
      canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
    }
    if (pageNumber === 1) {
      firstPageMs = performance.now() - started;
      blackDotsPage1 = canvas.dataset.blackDots ? Number(canvas.dataset.blackDots) : null;
    }
    canvas.width = 0;
    canvas.height = 0;
  }
  const result: PreviewResult = {
    pages: doc.pdf.numPages,
    firstPageMs,
    allPagesMs: performance.now() - started,
    blackDotsPage1,
  };
  await doc.close();
  return result;
}

if (mode === 'check') {
  const doc = await openPdf(bytes, 60_000);
  const check = await checkOneBit(doc.pdf);
  await doc.close();
  (window as unknown as { oneBitCheck: OneBitCheck }).oneBitCheck = check;
} else {
  (window as unknown as { previewResult: PreviewResult }).previewResult = await timeRenders();
}
