import { useCallback, useEffect } from 'react';
import type { InboxQuery } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { useWindowedRows } from '../app/useWindowedRows';

type Criteria = Pick<InboxQuery, 'search' | 'filter' | 'sort'>;

/**
 * The inbox rows for a virtual list (see useWindowedRows); a new revision in main refreshes
 * the rows on screen.
 */
export function useInboxRows(criteria: Criteria) {
  const kamifax = useKamifax();
  const query = useCallback(
    (offset: number, limit: number) => kamifax.inbox.query({ ...criteria, offset, limit }),
    [kamifax, criteria],
  );
  const { total, error, shownSearch, rowAt, ensure, reload } = useWindowedRows(
    query,
    criteria.search,
    'inbox',
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

  return { total, error, shownSearch, rowAt, ensure, reload: () => reload(true) };
}
