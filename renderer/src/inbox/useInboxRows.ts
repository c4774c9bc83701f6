import { useCallback, useEffect, useRef } from 'react';
import type { InboxQuery, KamifaxApi } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { useWindowedRows } from '../app/useWindowedRows';

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;
type Answer = ReturnType<KamifaxApi['inbox']['query']>;

/**
 * A new search's first window counts at most this many matches (the exact count follows when
 * typing rests): enough to size the scrollbar for the first screens.
 */
const quickCount = 500;

/**
 * The inbox rows for a virtual list (see useWindowedRows); a new revision in main refreshes
 * the rows on screen.
 */
export function useInboxRows(criteria: Criteria) {
  const kamifax = useKamifax();
  /** A first window sent from the input event, for the criteria about to be set. */
  const sentEarly = useRef<{ criteria: Criteria; args: string; request: Answer } | null>(null);
  const send = useCallback(
    (next: Criteria, offset: number, limit: number, countUpTo?: number) =>
      kamifax.inbox.query({ ...next, offset, limit, ...(countUpTo ? { countUpTo } : {}) }),
    [kamifax],
  );
  const query = useCallback(
    (offset: number, limit: number, countUpTo?: number) => {
      const early = sentEarly.current;
      sentEarly.current = null;
      if (early?.criteria === criteria && early.args === `${offset}/${limit}/${countUpTo}`)
        return early.request;
      return send(criteria, offset, limit, countUpTo);
    },
    [send, criteria],
  );
  const { total, totalIsAtLeast, error, shownSearch, rowAt, ensure, reload, sendEarly } =
    useWindowedRows(query, criteria.search, 'inbox', quickCount);
  /** The criteria about to be set (the same object): their first window leaves at once. */
  const early = useCallback(
    (next: Criteria) =>
      sendEarly((offset, limit, countUpTo) => {
        const request = send(next, offset, limit, countUpTo);
        sentEarly.current = { criteria: next, args: `${offset}/${limit}/${countUpTo}`, request };
        return request;
      }),
    [send, sendEarly],
  );

  // Rows are read again only when they changed (a new revision), not on every status.
  useEffect(() => {
    let seen: number | null = null;
    return kamifax.on('inbox:changed', ({ revision }) => {
      if (revision === seen) return;
      seen = revision;
      reload(true);
    });
  }, [kamifax, reload]);
  // A contact saved, deleted or imported renames the numbers on screen.
  useEffect(() => kamifax.on('contacts:changed', () => reload(true)), [kamifax, reload]);

  return {
    total,
    totalIsAtLeast,
    error,
    shownSearch,
    rowAt,
    ensure,
    early,
    reload: () => reload(true),
  };
}
