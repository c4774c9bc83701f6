import { useEffect, useState } from 'react';
import type { EventOf } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';

type Shown = EventOf<'notification:shown'> & { key: number };

/**
 * In the browser host there is no desktop notification, so notices appear here instead,
 * each clickable to open its fax, and fade after a while.
 */
export function NotificationToasts({ onOpen }: { onOpen: (faxId: string | null) => void }) {
  const kamifax = useKamifax();
  const [toasts, setToasts] = useState<Shown[]>([]);

  useEffect(
    () =>
      kamifax.on('notification:shown', (notice) => {
        const key = Date.now() + Math.random();
        setToasts((list) => [...list.slice(-3), { ...notice, key }]);
        setTimeout(() => setToasts((list) => list.filter((t) => t.key !== key)), 10_000);
      }),
    [kamifax],
  );

  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <button
          key={toast.key}
          type="button"
          className="toast"
          data-testid="notification-toast"
          onClick={() => {
            setToasts((list) => list.filter((t) => t.key !== toast.key));
            onOpen(toast.faxId);
          }}
        >
          <strong>{toast.title}</strong>
          <span>{toast.body}</span>
        </button>
      ))}
    </div>
  );
}
