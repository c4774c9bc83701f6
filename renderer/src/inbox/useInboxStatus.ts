import { useEffect, useState } from 'react';
import type { InboxStatus } from '../../../preload/contract';
import { detach } from '../app/detach';
import { useKamifax } from '../app/KamifaxContext';

/** The inbox's sync status and counts, kept current by main's `inbox:changed` events. */
export function useInboxStatus(): InboxStatus | null {
  const kamifax = useKamifax();
  const [status, setStatus] = useState<InboxStatus | null>(null);
  useEffect(() => {
    let live = true;
    detach('load the inbox status', async () => {
      const result = await kamifax.inbox.status();
      if (live && result.ok) setStatus(result.value);
    });
    const stop = kamifax.on('inbox:changed', setStatus);
    return () => {
      live = false;
      stop();
    };
  }, [kamifax]);
  return status;
}
