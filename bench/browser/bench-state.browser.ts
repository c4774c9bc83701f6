/** What a benchmark page reports to the harness through `window.benchState`. */
export interface BenchState {
  start: number;
  /** Page 1 first painted at any size (the old figure: often a 25 % render in a narrow pane). */
  firstAnyPaint: number | null;
  /** Page 1 first painted at its final size (see `atFinalSize`): the figure we compare. */
  firstPaint: number | null;
  /** Where that paint came from (`ahead`: page 1 rendered ahead; `pdf`; null: the reference). */
  firstSource?: string | null;
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
  window.benchState ??= { start: 0, firstAnyPaint: null, firstPaint: null, showPage: null };
  return window.benchState;
}

function scrollingPane(element: Element): Element | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return node;
  }
  return null;
}

/**
 * True when a page's canvas is drawn at the size it keeps: its pane is in a wide (final) column
 * and the canvas spans at least half of it, on screen and in backing pixels. A render at 25 %
 * zoom in the grid's narrow first column fails both, as do its stale pixels once the pane widens.
 */
export function atFinalSize(canvas: HTMLCanvasElement | null | undefined): boolean {
  if (!canvas) return false;
  const pane = scrollingPane(canvas);
  if (!pane || pane.clientWidth < 400) return false;
  const width = canvas.getBoundingClientRect().width;
  return width >= pane.clientWidth / 2 && canvas.width >= width / 2;
}
