/**
 * Pure geometry of the continuous page column: page sizes, offsets, which pages are on screen,
 * and the zoom arithmetic. No DOM here, so every rule is unit-tested without a browser.
 */

/** CSS pixels per PDF point at 100 %: PDF user space is 1/72 in, CSS pixels are 1/96 in. */
export const cssPixelsPerPoint = 96 / 72;
/** The smallest zoom the user may choose (25 %). */
export const minZoom = 0.25;
/** The largest zoom the user may choose (400 %). */
export const maxZoom = 4;
/** Space between pages, in CSS pixels; also the padding around the column. */
export const pageGap = 12;
/** The zoom steps +/− walk through, so repeated presses land on round figures. */
export const zoomSteps: readonly number[] = [
  0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4,
];

/** A page's unrotated size in PDF points, taken from its MediaBox/CropBox (the viewport). */
export interface PageSize {
  width: number;
  height: number;
}

/** How the user wants the pages sized: fitted to the pane, or a fixed percentage. */
export type ZoomMode =
  { kind: 'fitWidth' } | { kind: 'fitPage' } | { kind: 'custom'; zoom: number };

/** Where each page sits in the column at a given scale, in CSS pixels. */
export interface ColumnLayout {
  /** Top edge of each page. */
  tops: number[];
  widths: number[];
  heights: number[];
  /** Total scroll height, gaps included. */
  height: number;
  /** Width of the widest page. */
  width: number;
}

/** Clamps a zoom factor to the allowed 25–400 %. */
export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(maxZoom, Math.max(minZoom, zoom));
}

/** Normalises any multiple of 90 to 0, 90, 180 or 270. */
export function normaliseRotation(degrees: number): number {
  const quarter = Math.round(degrees / 90);
  return (((quarter % 4) + 4) % 4) * 90;
}

/** A page's size once rotated: a quarter turn swaps width and height. */
export function rotatedSize(size: PageSize, rotation: number): PageSize {
  return normaliseRotation(rotation) % 180 === 0
    ? size
    : { width: size.height, height: size.width };
}

/**
 * The zoom factor (1 = 100 %) a mode stands for in a pane of the given size. Fit width fits the
 * widest page; fit page fits the reference page (the current one) whole.
 */
export function resolveZoom(
  mode: ZoomMode,
  pane: { width: number; height: number },
  widest: PageSize,
  reference: PageSize,
): number {
  if (mode.kind === 'custom') return clampZoom(mode.zoom);
  const usableWidth = Math.max(1, pane.width - 2 * pageGap);
  const byWidth = usableWidth / (widest.width * cssPixelsPerPoint);
  if (mode.kind === 'fitWidth') return clampZoom(byWidth);
  const usableHeight = Math.max(1, pane.height - 2 * pageGap);
  const pageWidth = usableWidth / (reference.width * cssPixelsPerPoint);
  const pageHeight = usableHeight / (reference.height * cssPixelsPerPoint);
  return clampZoom(Math.min(pageWidth, pageHeight));
}

/** The next zoom step up (+1) or down (−1) from the current factor. */
export function stepZoom(current: number, direction: 1 | -1): number {
  const epsilon = 0.001;
  if (direction > 0) return zoomSteps.find((step) => step > current + epsilon) ?? maxZoom;
  return [...zoomSteps].reverse().find((step) => step < current - epsilon) ?? minZoom;
}

/** Lays out rotated page sizes top to bottom at a zoom factor. */
export function layoutColumn(sizes: readonly PageSize[], zoom: number): ColumnLayout {
  const scale = zoom * cssPixelsPerPoint;
  const tops: number[] = [];
  const widths: number[] = [];
  const heights: number[] = [];
  let y = pageGap;
  let width = 0;
  for (const size of sizes) {
    const w = Math.round(size.width * scale);
    const h = Math.round(size.height * scale);
    tops.push(y);
    widths.push(w);
    heights.push(h);
    width = Math.max(width, w);
    y += h + pageGap;
  }
  return { tops, widths, heights, height: y, width };
}

/** Index of the last page whose top is at or above `y` (binary search; 0 when above all). */
export function pageIndexAt(layout: ColumnLayout, y: number): number {
  let low = 0;
  let high = layout.tops.length - 1;
  if (high < 0) return 0;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((layout.tops[middle] ?? 0) <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * The pages to keep rendered: those intersecting the viewport, widened by `margin` pages on
 * each side so a small scroll never shows a blank page. Inclusive, zero-based.
 */
export function visibleRange(
  layout: ColumnLayout,
  scrollTop: number,
  viewportHeight: number,
  margin = 1,
): { first: number; last: number } {
  const count = layout.tops.length;
  if (count === 0) return { first: 0, last: -1 };
  const first = pageIndexAt(layout, scrollTop);
  const firstVisible =
    scrollTop > (layout.tops[first] ?? 0) + (layout.heights[first] ?? 0) ? first + 1 : first;
  const lastVisible = pageIndexAt(layout, scrollTop + viewportHeight);
  return {
    first: Math.max(0, Math.min(firstVisible, count - 1) - margin),
    last: Math.min(count - 1, lastVisible + margin),
  };
}

/**
 * The page the reader is on: the one under a line a third of the way down the pane, or the
 * last page once the column is scrolled to its end.
 */
export function currentPageIndex(
  layout: ColumnLayout,
  scrollTop: number,
  viewportHeight: number,
): number {
  const count = layout.tops.length;
  if (count === 0) return 0;
  if (scrollTop + viewportHeight >= layout.height - 1) {
    const lastTop = layout.tops[count - 1] ?? 0;
    if (lastTop < scrollTop + viewportHeight) return count - 1;
  }
  return pageIndexAt(layout, scrollTop + Math.min(viewportHeight / 3, 200));
}

/** The scroll position that puts a page's top edge at the top of the pane. */
export function scrollTopForPage(layout: ColumnLayout, index: number): number {
  const top = layout.tops[Math.max(0, Math.min(index, layout.tops.length - 1))] ?? 0;
  return Math.max(0, top - pageGap);
}

/**
 * Device pixels per CSS pixel for a page's canvas: the screen's ratio for sharp text, capped
 * at 2 and lowered further so one canvas never exceeds `maxPixels` (memory stays bounded).
 */
export function outputScale(
  devicePixelRatio: number,
  cssWidth: number,
  cssHeight: number,
  maxPixels = 16_777_216,
): number {
  const ratio = Math.min(2, Math.max(1, Number.isFinite(devicePixelRatio) ? devicePixelRatio : 1));
  const area = cssWidth * cssHeight * ratio * ratio;
  if (area <= maxPixels || area === 0) return ratio;
  return Math.sqrt(maxPixels / (cssWidth * cssHeight));
}

/** Parses what the user typed in the page box; null when it is not a page of this document. */
export function parsePageInput(text: string, pageCount: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const page = Number(trimmed);
  return page >= 1 && page <= pageCount ? page : null;
}
