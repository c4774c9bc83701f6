import { useEffect, useState } from 'react';
import { detach } from './detach';
import { useKamifax } from './KamifaxContext';
import type { ScreenId } from './screens';

/**
 * Counts for the navigation (queued faxes, drafts) from the sending half's events. A channel
 * that is not served yet answers an error; the count then stays hidden rather than wrong.
 */
export function useNavCounts(unread: number): Partial<Record<ScreenId, number>> {
  const kamifax = useKamifax();
  const [outbox, setOutbox] = useState<number | null>(null);
  const [drafts, setDrafts] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const load = async () => {
      const [counts, list] = await Promise.all([kamifax.outbox.counts(), kamifax.drafts.list()]);
      if (!live) return;
      if (counts.ok) setOutbox(counts.value.queued + counts.value.sending);
      if (list.ok) setDrafts(list.value.rows.length);
    };
    detach('load navigation counts', load);
    const stops = [
      kamifax.on('outbox:changed', (counts) => setOutbox(counts.queued + counts.sending)),
      kamifax.on('drafts:changed', ({ count }) => setDrafts(count)),
    ];
    return () => {
      live = false;
      for (const stop of stops) stop();
    };
  }, [kamifax]);

  return {
    inbox: unread,
    ...(outbox !== null && { outbox }),
    ...(drafts !== null && { drafts }),
  };
}
