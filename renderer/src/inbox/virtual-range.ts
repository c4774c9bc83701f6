/** The rows a scrolled list must render: the visible ones plus an overscan either side. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 8,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(0, viewportHeight) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(total, first + count + overscan) };
}

/** The windows (of `size` rows, aligned) that cover a range, for fetching from main. */
export function windowsFor(range: { start: number; end: number }, size: number): number[] {
  const out: number[] = [];
  for (let offset = Math.floor(range.start / size) * size; offset < range.end; offset += size)
    out.push(offset);
  return out;
}

/**
 * The windows of a range to fetch: each one not loaded, and one loaded only in part (a new
 * search's first window holds a screenful) once the range needs rows past what it holds and
 * the list has more; every window of the range with `force`. `loaded` gives how many rows a
 * window holds, or undefined when it has none.
 */
export function windowsToLoad(
  range: { start: number; end: number },
  loaded: (offset: number) => number | undefined,
  total: number | null,
  size: number,
  force = false,
): number[] {
  const span = { start: range.start, end: Math.max(range.end, range.start + 1) };
  return windowsFor(span, size).filter((offset) => {
    const rows = loaded(offset);
    if (force || rows === undefined) return true;
    return rows < size && offset + rows < (total ?? 0) && span.end > offset + rows;
  });
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return null;
}
