import { useCallback, useEffect, useState } from 'react';
import { useKamifax } from '../app/KamifaxContext';
import { useWindowedRows } from '../app/useWindowedRows';

/**
 * The rows of the Outbox or Sent list for a virtual list (see useWindowedRows);
 * `outbox:changed` refreshes the ones on screen in place.
 */
export function useOutboxRows(view: 'outbox' | 'sent', search: string) {
  const kamifax = useKamifax();
  const query = useCallback(
    (offset: number, limit: number) => kamifax.outbox.query({ view, search, offset, limit }),
    [kamifax, view, search],
  );
  const { total, error, shownSearch, rowAt, findRow, ensure, reload } = useWindowedRows(
    query,
    search,
    'outbox',
  );

  useEffect(() => kamifax.on('outbox:changed', () => reload(true)), [kamifax, reload]);
  // A contact saved, deleted or imported renames the numbers on screen.
  useEffect(() => kamifax.on('contacts:changed', () => reload(true)), [kamifax, reload]);

  // Upload progress arrives many times a second: kept beside the rows, never refetching them.
  const [progress, setProgress] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(
    () =>
      kamifax.on('outbox:progress', ({ sendId, loaded, total: size }) =>
        setProgress((current) => new Map(current).set(sendId, size > 0 ? loaded / size : 0)),
      ),
    [kamifax],
  );

  return { total, error, shownSearch, rowAt, ensure, progress, findRow };
}
