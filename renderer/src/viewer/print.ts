import type { PDFDocumentProxy } from 'pdfjs-dist';
import { releaseCanvas, renderPage } from './render-page';

/** Print resolution: 150 dpi is finer than a fine-mode fax (204×196 dpi ≈ 200) needs on paper. */
const printZoom = 150 / 96;

/**
 * Renders every page (one rotation per page) to a PNG blob URL for the print-only container, one page at a time so
 * memory holds one canvas at a time. The caller revokes the URLs after printing.
 */
export async function renderForPrint(
  pdf: PDFDocumentProxy,
  rotations: readonly number[],
  deadlineMs: number,
  signal: AbortSignal,
  onProgress: (done: number) => void,
): Promise<string[]> {
  const urls: string[] = [];
  try {
    for (let index = 0; index < rotations.length; index += 1) {
      const canvas = await renderPage({
        pdf,
        pageNumber: index + 1,
        zoom: printZoom,
        rotation: rotations[index] ?? 0,
        devicePixelRatio: 1,
        deadlineMs,
        signal,
      });
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      releaseCanvas(canvas);
      if (!blob) throw new Error('The page could not be turned into an image');
      urls.push(URL.createObjectURL(blob));
      onProgress(index + 1);
    }
    return urls;
  } catch (error) {
    for (const url of urls) URL.revokeObjectURL(url);
    throw error;
  }
}
