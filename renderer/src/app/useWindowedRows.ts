import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { BridgeError, Result } from '../../../preload/contract';
import { windowsFor, windowsToLoad } from '../inbox/virtual-range';
import { detach } from './detach';

/** Rows are fetched from main in aligned windows of this many. */
export const windowSize = 100;

/** One window of rows from main, and how many rows the whole list has. */
export type RowsQuery<Row> = (
  offset: number,
  limit: number,
  /** Count at most this many (`more` in the answer: the total is a lower bound). */
  countUpTo?: number,
) => Promise<Result<{ total: number; rows: Row[]; more?: boolean }>>;

/**
 * A new search's first window asks for the rows the list shows (with its overscan), at least
 * this many, instead of all `windowSize`: less to find, send and read per keystroke. The rest
 * of the window is fetched when the list scrolls past them.
 */
const firstWindowMin = 24;

/** After a capped count, the exact one is asked for once the search has rested this long. */
const exactCountDelayMs = 300;

/**
 * The rows of a virtual list (inbox, Outbox, Sent): only the windows the list shows are
 * fetched, a new query drops them all, and `reload(true)` refreshes the ones on screen in
 * place. `query` must change exactly when the criteria do (a useCallback over them).
 *
 * With `quickCount`, a new query's first window counts at most that many rows (so a
 * keystroke costs the window, not a count of every match) and the exact total follows once
 * the query has rested. A query whose predecessor is still in main waits for it, and is
 * dropped if a newer one came meanwhile: typing faster than main answers sends only the
 * newest search. Its first window holds only the rows the list shows (see firstWindowMin), and
 * arriving rows are rendered at once, in the task that received them (no later task that the
 * next frame could come before).
 */
export function useWindowedRows<Row extends { id: string }>(
  query: RowsQuery<Row>,
  search: string,
  what: string,
  quickCount?: number,
) {
  const [total, setTotal] = useState<number | null>(null);
  // The total is a lower bound while a capped count waits for its exact one ("500+").
  const [totalIsAtLeast, setTotalIsAtLeast] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  // The search whose rows are on screen: a readiness signal for tests and the benchmark.
  const [shownSearch, setShownSearch] = useState<string | null>(null);
  // Bumped when rows arrive: `rowAt` changes identity exactly then, so a memoised list
  // re-renders when its rows changed and not when its parent re-rendered for another reason.
  const [revision, setRevision] = useState(0);
  const windows = useRef(new Map<number, Row[]>());
  /** The rows shown before the last reload, by id: an unchanged row keeps its object. */
  const previous = useRef(new Map<string, Row>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef({ start: 0, end: windowSize });
  /** The most rows the list has asked for at once (0 until it has asked): its screenful. */
  const rowsShown = useRef(0);
  /** The total of the rows on screen (a partial window is complete when it reaches it). */
  const knownTotal = useRef<number | null>(null);
  /** Whether the current query is new (its first window may count quickly). */
  const fresh = useRef(true);
  const exactCount = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Requests in main, by the query generation that sent them. */
  const sent = useRef<Array<{ generation: number; done: Promise<unknown> }>>([]);
  // The latest arguments, read by the stable callbacks below (a new query calls reload).
  const latest = useRef({ query, search, what, quickCount });
  useLayoutEffect(() => {
    latest.current = { query, search, what, quickCount };
  }, [query, search, what, quickCount]);

  /** A new query's first window: a screenful, or the whole window before the list measured. */
  const firstLimit = () =>
    rowsShown.current > 0
      ? Math.min(windowSize, Math.max(firstWindowMin, rowsShown.current))
      : windowSize;
  /**
   * Sends the first window of the query the next render will pass at once, from the input
   * event: React's render of the keystroke then overlaps the round trip instead of coming
   * before it. `next` must hand the same request to that render's query (useInboxRows). Only
   * when nothing is in main: a query sent while another is there waits its turn as usual.
   */
  const sendEarly = useCallback((next: RowsQuery<Row>) => {
    const { quickCount } = latest.current;
    if (quickCount === undefined || sent.current.length > 0) return;
    const limit = firstLimit();
    const request = next(0, limit, quickCount);
    // The reload this query brings makes the next generation; until then main has it.
    const entry = { generation: generation.current + 1, done: request };
    sent.current.push(entry);
    detach(
      'sending a search early',
      request.finally(() => {
        sent.current = sent.current.filter((other) => other !== entry);
      }),
    );
  }, []);

  const fetchWindow = useCallback(async (offset: number) => {
    const mine = generation.current;
    const { query, search, what, quickCount } = latest.current;
    inFlight.current.add(offset);
    const older = sent.current.filter((entry) => entry.generation !== mine);
    if (older.length > 0) {
      await Promise.allSettled(older.map((entry) => entry.done));
      if (mine !== generation.current) return;
    }
    const quick = quickCount !== undefined && fresh.current && offset === 0;
    const limit = quick ? firstLimit() : windowSize;
    const request = query(offset, limit, quick ? quickCount : undefined);
    const entry = { generation: mine, done: request };
    sent.current.push(entry);
    const result = await request.finally(() => {
      sent.current = sent.current.filter((other) => other !== entry);
    });
    if (mine !== generation.current) return;
    inFlight.current.delete(offset);
    if (!result.ok) return setError(result.error);
    if (offset === 0) fresh.current = false;
    windows.current.set(offset, keepUnchanged(result.value.rows, previous.current));
    knownTotal.current = result.value.total;
    // Rendered in this task: left to React's scheduler, a frame could come first and the
    // rows wait a frame more.
    flushSync(() => {
      setError(null);
      setTotal(result.value.total);
      setTotalIsAtLeast(result.value.more === true);
      setShownSearch(search);
      setRevision((r) => r + 1);
    });
    if (result.value.more) {
      if (exactCount.current) clearTimeout(exactCount.current);
      exactCount.current = setTimeout(() => {
        exactCount.current = null;
        if (mine !== generation.current) return;
        detach(
          `counting ${what} rows`,
          query(0, 1).then((counted) => {
            if (mine !== generation.current || !counted.ok) return;
            setTotal(counted.value.total);
            setTotalIsAtLeast(false);
          }),
        );
      }, exactCountDelayMs);
    }
  }, []);

  /** Loads the windows of a range that are missing, or all of them with `force`. */
  const load = useCallback(
    (range: { start: number; end: number }, force = false) => {
      lastRange.current = range;
      const held = (offset: number) => windows.current.get(offset)?.length;
      for (const offset of windowsToLoad(range, held, knownTotal.current, windowSize, force)) {
        if (!inFlight.current.has(offset))
          detach(`loading ${latest.current.what} rows`, fetchWindow(offset));
      }
    },
    [fetchWindow],
  );

  /** Makes sure the rows of a range are loaded (the list calls it as it scrolls). */
  const ensure = useCallback(
    (range: { start: number; end: number }) => {
      rowsShown.current = Math.max(rowsShown.current, range.end - range.start);
      load(range);
    },
    [load],
  );

  /**
   * Fetches again. After a change in main the rows on screen stay until their fresh copy
   * arrives (no flicker); after a new query everything is dropped at once.
   */
  const reload = useCallback(
    (keepVisible: boolean) => {
      generation.current += 1;
      inFlight.current = new Set();
      // A refresh of the same query keeps its exact total; only a new query counts quickly.
      fresh.current = !keepVisible;
      if (exactCount.current && !keepVisible) clearTimeout(exactCount.current);
      const visible = new Set(windowsFor(lastRange.current, windowSize));
      const kept = new Map<number, Row[]>();
      previous.current = new Map();
      for (const [offset, rows] of windows.current) {
        for (const row of rows) previous.current.set(row.id, row);
        if (keepVisible && visible.has(offset)) kept.set(offset, rows);
      }
      windows.current = kept;
      load(lastRange.current, true);
    },
    [load],
  );

  useEffect(() => {
    lastRange.current = { start: 0, end: windowSize };
    reload(false);
  }, [reload, query]);

  useEffect(
    () => () => {
      if (exactCount.current) clearTimeout(exactCount.current);
    },
    [],
  );

  /** The row at an index, if its window has arrived. */
  const rowAt = useCallback(
    (index: number): Row | undefined => {
      const offset = Math.floor(index / windowSize) * windowSize;
      return windows.current.get(offset)?.[index - offset];
    },
    // A new identity per arrival of rows (see `revision`).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [revision],
  );

  /** A loaded row by id (an open item follows the list's updates). */
  const findRow = (id: string): Row | undefined => {
    for (const rows of windows.current.values()) {
      const found = rows.find((row) => row.id === id);
      if (found) return found;
    }
    return undefined;
  };

  return { total, totalIsAtLeast, error, shownSearch, rowAt, findRow, ensure, reload, sendEarly };
}

/**
 * A fresh window's rows, each replaced by the object already shown for it when nothing in it
 * changed: a memoised row then skips its render (one fax marked read re-renders one row).
 */
function keepUnchanged<Row extends { id: string }>(
  rows: Row[],
  previous: ReadonlyMap<string, Row>,
): Row[] {
  return rows.map((row) => {
    const old = previous.get(row.id);
    return old && sameFields(old, row) ? old : row;
  });
}

function sameFields(a: object, b: object): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => left[key] === right[key]);
}
