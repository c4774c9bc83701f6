import { useCallback, useEffect } from 'react';
import type { InboxQuery } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { useWindowedRows } from '../app/useWindowedRows';

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;

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
  const query = useCallback(
    (offset: number, limit: number, countUpTo?: number) =>
      kamifax.inbox.query({ ...criteria, offset, limit, ...(countUpTo ? { countUpTo } : {}) }),
    [kamifax, criteria],
  );
  const { total, totalIsAtLeast, error, shownSearch, rowAt, ensure, reload } = useWindowedRows(
    query,
    criteria.search,
    'inbox',
    quickCount,
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

  return { total, totalIsAtLeast, error, shownSearch, rowAt, ensure, reload: () => reload(true) };
}
