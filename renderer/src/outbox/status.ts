import type { OutboxRow } from '../../../preload/send-contract';
import type { Translate } from '../i18n/i18n';

const finished = new Set<OutboxRow['status']>(['delivered', 'failed', 'cancelled']);

/**
 * The status chip of a row in plain words: Queued, Uploading 40 %, Sending 3/12, Delivered,
 * Failed · busy; Cancelling… while a cancel asked for is settled with the service. `upload` is
 * the live upload fraction when one is known.
 */
export function statusText(row: OutboxRow, t: Translate, upload?: number): string {
  if (row.cancelRequested && !finished.has(row.status)) return t('outbox.status.cancelling');
  switch (row.status) {
    case 'uploading': {
      const fraction = upload ?? row.progress;
      return fraction === null || fraction === undefined
        ? t('outbox.status.uploading')
        : t('outbox.status.uploadingPercent', { percent: Math.round(fraction * 100) });
    }
    case 'sending':
      return row.pagesSent > 0
        ? t('outbox.status.sendingPages', { sent: row.pagesSent, pages: row.pages })
        : t('outbox.status.sending');
    case 'failed':
      return row.failureReason
        ? t('outbox.status.failedReason', { reason: t(`outbox.reason.${row.failureReason}`) })
        : t('outbox.status.failed');
    default:
      return t(`outbox.status.${row.status}`);
  }
}
