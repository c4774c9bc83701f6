import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError, FaxSummary, InboxQuery } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { windowsFor } from './virtual-range';
import { detach } from '../app/detach';

/** Rows are fetched from main in aligned windows of this many. */
export const windowSize = 100;

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;

/**
 * The inbox rows for a virtual list: only the windows the list shows are fetched, a new
 * search or filter drops them all, and a change in main refreshes the ones on screen.
 */
export function useInboxRows(criteria: Criteria) {
  const kamifax = useKamifax();
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  // The search whose rows are on screen: a readiness signal for tests and the benchmark.
  const [shownSearch, setShownSearch] = useState<string | null>(null);
  const [, setRevision] = useState(0);
  const windows = useRef(new Map<number, FaxSummary[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef({ start: 0, end: windowSize });

  const fetchWindow = useCallback(
    async (offset: number) => {
      const mine = generation.current;
      inFlight.current.add(offset);
      const result = await kamifax.inbox.query({ ...criteria, offset, limit: windowSize });
      if (mine !== generation.current) return;
      inFlight.current.delete(offset);
      if (!result.ok) return setError(result.error);
      setError(null);
      windows.current.set(offset, result.value.rows);
      setTotal(result.value.total);
      setShownSearch(criteria.search);
      setRevision((r) => r + 1);
    },
    [kamifax, criteria],
  );

  /** Makes sure the rows of a range are loaded (the list calls it as it scrolls). */
  const ensure = useCallback(
    (range: { start: number; end: number }, force = false) => {
      lastRange.current = range;
      const span = { start: range.start, end: Math.max(range.end, range.start + 1) };
      for (const offset of windowsFor(span, windowSize)) {
        const needed = force || !windows.current.has(offset);
        if (needed && !inFlight.current.has(offset))
          detach('loading inbox rows', fetchWindow(offset));
      }
    },
    [fetchWindow],
  );

  /**
   * Fetches again. After a change in main the rows on screen stay until their fresh copy
   * arrives (no flicker); after a new search everything is dropped at once.
   */
  const reload = useCallback(
    (keepVisible: boolean) => {
      generation.current += 1;
      inFlight.current = new Set();
      const visible = new Set(windowsFor(lastRange.current, windowSize));
      const kept = new Map<number, FaxSummary[]>();
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

  // Rows are read again only when they changed (a new revision), not on every status.
  useEffect(() => {
    let seen: number | null = null;
    return kamifax.on('inbox:changed', ({ revision }) => {
      if (revision === seen) return;
      seen = revision;
      reload(true);
    });
  }, [kamifax, reload]);

  /** The row at an index, if its window has arrived. */
  const rowAt = (index: number): FaxSummary | undefined => {
    const offset = Math.floor(index / windowSize) * windowSize;
    return windows.current.get(offset)?.[index - offset];
  };

  return { total, error, shownSearch, rowAt, ensure, reload: () => reload(true) };
}
