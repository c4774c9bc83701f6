import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError, Result } from '../../../preload/contract';
import { windowsFor } from '../inbox/virtual-range';
import { detach } from './detach';

/** Rows are fetched from main in aligned windows of this many. */
export const windowSize = 100;

/** One window of rows from main, and how many rows the whole list has. */
export type RowsQuery<Row> = (
  offset: number,
  limit: number,
) => Promise<Result<{ total: number; rows: Row[] }>>;

/**
 * The rows of a virtual list (inbox, Outbox, Sent): only the windows the list shows are
 * fetched, a new query drops them all, and `reload(true)` refreshes the ones on screen in
 * place. `query` must change exactly when the criteria do (a useCallback over them).
 */
export function useWindowedRows<Row extends { id: string }>(
  query: RowsQuery<Row>,
  search: string,
  what: string,
) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  // The search whose rows are on screen: a readiness signal for tests and the benchmark.
  const [shownSearch, setShownSearch] = useState<string | null>(null);
  const [, setRevision] = useState(0);
  const windows = useRef(new Map<number, Row[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef({ start: 0, end: windowSize });

  const fetchWindow = useCallback(
    async (offset: number) => {
      const mine = generation.current;
      inFlight.current.add(offset);
      const result = await query(offset, windowSize);
      if (mine !== generation.current) return;
      inFlight.current.delete(offset);
      if (!result.ok) return setError(result.error);
      setError(null);
      windows.current.set(offset, result.value.rows);
      setTotal(result.value.total);
      setShownSearch(search);
      setRevision((r) => r + 1);
    },
    [query, search],
  );

  /** Makes sure the rows of a range are loaded (the list calls it as it scrolls). */
  const ensure = useCallback(
    (range: { start: number; end: number }, force = false) => {
      lastRange.current = range;
      const span = { start: range.start, end: Math.max(range.end, range.start + 1) };
      for (const offset of windowsFor(span, windowSize)) {
        const needed = force || !windows.current.has(offset);
        if (needed && !inFlight.current.has(offset))
          detach(`loading ${what} rows`, fetchWindow(offset));
      }
    },
    [fetchWindow, what],
  );

  /**
   * Fetches again. After a change in main the rows on screen stay until their fresh copy
   * arrives (no flicker); after a new query everything is dropped at once.
   */
  const reload = useCallback(
    (keepVisible: boolean) => {
      generation.current += 1;
      inFlight.current = new Set();
      const visible = new Set(windowsFor(lastRange.current, windowSize));
      const kept = new Map<number, Row[]>();
      if (keepVisible)
        for (const [offset, rows] of windows.current)
          if (visible.has(offset)) kept.set(offset, rows);
      windows.current = kept;
      ensure(lastRange.current, true);
    },
    [ensure],
  );

  useEffect(() => {
    lastRange.current = { start: 0, end: windowSize };
    reload(false);
  }, [reload]);

  /** The row at an index, if its window has arrived. */
  const rowAt = (index: number): Row | undefined => {
    const offset = Math.floor(index / windowSize) * windowSize;
    return windows.current.get(offset)?.[index - offset];
  };

  /** A loaded row by id (an open item follows the list's updates). */
  const findRow = (id: string): Row | undefined => {
    for (const rows of windows.current.values()) {
      const found = rows.find((row) => row.id === id);
      if (found) return found;
    }
    return undefined;
  };

  return { total, error, shownSearch, rowAt, findRow, ensure, reload };
}
