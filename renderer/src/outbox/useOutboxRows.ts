import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError } from '../../../preload/contract';
import type { OutboxRow } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { windowsFor } from '../inbox/virtual-range';

/** Rows are fetched from main in aligned windows of this many (as the inbox does). */
const windowSize = 100;

/**
 * The rows of the Outbox or Sent list for a virtual list: only the windows on screen are
 * fetched; a new search drops them; `outbox:changed` refreshes the ones on screen in place.
 */
export function useOutboxRows(view: 'outbox' | 'sent', search: string) {
  const kamifax = useKamifax();
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [shownSearch, setShownSearch] = useState<string | null>(null);
  const [, setRevision] = useState(0);
  const windows = useRef(new Map<number, OutboxRow[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef({ start: 0, end: windowSize });

  const fetchWindow = useCallback(
    async (offset: number) => {
      const mine = generation.current;
      inFlight.current.add(offset);
      const result = await kamifax.outbox.query({ view, search, offset, limit: windowSize });
      if (mine !== generation.current) return;
      inFlight.current.delete(offset);
      if (!result.ok) return setError(result.error);
      setError(null);
      windows.current.set(offset, result.value.rows);
      setTotal(result.value.total);
      setShownSearch(search);
      setRevision((r) => r + 1);
    },
    [kamifax, view, search],
  );

  const ensure = useCallback(
    (range: { start: number; end: number }, force = false) => {
      lastRange.current = range;
      const span = { start: range.start, end: Math.max(range.end, range.start + 1) };
      for (const offset of windowsFor(span, windowSize))
        if ((force || !windows.current.has(offset)) && !inFlight.current.has(offset))
          detach('loading outbox rows', fetchWindow(offset));
    },
    [fetchWindow],
  );

  const reload = useCallback(
    (keepVisible: boolean) => {
      generation.current += 1;
      inFlight.current = new Set();
      if (!keepVisible) windows.current = new Map();
      ensure(lastRange.current, true);
    },
    [ensure],
  );

  useEffect(() => {
    lastRange.current = { start: 0, end: windowSize };
    reload(false);
  }, [reload]);

  useEffect(() => kamifax.on('outbox:changed', () => reload(true)), [kamifax, reload]);

  // Upload progress arrives many times a second: kept beside the rows, never refetching them.
  const [progress, setProgress] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(
    () =>
      kamifax.on('outbox:progress', ({ sendId, loaded, total: size }) =>
        setProgress((current) => new Map(current).set(sendId, size > 0 ? loaded / size : 0)),
      ),
    [kamifax],
  );

  const rowAt = (index: number): OutboxRow | undefined => {
    const offset = Math.floor(index / windowSize) * windowSize;
    return windows.current.get(offset)?.[index - offset];
  };

  /** A loaded row by id (the open fax follows the list's updates). */
  const findRow = (id: string): OutboxRow | undefined => {
    for (const rows of windows.current.values()) {
      const found = rows.find((row) => row.id === id);
      if (found) return found;
    }
    return undefined;
  };

  return { total, error, shownSearch, rowAt, ensure, progress, findRow };
}
