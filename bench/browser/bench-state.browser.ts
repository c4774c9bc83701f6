/** What a benchmark page reports to the harness through `window.benchState`. */
export interface BenchState {
  start: number;
  firstPaint: number | null;
  /** Scrolls page N into view and resolves once it is painted. */
  showPage: ((pageNumber: number) => Promise<void>) | null;
}

declare global {
  interface Window {
    benchState?: BenchState;
  }
}

/** The page's benchmark state, created on first use. */
export function benchState(): BenchState {
  window.benchState ??= { start: 0, firstPaint: null, showPage: null };
  return window.benchState;
}
