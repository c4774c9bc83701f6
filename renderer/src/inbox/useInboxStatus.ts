import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useState,
  type ReactNode,
} from 'react';
import type { InboxStatus } from '../../../preload/contract';
import { detach } from '../app/detach';
import { useKamifax } from '../app/KamifaxContext';

const InboxStatusContext = createContext<InboxStatus | null | undefined>(undefined);

/**
 * Follows the inbox's status once for the whole signed-in window (the shell, the status bar
 * and the inbox all read it), kept current by main's `inbox:changed` events.
 */
export function InboxStatusProvider({ children }: { children: ReactNode }) {
  const kamifax = useKamifax();
  const [status, setStatus] = useState<InboxStatus | null>(null);
  useEffect(() => {
    let live = true;
    // An event that lands before the first answer is newer: the answer must not undo it.
    let heard = false;
    const stop = kamifax.on('inbox:changed', (next) => {
      heard = true;
      setStatus(next);
    });
    detach('load the inbox status', async () => {
      const result = await kamifax.inbox.status();
      if (live && !heard && result.ok) setStatus(result.value);
    });
    return () => {
      live = false;
      stop();
    };
  }, [kamifax]);
  return createElement(InboxStatusContext.Provider, { value: status }, children);
}

/** The inbox's sync status and counts (null until the first answer). */
export function useInboxStatus(): InboxStatus | null {
  const status = useContext(InboxStatusContext);
  if (status === undefined) throw new Error('useInboxStatus outside InboxStatusProvider');
  return status;
}
