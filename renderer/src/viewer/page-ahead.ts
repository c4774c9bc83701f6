/**
 * Page 1 rendered ahead: for the prefetched newest unread faxes the inbox renders page 1, while
 * it is idle, exactly as the viewer would draw it at fit width in the reading pane, and main
 * keeps the image encrypted beside the document. Opening such a fax shows the image at once;
 * pdf.js then draws the same pixels over it. Pure parts here; the hooks in `usePageAhead.ts`.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { cssPixelsPerPoint, normaliseRotation, outputScale, resolveZoom } from './layout';
import { renderPage, releaseCanvas } from './render-page';

/** Bump when the drawing changes (pdf.js, canvas rules): older images are then never shown. */
const drawingVersion = 1;

/** What shaped the image, as stored by main (`pageAheadMetaSchema` in the contract). */
export interface PageAheadMeta {
  paneWidth: number;
  devicePixelRatio: number;
  /** Page 1's size in points with its own /Rotate applied, and that /Rotate. */
  pageWidth: number;
  pageHeight: number;
  ownRotation: number;
  pageCount: number;
}

/** A page rendered ahead, decoded and ready to be drawn. */
export interface PageAheadImage {
  key: string;
  meta: PageAheadMeta;
  bitmap: ImageBitmap;
}

/** The key an image is stored and looked up under: the drawing version, pane width and ratio. */
export function pageAheadKey(paneWidth: number, devicePixelRatio: number): string {
  return `v${drawingVersion}:w${Math.round(paneWidth)}:d${devicePixelRatio}`;
}

/** The pane width and ratio in a key of this drawing version; null for any other key. */
export function parsePageAheadKey(
  key: string,
): { paneWidth: number; devicePixelRatio: number } | null {
  const match = /^v(\d+):w(\d+):d(\d+(?:\.\d+)?)$/.exec(key);
  if (!match || Number(match[1]) !== drawingVersion) return null;
  return { paneWidth: Number(match[2]), devicePixelRatio: Number(match[3]) };
}

/** The fit-width zoom the viewer opens page 1 at in a pane this wide (all pages as page 1). */
export function aheadZoom(paneWidth: number, page: { width: number; height: number }): number {
  return resolveZoom({ kind: 'fitWidth' }, { width: paneWidth, height: 1 }, page, page);
}

/** The canvas pixels `renderPage` makes for a page of this shown size at this zoom. */
export function canvasPixels(
  shown: { width: number; height: number },
  zoom: number,
  devicePixelRatio: number,
): { width: number; height: number } {
  const cssWidth = shown.width * zoom * cssPixelsPerPoint;
  const cssHeight = shown.height * zoom * cssPixelsPerPoint;
  const ratio = outputScale(devicePixelRatio, cssWidth, cssHeight);
  return {
    width: Math.max(1, Math.floor(cssWidth * ratio)),
    height: Math.max(1, Math.floor(cssHeight * ratio)),
  };
}

/** What the viewer is about to draw page 1 as, to compare with an image rendered ahead. */
export interface PageOneNow {
  paneWidth: number;
  devicePixelRatio: number;
  zoom: number;
  /** Page 1's size as shown (own and user rotation applied), and its total rotation. */
  shown: { width: number; height: number };
  rotation: number;
}

/**
 * Whether an image rendered ahead is exactly what the viewer would draw now: same pane width,
 * pixel ratio, zoom, rotation and pixel size (within the one-pixel rounding of pdf.js's own
 * viewport arithmetic). Anything else is stale and never shown.
 */
export function aheadMatches(image: PageAheadImage, now: PageOneNow): boolean {
  const { meta, bitmap } = image;
  if (image.key !== pageAheadKey(now.paneWidth, now.devicePixelRatio)) return false;
  if (meta.paneWidth !== Math.round(now.paneWidth)) return false;
  if (normaliseRotation(now.rotation) !== normaliseRotation(meta.ownRotation)) return false;
  const page = { width: meta.pageWidth, height: meta.pageHeight };
  if (Math.abs(now.zoom - aheadZoom(meta.paneWidth, page)) > 1e-9) return false;
  const expected = canvasPixels(now.shown, now.zoom, now.devicePixelRatio);
  return (
    Math.abs(bitmap.width - expected.width) <= 1 && Math.abs(bitmap.height - expected.height) <= 1
  );
}

/**
 * Draws page 1 as the viewer would open it in a pane `paneWidth` wide (fit width, upright) and
 * encodes it as PNG (lossless, so pdf.js's later drawing of the page changes no pixel).
 */
export async function renderPageOneAhead(
  pdf: PDFDocumentProxy,
  paneWidth: number,
  devicePixelRatio: number,
  deadlineMs: number,
): Promise<{ meta: PageAheadMeta; png: Uint8Array }> {
  const page = await pdf.getPage(1);
  // The size with the page's own /Rotate applied, as the viewer lays it out (user turn 0).
  const size = page.getViewport({ scale: 1 });
  const zoom = aheadZoom(paneWidth, size);
  const canvas = await renderPage({
    pdf,
    pageNumber: 1,
    zoom,
    rotation: page.rotate,
    devicePixelRatio,
    deadlineMs,
    signal: new AbortController().signal,
  });
  try {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The page could not be encoded');
    const meta: PageAheadMeta = {
      paneWidth: Math.round(paneWidth),
      devicePixelRatio,
      pageWidth: size.width,
      pageHeight: size.height,
      ownRotation: normaliseRotation(page.rotate),
      pageCount: Math.min(pdf.numPages, 10_000),
    };
    return { meta, png: new Uint8Array(await blob.arrayBuffer()) };
  } finally {
    releaseCanvas(canvas);
    page.cleanup();
  }
}

/** The reading pane's width the last time a fax was open in it (module memory, per window). */
let lastPane: { paneWidth: number; devicePixelRatio: number } | null = null;
const paneListeners = new Set<() => void>();

/** Records the reading pane's size as the inbox's viewer measured it. */
export function rememberPane(paneWidth: number, devicePixelRatio: number): void {
  const next = { paneWidth: Math.round(paneWidth), devicePixelRatio };
  if (lastPane?.paneWidth === next.paneWidth && lastPane.devicePixelRatio === next.devicePixelRatio)
    return;
  lastPane = next;
  for (const listener of paneListeners) listener();
}

/** The reading pane last measured, if any. */
export function rememberedPane(): { paneWidth: number; devicePixelRatio: number } | null {
  return lastPane;
}

/** Calls back when the remembered pane changes; returns the unsubscribe. */
export function onPaneChange(listener: () => void): () => void {
  paneListeners.add(listener);
  return () => paneListeners.delete(listener);
}

/** Until when a fax being opened has the machine to itself (no rendering ahead meanwhile). */
let openingUntil = 0;

/** Called by the viewer as a fax opens: rendering ahead waits a few seconds. */
export function noteViewerOpening(milliseconds = 3_000): void {
  openingUntil = Math.max(openingUntil, performance.now() + milliseconds);
}

/** How long rendering ahead should still wait for a fax being opened (0: not at all). */
export function viewerOpeningFor(): number {
  return Math.max(0, openingUntil - performance.now());
}
