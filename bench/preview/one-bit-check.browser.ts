/**
 * `?mode=check` of the preview bench page: every page drawn by pdf.js at fine fax resolution,
 * then sliced to 1 bit twice, by the viewer's word-wise `thresholdToOneBit` and by the original
 * per-pixel loop; any pixel or black-dot count that differs is reported. Also times each step,
 * to show where the 1-bit render's time goes.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { faxRenderScale, thresholdToOneBit } from '../../renderer/src/viewer/fax-resolution';
import { thresholdToOneBitOriginal } from '../../test/helpers/one-bit-reference';
import type { OneBitCheck } from './preview-result';

export async function checkOneBit(pdf: PDFDocumentProxy): Promise<OneBitCheck> {
  const { scale, vertical } = faxRenderScale('fine');
  const ms = { render: 0, raster: 0, read: 0, original: 0, words: 0, write: 0 };
  let differentPixels = 0;
  let differentCounts = 0;
  let blackDots = 0;
  for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber += 1) {
    const page = await pdf.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height * vertical);
    let started = performance.now();
    await page.render({ canvas, viewport, transform: [1, 0, 0, vertical, 0, 0] }).promise;
    ms.render += performance.now() - started;
    const context = canvas.getContext('2d')!;
    // Chromium records the drawing and rasterises it when the pixels are first needed: one
    // pixel read makes it rasterise, so the full read below is the copy alone.
    started = performance.now();
    context.getImageData(0, 0, 1, 1);
    ms.raster += performance.now() - started;
    started = performance.now();
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    ms.read += performance.now() - started;
    const copy = new Uint8ClampedArray(image.data);
    started = performance.now();
    const before = thresholdToOneBitOriginal(copy);
    ms.original += performance.now() - started;
    started = performance.now();
    const after = thresholdToOneBit(image.data);
    ms.words += performance.now() - started;
    if (before !== after) differentCounts += 1;
    blackDots += after;
    for (let i = 0; i < copy.length; i += 1) if (copy[i] !== image.data[i]) differentPixels += 1;
    started = performance.now();
    context.putImageData(image, 0, 0);
    ms.write += performance.now() - started;
    canvas.width = 0;
    canvas.height = 0;
    page.cleanup();
  }
  return { pages: pdf.numPages, ms, differentPixels, differentCounts, blackDots };
}
