/**
 * Page 1 rendered ahead: for the prefetched newest unread faxes the inbox renders page 1, while
 * it is idle, exactly as the viewer would draw it at fit width in the reading pane, and main
 * keeps the image encrypted beside the document. Opening such a fax shows the image at once;
 * pdf.js then draws the same pixels over it. Pure parts here (unit-tested); drawing and the
 * hooks in `usePageAhead.ts`.
 */
import { cssPixelsPerPoint, normaliseRotation, outputScale, resolveZoom } from './layout';

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

/** A page rendered ahead, decoded (`bitmap` is an ImageBitmap in the page; only its size here). */
export interface PageAheadShape {
  key: string;
  meta: PageAheadMeta;
  bitmap: { width: number; height: number };
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
export function aheadMatches(image: PageAheadShape, now: PageOneNow): boolean {
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
