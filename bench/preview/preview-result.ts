/** What the preview bench page reports back to bench/compose-preview.bench.ts. */
export interface PreviewResult {
  pages: number;
  firstPageMs: number;
  allPagesMs: number;
  /** Black dots the 1-bit slicer counted on page 1 (null for the pdf.js-only reference). */
  blackDotsPage1: number | null;
}

/** `?mode=check`: the word-wise slicer against the original, and where the time goes. */
export interface OneBitCheck {
  pages: number;
  /** Summed over all pages: pdf.js drawing, Chromium rasterising it, getImageData, each slicer, putImageData. */
  ms: {
    render: number;
    raster: number;
    read: number;
    original: number;
    words: number;
    write: number;
  };
  /** Bytes that differ between the two slicers' output (must be 0). */
  differentPixels: number;
  /** Pages whose black-dot counts differ (must be 0). */
  differentCounts: number;
  blackDots: number;
}
