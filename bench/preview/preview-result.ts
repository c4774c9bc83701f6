/** What the preview bench page reports back to bench/compose-preview.bench.ts. */
export interface PreviewResult {
  pages: number;
  firstPageMs: number;
  allPagesMs: number;
  /** Black dots the 1-bit slicer counted on page 1 (null for the pdf.js-only reference). */
  blackDotsPage1: number | null;
}
