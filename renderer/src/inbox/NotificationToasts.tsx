import { useEffect } from 'react';
import { useAccountView } from '../app/account-context';
import { useKamifax } from '../app/KamifaxContext';
import { useToasts } from '../app/toasts';
import { formatFaxNumber } from './format';

/** Numbers in E.164 inside a notification's text. */
const e164 = /\+\d{6,15}/g;

/**
 * In the browser host there is no desktop notification, so notices appear as toasts instead,
 * each clickable to open its fax, with numbers written as the list writes them.
 */
export function NotificationToasts({ onOpen }: { onOpen: (faxId: string | null) => void }) {
  const kamifax = useKamifax();
  const toasts = useToasts();
  const { country } = useAccountView();

  useEffect(
    () =>
      kamifax.on('notification:shown', (notice) => {
        const body = notice.body.replace(e164, (number) => formatFaxNumber(number, country));
        toasts.show({
          // Main wrote these words in the notification's language (its own policy of what
          // a notification may say); they are shown as they came.
          message: { said: `${notice.title} — ${body}` },
          onClick: () => onOpen(notice.faxId),
          ms: 10_000,
        });
      }),
    [kamifax, toasts, country, onOpen],
  );
  return null;
}
